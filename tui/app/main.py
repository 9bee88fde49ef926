"""Start the app on a dossier file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..render.inert import say

if TYPE_CHECKING:
    from ..validation import Result


def run_app(path: Path, max_bytes: int, state: Path | None = None, fresh: bool = False) -> int:
    """Run the explorer; a file that does not validate is closed at once and its problems printed."""
    from ..userstate import UserState
    from .explorer import ExplorerApp

    app = ExplorerApp(path=path, max_bytes=max_bytes, state=UserState(state), fresh=fresh)
    app.run()
    app.finish_state_writes()
    report_problems(path, app.refused, app.skipped)
    return app.return_code or 0


def report_problems(path: Path, refused: Result | None, skipped: list[tuple[str, Result]]) -> None:
    """After the app closed: why the file did not open, or the files of a folder that were skipped."""
    for problem in refused.errors if refused is not None else ():
        say(problem.line(str(path)))
    for file, result in skipped:
        for problem in result.errors:
            say(problem.line(file))
