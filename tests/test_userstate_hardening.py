"""The user's state against outside harm: two windows on one file, files of the wrong shape or
encoding, paths that are not regular files, symlinked lock files, `~`, huge files and leftovers of a
kill. No input loses a bookmark or a note, and nothing but a regular file is ever replaced."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tui.cli import main
from tui.userstate import Bookmark, UserState

MARK = Bookmark("kharkiv-2024-05-31", "s3", "the U.S. is now responding", "citation")


def corrupt_copies(path: Path) -> list[Path]:
    return sorted(path.parent.glob(path.name + ".corrupt-*"))


def test_a_toggle_from_a_window_that_showed_no_bookmark_adds_and_keeps_the_note(tmp_path: Path) -> None:
    one, two = UserState(tmp_path / "s.json"), UserState(tmp_path / "s.json")
    shown_in_two = two.bookmark(*MARK.key)  # window 2 draws s3 unbookmarked
    one.set_note(MARK, "check with the Polish MFA")  # window 1 bookmarks it with a note
    assert two.toggle_bookmark(MARK, shown=shown_in_two) is True  # window 2 presses b: it means "add"
    assert one.bookmark(*MARK.key).note == "check with the Polish MFA"


def test_a_stale_window_never_removes_a_note_it_did_not_see(tmp_path: Path) -> None:
    one, two = UserState(tmp_path / "s.json"), UserState(tmp_path / "s.json")
    one.toggle_bookmark(MARK, shown=None)
    shown_in_two = two.bookmark(*MARK.key)  # window 2 shows it bookmarked, with no note
    one.set_note(MARK, "a note written in window 1")
    assert two.toggle_bookmark(MARK, shown=shown_in_two) is True  # kept
    assert one.bookmark(*MARK.key).note == "a note written in window 1"
    assert any("note" in w for w in two.warnings)
    assert two.toggle_bookmark(MARK, shown=two.bookmark(*MARK.key)) is False  # seen now: removed


def test_a_note_saved_from_a_stale_editor_keeps_the_other_windows_note(tmp_path: Path) -> None:
    one, two = UserState(tmp_path / "s.json"), UserState(tmp_path / "s.json")
    one.set_note(MARK, "first")
    opened_in_two = two.bookmark(*MARK.key).note  # window 2 opens the editor on "first"
    one.set_note(MARK, "first, then checked with the MFA", was="first")
    two.set_note(MARK, "first; see also the transcript", was=opened_in_two)
    note = one.bookmark(*MARK.key).note
    assert "checked with the MFA" in note and "see also the transcript" in note
    assert any("both are kept" in w for w in two.warnings)


@pytest.mark.parametrize(
    "content",
    [
        b'{"bookmarks": {"1": 5}}',
        b'{"bookmarks": {"x": {"source": "a", "statement": "b"}}}',
        b'{"bookmarks": {"1": {"source": 5, "statement": "b"}}}',
        b'{"views": {"1": {"dossier": "d", "countries": "PL"}}}',
        b'{"settings": {"1": {"key": "theme", "value": "x"}}, "bookmarks": []}',
        b'{"bookmarks": {"1": {"source": "caf\xe9", "statement": "s1"}}}',  # Latin-1, not UTF-8
    ],
)
def test_a_state_file_of_the_wrong_shape_or_encoding_is_moved_aside(tmp_path: Path, content: bytes, capsys) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(content)
    assert main(["bookmarks", "--state", str(path)]) == 0
    assert "kept it as state.json.corrupt-" in capsys.readouterr().err
    assert [p.read_bytes() for p in corrupt_copies(path)] == [content]
    state = UserState(path)
    state.set("theme", "nord")
    assert state.get("theme") == "nord" and state.warnings == []


def _device(tmp_path: Path, name: str, minor: int) -> Path:
    """A character device like /dev/null (1, 3), /dev/zero (1, 5) or /dev/full (1, 7), made here so
    that a failing test cannot replace the system's own."""
    path = tmp_path / name
    try:
        os.mknod(path, stat.S_IFCHR | 0o666, os.makedev(1, minor))
    except (PermissionError, OSError):
        pytest.skip("cannot make device nodes here")
    return path


