"""Short human descriptions shared by the CLI, the exports and the app."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from ..dates import parse_edtf

if TYPE_CHECKING:  # annotations only: the app's panes import this before the first frame
    from ..model import Actor, Event, Stance, Statement, TimeExpression
    from ..store import Store

MODE_LABELS = {"direct": "direct quote", "indirect": "reported", "paraphrase": "paraphrase"}
# Meaning never rests on colour alone: each polarity has a symbol.
POLARITY_SYMBOLS = {"FAVOR": "✔", "AGAINST": "✘", "NONE": "○"}


def _day(d: dt.date, weekday: bool = False) -> str:
    text = f"{d.day} {d:%b %Y}"
    return f"{d:%a} {text}" if weekday else text


def describe_when(when: TimeExpression) -> str:
    """The date with its precision: 'Fri 31 May 2024', 'Feb 2022', '≈ 10–31 May 2024', 'by 31 May 2024'."""
    try:
        covered = parse_edtf(when.value)
    except ValueError:
        return when.value
    lo, hi = when.earliest or covered.earliest, when.latest or covered.latest
    approx = "≈ " if covered.qualified else ""
    if not covered.interval:
        if covered.granularity == "day" and lo:
            return approx + _day(lo, weekday=True)
        if covered.granularity == "week" and lo:
            return f"{approx}week of {_day(lo)}"
        if covered.granularity == "month" and lo:
            return f"{approx}{lo:%b %Y}"
        return when.value
    if lo and hi:
        approx = "≈ " if when.precision != "day" or covered.qualified else ""
        if (lo.year, lo.month) == (hi.year, hi.month):
            return f"{approx}{lo.day}–{hi.day} {hi:%b %Y}"
        return f"{approx}{_day(lo)} – {_day(hi)}"
    if hi:
        return f"by {_day(hi)}"
    return f"since {_day(lo)}" if lo else when.value


def plotted_range(event: Event) -> tuple[dt.date | None, dt.date | None]:
    """Where a timeline may draw an event: (start, end); no start when the article gives none, as an
    event known only as 'by X' or 'previously' must not be drawn at X."""
    try:
        covered = parse_edtf(event.when.value)
    except ValueError:
        return None, None
    return event.when.earliest or covered.earliest, event.when.latest or covered.latest


def actor_line(store: Store, actor: Actor) -> str:
    """'Radoslaw Sikorski, Polish Foreign Minister (Poland)'."""
    where = store.group_name(actor.country) if actor.country else store.group_name(actor.affiliation or "")
    role = f", {actor.role}" if actor.role else ""
    return f"{actor.name}{role} ({where})" if where else f"{actor.name}{role}"


def statement_date(store: Store, statement: Statement) -> str:
    event = store.when_of(statement)
    return describe_when(event.when) if event else "undated"


def stance_cell(store: Store, stance: Stance) -> str:
    label, polarity = store.position_label(stance)
    return f"{POLARITY_SYMBOLS.get(polarity, '?')} {label}"


def symbol_legend(store: Store, stances: Sequence[Stance]) -> str:
    """What a cell's symbol answers, issue by issue, so ✔ never has to be read off a column header."""
    issues = [i for i in store.dossier.issues if any(st.issue == i.id for st in stances)]
    questions = " ".join(f"{i.title}: {i.question}" for i in issues)
    return f"✔ yes, ✘ no, ○ no clear position, in answer to each issue's question. {questions}"


def note_ids(store: Store, item_id: str) -> list[str]:
    return [n.id for n in store.notes_about(item_id)]


_SENTENCE_END = re.compile(r"[.?!…][”\"’]?\s+")


def context_sentence(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the sentence(s) around [start, end), never crossing a line break."""
    line_lo = text.rfind("\n", 0, start) + 1
    line_hi = text.find("\n", end)
    line_hi = len(text) if line_hi == -1 else line_hi
    lo, hi = line_lo, line_hi
    for m in _SENTENCE_END.finditer(text, line_lo, line_hi):
        if m.end() <= start:
            lo = m.end()
        punct_end = m.start() + len(m.group().rstrip())
        if punct_end >= end:
            hi = punct_end
            break
    return lo, hi
