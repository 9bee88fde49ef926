"""Start the app on a dossier file."""

from __future__ import annotations

import gc
from pathlib import Path
from typing import TYPE_CHECKING

from ..render.inert import say

if TYPE_CHECKING:
    from collections.abc import Callable

    from ..filters import Filter
    from ..loading import Loaded
    from ..store import Store


FIRST_FRAME_BYTES = 1024 * 1024  # files up to this size are read before the first frame, larger ones after it


def run_app(
    path: Path,
    max_bytes: int,
    state: Path | None = None,
    fresh: bool = False,
    index: str | None = None,
    loaded: Loaded | None = None,
    db: str | None = None,
) -> int:
    """Run the explorer, on `loaded` (read already: its panes are filled in the first frame), else on
    the file or folder at `path`, or the shared archive at `db`, loaded after it; a file that does not
    validate, or an archive that cannot be read, is closed at once. The problems of every file refused
    (or why the archive could not be read) are printed when it closes."""
    # No collections until the first frame is on screen (the app turns the collector back on then):
    # start-up makes no cyclic garbage, and the collector's passes over the objects Textual's import
    # makes (and the archive driver's, imported meanwhile) cost a fifth of the time to the article's text.
    gc.disable()
    opening = folder = None
    if db is not None:  # opened meanwhile: the server answers while Textual is imported
        from ..loading import archive_soon

        opening = archive_soon(db, view=None if fresh else remembered(state))
    elif path.is_dir():  # its index opened meanwhile too
        from ..loading import folder_soon

        folder = folder_soon(path, index)
    from ..userstate import UserState
    from .explorer import ExplorerApp

    dossier = loaded.store.dossier if loaded is not None and loaded.store is not None else None
    app = ExplorerApp(
        dossier,
        path=None if db is not None else path,
        max_bytes=max_bytes,
        state=UserState(state),
        fresh=fresh,
        index=index,
        db=opening,
        folder=folder,
    )
    app.run()
    app.finish_state_writes()
    report_problems(app.loaded)
    return app.return_code or 0


def remembered(state: Path | None) -> Callable[[Store], Filter]:
    """The filter of the view last left on a store, as the explorer restores it (`MainScreen._restore`)."""

    def view(store: Store) -> Filter:
        from ..filters import remembered_filter
        from ..userstate import UserState

        return remembered_filter(UserState(state).view(store.dossier.source.id), (g.code for g in store.groups()))

    return view


def report_problems(loaded: Loaded | None) -> None:
    """After the app closed: why the file did not open, or the files of a folder that were skipped."""
    for line in loaded.problem_lines() if loaded is not None else ():
        say(line)
