"""The query tests every corpus index backend must pass: same ids, same order as the in-memory corpus
(`tui.corpus.merge`) on generated and hand-made corpora, incremental sync, paging.

A backend's test module imports these tests and defines one fixture, `make_index(folder) -> CorpusIndex`
(a fresh, empty index for that folder); see tests/test_corpusindex_sqlite.py."""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

import pytest

from tui.corpus import load_folder, merge
from tui.corpusindex.sync import sync
from tui.filters import Filter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import generate  # noqa: E402

FILTERS = [
    Filter(),
    Filter(countries=frozenset({"PL"})),
    Filter(countries=frozenset({"NATO", "DE"})),
    Filter(issues=frozenset({"sanctions"})),
    Filter(text="sanc"),
    Filter(text="the war"),
    Filter(text="nato"),  # an organisation's name and the word alike
    Filter(text="zzzz-no-such-word"),
    Filter(text="..."),  # no words: searches nothing
    Filter(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 3, 20)),
    Filter(date_from=dt.date(2024, 6, 1)),
    Filter(countries=frozenset({"US"}), text="weap", date_to=dt.date(2024, 9, 1)),
]


def in_memory(folder: Path):
    return merge([d for _, d in load_folder(folder).loaded], folder.name)


def stance_keys(stances) -> list[tuple[str, str, str, tuple[str, ...]]]:
    return [(st["actor"], st["issue"], st["position"], tuple(st["evidence"])) for st in stances]


def filters_for(store) -> list[Filter]:
    """The fixed filters, plus one on an actor and one on an actor with a search, from this corpus."""
    actor = store.dossier.actors[len(store.dossier.actors) // 2].id
    return [*FILTERS, Filter(actors=frozenset({actor})), Filter(actors=frozenset({actor}), text="on")]


def assert_same_answers(index, store) -> None:
    for f in filters_for(store):
        want = [s.id for s in store.statements(f)]
        assert index.statement_ids(f) == want, f
        assert index.statement_ids(f, 0, 7) + index.statement_ids(f, 7, 7) == want[:14], f  # pages as the app asks
        assert index.count_statements(f) == len(want), f
        assert [e.id for e in store.events(f)] == index.event_ids(f), f
        assert index.event_ids(f, 0, 7) + index.event_ids(f, 7, 7) == index.event_ids(f)[:14], f
        assert index.count_events(f) == len(store.events(f)), f
        assert [a.id for a in store.actors(f)] == index.actor_ids(f), f
        want_stances = [(st.actor, st.issue, st.position, tuple(st.evidence)) for st in store.stances(f)]
        assert stance_keys(index.stances(f)) == want_stances, f


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, 60, seed=3, statements=8)
    return folder


def test_generated_corpus_gives_the_same_ids_in_the_same_order(make_index, generated: Path) -> None:
    index = make_index(generated)
    report = sync(index, generated)
    assert report.indexed == 60 and not report.refused
    store = in_memory(generated)
    assert_same_answers(index, store)
    assert index.article_count() == 60
    assert index.statement_counts() == {a.id: store.statement_count(a.id) for a in store.dossier.actors}
    assert [a["id"] for a in index.actors()] == [a.id for a in store.dossier.actors]
    assert [i["id"] for i in index.issues()] == [i.id for i in store.dossier.issues]
    assert list(index.sources()) == list(store.sources)
    assert index.newest_source() == index.sources()[list(store.sources)[-1]]


def test_pages_cut_the_ordered_list(make_index, generated: Path) -> None:
    index = make_index(generated)
    sync(index, generated)
    every = index.statement_ids(Filter(text="the"))
    assert len(every) > 50
    first, second = index.statement_ids(Filter(text="the"), 0, 20), index.statement_ids(Filter(text="the"), 20, 30)
    assert first + second == every[:50]
    events = index.event_ids(Filter())
    assert index.event_ids(Filter(), 10, 5) == events[10:15]
    records = index.statements(every[:3][::-1])
    assert [r["id"] for r in records] == every[:3][::-1]
    assert [index.statement_position(Filter(text="the"), i) for i in every[::17]] == list(range(0, len(every), 17))
    assert index.statement_position(Filter(text="zzzz"), every[0]) is None
    dated = Filter(date_from=dt.date(2024, 6, 1))
    some = index.event_ids(dated)
    assert [index.event_position(dated, i) for i in some[::7]] == list(range(0, len(some), 7))
    assert index.event_position(dated, events[0]) is None


