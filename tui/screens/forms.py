"""The edit forms, one per kind of item: which fields each asks, and how its values become a step.
`form_for(doc, ref)` edits an item; the `new_*` functions make a form for a new one."""

from __future__ import annotations

from typing import Any

from ..curate import CurationError, Ref, Step, get_item, ops, propose
from ..curate.items import items
from ..model import Actor
from .edit_form import NEW, Field, Form

MODES = [("direct quote", "direct"), ("reported speech", "indirect"), ("paraphrase", "paraphrase")]
KINDS = [(kind, kind) for kind in Actor.model_fields["kind"].annotation.__args__]  # type: ignore[union-attr]
PRECISIONS = [(p, p) for p in ("day", "week", "month", "year")]


def _changed(item: dict[str, Any], values: dict[str, Any], names: list[str]) -> dict[str, Any]:
    """The fields whose value differs from the item's (None: remove; [] for an absent list is no change)."""
    out = {}
    for name in names:
        new, old = values.get(name), item.get(name)
        if new in (None, []) and old in (None, []):
            continue
        if new != old:
            out[name] = new
    return out


def _edit(ref: Ref, names: list[str], within: tuple[str, ...] = ()):
    def build(doc: dict[str, Any], values: dict[str, Any]) -> Step | None:
        item = get_item(doc, ref)
        for part in within:
            item = item[part]
        fields = _changed(item, values, names)
        return ops.edit(doc, ref, fields, within) if fields else None

    return build


def _actor_label(actor: dict[str, Any]) -> str:
    where = actor.get("country") or actor.get("affiliation") or ""
    return f"{actor.get('name', actor['id'])}" + (f" ({where})" if where else "")


def _speaker_options(doc: dict[str, Any], start: int, end: int, named: str = "") -> list[tuple[str, Any]]:
    order = propose.speakers_by_nearness(doc, start, end, named)
    actors = {a["id"]: a for a in items(doc, "actor")}
    return [*[(_actor_label(actors[a]), a) for a in order], ("new actor…", NEW)]


def _event_options(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(f"{e['title']} · {e['when'].get('value', '')}", e["id"]) for e in items(doc, "event")]


def _issue_options(doc: dict[str, Any]) -> list[tuple[str, Any]]:
    return [(i["title"], i["id"]) for i in items(doc, "issue")]


def _statement_fields(doc: dict[str, Any], start: int, end: int, named: str) -> list[Field]:
    return [
        Field("actor", "Speaker", "choice", _speaker_options(doc, start, end, named), optional=False),
        Field("mode", "Mode", "choice", MODES, optional=False),
        Field("cue", "Cue", "fixed"),
        Field("when", "Said at", "choice", _event_options(doc)),
        Field("issues", "Issues", "multi", _issue_options(doc)),
    ]


def _span_text(span: dict[str, Any] | None) -> str:
    return span["exact"] if span else ""


def statement_form(doc: dict[str, Any], ref: Ref) -> Form:
    item = get_item(doc, ref)
    content = item["content"]
    source = item.get("source")
    fields = _statement_fields(doc, content["start"], content["end"], _span_text(source))
    values = {**item, "cue": _span_text(item.get("cue")) or "— (re-anchor from the source view)"}
    return Form(
        f"Statement {ref.key}: “{_clip(content['exact'])}”",
        fields,
        values,
        _edit(ref, ["actor", "mode", "when", "issues"]),
        on_new=_new_actor_for,
    )


def new_statement_form(doc: dict[str, Any], proposal: propose.StatementProposal) -> Form:
    content = proposal.content
    fields = _statement_fields(doc, content["start"], content["end"], _span_text(proposal.source))
    cue_text = _span_text(proposal.cue)
    if proposal.source:
        cue_text = f"{cue_text} (speaker named as “{proposal.source['exact']}”)"
    values = {"actor": proposal.speakers[0] if proposal.speakers else None, "mode": proposal.mode, "cue": cue_text}

    def build(d: dict[str, Any], v: dict[str, Any]) -> Step | None:
        if not v.get("actor"):
            raise CurationError("choose a speaker")
        return ops.add_statement(
            d,
            actor=v["actor"],
            mode=v["mode"],
            content=content,
            cue=proposal.cue,
            source=proposal.source,
            when=v.get("when"),
            issues=v.get("issues") or [],
        )

    return Form(f"New statement: “{_clip(content['exact'])}”", fields, values, build, on_new=_new_actor_for)


