"""Opening a dossier file, a folder of them as one corpus, or a shared archive on PostgreSQL: the one
way the CLI and the app load (layer 3). Problems come back as lines to print, never printed here."""

from __future__ import annotations

import os
import pickle
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from .reading import DEFAULT_MAX_BYTES

if TYPE_CHECKING:  # imported when used: a file validated before opens without the validator
    from .filters import Filter
    from .store import Store

Progress = Callable[[int, int], None]
T = TypeVar("T")

PROG = "fact-explorer"


@dataclass
class Loaded:
    """What opening a path (or an archive) gave: a store, unless nothing in it is valid, and the files
    refused; or, for an archive, why it could not be read."""

    path: Path  # Path() for an archive
    store: Store | None
    refused: list[tuple[Path, Any]] = field(default_factory=list)  # a Result, or the index's Refusal
    files: int = 1  # files read
    failure: tuple[int, str] | None = None  # an archive not read: the exit code and one line why

    @property
    def exit_code(self) -> int:
        """0 when something opened; else 2 when a file or archive could not be read, 1 when nothing in
        it is valid."""
        if self.store is not None:
            return 0
        if self.failure is not None:
            return self.failure[0]
        return max((getattr(result, "exit_code", 1) for _, result in self.refused), default=1) or 1

    def problem_lines(self) -> list[str]:
        """Every error of every refused file, `FILE: $.path: message`, then for a folder what was skipped;
        for an archive, why it could not be read."""
        if self.failure is not None:
            return [f"{PROG}: {self.failure[1]}"]
        lines = [line for path, result in self.refused for line in _lines(path, result)]
        if self.path.is_dir() and self.refused:
            if self.store is None:
                lines.append(f"{PROG}: {self.path}: no valid dossier among {self.files} JSON files")
            else:
                lines.append(f"{PROG}: skipped {len(self.refused)} of {self.files} files that do not validate")
        return lines

    def notice_lines(self) -> list[str]:
        """What merging a corpus kept apart: the same id with another definition."""
        return [f"{PROG}: {conflict}" for conflict in self.store.conflicts] if self.store is not None else []


def _lines(path: Path, result: Any) -> list[str]:
    """A refused file's errors as lines: a Result's, or those an index kept (`Refusal.lines`)."""
    kept = getattr(result, "lines", None)
    return list(kept) if kept is not None else [p.line(str(path)) for p in result.errors]


def load(
    path: Path, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None, index: str | None = None
) -> Loaded:
    """Read and check the file (plain JSON when its bytes were found valid before, see `tui.fastload`),
    or bring the folder's index up to date (`tui.corpusindex`) and open the corpus on it."""
    if not path.is_dir():
        from .fastload import read_dossier
        from .store import Store

        dossier, result = read_dossier(path, max_bytes)
        return Loaded(path, Store(dossier) if dossier is not None else None, [] if dossier else [(path, result)])
    from .corpusindex import open_index
    from .corpusindex.sync import sync

    opened = open_index(path, index)
    report = sync(opened, path, max_bytes, progress=progress)
    return indexed(path, opened, report.refused)


def indexed(path: Path, opened: Any, refused: list) -> Loaded:
    """The corpus on an index (None when it holds no article), with the files it refused."""
    from .corpusindex.store import IndexedStore

    articles = opened.article_count()
    store = IndexedStore(opened, path.resolve().name, articles) if articles else None
    files = articles + len(refused)
    return Loaded(path, store, [(path / r.sig.name, r) for r in refused], files)


def archive(db: str, wrap: Callable[[Any], Any] | None = None) -> Loaded:
    """The whole shared archive at `db` (`--db URL`: a PostgreSQL URL or libpq connection string) as
    one corpus, read-only. One that cannot be read gives a failure whose line never holds a password.
    `wrap`: what the store asks the index through, given the index."""
    try:
        from .corpusindex.postgres import ArchiveError, open_archive
    except ImportError:
        missing = "the PostgreSQL driver is missing: pip install 'fact-explorer[postgres]'"
        return Loaded(Path(), None, failure=(2, missing))
    from .corpusindex.store import IndexedStore

    try:
        index = open_archive(db)
        articles = index.article_count()  # kept by the loader: not counted here
        if not articles:
            index.close()
            return Loaded(Path(), None, failure=(1, f"the archive at {index.location} holds no articles yet"))
        return Loaded(Path(), IndexedStore(index if wrap is None else wrap(index), index.name, articles), files=0)
    except ArchiveError as exc:
        return Loaded(Path(), None, failure=(2, str(exc)))


