"""Reading a dossier file as JSON, before any checking (no model imports: the CLI and the app use it
to refuse an unreadable file at once)."""

from __future__ import annotations

import json
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


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise DuplicateKey(key)
        seen[key] = value
    return seen


def _reject_constant(name: str) -> Any:
    raise ValueError(f"{name} is not valid JSON")


def parse_json(raw: bytes) -> tuple[Any, Problem | None]:
    """Decode strict UTF-8 JSON with no duplicate keys, no NaN, any nesting depth without crashing."""
    if not raw.strip():
        return None, Problem("$", "file is empty")
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, Problem("$", "file starts with a byte order mark (BOM); save it as UTF-8 without BOM")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, Problem("$", f"not UTF-8: invalid byte at offset {exc.start}")
    try:
        return json.loads(text, object_pairs_hook=_no_duplicates, parse_constant=_reject_constant), None
    except DuplicateKey as exc:
        return None, Problem("$", f"duplicate key {json.dumps(str(exc))}")
    except json.JSONDecodeError as exc:
        return None, Problem("$", f"not JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
    except RecursionError:
        return None, Problem("$", "not readable: JSON nested too deeply")
    except ValueError as exc:
        return None, Problem("$", f"not JSON: {exc}")


def read_json(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[Any, Problem | None, bytes]:
    """The parsed JSON of a file, the one problem that stops it being read (or None), and its bytes."""
    path = Path(path)
    try:
        size = path.stat().st_size
        if path.is_dir():
            return None, Problem("$", "is a folder, not a dossier file"), b""
        if size > max_bytes:
            # Three significant figures, so a small file over a small limit does not read "0.0 MB".
            limit = f"{max_bytes / 1024 / 1024:.3g} MB"
            message = f"file is {size / 1024 / 1024:.3g} MB, over the {limit} limit (raise it with --max-size)"
            return None, Problem("$", message), b""
        raw = path.read_bytes()
    except OSError as exc:
        return None, Problem("$", f"cannot read: {exc.strerror or exc}"), b""
    data, problem = parse_json(raw)
    return data, problem, raw


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
    data, problem, _ = read_json(path, max_bytes)
    if problem is not None:
        return problem, 2
    problem = not_an_object(data)
    return problem, 1 if problem else 0