def _new_actor_for(screen, field_name: str) -> None:
    """ "new actor…" in a speaker picker: the actor form, then back with the new actor chosen."""

    def done(step: Step | None) -> None:
        if step is None:
            screen.query_one(f"#field-{field_name}").clear()
            return
        actor = step.changes[-1].new
        screen.made_first(step, field_name, actor["id"], _actor_label(actor))

    screen.app.push_screen(_form_screen(screen.doc, new_actor_form(screen.doc)), done)


def _form_screen(doc: dict[str, Any], form: Form):
    from .edit_form import FormScreen

    return FormScreen(doc, form)


ACTOR_FIELDS = ["name", "kind", "role", "country", "affiliation", "aliases", "speaks_for"]


def _actor_fields(doc: dict[str, Any], exclude: str = "") -> list[Field]:
    orgs = [(f"{o['name']} ({o['code']})", o["code"]) for o in items(doc, "organisation")]
    others = [(_actor_label(a), a["id"]) for a in items(doc, "actor") if a["id"] != exclude]
    return [
        Field("name", "Name", optional=False),
        Field("kind", "Kind", "choice", KINDS, optional=False),
        Field("role", "Role"),
        Field("country", "Country", "country"),
        Field("affiliation", "Organisation", "choice", orgs),
        Field("aliases", "Aliases", "list"),
        Field("speaks_for", "Speaks for", "choice", others),
    ]


def actor_form(doc: dict[str, Any], ref: Ref) -> Form:
    item = get_item(doc, ref)
    return Form(f"Actor {ref.key}", _actor_fields(doc, str(ref.key)), dict(item), _edit(ref, ACTOR_FIELDS))


def new_actor_form(doc: dict[str, Any], name: str = "") -> Form:
    def build(d: dict[str, Any], v: dict[str, Any]) -> Step | None:
        if not v.get("name"):
            raise CurationError("give a name")
        fields = {k: v[k] for k in ACTOR_FIELDS if k not in ("name", "kind") and v.get(k) not in (None, [])}
        return ops.add_actor(d, name=v["name"], kind=v.get("kind") or "person", **fields)

    return Form("New actor", _actor_fields(doc), {"name": name, "kind": "person"}, build)


WHEN_FIELDS = ["value", "precision", "earliest", "latest", "anchor", "rule"]


def _event_fields() -> list[Field]:
    return [
        Field("title", "Title", optional=False),
        Field("phrase", "Phrase", "fixed"),
        Field("value", "Value (EDTF)", optional=False, hint="2024-05-28, 2024-05, 2024-05-10/2024-05-31"),
        Field("precision", "Precision", "choice", PRECISIONS, optional=False),
        Field("earliest", "Earliest"),
        Field("latest", "Latest"),
        Field("anchor", "Anchor", optional=False),
        Field("rule", "Rule", optional=False),
    ]


def event_form(doc: dict[str, Any], ref: Ref) -> Form:
    item = get_item(doc, ref)
    when = item["when"]
    values = {**when, "title": item["title"], "phrase": _span_text(when.get("phrase")) or "— (none)"}

    def build(d: dict[str, Any], v: dict[str, Any]) -> Step | None:
        event = get_item(d, ref)
        title = _changed(event, v, ["title"])
        timing = _changed(event["when"], v, WHEN_FIELDS)
        if not title and not timing:
            return None
        when = {**event["when"], **timing}
        when = {k: x for k, x in when.items() if x is not None}
        return ops.edit(d, ref, {**title, **({"when": when} if timing else {})})

    return Form(f"Event {ref.key}", _event_fields(), values, build)


def new_event_form(doc: dict[str, Any], proposal: propose.EventProposal) -> Form:
    when = proposal.when or {"phrase": proposal.phrase, "anchor": "reference_date", "precision": "day"}
    values = {**when, "title": proposal.title, "phrase": proposal.phrase["exact"]}

    def build(d: dict[str, Any], v: dict[str, Any]) -> Step | None:
        if not v.get("title"):
            raise CurationError("give a title")
        if not v.get("value") or not v.get("rule"):
            raise CurationError("give the date's value and the rule it was read by")
        timing = {"phrase": proposal.phrase, **{k: v.get(k) for k in WHEN_FIELDS}}
        return ops.add_event(d, title=v["title"], when=timing)

    help_ = "ctrl+s apply · escape cancel" + ("" if proposal.when else " · no rule read a date: give value and rule")
    return Form(f"New event: “{_clip(proposal.phrase['exact'])}”", _event_fields(), values, build, help=help_)


