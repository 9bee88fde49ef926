"""Changes to a dossier's JSON, applied copy-on-write.

A dossier is kept as the plain JSON it was read from (dicts in file order, lists, scalars) and never
changed in place: a change copies only the containers on its path, so every untouched subtree stays
the very object that was read. That identity is what lets a save write the same bytes for everything
not edited (see `jsonfile`), and what makes undo cheap. `jsonpatch` was not used: it either mutates
in place or deep-copies the whole document, losing both properties.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

Path = tuple[str | int, ...]


class _Missing:
    """No value: a key absent before a change adds it, or after a change removes it."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()

Op = Literal["set", "insert", "delete"]


@dataclass(frozen=True)
class Change:
    """One primitive change at `path`: `set` a dict key (or list index) from `old` to `new` (either may
    be MISSING for a dict key); `insert` `new` at list index `key`; `delete` `old` from list index `key`.
    `pos` is where a dict key sits (or is put back), so undo restores key order exactly."""

    op: Op
    path: Path
    key: str | int
    old: Any = MISSING
    new: Any = MISSING
    pos: int = -1

    def inverse(self) -> Change:
        op: Op = {"set": "set", "insert": "delete", "delete": "insert"}[self.op]  # type: ignore[assignment]
        return Change(op, self.path, self.key, self.new, self.old, self.pos)

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {"op": self.op, "path": list(self.path), "key": self.key}
        if self.old is not MISSING:
            out["old"] = self.old
        if self.new is not MISSING:
            out["new"] = self.new
        if self.pos >= 0:
            out["pos"] = self.pos
        return out

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        return cls(
            data["op"],
            tuple(data["path"]),
            data["key"],
            data.get("old", MISSING),
            data.get("new", MISSING),
            data.get("pos", -1),
        )


def get(doc: Any, path: Sequence[str | int]) -> Any:
    for part in path:
        doc = doc[part]
    return doc


def apply(doc: Any, changes: Iterable[Change]) -> Any:
    """The document after `changes`, in order; `doc` itself is left as it was."""
    for change in changes:
        doc = _at(doc, change.path, lambda node, c=change: _one(node, c))
    return doc


def revert(doc: Any, changes: Sequence[Change]) -> Any:
    """The document before `changes` (their inverses, last first)."""
    return apply(doc, [c.inverse() for c in reversed(changes)])


def _at(node: Any, path: Path, edit) -> Any:
    if not path:
        return edit(node)
    head, rest = path[0], path[1:]
    child = _at(node[head], rest, edit)
    if isinstance(node, dict):
        return {**node, head: child}
    copy = list(node)
    copy[head] = child
    return copy


def _one(node: Any, c: Change) -> Any:
    if isinstance(node, list):
        copy = list(node)
        if c.op == "insert":
            copy.insert(int(c.key), c.new)
        elif c.op == "delete":
            _expect(copy[int(c.key)], c.old, c)
            del copy[int(c.key)]
        else:
            _expect(copy[int(c.key)], c.old, c)
            copy[int(c.key)] = c.new
        return copy
    key = str(c.key)
    _expect(node.get(key, MISSING), c.old, c)
    items = [(k, v) for k, v in node.items() if k != key]
    if c.new is MISSING:
        return dict(items)
    if key in node:
        return {k: (c.new if k == key else v) for k, v in node.items()}
    pos = len(items) if c.pos < 0 else min(c.pos, len(items))
    items.insert(pos, (key, c.new))
    return dict(items)


def _expect(found: Any, old: Any, c: Change) -> None:
    """A change applies only to the value it was made against: a journal replayed on another file, or
    a bug, stops here rather than silently corrupting the dossier."""
    if found is not old and found != old:
        raise ValueError(f"change at {list(c.path)}[{c.key!r}] expected {old!r}, found {found!r}")


def set_key(doc: Any, path: Path, key: str, new: Any, order: Sequence[str] = ()) -> Change:
    """A change setting `key` of the dict at `path` to `new` (MISSING removes it). A new key goes where
    `order` (the model's field order) puts it among the keys present, else last."""
    node = get(doc, path)
    old = node.get(key, MISSING)
    keys = list(node)
    if key in node:
        pos = keys.index(key)
    elif key in order:
        rank = order.index(key)
        pos = sum(1 for k in keys if k in order and order.index(k) < rank)
    else:
        pos = len(keys)
    return Change("set", path, key, old, new, pos)
