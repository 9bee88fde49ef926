"""Edit operations on a dossier's JSON. Each returns a `Step`: named, made of primitive `Change`s,
applied by the session (and undone by reverting them). Nothing here mutates a document.

What referred to a removed item is updated in the same step and said in its notes: an id is taken
out of the lists that cite it; a stance left citing nothing goes with it; a removal that would leave
a statement without a speaker, or an event's date without the event it was worked out from, is
refused with the reason.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from .. import model
from .items import (
    KINDS,
    CurationError,
    Ref,
    _field,
    field_order,
    find,
    get_item,
    ids_of,
    is_draft,
    items,
    key_of,
    referrers,
    stance_ref,
)
from .patch import MISSING, Change, apply, get, set_key


@dataclass(frozen=True)
class Step:
    """One undoable edit: its name ("accept s12"), its changes, what else it changed (one line each),
    and the item to show after it."""

    name: str
    changes: tuple[Change, ...]
    notes: tuple[str, ...] = ()
    focus: Ref | None = None


@dataclass
class _Builder:
    """Changes made one after another against the document as it becomes."""

    doc: dict[str, Any]
    changes: list[Change] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def add(self, change: Change) -> None:
        self.doc = apply(self.doc, [change])
        self.changes.append(change)

    def set(self, path: tuple, key: str, new: Any, order: Sequence[str] = ()) -> None:
        if _field(get(self.doc, path), (key,)) is new:
            return
        self.add(set_key(self.doc, path, key, new, order))

    def insert(self, list_name: str, index: int, item: dict[str, Any]) -> None:
        if list_name not in self.doc:
            self.set((), list_name, [], tuple(model.Dossier.model_fields))
        self.add(Change("insert", (list_name,), index, new=item))

    def delete(self, ref: Ref) -> None:
        list_name, index = KINDS[ref.kind][0], find(self.doc, ref)
        self.add(Change("delete", (list_name,), index, old=self.doc[list_name][index]))

    def step(self, name: str, focus: Ref | None = None) -> Step:
        if self.doc.get("schema_version") == "1.0" and (feature := uses_1_1(self.doc)):
            self.set((), "schema_version", "1.1")
            self.notes.append(f"format now 1.1 ({feature})")
        return Step(name, tuple(self.changes), tuple(self.notes), focus)


def uses_1_1(doc: dict[str, Any]) -> str:
    """The first format 1.1 feature the document uses (one line), or ''."""
    source = doc.get("source", {})
    for name in ("headline_editorial", "dateline_editorial"):
        if source.get(name):
            return name
    for kind, names in (
        ("actor", ("review", "origin")),
        ("statement", ("source", "inferred_attribution", "review", "origin")),
        ("event", ("review", "origin")),
        ("stance", ("review", "origin")),
    ):
        for item in items(doc, kind):
            for name in names:
                if item.get(name) is not None:
                    return f"{kind} {name}"
    events = ids_of(doc, frozenset({"event"})) - ids_of(doc, frozenset({"statement"}))
    if any(x in events for s in items(doc, "stance") for x in s.get("evidence", [])):
        return "a stance citing an event"
    return ""


def _item_path(doc: dict[str, Any], ref: Ref) -> tuple[str, int]:
    return (KINDS[ref.kind][0], find(doc, ref))


# --- review ---------------------------------------------------------------------------------------


def accept(doc: dict[str, Any], ref: Ref) -> Step:
    """Mark a draft item reviewed (its `origin` stays: where it came from is still true)."""
    if not is_draft(get_item(doc, ref)):
        raise CurationError(f"{ref} is already reviewed")
    b = _Builder(doc)
    b.set(_item_path(doc, ref), "review", MISSING)
    return b.step(f"accept {ref}", ref)


def accept_all(doc: dict[str, Any], refs: Iterable[Ref]) -> Step:
    """Accept every draft among `refs` in one step."""
    b = _Builder(doc)
    done = 0
    for ref in refs:
        if is_draft(get_item(b.doc, ref)):
            b.set(_item_path(b.doc, ref), "review", MISSING)
            done += 1
    if not done:
        raise CurationError("nothing shown awaits review")
    return b.step(f"accept {done} item{'s' * (done != 1)}")


def remove(doc: dict[str, Any], ref: Ref) -> Step:
    """Reject a draft item or delete a reviewed one, updating what referred to it."""
    verb = "reject" if is_draft(get_item(doc, ref)) else "delete"
    found = list(referrers(doc, ref))
    blocking = [(link, owner) for link, owner, _, _ in found if link.refuse]
    if blocking:
        link = blocking[0][0]
        owners = [str(o) for lk, o in blocking if lk is link]
        names = ", ".join(owners[:5]) + (f" and {len(owners) - 5} more" if len(owners) > 5 else "")
        what = "statements" if link.owner == "statement" else "events"
        raise CurationError(f"cannot {verb} {ref}: {len(owners)} {what} need it ({names}); {link.refuse} first")
    b = _Builder(doc)
    for link, owner, _, _ in found:
        if owner.kind == ref.kind == "stance":
            continue
        _unlink(b, link, owner, ref)
    b.delete(ref)
    return b.step(f"{verb} {ref}")


def _unlink(b: _Builder, link, owner: Ref, ref: Ref) -> None:
    try:
        index = find(b.doc, owner)
    except CurationError:  # already removed by an earlier link in this step
        return
    list_name = KINDS[owner.kind][0]
    item = b.doc[list_name][index]
    *parents, last = link.field
    path = (list_name, index, *parents)
    if link.many:
        kept = [x for x in _field(item, link.field) if x != ref.key]
        if link.nonempty and not kept:
            b.delete(owner)
            b.notes.append(f"{owner} removed too: it cited only {ref.key}")
            return
        b.set(path, last, kept)
        b.notes.append(f"{ref.key} taken out of the {last} of {owner}")
    elif link.required:
        b.delete(owner)
        b.notes.append(f"{owner} removed too: it was about {ref.key}")
    else:
        b.set(path, last, MISSING)
        b.notes.append(f"the {last} of {owner} cleared (was {ref.key})")


# --- edits ----------------------------------------------------------------------------------------

_NAMING_FIELD = {kind: spec[1] for kind, spec in KINDS.items()}


def edit(doc: dict[str, Any], ref: Ref, fields: Mapping[str, Any], within: tuple[str, ...] = ()) -> Step:
    """Set fields of an item (`within`: a nested object such as an event's `when`); None or MISSING
    removes an optional field. Renaming an id renames every reference to it. Editing a draft item
    accepts it: a person has looked at it and made it right."""
    index = find(doc, ref)
    list_name = KINDS[ref.kind][0]
    model_class = _nested_model(ref.kind, within)
    known = tuple(model_class.model_fields)
    unknown = [name for name in fields if name not in known]
    if unknown:
        raise CurationError(f"{ref.kind} has no field {unknown[0]!r}")
    target = get(doc, (list_name, index, *within))
    changed = [k for k, v in fields.items() if target.get(k, MISSING) != (MISSING if v is None else v)]
    if not changed:
        raise CurationError(f"nothing to change in {ref}")
    b = _Builder(doc)
    new_key = _renamed_key(doc, ref, fields) if not within else None
    for name in changed:
        value = fields[name]
        b.set((list_name, index, *within), name, MISSING if value is None else value, known)
    if new_key is not None and new_key != ref.key:
        _rename_references(b, ref, new_key)
    focus = Ref(ref.kind, new_key if new_key is not None else ref.key)
    name = f"edit {ref} ({', '.join(changed)})"
    item_now = get(b.doc, (list_name, index))
    if is_draft(item_now):
        b.set((list_name, index), "review", MISSING)
        name += " and accept it"
    return b.step(name, focus)


def _nested_model(kind: str, within: tuple[str, ...]) -> type[model.Strict]:
    if within == ("when",) and kind == "event":
        return model.TimeExpression
    if within:
        raise CurationError(f"cannot edit {'.'.join(within)} of a {kind} as a form")
    return KINDS[kind][2]


def _renamed_key(doc: dict[str, Any], ref: Ref, fields: Mapping[str, Any]) -> Any:
    if ref.kind == "stance":
        key = (fields.get("actor", ref.key[0]), fields.get("issue", ref.key[1]))
    else:
        key = fields.get(_NAMING_FIELD[ref.kind], ref.key)
    if key != ref.key and any(key_of(ref.kind, item) == key for item in items(doc, ref.kind)):
        raise CurationError(f"another {ref.kind} is already {Ref(ref.kind, key)}")
    return key


def _rename_references(b: _Builder, ref: Ref, new_key: Any) -> None:
    for link, owner, _, _ in list(referrers(b.doc, ref)):
        index = find(b.doc, owner)
        list_name = KINDS[owner.kind][0]
        *parents, last = link.field
        value = _field(b.doc[list_name][index], link.field)
        new = [new_key if x == ref.key else x for x in value] if link.many else new_key
        b.set((list_name, index, *parents), last, new)
        b.notes.append(f"{owner} now names {new_key}")


def reanchor(doc: dict[str, Any], statement: str, part: str, span: dict[str, Any] | None) -> Step:
    """Point a statement's `content`, `cue` or `source` at other words of the text (None drops a cue or
    source)."""
    if part not in ("content", "cue", "source"):
        raise CurationError(f"a statement has no span {part!r}")
    if span is None and part == "content":
        raise CurationError("a statement needs its content")
    ref = Ref("statement", statement)
    step = edit(doc, ref, {part: span})
    return Step(step.name.replace(f"edit {ref} ({part})", f"re-anchor {ref} {part}"), step.changes, step.notes, ref)


def edit_position(doc: dict[str, Any], issue: str, code: str, *, new_code: str | None = None, **fields: Any) -> Step:
    """Change one of an issue's positions (code, label, polarity); stances holding it follow a new code."""
    ref = Ref("issue", issue)
    positions = list(get_item(doc, ref).get("positions", []))
    at = next((i for i, p in enumerate(positions) if p.get("code") == code), None)
    if at is None:
        raise CurationError(f"issue {issue} has no position {code!r}")
    changed = {**positions[at], **{k: v for k, v in fields.items() if v is not None}}
    if new_code and new_code != code:
        if any(p.get("code") == new_code for p in positions):
            raise CurationError(f"issue {issue} already has a position {new_code!r}")
        changed["code"] = new_code
    positions[at] = changed
    b = _Builder(doc)
    b.set(_item_path(doc, ref), "positions", positions)
    if new_code and new_code != code:
        for stance in [s for s in items(doc, "stance") if s.get("issue") == issue and s.get("position") == code]:
            sref = stance_ref(stance["actor"], issue)
            b.set(_item_path(b.doc, sref), "position", new_code)
            b.notes.append(f"{sref} now holds {new_code}")
    return b.step(f"edit position {code} of {issue}", ref)


