"""A folder of dossiers as one corpus: merging, namespacing, stance history, skipped files."""

from __future__ import annotations

import copy
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_json
from tests.test_app import flat, pane_text
from tui.app.selection import StanceRef
from tui.cli import main
from tui.corpus import load_folder, merge
from tui.filters import Filter
from tui.validation import check

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from generate import generate  # noqa: E402


def later_article(seed_data: dict[str, Any]) -> dict[str, Any]:
    """The seed as if republished a week later with Sikorski's stance changed: same actors, new source."""
    data = copy.deepcopy(seed_data)
    data["source"]["id"] = "kharkiv-follow-up"
    data["source"]["reference_date"] = "2024-06-07"
    for stance in data["stances"]:
        if stance["actor"] == "sikorski" and stance["issue"] == "border-strikes":
            stance["position"] = "permitted_limited"
    # dates resolved against 31 May stay valid: the follow-up quotes the same reactions
    return data


@pytest.fixture
def corpus_dir(tmp_path: Path, seed_data: dict[str, Any]) -> Path:
    write_json(tmp_path / "a-first.json", seed_data)
    write_json(tmp_path / "b-later.json", later_article(seed_data))
    return tmp_path


def test_same_actor_across_articles_is_one_speaker(corpus_dir: Path) -> None:
    loaded = load_folder(corpus_dir)
    assert not loaded.skipped and len(loaded.loaded) == 2
    store = merge([d for _, d in loaded.loaded], "test")
    assert store.is_corpus
    assert len(store.actor) == 15  # the 15 actors of the seed, once each
    sikorski = store.statements(Filter(actors=frozenset({"sikorski"})))
    assert [s.id for s in sikorski] == [
        "kharkiv-2024-05-31/s24",
        "kharkiv-2024-05-31/s25",
        "kharkiv-follow-up/s24",
        "kharkiv-follow-up/s25",
    ]
    assert store.statement_count("sikorski") == 4


def test_ids_are_namespaced_and_keep_their_article(corpus_dir: Path) -> None:
    store = merge([d for _, d in load_folder(corpus_dir).loaded], "test")
    s = store.statement["kharkiv-follow-up/s7"]
    assert store.source_of(s.id).id == "kharkiv-follow-up"
    assert store.local_id(s.id) == "s7"
    assert store.store_id("kharkiv-follow-up", "s7") == s.id
    assert s.when == "kharkiv-follow-up/e-atacms-policy"
    event = store.event[s.when]
    assert all(e.startswith("kharkiv-follow-up/") for e in event.evidence)
    text = store.source_of(s.id).text
    assert text[s.content.start : s.content.end] == s.content.exact
    notes = store.notes_about("kharkiv-follow-up/s1")  # the seed's note on 'inside Ukraine' is about s1
    assert notes and all(n.id.startswith("kharkiv-follow-up/") for n in notes)
    assert len(store.dossier.events) == 2 * 15


def test_latest_stance_wins_and_history_is_kept(corpus_dir: Path) -> None:
    store = merge([d for _, d in load_folder(corpus_dir).loaded], "test")
    latest = store.stance_of("sikorski", "border-strikes")
    assert latest is not None and latest.position == "permitted_limited"
    history = store.history[("sikorski", "border-strikes")]
    assert [(r.source.id, r.stance.position) for r in history] == [
        ("kharkiv-2024-05-31", "permitted"),
        ("kharkiv-follow-up", "permitted_limited"),
    ]
    assert store.source_of_stance(latest).id == "kharkiv-follow-up"
    assert len(store.dossier.stances) == 20  # one per actor and issue


