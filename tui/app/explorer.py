"""The explorer app: what is app-wide — the dossier being loaded, the theme, the state file and the
command palette. The panes and the selection live in the main screen (`main_screen.py`)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import threading
import time
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.content import Content
from textual.message import Message
from textual.screen import Screen

from ..render.inert import inert, one_line
from ..userstate import UserState

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..loading import Loaded
    from ..model import Dossier
    from ..store import Store

FOLDER_WAIT = 0.5  # seconds the first frame waits for a folder's index, opened as Textual was imported
ARCHIVE_WAIT = 0.5  # and for a shared archive's first answers, asked for meanwhile
VIEW_SAVE_DELAY = 1.0  # seconds after the view settles before it is written to the state file


class StateDone(Message):
    """A state-file write finished on the state thread: run `then(result)` on the UI thread."""

    def __init__(self, then: Callable[[Any], None], result: Any) -> None:
        super().__init__()
        self.then, self.result = then, result


class ExplorerApp(App[int]):
    CSS_PATH = "explorer.tcss"

    def __init__(
        self,
        dossier: Dossier | None = None,
        path: Path | None = None,
        state: UserState | None = None,
        max_bytes: int | None = None,
        fresh: bool = False,
        index: str | None = None,
        db: str | Callable[[], Loaded] | None = None,
        folder: Callable[..., tuple[Any, Loaded | None]] | None = None,
    ) -> None:
        """Open `dossier`, or load and check the file at `path` (or read the shared archive at `db`,
        read-only) after the first frame. `folder`: the folder at `path` with its index opened
        already (`loading.folder_soon`): what it holds is shown in the first frame, checked after it."""
        # NO_COLOR: Textual then greys colours out unless ANSI colour is on, when it drops them all.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.set_class(self.no_color, "-no-color")  # before the first styles are worked out
        self.store: Store | None = None
        self.path = path
        self.max_bytes = max_bytes
        self.index_location = index  # where a folder's index is (see tui.corpusindex.open_index)
        self.db = db  # a shared archive on PostgreSQL, read in place of `path`: its URL, or its opening
        # begun already (`loading.archive_soon`)
        self._failure_shown = 0.0  # when the archive's last failure was told
        self.state = state or UserState()
        self.fresh = fresh  # start clean: do not restore the last view
        self.loaded: Loaded | None = None  # what loading `path` gave: the files refused are printed on exit
        self._view_timer: Timer | None = None
        self._warned = 0  # state file warnings already shown
        # State-file writes run here, one at a time and in order, never on the UI thread.
        self._state_writes = ThreadPoolExecutor(max_workers=1, thread_name_prefix="state")
        self.title = "fact-explorer"
        self._index: Any = None  # a folder's index, when opened before the app
        if dossier is not None:
            from ..store import Store

            self._open(Store(dossier))
        elif folder is not None:
            self._open_folder(folder)
        elif callable(db):
            self._open_archive(db)
        from .main_screen import MainScreen

        self.main = MainScreen(self.store, self._remembered)

    def _open(self, store: Store) -> None:
        self.store = store
        self.title = inert(store.dossier.source.headline, keep_newlines=False)
        self._remembered = None if self.fresh else self.state.view(self.dossier_key)

    _remembered: dict | None = None  # the last view of the open dossier
    _loader: threading.Thread | None = None

    @property
    def loading(self) -> bool:
        """Whether the loading thread (a file read, a folder's index brought up to date) is at work."""
        return self._loader is not None and (self._loader.ident is None or self._loader.is_alive())

    def _open_folder(self, folder: Callable[..., tuple[Any, Loaded | None]]) -> None:
        try:  # a moment at most: another process may be writing to the index, which can take longer
            self._index, early = folder(FOLDER_WAIT)
        except Exception:  # the loader opens it again, and says what is wrong
            return
        if early is not None and early.store is not None:
            self.loaded = early
            self._open(early.store)

    def _open_archive(self, opening: Callable[..., Loaded]) -> None:
        """The archive in the first frame when its first answers are in by then (they were asked for as
        Textual was imported); else it is shown when they come, or the app closes saying why not."""
        try:
            early = opening(ARCHIVE_WAIT)
        except Exception:  # TimeoutError, or what `archive` raised: the loader waits, or says so
            return
        if early.store is not None:
            early.store.index.on_failure = self._archive_failed
            self.loaded = early
            self._open(early.store)

    def _restore_theme(self) -> None:
        """The theme last used on this dossier, else the last one picked."""
        for theme in ((self._remembered or {}).get("theme"), self.state.get("theme")):
            if isinstance(theme, str) and theme in self.available_themes:
                self.theme = theme
                return

    def get_default_screen(self) -> Screen:
        return self.main

    def on_mount(self) -> None:
        # Keys the user remapped in the state file: {"keymap": {"app.filter": "F", …}}, by binding id.
        keymap = self.state.get("keymap")
        if isinstance(keymap, dict):
            self.set_keymap({k: v for k, v in keymap.items() if isinstance(k, str) and isinstance(v, str)})
        self._restore_theme()
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.store is None or self._index is not None:  # to load, or a folder to check for changes
            # A daemon thread, not a Textual worker: Python joins a worker's thread as it exits, so
            # quitting during a long load would wait for the load to end (153 s on a large file).
            self._loader = threading.Thread(target=self._load, name="load", daemon=True)
            self.call_after_refresh(self._loader.start)
        if self.store is not None and self.loaded is not None:
            self._notify_opened(self.loaded)
        self.report_state_warnings()
        self.call_after_refresh(self._first_frame_shown)
        if (warm := getattr(getattr(self.store, "index", None), "warm", None)) is not None:
            self.call_after_refresh(warm)  # an archive's own connection, once the first frame is drawn

    @staticmethod
    def _first_frame_shown() -> None:
        if not gc.isenabled():  # paused by run_app for start-up
            gc.freeze()  # what start-up made lives as long as the app: no need to rescan it
            gc.enable()

    def _theme_changed(self, theme) -> None:
        self.write_state(lambda: self.state.set("theme", theme.name))  # the default for dossiers not yet opened
        self.save_view_soon()

    # -- loading ----------------------------------------------------------------------------------------

    def _load(self) -> None:
        """Check the file (or every file of a folder) and build the store off the UI thread; then show
        it, or close and report. Should loading fail unforeseen, that is said in one line (on closing,
        when nothing is shown yet), never left as a loading line for good."""
        try:
            self._load_now()
        except Exception as exc:
            from ..loading import Loaded

            line = f"could not open {self.path or 'the archive'}: {type(exc).__name__}: {exc}"
            if self.store is None:
                self._from_loader(self._loaded, Loaded(self.path or Path(), None, failure=(1, line)))
            else:
                self._from_loader(lambda: self.notify(line, severity="error", timeout=10, markup=False))

    def _load_now(self) -> None:
        from ..loading import load
        from ..reading import DEFAULT_MAX_BYTES

        max_bytes = self.max_bytes or DEFAULT_MAX_BYTES
        if self.db is not None:
            self._load_archive(self.db)
            return
        if self.path.is_dir():
            self._load_folder(max_bytes)
            return
        loaded = load(self.path, max_bytes, progress=self._progress)
        self._from_loader(self._loaded, loaded)

    def _load_folder(self, max_bytes: int) -> None:
        """A folder through its index: shown at once on what is indexed already, brought up to date
        meanwhile (a progress bar while it is), and shown again when that changed anything."""
        from ..corpusindex import open_index
        from ..corpusindex.sync import sync
        from ..loading import indexed

        index = self._index or open_index(self.path, self.index_location)

        def progress(done: int, total: int) -> None:
            if self.store is None and done < total and index.article_count():  # more to come: show what is in
                self._from_loader(self._loaded, indexed(self.path, index, []))
            self._from_loader(self._show_progress, done, total)

        if index.article_count():
            if self.store is None:
                self._from_loader(self._loaded, indexed(self.path, index, []))
            # The folder is checked for changes once the first frame is on screen, not while it is drawn.
            drawn = threading.Event()
            self._from_loader(self.call_after_refresh, drawn.set)
            drawn.wait(5)
        shown_before = self.store is not None
        report = sync(index, self.path, max_bytes, progress=progress)
        loaded = indexed(self.path, index, report.refused)
        if self.store is None:
            self._from_loader(self._loaded, loaded)  # shown, or closed with its problems
            return
        self.loaded = loaded  # the files it refused are printed on exit
        if report.indexed or report.removed:
            self._from_loader(self._reindexed)
        if shown_before and loaded.refused:
            self._from_loader(self._notify_refused, loaded)

    def _load_archive(self, db: str | Callable[[], Loaded]) -> None:
        """The shared archive, read-only. One that cannot be read closes the app, which then prints why
        in one line; one that fails later is told in a notice, and the panes keep what they show."""
        from ..loading import archive

        loaded = db() if callable(db) else archive(db)
        if loaded.store is not None:
            loaded.store.index.on_failure = self._archive_failed
        self._from_loader(self._loaded, loaded)

    def _archive_failed(self, message: str) -> None:
        """From any thread: say the archive failed (at most every few seconds); keep what is shown."""
        try:
            self.call_from_thread(self._notify_failure, message)
        except RuntimeError:  # on the UI thread already
            self._notify_failure(message)

    def _notify_failure(self, message: str) -> None:
        if time.monotonic() - self._failure_shown < 5:
            return
        self._failure_shown = time.monotonic()
        self.notify(
            one_line(message) + " — what is on screen stays; new questions retry the server",
            title="The archive is not answering",
            severity="error",
            timeout=10,
            markup=False,
        )

    def _reindexed(self) -> None:
        """The folder changed since its last visit, and its index with it: show what it holds now."""
        self.store.reload()
        self._open(self.store)  # the headline counts the articles
        self.main.refresh_panes(move_to_first=False)

    def _from_loader(self, callback: Callable[..., Any], *args: Any) -> None:
        with contextlib.suppress(RuntimeError):  # the app was closed meanwhile: nothing left to show
            self.call_from_thread(callback, *args)

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            self._from_loader(self._show_progress, done, total)

    def _show_progress(self, done: int, total: int) -> None:
        filled = 20 * done // max(total, 1)
        bar = f"Indexing {'━' * filled}{' ' * (20 - filled)} {done:,}/{total:,} files"
        if self.store is None:
            self.main.show_loading(bar)
        self.sub_title = "" if done >= total and self.store is not None else bar

    async def _loaded(self, loaded: Loaded) -> None:
        self.loaded = loaded
        if not self.main.is_attached:  # quit while loading: nothing to show it on
            return
        if loaded.store is None:
            self.exit(return_code=loaded.exit_code)
            return
        self._open(loaded.store)
        self._restore_theme()
        # Everything loaded lives as long as the app: take it out of the collector's rescans, which
        # on a large corpus would otherwise pause typing now and then. (No collection first: loading
        # makes no cyclic garbage, and on a thousand dossiers a collection takes half a second.)
        gc.freeze()
        await self.main.open(loaded.store, self._remembered)
        self._notify_opened(loaded)

    def _notify_opened(self, loaded: Loaded) -> None:
        """What opening left out or kept apart, told once the dossier or corpus is shown."""
        store = loaded.store
        if store.conflicts:
            more = f" (and {len(store.conflicts) - 1} more)" if store.conflicts[1:] else ""
            self.notify(
                one_line(store.conflicts[0] + more),
                title="Kept apart: same id, another definition",
                severity="warning",
                timeout=10,
                markup=False,
            )
        self._notify_refused(loaded)

    def _notify_refused(self, loaded: Loaded) -> None:
        if loaded.refused:
            names = ", ".join(one_line(path.name) for path, _ in loaded.refused[:3])
            more = f" and {len(loaded.refused) - 3} more" if len(loaded.refused) > 3 else ""
            self.notify(
                f"{names}{more}: listed on the terminal when you quit",
                title=f"Skipped {len(loaded.refused)} file(s) that do not validate",
                severity="warning",
                timeout=10,
                markup=False,
            )

    @property
    def opened(self) -> bool:
        """Whether the dossier is open and its panes filled (for tests and benchmarks to wait on)."""
        return self.main.view is not None

    # -- memory across sessions: the last view ------------------------------------------------------------

    @property
    def dossier_key(self) -> str:
        return self.store.dossier.source.id

    def save_view_soon(self) -> None:
        """Remember the view a moment after it settles (not on every keystroke)."""
        if self.store is None or self.fresh:
            return
        if self._view_timer is not None:
            self._view_timer.stop()
        self._view_timer = self.set_timer(VIEW_SAVE_DELAY, self.save_view)

    def save_view(self) -> None:
        # No screens: the app is closing (the debounce timer can fire then); quitting saved it already.
        if self.store is None or self.fresh or not self.screen_stack:
            return
        view, key = {**self.main.remembered(), "theme": self.theme}, self.dossier_key
        self.write_state(lambda: self.state.set_view(key, view))

    def write_state(self, operation: Callable[[], Any], then: Callable[[Any], None] | None = None) -> None:
        """Run a state-file write on the state thread (a large file or a slow disk must not freeze the
        UI); then `then(result)` and any warning on the UI thread. Once the app is closing, at once."""

        def job() -> None:
            result = operation()
            self.post_message(StateDone(then or (lambda _: None), result))  # thread-safe, never blocks

        try:
            self._state_writes.submit(job)
            self._writing += 1
        except RuntimeError:  # shut down: the app is closing
            operation()

    _writing = 0  # writes submitted whose result the UI has not yet shown

    def on_state_done(self, message: StateDone) -> None:
        self._writing -= 1
        message.then(message.result)
        self.report_state_warnings()

    async def state_settled(self) -> None:
        """Wait until every state-file write so far is done and shown (for tests and scripts)."""
        while self._writing:
            await asyncio.sleep(0.01)

    def finish_state_writes(self) -> None:
        """Wait for every state-file write still under way (on quitting: nothing is lost)."""
        self._state_writes.shutdown(wait=True)

    async def action_quit(self) -> None:
        if self.main is not None and self.main.quit_needs_asking():
            return  # unsaved edits: the question quits (`quit_now`) or not
        self.quit_now()

    def quit_now(self) -> None:
        if self._view_timer is not None:
            self._view_timer.stop()
        self.save_view()
        self.finish_state_writes()
        self.exit()

    def action_help_quit(self) -> None:
        """ctrl+c: quits while a file loads (nothing to lose yet); after, tells how to quit, as Textual does."""
        if self.store is None:
            self.exit()
        else:
            super().action_help_quit()

    def report_state_warnings(self) -> None:
        for warning in self.state.warnings[self._warned :]:
            self.notify(one_line(warning), title="State file", severity="warning", timeout=10, markup=False)
        self._warned = len(self.state.warnings)

    # -- help and the command palette ------------------------------------------------------------------

    def action_help(self) -> None:
        from ..screens.help import HelpScreen
        from .commands import help_sections

        self.push_screen(HelpScreen(help_sections()))

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header: the status (how many quotes, which filter) first, so a narrow terminal cuts off
        the headline rather than the count."""
        if not sub_title:
            return Content(title)
        return Content.assemble(Content(sub_title), (" — ", "dim"), Content(title).stylize("dim"))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # `screen` is the screen the palette was opened from (while it is open, `self.screen` is the
        # palette itself): offer these on the main screen only.
        if self.store is not None and screen is self.main:
            from .commands import main_commands

            yield from main_commands(self.main)