def add_position(doc: dict[str, Any], issue: str, code: str, label: str, polarity: str) -> Step:
    ref = Ref("issue", issue)
    positions = list(get_item(doc, ref).get("positions", []))
    if any(p.get("code") == code for p in positions):
        raise CurationError(f"issue {issue} already has a position {code!r}")
    b = _Builder(doc)
    b.set(_item_path(doc, ref), "positions", [*positions, {"code": code, "label": label, "polarity": polarity}])
    return b.step(f"add position {code} to {issue}", ref)


def remove_position(doc: dict[str, Any], issue: str, code: str) -> Step:
    ref = Ref("issue", issue)
    holders = [s["actor"] for s in items(doc, "stance") if s.get("issue") == issue and s.get("position") == code]
    if holders:
        raise CurationError(f"cannot remove position {code}: held by {', '.join(holders)}; change their stances first")
    positions = [p for p in get_item(doc, ref).get("positions", []) if p.get("code") != code]
    if not positions:
        raise CurationError(f"issue {issue} needs at least one position")
    b = _Builder(doc)
    b.set(_item_path(doc, ref), "positions", positions)
    return b.step(f"remove position {code} from {issue}", ref)


# --- new items ------------------------------------------------------------------------------------


def slug(text: str) -> str:
    words = re.findall(r"[A-Za-z0-9]+", text.lower())
    return "-".join(words)[:40].strip("-") or "item"