def test_history_and_latest_stance(make_index, generated: Path) -> None:
    index = make_index(generated)
    sync(index, generated)
    store = in_memory(generated)
    for (actor, issue), records in list(store.history.items())[:20]:
        got = index.history(actor, issue)
        assert [(r["position"], r["source"]) for r in got] == [(r.stance.position, r.source.id) for r in records]


def write(path: Path, data: Any) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")


def test_hand_made_corpus_with_keys_and_stance_changes(make_index, tmp_path: Path, seed_data: dict) -> None:
    first = seed_data["statements"][0]  # a PARC source span (format 1.1) kept as the file gives it
    first["source"] = {"start": first["cue"]["start"], "end": first["cue"]["start"] + 7, "exact": "Blinken"}
    first["source"]["suffix"] = " confirmed"
    seed_data["schema_version"] = "1.1"
    later = copy.deepcopy(seed_data)
    later["source"]["id"] = "kharkiv-follow-up"
    later["source"]["reference_date"] = "2024-06-07"
    for stance in later["stances"]:
        if stance["actor"] == "sikorski" and stance["issue"] == "border-strikes":
            stance["position"] = "permitted_limited"
    write(tmp_path / "b-later.json", later)
    write(tmp_path / "a-first.json", seed_data)
    write(tmp_path / "c-broken.json", {"schema_version": "1.0"})
    index = make_index(tmp_path)
    report = sync(index, tmp_path)
    assert report.indexed == 2
    assert [r.sig.name for r in report.refused] == ["c-broken.json"]
    store = in_memory(tmp_path)
    assert_same_answers(index, store)
    history = index.history("sikorski", "border-strikes")
    assert [h["source"] for h in history] == ["kharkiv-2024-05-31", "kharkiv-follow-up"]
    assert index.article("kharkiv-follow-up")["source"]["reference_date"] == "2024-06-07"
    assert index.notes_about(store.dossier.notes[0].about[0]) != []
    # every field of a statement as the file gave it, the format's own `source` span included
    for s in store.dossier.statements:
        (got,) = index.statements([s.id])
        got.pop("_article")
        assert _given(got) == _given(s.model_dump(mode="json"))
    assert any("source" in r for r in index.statements([s.id for s in store.dossier.statements]))


def _given(value: Any) -> Any:
    """JSON without its nulls and empty lists: what a file may leave out and a model fills in."""
    if isinstance(value, dict):
        return {k: _given(v) for k, v in value.items() if v is not None and v != []}
    return [_given(v) for v in value] if isinstance(value, list) else value


def test_only_changed_files_are_checked_and_removed_ones_dropped(make_index, tmp_path: Path) -> None:
    generate(tmp_path, 12, seed=5, statements=4)
    index = make_index(tmp_path)
    assert sync(index, tmp_path).indexed == 12
    again = sync(index, tmp_path)
    assert (again.checked, again.indexed, again.removed) == (0, 0, 0)

    touched = tmp_path / "story-00003.json"
    os.utime(touched, ns=(touched.stat().st_atime_ns, touched.stat().st_mtime_ns + 10**9))  # same bytes
    assert (sync(index, tmp_path).checked, index.files()["story-00003.json"].mtime_ns) == (
        0,
        touched.stat().st_mtime_ns,
    )

    data = json.loads(touched.read_text(encoding="utf-8"))
    data["source"]["headline"] = "Changed headline"
    write(touched, data)
    (tmp_path / "story-00007.json").unlink()
    report = sync(index, tmp_path)
    assert (report.checked, report.indexed, report.removed) == (1, 1, 1)
    assert index.sources(["story-00003"])["story-00003"]["headline"] == "Changed headline"
    assert "story-00007" not in index.sources()
    assert_same_answers(index, in_memory(tmp_path))