STANCE_FIELDS = ["position", "evidence", "conditions", "note"]


def _stance_fields(doc: dict[str, Any], actor: str, issue: str) -> list[Field]:
    issue_item = get_item(doc, Ref("issue", issue))
    positions = [(f"{p['label']} ({p['polarity']})", p["code"]) for p in issue_item["positions"]]
    speakers = {actor} | {a["id"] for a in items(doc, "actor") if a.get("speaks_for") == actor}
    evidence = [
        (f"{s['id']}: “{_clip(s['content']['exact'], 50)}”", s["id"])
        for s in items(doc, "statement")
        if s.get("actor") in speakers
    ]
    evidence += [(f"{e['id']}: {e['title']}", e["id"]) for e in items(doc, "event") if actor in e.get("actors", [])]
    return [
        Field("position", "Position", "choice", positions, optional=False),
        Field("evidence", "Evidence", "multi", evidence),
        Field("conditions", "Conditions"),
        Field("note", "Note"),
    ]


def stance_form(doc: dict[str, Any], ref: Ref) -> Form:
    actor, issue = ref.key  # type: ignore[misc]
    item = get_item(doc, ref)
    return Form(
        f"Stance of {actor} on {issue}", _stance_fields(doc, actor, issue), dict(item), _edit(ref, STANCE_FIELDS)
    )


def new_stance_form(doc: dict[str, Any], actor: str, issue: str) -> Form:
    def build(d: dict[str, Any], v: dict[str, Any]) -> Step | None:
        if not v.get("position"):
            raise CurationError("choose a position")
        if not v.get("evidence"):
            raise CurationError("choose the statements or events that show it (space picks one)")
        return ops.add_stance(
            d,
            actor=actor,
            issue=issue,
            position=v["position"],
            evidence=v["evidence"],
            conditions=v.get("conditions"),
            note=v.get("note"),
        )

    return Form(f"New stance of {actor} on {issue}", _stance_fields(doc, actor, issue), {}, build)


def _positions_text(positions: list[dict[str, Any]]) -> str:
    return "; ".join(f"{p['code']}={p['label']}={p['polarity']}" for p in positions)


def _parse_positions(text: str) -> list[dict[str, str]]:
    out = []
    for part in filter(None, (p.strip() for p in text.split(";"))):
        bits = [b.strip() for b in part.split("=")]
        if len(bits) != 3:
            raise CurationError(f"position {part!r}: write code=Label=FAVOR|AGAINST|NONE")
        out.append({"code": bits[0], "label": bits[1], "polarity": bits[2].upper()})
    return out


def _issue_fields() -> list[Field]:
    return [
        Field("title", "Title", optional=False),
        Field("question", "Question", optional=False),
        Field("positions", "Positions", optional=False, hint="code=Label=FAVOR; code=Label=AGAINST"),
    ]


def issue_form(doc: dict[str, Any], ref: Ref) -> Form:
    item = get_item(doc, ref)

    def build(d: dict[str, Any], v: dict[str, Any]) -> Step | None:
        issue = get_item(d, ref)
        fields = _changed(issue, {**v, "positions": _parse_positions(v.get("positions") or "")}, list(v))
        fields = {k: x for k, x in fields.items() if k in ("title", "question", "positions")}
        return ops.edit(d, ref, fields) if fields else None

    values = {**item, "positions": _positions_text(item["positions"])}
    help_ = "positions: code=Label=FAVOR; … · ctrl+s apply · escape cancel"
    return Form(f"Issue {ref.key}", _issue_fields(), values, build, help=help_)


def new_issue_form(doc: dict[str, Any]) -> Form:
    def build(d: dict[str, Any], v: dict[str, Any]) -> Step | None:
        if not v.get("title") or not v.get("question"):
            raise CurationError("give a title and a question")
        positions = _parse_positions(v.get("positions") or "")
        if not positions:
            raise CurationError("give at least one position: code=Label=FAVOR")
        return ops.add_issue(d, title=v["title"], question=v["question"], positions=positions)

    values = {"positions": "permitted=Permitted=FAVOR; opposed=Opposed=AGAINST"}
    return Form("New issue", _issue_fields(), values, build, help="positions: code=Label=FAVOR; …")


FORMS = {
    "statement": statement_form,
    "actor": actor_form,
    "event": event_form,
    "stance": stance_form,
    "issue": issue_form,
}


def form_for(doc: dict[str, Any], ref: Ref) -> Form:
    return FORMS[ref.kind](doc, ref)


def _clip(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"