def fresh_id(doc: dict[str, Any], kind: str, base: str) -> str:
    """`base`, or `base-2`, `base-3`…, whichever no item of `kind` has."""
    taken = ids_of(doc, frozenset({kind}))
    if base not in taken:
        return base
    n = 2
    while f"{base}-{n}" in taken:
        n += 1
    return f"{base}-{n}"


def next_statement_id(doc: dict[str, Any]) -> str:
    numbers = [int(m[1]) for s in items(doc, "statement") if (m := re.fullmatch(r"s(\d+)", s.get("id", "")))]
    return fresh_id(doc, "statement", f"s{max(numbers, default=0) + 1}")


def _ordered(kind: str, fields: Mapping[str, Any]) -> dict[str, Any]:
    """An item's fields in the model's order, leaving out empty optional ones."""
    order = field_order(kind)
    return {k: fields[k] for k in order if k in fields and fields[k] is not None}


def _insert_new(b: _Builder, kind: str, item: dict[str, Any], index: int | None = None) -> None:
    list_name = KINDS[kind][0]
    b.insert(list_name, len(items(b.doc, kind)) if index is None else index, item)


def add_statement(
    doc: dict[str, Any],
    *,
    actor: str,
    mode: str,
    content: dict[str, Any],
    cue: dict[str, Any] | None = None,
    source: dict[str, Any] | None = None,
    when: str | None = None,
    issues: Sequence[str] = (),
    ident: str | None = None,
) -> Step:
    """A new statement, placed among the others in the order of the text."""
    ident = ident or next_statement_id(doc)
    if ident in ids_of(doc, frozenset({"statement"})):
        raise CurationError(f"another statement is already {ident}")
    item = _ordered(
        "statement",
        {
            "id": ident,
            "actor": actor,
            "mode": mode,
            "content": content,
            "cue": cue,
            "source": source,
            "when": when,
            "issues": list(issues),
        },
    )
    existing = items(doc, "statement")
    index = sum(1 for s in existing if s.get("content", {}).get("start", 0) <= content["start"])
    b = _Builder(doc)
    _insert_new(b, "statement", item, index)
    return b.step(f"new statement {ident}", Ref("statement", ident))


