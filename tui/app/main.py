"""Start the app on a dossier file."""

from __future__ import annotations

import sys
from pathlib import Path


def run_app(path: Path, max_bytes: int, state: Path | None = None, fresh: bool = False) -> int:
    """Run the explorer; a file that does not validate is closed at once and its problems printed."""
    from ..userstate import UserState
    from .explorer import ExplorerApp

    app = ExplorerApp(path=path, max_bytes=max_bytes, state=UserState(state), fresh=fresh)
    app.run()
    if app.refused is not None:
        for problem in app.refused.problems:
            if problem.level == "error":
                print(problem.line(str(path)), file=sys.stderr)
    for file, result in app.skipped:
        for problem in result.errors:
            print(problem.line(file), file=sys.stderr)
    return app.return_code or 0
