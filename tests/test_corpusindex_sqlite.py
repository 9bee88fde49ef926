"""The SQLite backend of the corpus index: the shared query tests, and what is its own (damage, locking)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.corpusindex_suite import *  # noqa: F403 - the shared tests run against this backend
from tui.corpusindex import open_index


@pytest.fixture
def make_index(tmp_path_factory: pytest.TempPathFactory):
    made = []

    def make(folder: Path):
        index = open_index(folder, str(tmp_path_factory.mktemp("index") / "corpus.sqlite"))
        made.append(index)
        return index

    yield make
    for index in made:
        index.close()


@pytest.mark.parametrize(
    "command",
    [
        ["quotes", "--country", "poland", "--format", "md"],
        ["quotes", "--search", "the", "--format", "json"],
        ["quotes", "--issue", "sanctions", "--until", "2024-03-01", "--format", "csv"],
        ["timeline", "--since", "2024-05-01", "--format", "csv"],
        ["timeline", "--format", "timelinejs"],
        ["stances", "--search", "sanc", "--format", "json"],
        ["speakers", "--search", "nato", "--format", "md"],
    ],
)
def test_the_cli_on_a_folder_answers_as_the_in_memory_corpus(
    command: list[str], generated: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.cli import main
    from tui.filters import Filter
    from tui.render.queries import render

    assert main([*command, str(generated), "--index", str(tmp_path / "i.sqlite")]) == 0
    got = capsys.readouterr().out
    store = in_memory(generated)  # noqa: F405 - from the shared suite
    args = dict(zip(command[1::2], command[2::2], strict=True))
    f = Filter(
        countries=frozenset({store.resolve_country(args["--country"])}) if "--country" in args else frozenset(),
        issues=frozenset({args["--issue"]}) if "--issue" in args else frozenset(),
        text=args.get("--search", ""),
        date_from=dt.date.fromisoformat(args["--since"]) if "--since" in args else None,  # noqa: F405
        date_to=dt.date.fromisoformat(args["--until"]) if "--until" in args else None,  # noqa: F405
    )
    want = render(store, command[0], f, args["--format"])
    assert got == (want if want.endswith("\n") else want + "\n")
    assert got.count("\n") > 3


def test_a_damaged_index_is_rebuilt_not_trusted(generated: Path, tmp_path: Path) -> None:
    from tui.corpusindex.sync import sync

    location = tmp_path / "i.sqlite"
    index = open_index(generated, str(location))
    sync(index, generated)
    index.close()
    data = bytearray(location.read_bytes())
    data[100:4096] = b"\x07" * (4096 - 100)  # the header and first page after it: not SQLite any more
    location.write_bytes(bytes(data))
    Path(f"{location}-wal").unlink(missing_ok=True)
    again = open_index(generated, str(location))
    assert again.article_count() == 0  # started again, empty
    assert sync(again, generated).indexed == 60
    assert_same_answers(again, in_memory(generated))  # noqa: F405


def test_an_index_of_another_version_or_folder_is_rebuilt(generated: Path, tmp_path: Path) -> None:
    from tui.corpusindex.sync import sync

    location = str(tmp_path / "i.sqlite")
    sync(open_index(generated, location), generated)
    other = tmp_path / "other"
    other.mkdir()
    assert open_index(other, location).article_count() == 0


def test_two_processes_building_one_index_at_once_leave_it_whole(generated: Path, tmp_path: Path) -> None:
    import subprocess
    import sys

    from tests.conftest import ROOT

    location = str(tmp_path / "i.sqlite")
    code = (
        "import sys; from pathlib import Path; from tui.corpusindex import open_index; "
        "from tui.corpusindex.sync import sync; "
        f"sync(open_index(Path({str(generated)!r}), {location!r}), Path({str(generated)!r}))"
    )
    env = {"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"}
    runs = [subprocess.Popen([sys.executable, "-c", code], env=env) for _ in range(2)]
    assert [p.wait(timeout=300) for p in runs] == [0, 0]
    index = open_index(generated, location)
    assert index.article_count() == 60
    assert_same_answers(index, in_memory(generated))  # noqa: F405
    assert index._db().execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("opened_before", [False, True], ids=["opened-by-the-app", "opened-as-textual-loads"])
async def test_the_explorer_opens_an_indexed_folder_at_once_and_follows_a_change(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, opened_before: bool
) -> None:
    """Opened before the app (`loading.folder_soon`, as `fact-explorer FOLDER` does) the corpus as
    indexed is in the first frame; either way the folder is checked after it, and a change shown."""
    import json
    import shutil
    import threading

    from tui.app.explorer import ExplorerApp
    from tui.corpusindex import sync as sync_module
    from tui.corpusindex.sync import sync
    from tui.userstate import UserState

    folder = tmp_path / "corpus"
    shutil.copytree(generated, folder)
    location = str(tmp_path / "i.sqlite")
    sync(open_index(folder, location), folder)
    first = folder / "story-00000.json"
    data = json.loads(first.read_text(encoding="utf-8"))
    data["source"]["headline"] = "A headline changed since the last visit"
    first.write_text(json.dumps(data), encoding="utf-8")
    (folder / "story-00059.json").unlink()

    go = threading.Event()

    def held_sync(*args, **kwargs):
        go.wait(30)  # until the test has seen the panes on the index as it was
        return sync(*args, **kwargs)

    monkeypatch.setattr(sync_module, "sync", held_sync)
    from tui.loading import folder_soon

    opening = folder_soon(folder, location) if opened_before else None
    app = ExplorerApp(path=folder, state=UserState(tmp_path / "state.json"), index=location, folder=opening)
    assert (app.store is not None) == opened_before  # in the first frame
    async with app.run_test(size=(120, 40)) as pilot:
        while app.store is None or app.main.view is None:
            await pilot.pause(0.05)
        assert app.title.endswith(": 60 articles") and len(app.main.in_view) == 60 * 8  # before the sync
        go.set()
        while app.loading:
            await pilot.pause(0.05)
        await pilot.pause()
        assert app.title.endswith(": 59 articles")
        statement = app.store.dossier.statements[0]
        assert app.store.source_of(statement.id).headline == "A headline changed since the last visit"
        assert len(app.main.in_view) == 59 * 8


async def test_the_explorer_builds_a_large_folder_with_its_worker_processes(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A folder of many new files is validated in worker processes (as from 400 files), while Textual
    holds `sys.stderr`: its stand-in has no file (fileno -1), and starting multiprocessing's resource
    tracker with it failed (ValueError), which left the explorer on its loading line for good."""
    from multiprocessing import resource_tracker

    from tui.app.explorer import ExplorerApp
    from tui.corpusindex import sync as sync_module
    from tui.userstate import UserState

    resource_tracker._resource_tracker._stop()  # as in a new process: this build starts the tracker
    monkeypatch.setattr(sync_module, "PARALLEL_FROM", 1)  # as for a large folder
    app = ExplorerApp(path=generated, state=UserState(tmp_path / "state.json"), index=str(tmp_path / "i.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(600):  # 30 s at most
            if app.store is not None and not app.loading:
                break
            await pilot.pause(0.05)
        assert app.store is not None and app.title.endswith(": 60 articles")
        assert len(app.main.in_view) == 60 * 8


async def test_a_load_that_fails_unforeseen_closes_with_one_line(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A defect in loading is said in one line when the explorer closes, with a non-zero exit: the
    loading line is not left on screen for good (as it was when the worker processes failed to start)."""
    from tui.app.explorer import ExplorerApp
    from tui.corpusindex import sync as sync_module
    from tui.userstate import UserState

    def broken(*args, **kwargs):
        raise OSError("disk on fire")

    monkeypatch.setattr(sync_module, "sync", broken)
    app = ExplorerApp(path=generated, state=UserState(tmp_path / "state.json"), index=str(tmp_path / "i.sqlite"))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):
            if app.loaded is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert app.loaded.problem_lines() == [f"fact-explorer: could not open {generated}: OSError: disk on fire"]


def test_an_id_defined_differently_is_kept_apart_on_the_index_as_in_memory(
    tmp_path: Path, seed_data: dict, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two files defining one actor id (or issue id) differently: the index keeps the later article's
    apart under `source-id/id`, with the same answers and conflicts as the in-memory corpus; an earlier
    file that redefines it turns which one is apart around; when it goes, nothing is apart any more."""
    import copy
    import json

    from tui.corpusindex.store import IndexedStore
    from tui.corpusindex.sync import sync
    from tui.loading import load

    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.json").write_text(json.dumps(seed_data), encoding="utf-8")
    other = copy.deepcopy(seed_data)
    other["source"]["id"] = "other-article"
    other["source"]["reference_date"] = "2024-06-07"
    (folder / "b.json").write_text(json.dumps(other), encoding="utf-8")
    location = str(tmp_path / "i.sqlite")
    index = open_index(folder, location)
    sync(index, folder)
    assert index.conflicts() == [] and in_memory(folder).conflicts == []  # noqa: F405
    next(a for a in other["actors"] if a["id"] == "sikorski")["role"] = "Someone else entirely"
    next(i for i in other["issues"] if i["id"] == "escalation")["title"] = "Another question"
    (folder / "b.json").write_text(json.dumps(other), encoding="utf-8")
    earlier = copy.deepcopy(other)
    earlier["source"]["id"], earlier["source"]["reference_date"] = "earlier-article", "2024-01-02"

    def same_as_in_memory() -> None:
        memory = in_memory(folder)  # noqa: F405
        assert index.conflicts() == memory.conflicts and memory.conflicts
        assert_same_answers(index, memory)  # noqa: F405
        assert [a["id"] for a in index.actors()] == [a.id for a in memory.dossier.actors]
        assert [i["id"] for i in index.issues()] == [i.id for i in memory.dossier.issues]
        counts = {a.id: memory.statement_count(a.id) for a in memory.dossier.actors}
        assert index.statement_counts() == {a: n for a, n in counts.items() if n}
        for key in memory.history:
            assert [h["source"] for h in index.history(*key)] == [r.source.id for r in memory.history[key]]
        loaded = load(folder, index=location)
        assert type(loaded.store) is IndexedStore and loaded.store.conflicts == memory.conflicts

    sync(index, folder)
    assert any("'other-article/sikorski'" in c for c in index.conflicts())
    same_as_in_memory()
    (folder / "0-earlier.json").write_text(json.dumps(earlier), encoding="utf-8")
    sync(index, folder)  # now the first article's actor is the one apart, and b's is not
    assert any("'kharkiv-2024-05-31/sikorski'" in c for c in index.conflicts())
    same_as_in_memory()
    (folder / "b.json").unlink()
    (folder / "0-earlier.json").unlink()
    sync(index, folder)
    assert index.conflicts() == [] and index.actors(["kharkiv-2024-05-31/sikorski"]) == []
    assert_same_answers(index, in_memory(folder))  # noqa: F405


async def test_the_quotes_pane_shows_a_search_first_page_before_it_is_counted(
    generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A keystroke redraws the Quotes pane from the first page of its search; the count (a query that
    on a large corpus takes longer than the page) follows, in the border, the header and the last line."""
    import threading

    from tui.app.explorer import ExplorerApp
    from tui.corpusindex.sqlite import SqliteIndex
    from tui.corpusindex.sync import sync
    from tui.userstate import UserState
    from tui.widgets.paging import MORE

    location = str(tmp_path / "i.sqlite")
    sync(open_index(generated, location), generated)
    go = threading.Event()
    count = SqliteIndex.count_statements

    def held_count(self, f):
        if f.text:
            go.wait(30)  # until the test has seen the pane without its count
        return count(self, f)

    monkeypatch.setattr(SqliteIndex, "count_statements", held_count)
    app = ExplorerApp(path=generated, state=UserState(tmp_path / "state.json"), index=location, fresh=True)
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.opened or any(not w.is_finished for w in app.workers):
            await pilot.pause(0.05)
        await pilot.press("slash", *"the")
        quotes = app.query_one("#quotes")
        while app.main.view.filter.text != "the":
            await pilot.pause(0.05)
        await pilot.pause()
        first_page = app.store.index.statement_ids(app.main.filter, 0, 40)
        assert [o.id for o in quotes.options[:40]] == first_page and len(first_page) == 40
        assert quotes.border_subtitle == "counting…" and "…/480 quotes" in app.sub_title
        assert quotes.options[-1].id == MORE and "(counting)" in str(quotes.options[-1].prompt)
        go.set()
        while any(w.group == "count" and not w.is_finished for w in app.workers):
            await pilot.pause(0.05)
        await pilot.pause()
        total = count(app.store.index, app.main.filter)
        assert quotes.border_subtitle == f"{total:,} shown" and f"{total:,}/480 quotes" in app.sub_title
        assert f"{total - 40:,} more" in str(quotes.options[-1].prompt)


def test_queries_from_many_short_threads_reuse_connections(generated: Path, tmp_path: Path) -> None:
    """The explorer queries from a new worker thread at each keystroke: the connections of threads
    that ended are taken up again, not opened anew each time."""
    import threading

    from tui.corpusindex.sync import sync
    from tui.filters import Filter

    index = open_index(generated, str(tmp_path / "i.sqlite"))
    sync(index, generated)
    found = []
    for _ in range(30):
        thread = threading.Thread(target=lambda: found.append(index.count_statements(Filter(text="the"))))
        thread.start()
        thread.join()
    assert len(set(found)) == 1 and found[0] > 0
    assert len(index._by_thread) <= 2  # this thread's and the last one's
    index.close()


def test_a_folder_is_known_to_hold_dossiers_from_its_first_entries(tmp_path: Path) -> None:
    """The explorer refuses a folder with no dossier file before opening; asking must not list (and
    stat) a whole large folder, so it stops at the first `*.json` entry."""
    from tui.corpusindex.sync import any_dossier

    (tmp_path / "schema.json").write_text("{}", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    assert not any_dossier(tmp_path)
    (tmp_path / "story.json").write_text("{}", encoding="utf-8")
    assert any_dossier(tmp_path)


@pytest.mark.skipif(not hasattr(os, "nice"), reason="no process priorities here")
def test_the_worker_processes_yield_the_cores_to_the_writer() -> None:
    """Every file waits on the one writer; the workers that read and validate files run at a lower
    priority, so the writer (and the explorer's screen beside it) keeps a core. In a child process:
    a priority once lowered cannot be raised again."""
    code = (
        "import os; from tui.corpusindex.sync import _yield_to_writer; "
        "before = os.nice(0); _yield_to_writer(); print(before, os.nice(0))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    before, after = map(int, out.split())
    assert after == min(before + 10, 19) and (after > before or before == 19)


def test_a_query_nobody_waits_for_stops(generated: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A worker whose filter is out of date stops its queries (a count of a one-letter search takes
    seconds on 100,000 dossiers, and would hold a thread the next keystroke needs)."""
    import sqlite3

    from tui.corpusindex import sqlite as backend
    from tui.corpusindex.cancel import stop_when

    monkeypatch.setattr(backend, "STOP_CHECK", 100)  # looked at more often: this corpus is small
    from tui.corpusindex.sync import sync
    from tui.filters import Filter

    index = open_index(generated, str(tmp_path / "i.sqlite"))
    sync(index, generated)
    every = Filter(text="o")
    with stop_when(lambda: False):
        assert index.count_statements(every) > 100
    with stop_when(lambda: True), pytest.raises(sqlite3.OperationalError, match="interrupted"):
        index.count_statements(every)
    assert index.count_statements(every) > 100  # outside the block, nothing stops
    index.close()
