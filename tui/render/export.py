"""Records for each query, and the formats they print in: text, Markdown, JSON, CSV and TimelineJS.

The JSON keys are part of the interface (README, "JSON output"): add keys, never rename them.
"""

from __future__ import annotations

import io
import json
import re
from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from ..index import tokens
from .cite import citation, cite
from .describe import POLARITY_SYMBOLS, describe_when, note_ids, plotted_range, statement_date, symbol_legend
from .inert import HIDDEN, inert

if TYPE_CHECKING:  # annotations only: the CLI registers its formats without loading the models
    from ..filters import Filter
    from ..model import Event, Note, Stance, Statement
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
                "citation": citation(store, s),
                "source": store.source_id_of(s.id),
                "inferred_attribution": s.inferred_attribution,
                "review": s.review,
                "notes": note_ids(store, s.id),
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
            "review": e.review,
            "notes": note_ids(store, e.id),
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
                "review": st.review,
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
    "citation source inferred_attribution review notes".split(),
    "timeline": "id date value precision earliest latest phrase anchor rule title place actors statements review "
    "notes".split(),
    "stances": "actor name issue issue_title position label polarity symbol conditions evidence note source "
    "source_date review".split(),
    "notes": "id about text span start end source".split(),
    "speakers": "id name kind role country organisation group statements speaks_for".split(),
}


def to_csv(records: list[Record], columns: list[str]) -> str:
    buffer = io.StringIO()
    import csv

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
    """Each statement as its citation (tui.render.cite), with the editorial notes about it below."""
    blocks = []
    for s in statements:
        c = cite(store, s)
        marks = "".join(f" \\[{md(m)}\\]" for m in c.marks)
        block = f"> {md(c.body)}\n>\n> — {md(c.credit)}{marks}"
        block += "".join(f"\n\n*Editorial note* ({md(n.id)}): {md(n.text)}" for n in store.notes_about(s.id))
        blocks.append(block)
    return "\n\n".join(blocks) + ("\n" if blocks else "")


def _md_table(header: list[str], rows: list[list[str]]) -> str:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(md(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def timeline_markdown(store: Store, events: Sequence[Event]) -> str:
    rows = [
        [
            describe_when(e.when),
            e.title,
            e.when.phrase.exact if e.when.phrase else "",
            e.when.rule,
            ", ".join(note_ids(store, e.id)),
        ]
        for e in events
    ]
    return _md_table(["Date", "Event", "Phrase", "How the date was resolved", "Notes"], rows)


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
                r["note"] or "",
            ]
        )
    table = _md_table(["Actor", "Issue", "Position", "Conditions", "Evidence", "Note"], rows)
    return f"{table}\n{md(symbol_legend(store, stances))}\n" if rows else table


def notes_in_view(store: Store, f: Filter) -> list[Note]:
    """The editorial notes about what the filter shows (statements, events, actors), or whose own words
    match its search (by word prefix, as elsewhere); every note when nothing is filtered."""
    notes = store.dossier.notes
    if not f.active:
        return list(notes)
    shown = {s.id for s in store.statements(f)} | {e.id for e in store.events(f)} | {a.id for a in store.actors(f)}
    words = f.words

    def matches(n: Note) -> bool:
        if not shown.isdisjoint(n.about):
            return True
        own = tokens(n.text)
        return bool(words) and all(any(t.startswith(w) for t in own) for w in words)

    return [n for n in notes if matches(n)]


def note_records(store: Store, notes: Sequence[Note]) -> list[Record]:
    return [
        {
            "id": n.id,
            "about": list(n.about),
            "text": n.text,
            "span": n.span.exact if n.span else None,
            "start": n.span.start if n.span else None,
            "end": n.span.end if n.span else None,
            "source": store.source_id_of(n.id),
        }
        for n in notes
    ]


def notes_markdown(store: Store, notes: Sequence[Note]) -> str:
    lines = []
    for r in note_records(store, notes):
        about = f" (about {md(', '.join(r['about']))})" if r["about"] else ""
        lines.append(f"- **{md(r['id'])}**{about}: {md(r['text'])}")
    return "\n".join(lines) + ("\n" if lines else "")


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

    out, undated = [], []
    for e in events:
        lo, hi = plotted_range(e)
        if lo is None:  # no known start: plotting it at its latest date would date it there
            undated.append(f"{e.title} ({describe_when(e.when)}; {e.when.rule})")
            continue
        item: dict[str, Any] = {
            "start_date": date_parts(lo),
            "display_date": describe_when(e.when),
            "text": {"headline": e.title, "text": e.when.rule},
            "group": ", ".join(store.actor[a].name for a in e.actors if a in store.actor) or None,
            "unique_id": e.id,
        }
        if e.when.precision == "month":
            item["start_date"].pop("day")
        if hi and hi != lo:
            item["end_date"] = date_parts(hi)
        out.append(item)
    source = store.dossier.source
    about = [f"{source.reference_date:%d %B %Y}"]
    if source.dateline:
        about.insert(
            0, f"{source.dateline} (dateline given by the curator)" if source.dateline_editorial else source.dateline
        )
    if undated:
        about.append("Not dated by the article, so not on the timeline: " + "; ".join(undated))
    headline = f"{source.headline} (title given by the curator)" if source.headline_editorial else source.headline
    title = {"text": {"headline": headline, "text": ". ".join(about)}}
    return to_json({"title": title, "events": out})


# -- bookmarks ---------------------------------------------------------------------------------------------

BOOKMARK_COLUMNS = ["source", "statement", "text", "citation", "note", "created"]


AS_SAVED = "citation as saved when bookmarked; its dossier is not open to refresh it"


def refreshed(marks: Sequence[Bookmark], store: Store) -> list[Bookmark]:
    """The bookmarks with today's citation (tui.render.cite) where their statement is in `store`;
    the others keep the citation they were saved with, marked as such."""
    out = []
    for b in marks:
        target = store.store_id(b.source, b.statement)
        statement = store.statement.get(target) if target else None
        cited = citation(store, statement) if statement else f"{b.citation} [{AS_SAVED}]"
        out.append(replace(b, citation=cited))
    return out


def bookmarks_markdown(marks: Sequence[Bookmark]) -> str:
    """Each bookmark as the citation a writer can paste (as tui.render.cite made it), its note below."""
    blocks = []
    for b in marks:
        block = f"> {md(b.citation)}"
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