def first_answers(db: str, view: Callable[[Store], Filter] | None = None) -> dict[str, Any]:
    """The archive opened as `archive` opens it, and what the first frame asks of it: every answer, to
    be given again by an `EarlyIndex` (or the failure). `view`: the Quotes pane's filter, as the state
    file remembers it for this store (else none)."""
    from .corpusindex.early import Recorder
    from .filters import Filter

    made: list[Recorder] = []

    def recorded(index: Any) -> Recorder:
        made.append(Recorder(index))
        return made[-1]

    loaded = archive(db, wrap=recorded)
    if loaded.store is None:
        return {"failure": loaded.failure}
    store = loaded.store
    quotes = store.statements(view(store) if view is not None else Filter())
    _ = quotes[:1], len(store.dossier.statements)  # the Quotes pane's first page, and the header's total
    articles = len(store.sources)
    store.index.close()
    return {"articles": articles} | made[0].answers()


def from_answers(db: str, answers: dict[str, Any]) -> Loaded:
    """The archive as `first_answers` found it."""
    from .corpusindex.early import EarlyIndex
    from .corpusindex.store import IndexedStore

    if answers.get("failure"):
        return Loaded(Path(), None, failure=tuple(answers["failure"]))
    index = EarlyIndex(db, answers)
    return Loaded(Path(), IndexedStore(index, index.name, answers["articles"]), files=0)


def soon(work: Callable[[], T]) -> Callable[..., T]:
    """`work()` begun now on a thread, so that it overlaps the explorer's own start-up (Textual's
    import); call what this returns for the result (it waits if need be, at most `timeout` seconds
    when given, then TimeoutError; and it raises what work raised)."""
    done: list[Any] = []

    def run() -> None:
        try:
            done.append((True, work()))
        except BaseException as exc:  # raised again where the result is asked for
            done.append((False, exc))

    thread = threading.Thread(target=run, name="opening", daemon=True)
    thread.start()

    def result(timeout: float | None = None) -> T:
        thread.join(timeout)
        if not done:
            raise TimeoutError
        ok, value = done[0]
        if not ok:
            raise value
        return value

    return result


def archive_soon(
    db: str, fork: bool | None = None, view: Callable[[Store], Filter] | None = None
) -> Callable[..., Loaded]:
    """`archive(db)` begun now: connecting and the first questions overlap the explorer's start-up
    (`view`: the filter the Quotes pane will show first, see `first_answers`).

    In a process of its own where that is possible (`fork`: None when a POSIX system, no other thread
    and no driver imported yet allow it): on a thread, importing the driver and asking would take turns
    with Textual's import under one interpreter lock; a process does them on another core
    (`tui.corpusindex.early`). Otherwise on a thread."""
    if fork is None:
        fork = hasattr(os, "fork") and threading.active_count() == 1 and "psycopg" not in sys.modules
    return soon(_forked(db, view) if fork else lambda: archive(db))


def _forked(db: str, view: Callable[[Store], Filter] | None) -> Callable[[], Loaded]:
    """A helper process forked now to ask the archive its first questions (`first_answers`); what this
    returns waits for its answers (or, should it fail, opens the archive here)."""
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the helper: answers written to the pipe, then gone without running anything else
        status = 1
        try:
            os.close(read)
            with os.fdopen(write, "wb") as out:
                out.write(pickle.dumps(first_answers(db, view)))
            status = 0
        finally:
            os._exit(status)
    os.close(write)

    def opened() -> Loaded:
        with os.fdopen(read, "rb") as answers:
            sent = answers.read()
        _, status = os.waitpid(pid, 0)
        if status or not sent:
            return archive(db)
        return from_answers(db, pickle.loads(sent))  # noqa: S301 (our own helper's bytes)

    return opened


def folder_soon(path: Path, location: str | None) -> Callable[..., tuple[Any, Loaded | None]]:
    """A folder's index opened now, and the corpus on it as indexed so far (None while it holds
    nothing): re-opening a folder then fills the panes in the first frame, like a small file."""

    def open_folder() -> tuple[Any, Loaded | None]:
        from .corpusindex import open_index

        index = open_index(path, location)
        early = indexed(path, index, [])
        return index, early if early.store is not None else None

    return soon(open_folder)