def add_event(
    doc: dict[str, Any],
    *,
    title: str,
    when: dict[str, Any],
    actors: Sequence[str] = (),
    place: str | None = None,
    evidence: Sequence[str] = (),
    ident: str | None = None,
) -> Step:
    ident = ident or fresh_id(doc, "event", "e-" + slug(title))
    when = {k: when[k] for k in model.TimeExpression.model_fields if when.get(k) is not None}
    item = _ordered(
        "event",
        {"id": ident, "title": title, "when": when, "actors": list(actors), "place": place, "evidence": list(evidence)},
    )
    b = _Builder(doc)
    _insert_new(b, "event", item)
    return b.step(f"new event {ident}", Ref("event", ident))


def add_actor(doc: dict[str, Any], *, name: str, kind: str, ident: str | None = None, **fields: Any) -> Step:
    ident = ident or fresh_id(doc, "actor", slug(name))
    if ident in ids_of(doc, frozenset({"actor"})):
        raise CurationError(f"another actor is already {ident}")
    item = _ordered("actor", {"id": ident, "name": name, "kind": kind, "aliases": [], **fields})
    b = _Builder(doc)
    _insert_new(b, "actor", item)
    return b.step(f"new actor {ident}", Ref("actor", ident))


def add_stance(
    doc: dict[str, Any],
    *,
    actor: str,
    issue: str,
    position: str,
    evidence: Sequence[str],
    conditions: str | None = None,
    note: str | None = None,
) -> Step:
    ref = stance_ref(actor, issue)
    if any(key_of("stance", s) == ref.key for s in items(doc, "stance")):
        raise CurationError(f"{ref} exists already: edit it instead")
    item = _ordered(
        "stance",
        {
            "actor": actor,
            "issue": issue,
            "position": position,
            "conditions": conditions or None,
            "evidence": list(evidence),
            "note": note or None,
        },
    )
    b = _Builder(doc)
    _insert_new(b, "stance", item)
    return b.step(f"new {ref}", ref)


def add_issue(
    doc: dict[str, Any], *, title: str, question: str, positions: Sequence[Mapping[str, str]], ident: str | None = None
) -> Step:
    ident = ident or fresh_id(doc, "issue", slug(title))
    item = {"id": ident, "title": title, "question": question, "positions": [dict(p) for p in positions]}
    b = _Builder(doc)
    _insert_new(b, "issue", item)
    return b.step(f"new issue {ident}", Ref("issue", ident))
