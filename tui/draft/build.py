"""The draft dossier: statements from attributions, their speakers as actors, dated events.

Every item carries review: "draft" and an origin saying which rule proposed it, for a person to check.
No stances and no issues: those are the curator's judgement.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from .. import __version__
from .actors import Actor, AttributionLike, resolve_speakers
from .attribution import find_attributions
from .nations import organisations_named
from .timex import Dated, find_dates, is_dateline, iter_relative, reference_from_text

BY = f"fact-explorer draft {__version__}"
SCHEMA_VERSION = "1.1"
_CONTEXT = 20  # characters of prefix/suffix given where a span's text repeats


@dataclass(frozen=True, slots=True)
class Meta:
    """What is known about the article besides its text; None where nothing is."""

    id: str
    headline: str | None = None
    headline_rule: str | None = None  # where the headline came from, for the notes
    publisher: str | None = None
    url: str | None = None
    date: dt.date | None = None
    date_rule: str | None = None  # how `date` was established
    today: dt.date = field(default_factory=dt.date.today)


@dataclass(frozen=True, slots=True)
class Draft:
    dossier: dict
    notes: list[str]  # one line each, for the user: what the draft could not do


def span(text: str, start: int, end: int) -> dict | None:
    """An anchored span, trimmed of white space, with prefix and suffix where its text repeats."""
    exact = text[start:end]
    start += len(exact) - len(exact.lstrip())
    end -= len(exact) - len(exact.rstrip())
    if end <= start:
        return None
    exact = text[start:end]
    out: dict = {"start": start, "end": end, "exact": exact}
    if text.find(exact, text.find(exact) + 1) != -1:
        out["prefix"] = text[max(0, start - _CONTEXT) : start]
        out["suffix"] = text[end : end + _CONTEXT]
    return out


def one_line(label: str) -> str:
    """A label from the article or its metadata on one line: tabs and line breaks are not for labels."""
    return " ".join(label.split())


def _origin(rule: str, confidence: float) -> dict:
    return {"by": BY, "rule": rule, "confidence": round(min(1.0, max(0.0, confidence)), 2)}


def _actor(actor: Actor) -> dict:
    out: dict = {"id": actor.id, "name": one_line(actor.name), "kind": actor.kind}
    if actor.role:
        out["role"] = one_line(actor.role)
    if actor.country:
        out["country"] = actor.country
    if actor.affiliation is not None:
        out["affiliation"] = actor.affiliation.code
    out["aliases"] = [one_line(alias) for alias in actor.aliases]
    out["review"] = "draft"
    out["origin"] = _origin(actor.rule, actor.confidence)
    return out


_BOUNDARY = re.compile(r"[.!?]+[”\"’)]*\s+(?=[“\"‘(]?[A-Z0-9])|\n+")
_ABBREVIATION = re.compile(
    r"(?:\b[A-Z]\.)+$|\b(?:Mr|Mrs|Ms|Dr|Gen|Sen|Rep|Gov|Lt|Col|St|Jr|Sr|Prof|No|Inc|Corp|Co|Sgt|Capt)\.$"
)


def sentences(text: str) -> list[tuple[int, int]]:
    """Sentence bounds: a full stop, question or exclamation mark before a capital, or a line break;
    not after 'U.S.' or 'Mr.'."""
    out, start = [], 0
    for m in _BOUNDARY.finditer(text):
        if m.group()[0] == "." and _ABBREVIATION.search(text, max(0, m.start() - 12), m.start() + 1):
            continue
        out.append((start, m.end()))
        start = m.end()
    if start < len(text):
        out.append((start, len(text)))
    return out


def _clip(words: str, width: int) -> str:
    words = one_line(words)
    return words if len(words) <= width else words[: width - 1].rsplit(" ", 1)[0] + "…"


_QUOTED = re.compile(r"[“\"«‘][^”\"»’]*(?:[”\"»’]|$)")


def _title(text: str, bounds: tuple[int, int], quoted_by: str | None, quote: str, width: int = 100) -> str:
    """The event's title: its sentence, shortened. Quotation marks only beside the speaker's name: a
    phrase inside a direct quotation gives 'Name: “the quote”'; elsewhere quoted words become '…'."""
    if quoted_by is not None:
        return f"{quoted_by}: “{_clip(quote, width - len(quoted_by) - 4)}”"
    sentence = _QUOTED.sub("…", text[bounds[0] : bounds[1]]).strip().rstrip(".")
    return _clip(sentence, width) or _clip(text[bounds[0] : bounds[1]], width)


def _events(text: str, dates: Sequence[Dated], statements: list[dict], names: dict[str, str]) -> list[dict]:
    """An event for each dated phrase: said on that day by the statements whose cue shares its
    sentence, or reported by the statements whose content holds it."""
    from bisect import bisect_right

    bounds_all = sentences(text)
    starts = [s for s, _ in bounds_all]
    events = []
    for n, d in enumerate(dates, 1):
        bounds = bounds_all[max(0, bisect_right(starts, d.start) - 1)]
        said, reported = [], []
        for s in statements:
            content = s["content"]
            if content["start"] <= d.start < content["end"]:
                reported.append(s)
            elif s.get("cue") and bounds[0] <= s["cue"]["start"] < bounds[1]:
                said.append(s)
        direct = next((s for s in reported if s["mode"] == "direct"), None)
        quoted_by = names[direct["actor"]] if direct else None
        quote = direct["content"]["exact"] if direct else ""
        event_id = f"e{n}"
        for s in said:
            s.setdefault("when", event_id)
        when: dict = {"phrase": span(text, d.start, d.end), "value": d.value, "precision": d.precision}
        if d.earliest:
            when["earliest"] = d.earliest.isoformat()
        if d.latest:
            when["latest"] = d.latest.isoformat()
        when |= {"anchor": d.anchor, "rule": d.rule}
        how = "the day its statements were made" if said else "a date the text gives"
        events.append(
            {
                "id": event_id,
                "title": _title(text, bounds, quoted_by, quote),
                "when": when,
                "actors": list(dict.fromkeys(s["actor"] for s in said)),
                "evidence": [s["id"] for s in said + reported],
                "review": "draft",
                "origin": _origin(f"dated phrase '{text[d.start : d.end]}', {how}", 0.6 if d.relative else 0.8),
            }
        )
    return events


def _statements(text: str, attributions: Sequence[AttributionLike]) -> tuple[list[dict], list[dict], int]:
    actors, speakers = resolve_speakers(text, attributions)
    statements = []
    unassigned = 0
    for a, who in zip(attributions, speakers, strict=True):
        content = span(text, *a.content)
        if who is None or content is None:
            unassigned += 1
            continue
        s: dict = {"id": f"s{len(statements) + 1}", "actor": who.actor, "mode": a.mode, "content": content}
        for key in ("cue", "source"):
            bounds = getattr(a, key)
            if bounds is not None and (anchored := span(text, *bounds)) is not None:
                s[key] = anchored
        if who.inferred:
            s["inferred_attribution"] = who.inferred
        s["review"] = "draft"
        s["origin"] = _origin(f"{a.rule}; speaker: {who.rule}", a.confidence * who.confidence)
        statements.append(s)
    return [_actor(a) for a in actors], statements, unassigned


def title_line(text: str) -> str | None:
    """The first line, when it reads as a title: short, not ending a sentence, and followed by more text."""
    first, newline, rest = text.lstrip().partition("\n")
    first = first.strip()
    if not newline or not rest.strip() or not first or len(first) > 150 or len(first.split()) > 20:
        return None
    if first[-1] in ".,;:!?”\"'’" or is_dateline(first):
        return None
    return first


def reference_date(text: str, meta: Meta) -> tuple[dt.date | None, str | None]:
    """--date or metadata (in `meta`), else a dateline in the text, else none."""
    if meta.date is not None:
        return meta.date, meta.date_rule
    found = reference_from_text(text, meta.today)
    return found if found is not None else (None, None)


def draft(text: str, meta: Meta) -> Draft:
    """The draft dossier of an article's text (kept exactly as given)."""
    notes: list[str] = []
    ref, ref_rule = reference_date(text, meta)
    if ref is None:
        relative = list(dict.fromkeys(iter_relative(text)))
        shown = ", ".join(f"'{p}'" for p in relative[:3]) + (", …" if len(relative) > 3 else "")
        notes.append(
            "no date given, in the metadata or in a dateline: relative dates stay unresolved"
            + (f" ({shown})" if relative else "")
            + "; give one with --date"
        )
    actors, statements, unassigned = _statements(text, find_attributions(text))
    if not statements:
        notes.append("no quotations or reported speech found: the dossier has no statements")
    if unassigned:
        notes.append(f"{unassigned} attribution(s) left out: the draft could not tell who said them")
    events = _events(text, find_dates(text, ref), statements, {a["id"]: a["name"] for a in actors})
    headline = one_line(meta.headline or title_line(text) or "")
    source: dict = {"id": meta.id, "headline": headline or f"Untitled article ({meta.id})"}
    if not headline:
        source["headline_editorial"] = True
        notes.append("no headline given or found: a placeholder marked editorial stands in; give one with --headline")
    for key in ("publisher", "url"):
        if value := one_line(getattr(meta, key) or ""):
            source[key] = value
    source["reference_date"] = (ref or meta.today).isoformat()
    source["reference_date_rule"] = (
        ref_rule
        if ref
        else (
            f"the article and its metadata give no date: {meta.today.isoformat()}, the day of drafting, stands in; "
            "relative dates were left unresolved"
        )
    )
    source |= {"language": "en", "text": text, "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest()}
    dossier = {
        "schema_version": SCHEMA_VERSION,
        "source": source,
        "organisations": [{"code": o.code, "name": o.name} for o in organisations_named(text)],
        "actors": actors,
        "statements": statements,
        "events": events,
    }
    return Draft(dossier, notes)
