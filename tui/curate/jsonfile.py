"""Writing a dossier back with the same bytes for everything not edited.

The document is read once with the offsets of every object and array in the file. On save, a
container that is still the very object read (edits are copy-on-write, see `patch`) is written as
its original bytes; only containers on the path of an edit are written afresh, in the file's own
style (indent, separators, escaping). A file already in the style `json.dumps` gives (as the tool
and the bundled dossier write) takes a fast path: the whole document dumped in that style.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from json.decoder import scanstring  # type: ignore[attr-defined]
from pathlib import Path
from typing import Any

_WS = re.compile(r"[ \t\n\r]*")
_NUMBER = re.compile(r"-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?")


@dataclass(frozen=True)
class Style:
    indent: str | None = "  "
    item_sep: str = ","
    key_sep: str = ": "
    ensure_ascii: bool = False


class Original:
    """A dossier file's text, its parsed document, and where each container of it was written."""

    def __init__(self, raw: bytes) -> None:
        self.text = raw.decode("utf-8")
        data = json.loads(self.text)
        self.trailing = self.text[len(self.text.rstrip(" \t\n\r")) :]
        candidates = _styles(self.text)
        self.style = next((s for s in candidates if _dump(data, s) + self.trailing == self.text), None)
        self.canonical = self.style is not None
        self._spans: dict[int, tuple[Any, int, int]] = {}
        if self.style is not None:
            self.data = data
        else:
            self.style = candidates[0]
            self.data, _ = self._parse(_WS.match(self.text, 0).end())

    def render(self, data: Any) -> bytes:
        """`data` as the file's bytes: unchanged parts as read, changed ones in the file's style."""
        if self.canonical:
            return (_dump(data, self.style) + self.trailing).encode("utf-8")
        return (self._render(data, 0) + self.trailing).encode("utf-8")

    # -- reading with offsets
    def _parse(self, i: int) -> tuple[Any, int]:
        text = self.text
        c = text[i]
        if c == "{":
            out: dict[str, Any] = {}
            j = _WS.match(text, i + 1).end()
            if text[j] == "}":
                return self._keep(out, i, j + 1)
            while True:
                key, j = scanstring(text, j + 1)
                j = _WS.match(text, j).end() + 1  # the colon
                value, j = self._parse(_WS.match(text, j).end())
                out[key] = value
                j = _WS.match(text, j).end()
                if text[j] == "}":
                    return self._keep(out, i, j + 1)
                j = _WS.match(text, j + 1).end()  # past the comma
        if c == "[":
            items: list[Any] = []
            j = _WS.match(text, i + 1).end()
            if text[j] == "]":
                return self._keep(items, i, j + 1)
            while True:
                value, j = self._parse(j)
                items.append(value)
                j = _WS.match(text, j).end()
                if text[j] == "]":
                    return self._keep(items, i, j + 1)
                j = _WS.match(text, j + 1).end()
        if c == '"':
            return scanstring(text, i + 1)
        for word, value in (("true", True), ("false", False), ("null", None)):
            if text.startswith(word, i):
                return value, i + len(word)
        m = _NUMBER.match(text, i)
        number = m.group()
        return (json.loads(number), m.end())

    def _keep(self, value: Any, start: int, end: int) -> tuple[Any, int]:
        self._spans[id(value)] = (value, start, end)
        return value, end

    # -- writing
    def _render(self, value: Any, depth: int) -> str:
        kept = self._spans.get(id(value))
        if kept is not None and kept[0] is value:
            return self.text[kept[1] : kept[2]]
        style = self.style
        if isinstance(value, dict):
            parts = [_scalar(k, style) + style.key_sep + self._render(v, depth + 1) for k, v in value.items()]
            return _wrap("{", parts, "}", depth, style)
        if isinstance(value, list):
            return _wrap("[", [self._render(v, depth + 1) for v in value], "]", depth, style)
        return _scalar(value, style)


def _wrap(open_: str, parts: list[str], close: str, depth: int, style: Style) -> str:
    if not parts:
        return open_ + close
    if style.indent is None:
        return open_ + style.item_sep.join(parts) + close
    inner = "\n" + style.indent * (depth + 1)
    return open_ + inner + (style.item_sep + inner).join(parts) + "\n" + style.indent * depth + close


def _scalar(value: Any, style: Style) -> str:
    return json.dumps(value, ensure_ascii=style.ensure_ascii)


def _dump(data: Any, style: Style) -> str:
    separators = (style.item_sep if style.indent is None else style.item_sep.rstrip(), style.key_sep)
    return json.dumps(data, indent=style.indent, separators=separators, ensure_ascii=style.ensure_ascii)


def _styles(text: str) -> list[Style]:
    """The styles the file may be written in, likeliest first: its indent unit from its first lines,
    its escaping from whether it is all ASCII, and for a one-line file either pair of separators."""
    m = re.match(r"\s*[{\[]\n([ \t]+)", text)
    ascii_ = text.isascii() and "\\u" in text
    if m:
        return [Style(m[1], ",", ": ", ascii_)]
    return [Style(None, ", ", ": ", ascii_), Style(None, ",", ":", ascii_)]


def write_atomically(path: Path, data: bytes) -> None:
    """Replace `path` with `data`: a temporary file beside it, fsynced, given the old file's
    permissions, renamed over it; then the folder fsynced, so the rename itself survives a crash."""
    path = Path(path)
    fd, temp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        try:
            os.chmod(temp, os.stat(path).st_mode & 0o7777)
        except FileNotFoundError:
            os.chmod(temp, 0o644)
        os.replace(temp, path)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _fsync_dir(path.parent)


def _fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:  # not possible everywhere (Windows); the rename is still atomic
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