def test_actors_with_a_shared_key_are_merged(tmp_path: Path, seed_data: dict[str, Any]) -> None:
    other = later_article(seed_data)
    for actor in other["actors"]:
        if actor["id"] == "sikorski":
            actor["id"] = "radoslaw-sikorski"
            actor["key"] = "sikorski"
    for s in other["statements"]:
        if s["actor"] == "sikorski":
            s["actor"] = "radoslaw-sikorski"
    for st in other["stances"]:
        if st["actor"] == "sikorski":
            st["actor"] = "radoslaw-sikorski"
    for e in other["events"]:
        e["actors"] = ["radoslaw-sikorski" if a == "sikorski" else a for a in e["actors"]]
    for n in other["notes"]:
        n["about"] = ["radoslaw-sikorski" if a == "sikorski" else a for a in n["about"]]
    assert check(other).errors == []
    write_json(tmp_path / "a.json", seed_data)
    write_json(tmp_path / "b.json", other)
    store = merge([d for _, d in load_folder(tmp_path).loaded], "test")
    assert "radoslaw-sikorski" not in store.actor
    assert store.statement_count("sikorski") == 4


def test_a_broken_file_is_reported_and_skipped(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (corpus_dir / "c-broken.json").write_text("{not json")
    (corpus_dir / "schema.json").write_text("{}")  # a schema beside the dossiers is not one of them
    loaded = load_folder(corpus_dir)
    assert [p.name for p, _ in loaded.skipped] == ["c-broken.json"]
    assert main(["speakers", str(corpus_dir), "--country", "PL", "--format", "json"]) == 0
    out, err = capsys.readouterr()
    assert [r["id"] for r in json.loads(out)] == ["sikorski"]
    assert err.splitlines() == [
        f"{corpus_dir / 'c-broken.json'}: $: not JSON: Expecting property name enclosed in double quotes at line 1 "
        "column 2",
        "fact-explorer: skipped 1 of 3 files that do not validate",
    ]


def test_the_same_source_twice_is_skipped_once(corpus_dir: Path, seed_data: dict[str, Any]) -> None:
    write_json(corpus_dir / "z-copy.json", seed_data)
    loaded = load_folder(corpus_dir)
    assert [(p.name, r.problems[0].message) for p, r in loaded.skipped] == [
        ("z-copy.json", "source id 'kharkiv-2024-05-31' is used by another file")
    ]


def test_cli_queries_and_validate_take_a_folder(corpus_dir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["quotes", str(corpus_dir), "--country", "poland", "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["id"], r["source"]) for r in rows][:1] == [("kharkiv-2024-05-31/s24", "kharkiv-2024-05-31")]
    assert all("Sikorski" in r["citation"] for r in rows)
    assert main(["stances", str(corpus_dir), "--actor", "sikorski", "--format", "json"]) == 0
    stances = json.loads(capsys.readouterr().out)
    assert {(r["issue"], r["source"], r["source_date"]) for r in stances} == {
        ("border-strikes", "kharkiv-follow-up", "2024-06-07"),
        ("deep-strikes", "kharkiv-follow-up", "2024-06-07"),
    }
    assert main(["validate", str(corpus_dir)]) == 0
    assert capsys.readouterr().out.count(": OK") == 2


def test_an_empty_or_all_broken_folder_is_an_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # A folder with no dossier files says so in one line and exits 2, as `validate` and the explorer do
    # (it printed nothing and exited 1).
    for query in ("quotes", "stances", "bookmarks"):
        assert main([query, str(tmp_path)]) == 2
        assert capsys.readouterr().err == f"{tmp_path}: $: a folder with no dossier files (*.json)\n"
    (tmp_path / "x.json").write_text("[]")
    assert main(["quotes", str(tmp_path)]) == 1
    err = capsys.readouterr().err
    assert "no valid dossier" in err and "Traceback" not in err


def test_generated_dossiers_validate(tmp_path: Path) -> None:
    for path in generate(tmp_path, 12, seed=3):
        data = json.loads(path.read_text())
        result = check(data)
        assert result.errors == [], (path.name, result.errors[:3])
        assert hashlib.sha256(data["source"]["text"].encode()).hexdigest() == data["source"]["text_sha256"]


async def test_the_app_opens_a_folder_with_progress_and_reports_skipped(corpus_dir: Path, tmp_path: Path) -> None:
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    (corpus_dir / "c-broken.json").write_text("[]")
    app = ExplorerApp(path=corpus_dir, state=UserState(tmp_path / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.opened:
            await pilot.pause(0.05)
        assert app.store.is_corpus and len(app.main.in_view) == 50
        assert app.title.endswith(": 2 articles")
        messages = [(n.title, n.message) for n in app._notifications]
        assert any(t.startswith("Skipped 1 file") and "c-broken.json" in m for t, m in messages)
        app.query_one("#stances").focus()
        app.main.set_scope(StanceRef("sikorski", "border-strikes"))
        await pilot.pause()
        detail = str(app.query_one("#detail-body").render())
        assert "History (2 articles):" in detail and "2024-06-07" in detail
        await pilot.press("4", "s")
        await pilot.pause()
        from tui.screens.source import SourceScreen

        assert (
            isinstance(app.screen, SourceScreen)
            and app.screen.headline == app.store.source_of(app.main.current_id).headline
        )
    assert [f for f, _ in app.loaded.refused] == [corpus_dir / "c-broken.json"]


async def test_a_long_list_shows_a_page_more_when_the_cursor_reaches_its_end(corpus_dir: Path, tmp_path: Path) -> None:
    """50 quotes: the first 40, then a line saying how many more; moving onto it shows them, and the
    highlight lands on the first of them. New contents (a search) start from one page again."""
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState
    from tui.widgets.paging import MORE, PAGE

    app = ExplorerApp(path=corpus_dir, state=UserState(tmp_path / "state.json"), fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.opened:
            await pilot.pause(0.05)
        quotes = app.query_one("#quotes")
        while any(w.group == "count" and not w.is_finished for w in app.workers):  # counted after it is shown
            await pilot.pause(0.05)
        await pilot.pause()
        assert quotes.option_count == PAGE + 1 and quotes.options[-1].id == MORE
        assert "10 more: ↓ shows 10 more" in str(quotes.options[-1].prompt)
        await pilot.press("G")  # the last quote shown, not the line that shows more
        assert quotes.highlighted == PAGE - 1 and app.main.current_id == app.main.in_view[PAGE - 1].id
        await pilot.press("j")
        await pilot.pause()
        assert quotes.option_count == 50 and MORE not in [o.id for o in quotes.options]
        assert quotes.highlighted == PAGE and app.main.current_id == app.main.in_view[PAGE].id
        assert flat(app.main.in_view[PAGE].content.exact) in flat(pane_text(app, "#detail"))
        await pilot.press("slash", *"the", "enter")  # new contents: one page again
        await pilot.pause()
        assert quotes.pager.limit == PAGE


async def test_the_stance_matrix_shows_more_actors_when_the_cursor_reaches_its_last_row(tmp_path: Path) -> None:
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState
    from tui.widgets.paging import MORE, PAGE

    folder = tmp_path / "corpus"
    generate(folder, 12, seed=3)  # 76 actors with stances
    app = ExplorerApp(path=folder, state=UserState(tmp_path / "state.json"), fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.opened:
            await pilot.pause(0.05)
        await pilot.press("3")
        table = app.query_one("#stances")
        assert table.row_count == PAGE + 1 and [str(key.value) for key in table.rows][-1] == MORE
        assert [str(cell) for cell in table.get_row_at(PAGE)[:2]] == ["… 36 more actors", "↓ shows 36 more"]
        assert "first 40 of 76 actors" in pane_text(app, "#stances", border=True)
        await pilot.press("G")  # the last actor shown, not the row that shows more
        assert table.cursor_coordinate.row == PAGE - 1 and table.row_count == PAGE + 1
        await pilot.press("j")
        await pilot.pause()
        assert table.row_count == 76 and MORE not in [str(key.value) for key in table.rows]
        assert table.cursor_coordinate.row == PAGE
        actor, issue = table.current()
        assert app.main.scope == StanceRef(actor, issue)
