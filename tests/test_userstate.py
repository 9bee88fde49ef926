"""The state file keeps bookmarks, notes and views safe: atomic writes, corrupt files moved aside,
two processes merging, a read-only location degrading to memory."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from tui.cli import main
from tui.userstate import Bookmark, UserState, write_atomically

ROOT = Path(__file__).resolve().parent.parent


def mark(n: int = 1, source: str = "kharkiv-2024-05-31") -> Bookmark:
    return Bookmark(source, f"s{n}", f"text {n}", f"“text {n}” — Someone, Fri 31 May 2024, “Headline”")


def test_settings_views_and_bookmarks_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    state = UserState(path)
    state.set("theme", "nord")
    state.set_view("kharkiv-2024-05-31", {"countries": ["PL"], "search": "war", "pane": "stances"})
    assert state.toggle_bookmark(mark(1), shown=None) is True
    state.set_note(mark(1), "check the transcript\nsecond line")
    again = UserState(path)
    assert again.get("theme") == "nord"
    assert again.view("kharkiv-2024-05-31")["countries"] == ["PL"]
    assert [(b.statement, b.note) for b in again.bookmarks()] == [("s1", "check the transcript\nsecond line")]
    assert set(json.loads(path.read_text())) == {"settings", "views", "bookmarks"}  # TinyDB tables


def test_toggling_twice_removes_and_a_note_bookmarks(tmp_path: Path) -> None:
    state = UserState(tmp_path / "state.json")
    assert state.toggle_bookmark(mark(2), shown=None) is True
    assert state.toggle_bookmark(mark(2), shown=state.bookmark(*mark(2).key)) is False
    assert state.bookmarks() == []
    state.set_note(mark(3), "noted")
    assert state.bookmark("kharkiv-2024-05-31", "s3").note == "noted"


def test_a_corrupt_file_is_moved_aside_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text('{"bookmarks": {"1": {"source": "x", "stat', encoding="utf-8")
    state = UserState(path)
    assert state.bookmarks() == []
    aside = [p for p in tmp_path.iterdir() if p.name.startswith("state.json.corrupt-")]
    assert len(aside) == 1 and aside[0].read_text().startswith('{"bookmarks"')
    assert "moved" in state.warnings[0] or "kept it as" in state.warnings[0]
    state.toggle_bookmark(mark(1), shown=None)
    assert [b.statement for b in UserState(path).bookmarks()] == ["s1"]


def test_a_file_that_is_json_but_not_a_state_is_moved_aside(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("[1, 2, 3]", encoding="utf-8")
    assert UserState(path).get("theme") is None
    assert any(p.name.startswith("state.json.corrupt-") for p in tmp_path.iterdir())


def test_an_unwritable_location_keeps_state_in_memory_with_a_warning(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where a folder should be")
    state = UserState(blocker / "state.json")
    state.set("theme", "nord")
    assert state.toggle_bookmark(mark(1), shown=None) is True
    assert state.get("theme") == "nord"  # kept for the session
    assert [b.statement for b in state.bookmarks()] == ["s1"]
    assert len(state.warnings) == 1 and "changes last until you quit" in state.warnings[0]


def test_write_atomically_leaves_no_temporary_files(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    write_atomically(path, '{"a": {}}')
    write_atomically(path, '{"b": {}}')
    assert json.loads(path.read_text()) == {"b": {}}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.json"]


WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {root!r})
    from tui.userstate import Bookmark, UserState
    state = UserState(__import__("pathlib").Path({path!r}))
    name = sys.argv[1]
    for n in range(int(sys.argv[2])):
        state.toggle_bookmark(Bookmark("src", f"{{name}}-{{n}}", "t" * 2000, "c"), shown=None)
        if n == 0:
            print("started", flush=True)
    """
)


def _writer(tmp_path: Path, path: Path, name: str, count: int) -> subprocess.Popen:
    script = tmp_path / "writer.py"
    script.write_text(WRITER.format(root=str(ROOT), path=str(path)))
    return subprocess.Popen([sys.executable, str(script), name, str(count)], stdout=subprocess.PIPE, text=True)


def test_two_processes_do_not_lose_each_others_bookmarks(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    writers = [_writer(tmp_path, path, name, 40) for name in ("one", "two")]
    for writer in writers:
        assert writer.wait(timeout=120) == 0
    ids = {b.statement for b in UserState(path).bookmarks()}
    assert ids == {f"{name}-{n}" for name in ("one", "two") for n in range(40)}


def test_a_writer_killed_mid_write_leaves_a_readable_file(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    writer = _writer(tmp_path, path, "busy", 100000)
    assert writer.stdout is not None and writer.stdout.readline().strip() == "started"
    time.sleep(0.3)  # it is writing continuously now
    os.kill(writer.pid, signal.SIGKILL)
    writer.wait(timeout=30)
    state = UserState(path)
    marks = state.bookmarks()
    assert marks and all(b.text == "t" * 2000 for b in marks)
    assert state.warnings == []  # nothing had to be moved aside


def test_bookmarks_command_exports_markdown_json_and_csv(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "state.json"
    state = UserState(path)
    state.set_note(mark(7), "first line\nsecond *line*")
    assert main(["bookmarks", "--state", str(path)]) == 0
    out = capsys.readouterr().out
    # s7 is in the bundled dossier: today's citation replaces the one saved (reported speech, so no quotation marks).
    assert out.startswith("> U.S. officials (United States), as reported in the article's words, not a quotation: U.S.")
    assert "“" not in out.split("\n\n")[0]
    assert "Note: first line\nsecond \\*line\\*" in out
    assert main(["bookmarks", "--state", str(path), "--format", "json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert rows[0]["statement"] == "s7" and rows[0]["note"] == "first line\nsecond *line*"
    assert main(["bookmarks", "--state", str(path), "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines()[0] == "source,statement,text,citation,note,created"


def test_bookmarks_command_uses_the_environment_variable(tmp_path: Path, monkeypatch, capsys) -> None:
    path = tmp_path / "elsewhere.json"
    UserState(path).toggle_bookmark(mark(4), shown=None)
    monkeypatch.setenv("FACT_EXPLORER_STATE", str(path))
    assert main(["bookmarks", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)[0]["statement"] == "s4"
