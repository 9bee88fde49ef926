"""Where each kind of item lives in a dossier's JSON, and what refers to what.

Items are named by `Ref(kind, key)`: the id of an actor, statement, event, issue, note or figure, the
code of an organisation, and (actor, issue) for a stance, which has no id of its own.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from .. import model

# kind -> (top-level list, the field that names an item, the model giving its field order)
KINDS: dict[str, tuple[str, str, type[model.Strict]]] = {
    "actor": ("actors", "id", model.Actor),
    "statement": ("statements", "id", model.Statement),
    "event": ("events", "id", model.Event),
    "issue": ("issues", "id", model.Issue),
    "stance": ("stances", "", model.Stance),
    "note": ("notes", "id", model.Note),
    "figure": ("figures", "id", model.Figure),
    "organisation": ("organisations", "code", model.Organisation),
}
ANY = frozenset(("actor", "statement", "event", "issue", "figure"))


class CurationError(ValueError):
    """An edit that cannot be made as asked; the message says why, in one line, for the user."""


@dataclass(frozen=True)
class Ref:
    kind: str
    key: str | tuple[str, str]

    def __str__(self) -> str:
        if self.kind == "stance":
            actor, issue = self.key
            return f"stance {actor} on {issue}"
        return f"{self.kind} {self.key}" if self.kind in ("organisation", "note", "figure") else str(self.key)


def stance_ref(actor: str, issue: str) -> Ref:
    return Ref("stance", (actor, issue))


def key_of(kind: str, item: dict[str, Any]) -> str | tuple[str, str]:
    if kind == "stance":
        return (item.get("actor", ""), item.get("issue", ""))
    return item.get(KINDS[kind][1], "")


def field_order(kind: str) -> tuple[str, ...]:
    return tuple(KINDS[kind][2].model_fields)


def items(doc: dict[str, Any], kind: str) -> list[dict[str, Any]]:
    return doc.get(KINDS[kind][0]) or []


def find(doc: dict[str, Any], ref: Ref) -> int:
    """The index of the item `ref` names in its list, or CurationError."""
    for index, item in enumerate(items(doc, ref.kind)):
        if key_of(ref.kind, item) == ref.key:
            return index
    raise CurationError(f"no {ref.kind} {_name(ref)} in this dossier")


def _name(ref: Ref) -> str:
    return "/".join(ref.key) if isinstance(ref.key, tuple) else repr(ref.key)


def path_of(doc: dict[str, Any], ref: Ref) -> tuple[str, int]:
    return (KINDS[ref.kind][0], find(doc, ref))


def get_item(doc: dict[str, Any], ref: Ref) -> dict[str, Any]:
    list_name, index = path_of(doc, ref)
    return doc[list_name][index]


def is_draft(item: dict[str, Any]) -> bool:
    return item.get("review") == "draft"


def all_refs(doc: dict[str, Any]) -> Iterator[Ref]:
    for kind in KINDS:
        for item in items(doc, kind):
            yield Ref(kind, key_of(kind, item))


def drafts(doc: dict[str, Any]) -> list[Ref]:
    """Every item awaiting review, in file order by kind."""
    return [Ref(kind, key_of(kind, item)) for kind in KINDS for item in items(doc, kind) if is_draft(item)]


@dataclass(frozen=True)
class Link:
    """A field of items of `owner` kind that names items of one of `targets` kinds.

    `many`: a list of ids. `required`: the field cannot be left out (an item losing its target must
    go, or the removal is refused). `nonempty`: a list that may not become empty (likewise)."""

    owner: str
    field: tuple[str, ...]
    targets: frozenset[str]
    many: bool = False
    required: bool = False
    nonempty: bool = False
    refuse: str = ""  # when set, removing a target it names is refused with this reason


LINKS: tuple[Link, ...] = (
    Link(
        "statement", ("actor",), frozenset({"actor"}), required=True, refuse="give them another speaker or remove them"
    ),
    Link("statement", ("when",), frozenset({"event"})),
    Link("statement", ("issues",), frozenset({"issue"}), many=True),
    Link("event", ("actors",), frozenset({"actor"}), many=True),
    Link("event", ("evidence",), frozenset({"statement"}), many=True),
    Link("event", ("when", "anchor"), frozenset({"event"}), required=True, refuse="their dates are worked out from it"),
    Link("stance", ("actor",), frozenset({"actor"}), required=True),
    Link("stance", ("issue",), frozenset({"issue"}), required=True),
    Link("stance", ("evidence",), frozenset({"statement", "event"}), many=True, nonempty=True),
    Link("actor", ("speaks_for",), frozenset({"actor"})),
    Link("actor", ("affiliation",), frozenset({"organisation"})),
    Link("note", ("about",), ANY, many=True),
)


def ids_of(doc: dict[str, Any], kinds: frozenset[str]) -> set[str]:
    return {key_of(k, item) for k in kinds for item in items(doc, k)}  # type: ignore[misc]


def referrers(doc: dict[str, Any], ref: Ref) -> Iterator[tuple[Link, Ref, int, dict[str, Any]]]:
    """Each (link, referring item, its index, the item) whose `link` field names `ref`."""
    if ref.kind == "stance":
        return
    for link in LINKS:
        if ref.kind not in link.targets:
            continue
        for index, item in enumerate(items(doc, link.owner)):
            value = _field(item, link.field)
            if (ref.key in value) if link.many and isinstance(value, list) else value == ref.key:
                yield link, Ref(link.owner, key_of(link.owner, item)), index, item


def _field(item: dict[str, Any], path: tuple[str, ...]) -> Any:
    for part in path:
        item = item.get(part) if isinstance(item, dict) else None
    return item
