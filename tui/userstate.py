"""The user's state: bookmarks, notes, the last view of each dossier and the theme, in a TinyDB JSON
file under the user's data directory (layer 3, no Textual).

Nothing is lost:
- every write goes to a temporary file that is flushed, fsynced and renamed over the old one, so a
  crash mid-write leaves the old file or the new one, never half of one;
- every change is a read-modify-write under an exclusive lock on `<file>.lock`, so two running apps
  merge their changes instead of overwriting each other's;
- a file that cannot be parsed is moved aside to `<file>.corrupt-<timestamp>` and a fresh one started;
- where the file cannot be written at all, state is kept in memory for the session, with a warning;
- only a regular file (or none yet) is a state file: a FIFO, a device, a folder or a file over
  `MAX_STATE_BYTES` is never read to its end nor replaced, and the lock and temporary files are
  opened without following symbolic links (O_NOFOLLOW, and O_EXCL for the temporary file);
- a file that is JSON but not the shape of a state file, or not UTF-8, is moved aside like one that
  does not parse; a temporary file left by a kill mid-save is removed on the next start.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage, Storage

ENV = "FACT_EXPLORER_STATE"
# The most a state file may hold: each change reads and rewrites it whole, so this bounds what one costs.
MAX_STATE_BYTES = 16 * 1024 * 1024


def default_state_path() -> Path:
    if override := os.environ.get(ENV):
        return Path(override).expanduser()  # a quoted '~/state.json' means the home folder
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
    lock = path.with_name(path.name + ".lock")
    flags = os.O_RDWR | os.O_CREAT | os.O_NOCTTY | os.O_NONBLOCK | os.O_NOFOLLOW  # POSIX: fcntl is there
    try:
        fd = os.open(lock, flags, 0o600)
    except OSError as exc:
        raise OSError(exc.errno, f"cannot open the lock file {lock.name} ({exc.strerror})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise OSError(0, f"the lock file {lock.name} is not a regular file")
        fcntl.flock(fd, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fd, fcntl.LOCK_UN)
    finally:
        os.close(fd)


def _kind(mode: int) -> str:
    kinds = {stat.S_IFDIR: "a folder", stat.S_IFIFO: "a FIFO", stat.S_IFCHR: "a device", stat.S_IFBLK: "a device"}
    return kinds.get(stat.S_IFMT(mode), "not a file")


def _unusable(path: Path) -> str | None:
    """Why `path` cannot be a state file, or None: it must be a regular file, or not exist yet."""
    try:
        info = os.stat(path)  # a symlink to a regular file is fine (its target is what is replaced)
    except FileNotFoundError:
        return None
    except (OSError, ValueError) as exc:
        return f"cannot use {path} ({getattr(exc, 'strerror', None) or exc})"
    if not stat.S_ISREG(info.st_mode):
        return f"{path} is not a regular file ({_kind(info.st_mode)})"
    if info.st_size > MAX_STATE_BYTES:
        return (
            f"{path} is {info.st_size / 1024 / 1024:.3g} MB, over the {MAX_STATE_BYTES >> 20} MB a state file may hold"
        )
    return None


def _read_regular(path: Path) -> tuple[bytes, os.stat_result]:
    """The bytes of a regular file of at most MAX_STATE_BYTES (OSError otherwise), and its status."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_NONBLOCK", 0))
    with open(fd, "rb", buffering=0) as handle:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise OSError(0, f"not a regular file ({_kind(info.st_mode)})")
        raw = handle.read(MAX_STATE_BYTES + 1)
    if len(raw) > MAX_STATE_BYTES:
        raise OSError(0, f"over the {MAX_STATE_BYTES >> 20} MB a state file may hold")
    return raw, info


def _remove_leftovers(path: Path) -> None:
    """Temporary files of a save that was killed (called under the lock, when no save is under way)."""
    for temp in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            if stat.S_ISREG(os.lstat(temp).st_mode):
                os.unlink(temp)


# What each known table's rows must be; anything else in a file makes it "not a state file".
_SHAPES: dict[str, dict[str, type | tuple[type, ...]]] = {
    "bookmarks": {"source": str, "statement": str, "text": str, "citation": str, "note": str, "created": str},
    "views": {"dossier": str, "countries": list, "search": str, "pane": (str, type(None)), "theme": str},
    "settings": {"key": str},
}
_REQUIRED = {"bookmarks": ("source", "statement"), "views": ("dossier",), "settings": ("key",)}


