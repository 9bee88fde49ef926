"""Start the app on a dossier file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..render.inert import say

if TYPE_CHECKING:
    from ..loading import Loaded


def run_app(path: Path, max_bytes: int, state: Path | None = None, fresh: bool = False) -> int:
    """Run the explorer; a file that does not validate is closed at once. The problems of every file
    refused are printed when it closes."""
    from ..userstate import UserState
    from .explorer import ExplorerApp

    app = ExplorerApp(path=path, max_bytes=max_bytes, state=UserState(state), fresh=fresh)
    app.run()
    app.finish_state_writes()
    report_problems(app.loaded)
    return app.return_code or 0


def report_problems(loaded: Loaded | None) -> None:
    """After the app closed: why the file did not open, or the files of a folder that were skipped."""
    for line in loaded.problem_lines() if loaded is not None else ():
        say(line)
