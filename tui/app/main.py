"""Start the app on a checked dossier."""

from __future__ import annotations

from pathlib import Path

from ..model import Dossier


def run_app(dossier: Dossier, path: Path) -> int:
    from .explorer import ExplorerApp

    app = ExplorerApp(dossier, path)
    app.run()
    return app.return_code or 0