def _check_shape(data: object) -> None:
    """Raise ValueError naming the first thing in `data` that a state file cannot hold."""
    if not isinstance(data, dict):
        raise ValueError("not a TinyDB file")
    for name, table in data.items():
        if not isinstance(table, dict):
            raise ValueError(f"table {name!r} is not an object")
        for doc_id, row in table.items():
            if not doc_id.isdigit() or not doc_id.isascii():
                raise ValueError(f"{name}: {doc_id!r} is not a row number")
            if not isinstance(row, dict):
                raise ValueError(f"{name} {doc_id}: not an object")
            for field in _REQUIRED.get(name, ()):
                if field not in row:
                    raise ValueError(f"{name} {doc_id}: {field} is missing")
            for field, kind in _SHAPES.get(name, {}).items():
                if field in row and not isinstance(row[field], kind):
                    raise ValueError(f"{name} {doc_id}: {field} has the wrong type")
            if name == "views" and not all(isinstance(c, str) for c in row.get("countries", [])):
                raise ValueError(f"views {doc_id}: countries are not all strings")


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
    """TinyDB storage that reads the file afresh when it changed and writes it atomically; a file that
    cannot be parsed is moved aside (its owner is told through `on_corrupt`)."""

    def __init__(self, path: Path, on_corrupt, cache: dict) -> None:
        self.path = path
        self.on_corrupt = on_corrupt
        self.cache = cache  # the owner's: what was last read or written, and the file's identity then

    @staticmethod
    def _identity(info: os.stat_result) -> tuple:
        return (info.st_ino, info.st_size, info.st_mtime_ns)

    def read(self) -> dict[str, Any] | None:
        try:
            info = os.stat(self.path)
        except FileNotFoundError:
            return None
        if self.cache.get("identity") == self._identity(info):
            return self.cache["data"]  # unchanged since this process read or wrote it: no parse
        raw, info = _read_regular(self.path)
        try:
            data = json.loads(raw.decode("utf-8")) if raw.strip() else None
            if data is not None:
                _check_shape(data)
        except (ValueError, RecursionError) as exc:
            aside = self.path.with_name(f"{self.path.name}.corrupt-{dt.datetime.now():%Y%m%d-%H%M%S-%f}")
            os.replace(self.path, aside)
            self.cache.clear()
            self.on_corrupt(f"{self.path} was unreadable ({exc}); kept it as {aside.name} and started afresh")
            return None
        self.cache.update(identity=self._identity(info), data=data)
        return data

    def write(self, data: dict[str, Any]) -> None:
        self.cache.clear()  # until the write is known to be done
        write_atomically(self.path, json.dumps(data, ensure_ascii=False, indent=1))
        self.cache.update(identity=self._identity(os.stat(self.path)), data=data)


class UserState:
    """The state file. Reads and writes never raise: what goes wrong is collected in `warnings`."""

    def __init__(self, path: Path | None = None) -> None:
        # A symlinked state file is kept a symlink: its target is the file that is read and replaced.
        self.path = Path(os.path.realpath((path or default_state_path()).expanduser()))
        self.warnings: list[str] = []
        self._memory: TinyDB | None = None  # the session's state, once the file cannot be written
        self._cache: dict[str, Any] = {}
        self._cleaned = False

    def _warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    def _use(self, operation):
        """Run `operation(db)` on the latest state under the lock; in memory once the file fails."""
        if self._memory is None:
            reason = _unusable(self.path)
            if reason is None:
                try:
                    self.path.parent.mkdir(parents=True, exist_ok=True)
                    with _locked(self.path):
                        if not self._cleaned:
                            _remove_leftovers(self.path)
                            self._cleaned = True
                        db = TinyDB(
                            storage=_AtomicJSONStorage, path=self.path, on_corrupt=self._warn, cache=self._cache
                        )
                        return operation(db)
                except (OSError, ValueError) as exc:
                    reason = f"cannot write {self.path} ({getattr(exc, 'strerror', None) or exc})"
            self._warn(f"{reason}: changes last until you quit")
            self._memory = TinyDB(storage=MemoryStorage)
            with contextlib.suppress(OSError, ValueError, RecursionError):
                data = self._cache.get("data") or json.loads(_read_regular(self.path)[0].decode("utf-8"))
                _check_shape(data)
                self._memory.storage.write(data)
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

    def toggle_bookmark(self, mark: Bookmark, shown: Bookmark | None) -> bool:
        """Act on what the window showed (`shown`: the bookmark as it was drawn, or None): add where it
        showed none, remove where it showed one. Another window may have changed it meanwhile: a
        bookmark already there stays, and one whose note the window never saw is kept (with a
        warning), so no toggle from a stale view loses a note. True when it is now bookmarked."""

        def toggle(db: TinyDB) -> bool:
            table = db.table("bookmarks")
            stored = table.get(self._where(*mark.key))
            if shown is None:
                if stored is None:
                    table.insert({**mark.__dict__, "created": mark.created or _now()})
                return True
            if stored is not None and (stored.get("note") or "") != shown.note:
                self._warn("kept a bookmark whose note was changed in another window: open B to see it")
                return True
            table.remove(self._where(*mark.key))
            return False

        return self._use(toggle)

    def set_note(self, mark: Bookmark, note: str, was: str | None = None) -> None:
        """Set the note on a bookmark, bookmarking the statement if it was not. `was`: the note as the
        editor showed it; if another window changed it since, both are kept (with a warning)."""

        def save(db: TinyDB) -> None:
            table = db.table("bookmarks")
            stored = (table.get(self._where(*mark.key)) or {}).get("note") or ""
            text = note
            if was is not None and stored not in ("", was, note):
                text = f"{stored}\n\n{note}"
                self._warn("the note was changed in another window meanwhile: both are kept, one after the other")
            if not table.update({"note": text}, self._where(*mark.key)):
                table.insert({**mark.__dict__, "note": text, "created": mark.created or _now()})

        self._use(save)


def _now() -> str:
    return dt.datetime.now().isoformat(timespec="seconds")