@pytest.mark.parametrize("kind", ["null", "zero", "full", "fifo", "folder", "root"])
def test_only_a_regular_file_is_a_state_file(tmp_path: Path, kind: str) -> None:
    if kind == "fifo":
        path = tmp_path / "fifo"
        os.mkfifo(path)
    elif kind == "folder":
        path = tmp_path
    elif kind == "root":
        path = Path("/")
    else:
        path = _device(tmp_path, kind, {"null": 3, "zero": 5, "full": 7}[kind])
    before = os.lstat(path)
    code = (
        "import sys, pathlib; from tui.userstate import UserState; s = UserState(pathlib.Path(sys.argv[1]));"
        "s.set('theme', 'nord'); print(s.get('theme')); print(s.warnings)"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "nord"  # kept for the session, in memory
    assert "not a regular file" in proc.stdout
    after = os.lstat(path)
    assert (stat.S_IFMT(after.st_mode), after.st_ino) == (stat.S_IFMT(before.st_mode), before.st_ino)


def test_lock_and_temporary_files_never_follow_a_symlink(tmp_path: Path) -> None:
    victim = tmp_path / "victim"
    victim.write_text("do not touch")
    (tmp_path / "state.json.lock").symlink_to(victim)
    state = UserState(tmp_path / "state.json")
    state.set("theme", "nord")
    assert victim.read_text() == "do not touch"
    assert state.get("theme") == "nord"  # kept in memory
    assert any("lock" in w for w in state.warnings)


def test_a_quoted_tilde_is_the_home_folder(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.setenv("FACT_EXPLORER_STATE", "~/state.json")
    monkeypatch.chdir(tmp_path)
    UserState().set("theme", "nord")
    assert (tmp_path / "home" / "state.json").exists()
    assert not (tmp_path / "~").exists()
    UserState(Path("~/other.json")).set("theme", "x")
    assert (tmp_path / "home" / "other.json").exists()


def test_a_temporary_file_left_by_a_kill_is_cleaned_up(tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_text("{}")
    left = tmp_path / ".state.json.k1ll3d.tmp"
    left.write_text('{"half": ')
    UserState(path).bookmarks()
    assert not left.exists() and path.exists()


def test_a_huge_state_file_is_not_read_or_rewritten(tmp_path: Path, monkeypatch) -> None:
    import tui.userstate as userstate

    monkeypatch.setattr(userstate, "MAX_STATE_BYTES", 1000)
    path = tmp_path / "state.json"
    rows = {str(n): {"key": f"k{n}", "value": "x" * 50} for n in range(1, 40)}
    path.write_text(json.dumps({"settings": rows}))
    before = path.read_bytes()
    state = UserState(path)
    state.set("theme", "nord")
    assert state.get("theme") == "nord"
    assert path.read_bytes() == before
    assert any("over the" in w for w in state.warnings), state.warnings


def test_an_unchanged_file_is_parsed_once(tmp_path: Path, monkeypatch) -> None:
    import tui.userstate as userstate

    state = UserState(tmp_path / "state.json")
    state.set("theme", "nord")
    parsed = []
    real = userstate.json.loads
    monkeypatch.setattr(userstate.json, "loads", lambda *a, **k: parsed.append(1) or real(*a, **k))
    for _ in range(5):
        state.bookmarks()
    assert parsed == []  # the file did not change since this process wrote it
    UserState(tmp_path / "state.json").set("theme", "x")  # another window writes
    parsed.clear()
    state.bookmarks()
    assert parsed == [1]


async def test_the_explorer_writes_state_off_the_ui_thread(seed, tmp_path: Path) -> None:
    import threading

    from tui.app.explorer import ExplorerApp

    state = UserState(tmp_path / "state.json")
    threads: list[str] = []
    real = state.toggle_bookmark
    state.toggle_bookmark = lambda *a, **k: threads.append(threading.current_thread().name) or real(*a, **k)
    app = ExplorerApp(seed, state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("b")
        for _ in range(100):
            if app.main.marked:
                break
            await pilot.pause(0.02)
        assert set(app.main.marked) == {"s1"}
    assert threads and threading.main_thread().name not in threads
