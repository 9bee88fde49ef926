"""Reading a dossier file as JSON, before any checking (no model imports: the CLI and the app use it
to refuse an unreadable file at once)."""

from __future__ import annotations

import errno
import gc
import json
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

DEFAULT_MAX_BYTES = 50 * 1024 * 1024

Level = Literal["error", "warning"]


@dataclass(frozen=True)
class Problem:
    path: str
    message: str
    level: Level = "error"

    def line(self, file: str) -> str:
        """One line, `FILE: $.path: message`, as `validate` prints it."""
        prefix = "warning: " if self.level == "warning" else ""
        return f"{file}: {self.path}: {prefix}{self.message}"


class DuplicateKey(ValueError):
    pass


# Characters a dossier string is checked for (issue: hostile dossiers): controls, lone surrogates,
# bidi controls and zero-width characters. Tabs and line breaks belong only in the article's text and
# in what is quoted from it (its spans' exact, prefix and suffix).
BIDI = "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c"
ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff"
# Characters that show as nothing: Unicode tag characters (U+E0000-E007F), and fillers and joiners that
# look like a space or nothing at all (Hangul fillers, Mongolian vowel separator, grapheme joiner, braille blank).
INVISIBLE = "\U000e0000-\U000e007f\u115f\u1160\u3164\uffa0\u180e\u034f\u2800"
SEPARATORS = "\u2028\u2029"  # line and paragraph separators: line breaks, in the article's text only
SUSPECT = re.compile(f"[\x00-\x1f\x7f-\x9f\ud800-\udfff{BIDI}{ZERO_WIDTH}{INVISIBLE}{SEPARATORS}]")
SPAN_TEXT_KEYS = frozenset({"exact", "prefix", "suffix"})

# The same, found in the JSON text itself, so that a clean file (nearly every file) needs no walk over
# its strings. In JSON text a control character can only be written as an escape (the parser refuses
# it bare); the others may be either. Escapes are found left to right, so "\\n" is a backslash and an n.
_LITERAL = re.compile(f"[\x7f-\x9f{BIDI}{ZERO_WIDTH}{INVISIBLE}{SEPARATORS}]")
_ESCAPE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|(.))")


def strings_clean(text: str, data: Any) -> bool:
    """True when no string in `data`, parsed from the JSON `text`, has a character to report: none is
    written or escaped in the text, but for tabs and line breaks, and those are all in the strings
    where they belong (the article's text and spans). False means only "walk the strings to see"."""
    if _LITERAL.search(text):
        return False
    lines = 0
    for code, char in _ESCAPE.findall(text):
        if code:
            if SUSPECT.match(chr(int(code, 16))):
                return False
        elif char in "nt":
            lines += 1
        elif char in "bfr":
            return False
    return lines == 0 or lines == sum(s.count("\n") + s.count("\t") for s in _texts_with_lines(data))


def _texts_with_lines(data: Any) -> Iterator[str]:
    """The article's text and its spans' exact, prefix and suffix, where the schema puts them (each
    string once; anything else a walk will find)."""
    if not isinstance(data, dict):
        return
    source = data.get("source")
    if isinstance(source, dict) and isinstance(source.get("text"), str):
        yield source["text"]
    for items, keys in _SPAN_PLACES:
        for item in data.get(items) if isinstance(data.get(items), list) else ():
            for key in keys:
                span = item
                for part in key:
                    span = span.get(part) if isinstance(span, dict) else None
                if isinstance(span, dict):
                    yield from (v for k, v in span.items() if k in SPAN_TEXT_KEYS and isinstance(v, str))


