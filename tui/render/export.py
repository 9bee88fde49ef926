"""Records for each query, and the formats they print in: text, Markdown, JSON, CSV and TimelineJS.

The JSON keys are part of the interface (README, "JSON output"): add keys, never rename them.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from ..dates import parse_edtf
from .describe import MODE_LABELS, POLARITY_SYMBOLS, actor_line, attribution, describe_when, statement_date
from .inert import HIDDEN, inert

if TYPE_CHECKING:  # annotations only: the CLI registers its formats without loading the models
    from ..model import Event, Stance, Statement
    from ..store import Store
    from ..userstate import Bookmark

Record = dict[str, Any]


def quote_records(store: Store, statements: Sequence[Statement]) -> list[Record]:
    out = []
    for s in statements:
        actor = store.actor.get(s.actor)
        event = store.when_of(s)
        out.append(
            {
                "id": s.id,
                "actor": s.actor,
                "name": actor.name if actor else s.actor,
                "role": actor.role if actor else None,
                "country": actor.country if actor else None,
                "organisation": actor.affiliation if actor else None,
                "mode": s.mode,
                "text": s.content.exact,
                "cue": s.cue.exact if s.cue else None,
                "date": statement_date(store, s),
                "date_value": event.when.value if event else None,
                "event": s.when,
                "issues": list(s.issues),
                "start": s.content.start,
                "end": s.content.end,
                "citation": attribution(store, s),
                "source": store.source_id_of(s.id),
            }
        )
    return out


def timeline_records(store: Store, events: Sequence[Event]) -> list[Record]:
    return [
        {
            "id": e.id,
            "date": describe_when(e.when),
            "value": e.when.value,
            "precision": e.when.precision,
            "earliest": e.when.earliest.isoformat() if e.when.earliest else None,
            "latest": e.when.latest.isoformat() if e.when.latest else None,
            "phrase": e.when.phrase.exact if e.when.phrase else None,
            "anchor": e.when.anchor,
            "rule": e.when.rule,
            "title": e.title,
            "place": e.place,
            "actors": list(e.actors),
            "statements": list(e.evidence),
        }
        for e in events
    ]


def stance_records(store: Store, stances: Sequence[Stance]) -> list[Record]:
    out = []
    for st in stances:
        label, polarity = store.position_label(st)
        actor = store.actor.get(st.actor)
        issue = store.issue.get(st.issue)
        out.append(
            {
                "actor": st.actor,
                "name": actor.name if actor else st.actor,
                "issue": st.issue,
                "issue_title": issue.title if issue else st.issue,
                "position": st.position,
                "label": label,
                "polarity": polarity,
                "symbol": POLARITY_SYMBOLS.get(polarity, "?"),
                "conditions": st.conditions,
                "evidence": list(st.evidence),
                "note": st.note,
                "source": store.source_of_stance(st).id,
                "source_date": store.source_of_stance(st).reference_date.isoformat(),
            }
        )
    return out


def speaker_records(store: Store, actors: Sequence[Any]) -> list[Record]:
    return [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "role": a.role,
            "country": a.country,
            "organisation": a.affiliation,
            "group": store.group_name(store.home_of(a)),
            "statements": store.statement_count(a.id),
            "speaks_for": a.speaks_for,
        }
        for a in actors
    ]


# -- formats ---------------------------------------------------------------------------------------------


def to_json(records: Any) -> str:
    """Readable JSON (UTF-8, not \\u escapes), except for characters that act on a terminal or hide:
    those are written as \\uXXXX escapes, the same data, but inert when the JSON is printed."""
    text = json.dumps(records, ensure_ascii=False, indent=2)
    return HIDDEN.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


# The columns of each kind of record, in order: also the header of an empty CSV.
COLUMNS = {
    "quotes": "id actor name role country organisation mode text cue date date_value event issues start end "
    "citation source".split(),
    "timeline": "id date value precision earliest latest phrase anchor rule title place actors statements".split(),
    "stances": "actor name issue issue_title position label polarity symbol conditions evidence note source "
    "source_date".split(),
    "speakers": "id name kind role country organisation group statements speaks_for".split(),
}


def to_csv(records: list[Record], columns: list[str]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns, lineterminator="\n")
    writer.writeheader()
    for record in records:
        writer.writerow({k: ";".join(v) if isinstance(v, list) else v for k, v in record.items()})
    return buffer.getvalue()


_MD_SPECIAL = str.maketrans({c: "\\" + c for c in "\\`*_[]<>#|&~"})  # & for entities, ~ for ~~strikes~~
# What GitHub-flavoured renderers turn into a link on their own: "https://…" and "www.…".
_AUTOLINK = re.compile(r"(?i)\b((?:https?|ftp)):(//)|\b(www)\.")


def md(text: str | None) -> str:
    """Escape Markdown so dossier text renders literally: no markup, entity, strike or bare link."""
    escaped = inert(text or "", keep_newlines=False).translate(_MD_SPECIAL)
    return _AUTOLINK.sub(lambda m: f"{m[1]}:\\/\\/" if m[1] else f"{m[3]}\\.", escaped)


def quotes_markdown(store: Store, statements: Sequence[Statement]) -> str:
    blocks = []
    for s in statements:
        actor = store.actor.get(s.actor)
        who = actor_line(store, actor) if actor else s.actor
        mode = MODE_LABELS[s.mode]
        body = f"“{md(s.content.exact)}”" if s.mode == "direct" else md(s.content.exact)
        headline = md(store.source_of(s.id).headline)
        blocks.append(f"> {body}\n>\n> — {md(who)}, {md(statement_date(store, s))} ({mode}), *{headline}*")
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def timeline_markdown(store: Store, events: Sequence[Event]) -> str:
    rows = [[describe_when(e.when), e.title, e.when.phrase.exact if e.when.phrase else "", e.when.rule] for e in events]
    return _md_table(["Date", "Event", "Phrase", "How the date was resolved"], rows)


def stances_markdown(store: Store, stances: Sequence[Stance]) -> str:
    rows = []
    for r in stance_records(store, stances):
        rows.append(
            [
                r["name"],
                r["issue_title"],
                f"{r['symbol']} {r['label']}",
                r["conditions"] or "",
                ", ".join(r["evidence"]),
            ]
        )
    return _md_table(["Actor", "Issue", "Position", "Conditions", "Evidence"], rows)


def speakers_markdown(store: Store, actors: Sequence[Any]) -> str:
    lines: list[str] = []
    group = None
    for r in speaker_records(store, actors):
        if r["group"] != group:
            group = r["group"]
            lines += [""] if lines else []
            lines += [f"## {md(group)}", ""]
        role = f", {md(r['role'])}" if r["role"] else ""
        lines.append(f"- **{md(r['name'])}**{role} — {r['statements']} statement(s)")
    return "\n".join(lines) + ("\n" if lines else "")


def timelinejs(store: Store, events: Sequence[Event]) -> str:
    """TimelineJS JSON: https://timeline.knightlab.com/docs/json-format.html."""

    def date_parts(day: Any) -> dict[str, int]:
        return {"year": day.year, "month": day.month, "day": day.day}

    out = []
    for e in events:
        try:
            covered = parse_edtf(e.when.value)
        except ValueError:
            continue
        lo, hi = e.when.earliest or covered.earliest, e.when.latest or covered.latest
        start = lo or hi
        if start is None:
            continue
        item: dict[str, Any] = {
            "start_date": date_parts(start),
            "display_date": describe_when(e.when),
            "text": {"headline": e.title, "text": e.when.rule},
            "group": ", ".join(store.actor[a].name for a in e.actors if a in store.actor) or None,
            "unique_id": e.id,
        }
        if e.when.precision == "month":
            item["start_date"].pop("day")
        if lo and hi and hi != lo:
            item["end_date"] = date_parts(hi)
        out.append(item)
    source = store.dossier.source
    title = {"text": {"headline": source.headline, "text": f"{source.dateline or ''} {source.reference_date}".strip()}}
    return to_json({"title": title, "events": out})


# -- bookmarks ---------------------------------------------------------------------------------------------

BOOKMARK_COLUMNS = ["source", "statement", "text", "citation", "note", "created"]


def bookmarks_markdown(marks: Sequence[Bookmark]) -> str:
    """Each bookmark as a citation a writer can paste, its note below."""
    blocks = []
    for b in marks:
        quote, _, cited = b.citation.partition("” — ")
        block = f"> {md(quote + '”' if cited else b.text)}\n>\n> — {md(cited or b.source)}"
        if b.note:
            block += "\n\n" + "\n".join(
                f"Note: {md(line)}" if n == 0 else md(line) for n, line in enumerate(b.note.splitlines())
            )
        blocks.append(block)
    return "\n\n".join(blocks) + "\n" if blocks else ""


def bookmarks_json(marks: Sequence[Bookmark]) -> str:
    return to_json([{k: getattr(b, k) for k in BOOKMARK_COLUMNS} for b in marks]) + "\n"


def bookmarks_csv(marks: Sequence[Bookmark]) -> str:
    return to_csv([{k: getattr(b, k) for k in BOOKMARK_COLUMNS} for b in marks], BOOKMARK_COLUMNS)
