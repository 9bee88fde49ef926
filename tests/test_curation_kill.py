"""A killed explorer loses no edit: the real app runs in a pseudo-terminal, two edits are made by key,
the process is killed with SIGKILL, and the next open restores both."""

from __future__ import annotations

import fcntl
import json
import os
import pty
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from pathlib import Path

import pytest

from tui.app.explorer import ExplorerApp
from tui.curate import Session, journal_folder
from tui.curate.journal import Journal
from tui.screens.prompts import Ask
from tui.userstate import UserState

from .drafted import write_drafted
from .test_app import WIDE, until
from .test_curation_app import last_note

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pseudo-terminal")


def _run_until(master: int, journal: Journal, steps: int, key: bytes, timeout: float = 60) -> None:
    """Press `key` every half second, reading the app's output, until the journal holds `steps`."""
    deadline = time.monotonic() + timeout
    last = 0.0
    while time.monotonic() < deadline:
        ready, _, _ = select.select([master], [], [], 0.1)
        if ready:
            try:
                os.read(master, 65536)
            except OSError:
                break
        pending = journal.read()
        if pending is not None and len(pending.entries) >= steps:
            return
        if time.monotonic() - last > 0.5:
            os.write(master, key)
            last = time.monotonic()
    raise AssertionError(f"the journal did not reach {steps} step(s)")


async def test_sigkill_after_unsaved_edits_then_restore(tmp_path: Path):
    path = write_drafted(tmp_path / "draft.json")
    before = path.read_bytes()
    state = tmp_path / "state.json"
    journal = Journal(journal_folder(state), path)
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {**os.environ, "FACT_EXPLORER_STATE": str(state), "TERM": "xterm-256color"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "tui", str(path)], stdin=slave, stdout=slave, stderr=slave, env=env, close_fds=True
    )
    os.close(slave)
    try:
        _run_until(master, journal, 1, b"a")  # accept s1 (the first quote)
        _run_until(master, journal, 2, b"x")  # then reject it, as it is now a reviewed quote: delete s1
        os.kill(proc.pid, signal.SIGKILL)
        assert proc.wait(timeout=10) == -signal.SIGKILL
    finally:
        if proc.poll() is None:
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait()
        os.close(master)

    assert path.read_bytes() == before  # nothing was saved
    pending = Session.open(path, journal_folder(state)).pending
    assert [e.step.name for e in pending.entries][:2] == ["accept s1", "delete s1"]

    app = ExplorerApp(path=path, state=UserState(state))
    async with app.run_test(size=WIDE) as pilot:
        await until(pilot, lambda: isinstance(app.screen, Ask), timeout=10)
        await pilot.press("r")
        await pilot.pause()
        assert "s1" not in app.store.statement
        assert last_note(app).startswith(f"Restored {len(pending.entries)} edit(s)")
        await pilot.press("u")
        await pilot.pause()
        assert app.store.statement["s1"].review is None  # the accept, under the delete
        await pilot.press("ctrl+s")
        await pilot.pause()
    saved = json.loads(path.read_text(encoding="utf-8"))["statements"]
    assert "review" not in next(s for s in saved if s["id"] == "s1")