_SPAN_PLACES = (
    ("statements", (("content",), ("cue",))),
    ("events", (("when", "phrase"),)),
    ("figures", (("span",),)),
    ("notes", (("span",),)),
)


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(key)
        seen[key] = value
    return seen


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def screen_json(raw: bytes) -> tuple[Any, Problem | None, bool]:
    """Decode strict UTF-8 JSON with no duplicate keys, no NaN, any nesting depth without crashing; and
    say whether every string is clean (see `strings_clean`)."""
    if not raw.strip():
        return None, Problem("$", "file is empty"), False
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, Problem("$", "file starts with a byte order mark (BOM); save it as UTF-8 without BOM"), False
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Problem("$", f"not UTF-8: invalid byte at offset {exc.start}"), False
    try:
        data = json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant)
    except DuplicateKey as exc:
        return None, Problem("$", f"duplicate key {json.dumps(str(exc))}"), False
    except json.JSONDecodeError as exc:
        return None, Problem("$", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"), False
    except RecursionError:
        return None, Problem("$", "not readable: JSON nested too deeply"), False
    except ValueError as exc:
        return None, Problem("$", f"not JSON: {exc}"), False
    return data, None, strings_clean(text, data)


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while building many objects that all live on: otherwise it
    rescans them again and again (it halves the time to load a thousand dossiers, and takes a third
    off checking one of 100,000 statements)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def read_json(
    path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, regular_only: bool = False
) -> tuple[Any, Problem | None, bytes, bool]:
    """The parsed JSON of a file, the one problem that stops it being read (or None), its bytes, and
    whether its strings are all clean (see `strings_clean`). `regular_only`: a file found in a folder,
    which is read only if it is a regular file (never a FIFO, device, folder or symlink loop)."""
    raw, problem = read_bytes(Path(path), max_bytes, regular_only)
    if problem is not None:
        return None, problem, b"", False
    data, problem, clean = screen_json(raw)
    return data, problem, raw, clean


_KINDS = {
    stat.S_IFDIR: "a folder",
    stat.S_IFIFO: "a FIFO",
    stat.S_IFCHR: "a device",
    stat.S_IFBLK: "a device",
    stat.S_IFSOCK: "a socket",
}
_CHUNK = 1 << 20
_NOCTTY, _NONBLOCK = getattr(os, "O_NOCTTY", 0), getattr(os, "O_NONBLOCK", 0)  # POSIX only


def read_bytes(path: Path, max_bytes: int, regular_only: bool = False) -> tuple[bytes, Problem | None]:
    """At most `max_bytes` of a file: the limit counts the bytes read, so a pipe or a device cannot get
    past it the way a size from `stat` would let them."""
    try:
        if regular_only:
            problem = _not_regular(os.stat(path))
            if problem is not None:
                return b"", problem
        # O_NONBLOCK: a file that turned into a FIFO since the check above does not hang the open.
        fd = os.open(path, os.O_RDONLY | _NOCTTY | (_NONBLOCK if regular_only else 0))
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return b"", Problem("$", "not a regular file (a symbolic link loop): skipped, not read")
        return b"", Problem("$", f"cannot read: {exc.strerror or exc}")
    info = os.fstat(fd)  # before open(): a folder's descriptor cannot be wrapped in a file object
    if stat.S_ISDIR(info.st_mode):
        problem: Problem | None = Problem("$", "is a folder, not a dossier file")
    else:
        problem = _not_regular(info) if regular_only else None
    if problem is None and stat.S_ISREG(info.st_mode) and info.st_size > max_bytes:
        problem = _too_big(info.st_size, max_bytes)
    if problem is not None:
        os.close(fd)
        return b"", problem
    with open(fd, "rb", buffering=0) as handle:
        try:
            chunks, total = [], 0
            want = min(info.st_size, max_bytes) + 1 if stat.S_ISREG(info.st_mode) else _CHUNK
            while total <= max_bytes and (chunk := handle.read(min(want, max_bytes + 1 - total))):
                chunks.append(chunk)
                total += len(chunk)
                want = _CHUNK
        except OSError as exc:
            return b"", Problem("$", f"cannot read: {exc.strerror or exc}")
    if total > max_bytes:
        return b"", _too_big(None, max_bytes)
    return b"".join(chunks), None


def _not_regular(info: os.stat_result) -> Problem | None:
    if stat.S_ISREG(info.st_mode):
        # A regular file of size 0 is empty, or a kernel file (/proc) whose read may never end.
        return Problem("$", "file is empty: skipped, not read") if info.st_size == 0 else None
    kind = _KINDS.get(stat.S_IFMT(info.st_mode), "not a file")
    return Problem("$", f"not a regular file ({kind}): skipped, not read")


def _too_big(size: int | None, max_bytes: int) -> Problem:
    # Three significant figures, so a small file over a small limit does not read "0.0 MB".
    limit = f"{max_bytes / 1024 / 1024:.3g} MB"
    what = f"file is {size / 1024 / 1024:.3g} MB" if size is not None else f"file has more than {limit}"
    return Problem("$", f"{what}, over the {limit} limit (raise it with --max-size)")


def json_type(value: Any) -> str:
    """'an array', 'a string', … as a message names a JSON value's type."""
    names = {list: "an array", str: "a string", bool: "a boolean", int: "a number", float: "a number"}
    return "null" if value is None else names.get(type(value), type(value).__name__)


def not_an_object(data: Any) -> Problem | None:
    """The problem with JSON that parses but is not an object, so cannot be a dossier."""
    return None if isinstance(data, dict) else Problem("$", f"a dossier is a JSON object, not {json_type(data)}")


def precheck(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Problem | None, int]:
    """What stops a file opening before any checking, with its exit status: 2 when it is unreadable
    or not JSON, 1 when it is JSON but not an object (as `validate` says); (None, 0) otherwise."""
    data, problem, _, _ = read_json(path, max_bytes)
    if problem is not None:
        return problem, 2
    problem = not_an_object(data)
    return problem, 1 if problem else 0
