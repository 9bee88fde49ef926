"""The user's state: bookmarks, notes, the last view of each dossier and the theme, in a TinyDB JSON
file under the user's data directory (layer 3, no Textual).

Nothing is lost:
- every write goes to a temporary file that is flushed, fsynced and renamed over the old one, so a
  crash mid-write leaves the old file or the new one, never half of one;
- every change is a read-modify-write under an exclusive lock on `<file>.lock`, so two running apps
  merge their changes instead of overwriting each other's;
- a file that cannot be parsed is moved aside to `<file>.corrupt-<timestamp>` and a fresh one started;
- where the file cannot be written at all, state is kept in memory for the session, with a warning.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage, Storage

ENV = "FACT_EXPLORER_STATE"


def default_state_path() -> Path:
    if override := os.environ.get(ENV):
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("fact-explorer", appauthor=False) / "state.json"


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    """An exclusive lock shared by every process using the state file (POSIX flock; elsewhere none)."""
    try:
        import fcntl
    except ImportError:  # Windows: no flock; a single app at a time is then assumed
        yield
        return
    with open(path.with_name(path.name + ".lock"), "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def write_atomically(path: Path, text: str) -> None:
    """Replace `path` with `text`: a temporary file beside it, flushed, fsynced, renamed over it."""
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temp)
        raise
    with contextlib.suppress(OSError):  # make the rename itself durable
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@dataclass(frozen=True)
class Bookmark:
    source: str  # the dossier's source id
    statement: str  # the statement's id within that dossier
    text: str  # the quoted text when it was bookmarked
    citation: str  # the full citation when it was bookmarked
    note: str = ""
    created: str = ""

    @property
    def key(self) -> tuple[str, str]:
        return (self.source, self.statement)


class _AtomicJSONStorage(Storage):
    """TinyDB storage that reads the file afresh each time and writes it atomically; a file that
    cannot be parsed is moved aside (its owner is told through `on_corrupt`)."""

    def __init__(self, path: Path, on_corrupt) -> None:
        self.path = path
        self.on_corrupt = on_corrupt

    def read(self) -> dict[str, Any] | None:
        try:
            raw = self.path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None
        try:
            data = json.loads(raw) if raw.strip() else None
            if data is not None and not (isinstance(data, dict) and all(isinstance(t, dict) for t in data.values())):
                raise ValueError("not a TinyDB file")
            return data
        except (ValueError, RecursionError) as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{dt.datetime.now():%Y%m%d-%H%M%S-%f}")
            os.replace(self.path, aside)
            self.on_corrupt(f"{self.path} was unreadable ({exc}); kept it as {aside.name} and started afresh")
            return None

    def write(self, data: dict[str, Any]) -> None:
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1))


class UserState:
    """The state file. Reads and writes never raise: what goes wrong is collected in `warnings`."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_state_path()
        self.warnings: list[str] = []
        self._memory: TinyDB | None = None  # the session's state, once the file cannot be written

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _use(self, operation):
        """Run `operation(db)` on the latest state under the lock; in memory once the file fails."""
        if self._memory is None:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                with _locked(self.path):
                    return operation(TinyDB(storage=_AtomicJSONStorage, path=self.path, on_corrupt=self._warn))
            except OSError as exc:
                self._warn(f"cannot write {self.path} ({exc.strerror or exc}): changes last until you quit")
                self._memory = TinyDB(storage=MemoryStorage)
                with contextlib.suppress(OSError, ValueError):
                    self._memory.storage.write(json.loads(self.path.read_text(encoding="utf-8")))
        return operation(self._memory)

    # -- settings and views -------------------------------------------------------------------------

    def get(self, key: str, default: Any = None) -> Any:
        row = self._use(lambda db: db.table("settings").get(Query().key == key))
        return row["value"] if row else default

    def set(self, key: str, value: Any) -> None:
        self._use(lambda db: db.table("settings").upsert({"key": key, "value": value}, Query().key == key))

    def view(self, dossier_key: str) -> dict[str, Any]:
        row = self._use(lambda db: db.table("views").get(Query().dossier == dossier_key))
        return dict(row) if row else {}

    def set_view(self, dossier_key: str, view: dict[str, Any]) -> None:
        row = {**view, "dossier": dossier_key}
        self._use(lambda db: db.table("views").upsert(row, Query().dossier == dossier_key))

    # -- bookmarks ----------------------------------------------------------------------------------

    @staticmethod
    def _where(source: str, statement: str):
        q = Query()
        return (q.source == source) & (q.statement == statement)

    def bookmarks(self) -> list[Bookmark]:
        rows = self._use(lambda db: db.table("bookmarks").all())
        fields = Bookmark.__dataclass_fields__
        return [Bookmark(**{k: str(row.get(k) or "") for k in fields}) for row in rows if isinstance(row, dict)]

    def bookmark(self, source: str, statement: str) -> Bookmark | None:
        return next((b for b in self.bookmarks() if b.key == (source, statement)), None)

    def toggle_bookmark(self, mark: Bookmark) -> bool:
        """Add the bookmark, or remove it if present; True when it is now bookmarked."""

        def toggle(db: TinyDB) -> bool:
            table = db.table("bookmarks")
            if table.remove(self._where(*mark.key)):
                return False
            table.insert({**mark.__dict__, "created": mark.created or _now()})
            return True

        return self._use(toggle)

    def set_note(self, mark: Bookmark, note: str) -> None:
        """Set the note on a bookmark, bookmarking the statement if it was not."""

        def save(db: TinyDB) -> None:
            table = db.table("bookmarks")
            if not table.update({"note": note}, self._where(*mark.key)):
                table.insert({**mark.__dict__, "note": note, "created": mark.created or _now()})

        self._use(save)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