def test_a_file_that_breaks_is_dropped_and_reported(make_index, tmp_path: Path) -> None:
    generate(tmp_path, 4, seed=6, statements=3)
    index = make_index(tmp_path)
    sync(index, tmp_path)
    (tmp_path / "story-00001.json").write_text("{", encoding="utf-8")
    report = sync(index, tmp_path)
    assert [r.sig.name for r in report.refused] == ["story-00001.json"]
    assert "not JSON" in report.refused[0].lines[0]
    assert "story-00001" not in index.sources()
    assert_same_answers(index, in_memory(tmp_path))


def test_files_validated_in_worker_processes_give_the_same_index(
    make_index, generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tui.corpusindex import sync as sync_module

    monkeypatch.setattr(sync_module, "PARALLEL_FROM", 1)  # as for a large folder
    index = make_index(generated)
    assert sync(index, generated).indexed == 60
    assert_same_answers(index, in_memory(generated))


def test_the_indexed_store_answers_as_the_in_memory_store(make_index, generated: Path) -> None:
    """What the app and the CLI read: lazy lists, pages, scopes (the Quotes pane's narrowing by a
    speaker, an event or a stance), records with the models' attributes."""
    from tui.app.selection import ActorRef, EventRef, StanceRef, scoped
    from tui.corpusindex.store import IndexedStore

    index = make_index(generated)
    sync(index, generated)
    store, memory = IndexedStore(index, generated.name), in_memory(generated)
    for f in filters_for(memory)[:6]:
        lazy, listed = store.statements(f), memory.statements(f)
        assert (len(lazy), [s.id for s in lazy]) == (len(listed), [s.id for s in listed]), f
        assert [s.id for s in lazy[5:47]] == [s.id for s in listed[5:47]]
        assert [e.id for e in store.events(f)] == [e.id for e in memory.events(f)]
        actor, event = memory.dossier.actors[3].id, memory.dossier.events[7].id
        stance = memory.dossier.stances[2]
        for scope in (ActorRef(actor), EventRef(event), StanceRef(stance.actor, stance.issue)):
            want = [s.id for s in scoped(memory, listed, scope)]
            assert [s.id for s in scoped(store, lazy, scope)] == want, (f, scope)
    s = store.statements()[10]
    m = memory.statement[s.id]
    assert (s.content.exact, s.mode, s.when, store.when_of(s).when.value) == (
        m.content.exact,
        m.mode,
        m.when,
        memory.when_of(m).when.value,
    )
    assert store.source_of(s.id).headline == memory.source_of(m.id).headline
    assert store.statements().position(s.id) == 10


def test_a_date_range_finds_undated_statements_on_every_page(make_index, tmp_path: Path, seed_data: dict) -> None:
    """A statement with no date may fall on any day, after its article's too: a range starting after
    an article's date still finds that article's undated statements, in order, page after page."""
    for statement in seed_data["statements"][::3]:
        del statement["when"]
    later = copy.deepcopy(seed_data)
    later["source"]["id"] = "kharkiv-follow-up"
    later["source"]["reference_date"] = "2024-06-07"
    write(tmp_path / "a-first.json", seed_data)
    write(tmp_path / "b-later.json", later)
    index = make_index(tmp_path)
    assert sync(index, tmp_path).indexed == 2
    store = in_memory(tmp_path)
    for f in (Filter(date_from=dt.date(2024, 6, 1)), Filter(date_from=dt.date(2024, 5, 30), text="the")):
        want = [s.id for s in store.statements(f)]
        assert "kharkiv-2024-05-31/s1" in want, f  # undated, in the first article
        assert index.statement_ids(f, 0, 4) + index.statement_ids(f, 4, 40) == want, f
