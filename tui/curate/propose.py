"""What the tool proposes for a span the user selected: for a new statement, its mode, cue, the words
naming the speaker and the speakers nearest in the text; for a new event, a date worked out from the
phrase. Proposals only: the user confirms or changes each in a form."""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from ..dates import MONTHS, WEEKDAYS
from ..draft.attribution import Attribution, find_attributions
from ..validation import inside_quotes
from .items import items
from .spans import make_span, sentence_around, snap, strip_quotes

# Reporting verbs and nouns (PARC cues: "said", "Putin's warning that"); a cue is proposed from the
# nearest one in the selection's sentence, else in its paragraph.
CUES = (
    "said|says|say|stated|states|told|added|warned|noted|confirmed|stressed|emphasized|emphasised|declared|"
    "announced|explained|argued|insisted|claimed|wrote|asked|replied|echoed|urged|called|according to|"
    "warning|statement|remarks|comments|claim|announcement"
)
_CUE = re.compile(rf"\b(?:{CUES})\b")
_PRONOUN = re.compile(r"\b(?:he|she|they|we|I|it)\s*$", re.IGNORECASE)
_NAME_BEFORE = re.compile(r"(?:\b[A-Z][\w’'.\-]*\s+){0,3}\b[A-Z][\w’'.\-]*\s*$")
_NAME_AFTER = re.compile(r"^\s*(?:[A-Z][\w’'.\-]*)(?:\s+[A-Z][\w’'.\-]*){0,3}")
_REACH = 200  # characters either side of a selection in which a cue is looked for


@dataclass(frozen=True)
class StatementProposal:
    content: dict[str, Any]
    mode: str
    cue: dict[str, Any] | None
    source: dict[str, Any] | None
    speakers: list[str] = field(default_factory=list)  # actor ids, nearest first


def propose_statement(doc: dict[str, Any], start: int, end: int) -> StatementProposal:
    """A statement for the words at [start, end): snapped to words, without enclosing quotation marks;
    direct when inside quotation marks; the nearest reporting verb as cue, the words naming the
    speaker beside it as source, and the actors ordered by nearness with the one named first."""
    text = doc["source"]["text"]
    start, end = snap(text, *strip_quotes(text, start, end))
    if start >= end:
        raise ValueError("the selection has no words in it")
    content = make_span(text, start, end)
    mode = "direct" if inside_quotes(text, start, end) else "indirect"
    found = _attribution_over(text, start, end)
    if found is not None:  # the draft's attribution rules read this sentence: their cue and source
        cue = make_span(text, *found.cue) if found.cue else None
        source = make_span(text, *found.source) if found.source else None
    else:
        cue = _nearest_cue(text, start, end)
        source = _source_words(text, cue) if cue else None
    named = source["exact"] if source else ""
    return StatementProposal(content, mode, cue, source, speakers_by_nearness(doc, start, end, named))


@lru_cache(maxsize=4)
def _attributions(text: str) -> tuple[Attribution, ...]:
    return tuple(find_attributions(text))


def _attribution_over(text: str, start: int, end: int) -> Attribution | None:
    """The attribution whose content overlaps [start, end) most (at least half the selection)."""
    best, most = None, (end - start) / 2
    for found in _attributions(text):
        overlap = min(end, found.content[1]) - max(start, found.content[0])
        if overlap >= most:
            best, most = found, overlap
    return best


def _nearest_cue(text: str, start: int, end: int) -> dict[str, Any] | None:
    para_start = text.rfind("\n", 0, start) + 1
    para_end = text.find("\n", end)
    para_end = len(text) if para_end < 0 else para_end
    sentence = sentence_around(text, start)
    for lo, hi in (sentence, (max(para_start, start - _REACH), min(para_end, end + _REACH))):
        found = [m for m in _CUE.finditer(text, lo, hi) if m.end() <= start or m.start() >= end]
        if found:
            best = min(found, key=lambda m: m.start() - end if m.start() >= end else start - m.end())
            return make_span(text, *best.span())
    return None


def _source_words(text: str, cue: dict[str, Any]) -> dict[str, Any] | None:
    """The words naming the speaker just before the cue ("Blinken said", "he stated") or just after it
    ("said Blinken")."""
    line_start = text.rfind("\n", 0, cue["start"]) + 1
    before = text[line_start : cue["start"]]
    for pattern in (_PRONOUN, _NAME_BEFORE):
        if m := pattern.search(before):
            words = m.group().rstrip()
            possessive = len(words) - 2 if words.endswith(("’s", "'s")) else len(words)  # "Putin’s warning"
            return make_span(text, line_start + m.start(), line_start + m.start() + possessive)
    if m := _NAME_AFTER.match(text, cue["end"]):
        return make_span(text, m.start(), m.end())
    return None


def mentions(actor: dict[str, Any]) -> list[str]:
    """The words that name an actor: its name, aliases and (for a person) surname."""
    names = [actor.get("name", ""), *actor.get("aliases", [])]
    if actor.get("kind") == "person" and " " in actor.get("name", ""):
        names.append(actor["name"].split()[-1])
    return [n for n in names if len(n) >= 2]


def speakers_by_nearness(doc: dict[str, Any], start: int, end: int = -1, named: str = "") -> list[str]:
    """Actor ids ordered by how near the text names them (or quotes them) to [start, end); an actor the
    `named` words name comes first; actors never named follow, by name."""
    text = doc["source"]["text"]
    end = start if end < 0 else end
    where: dict[str, list[int]] = {}
    for actor in items(doc, "actor"):
        spots = [m.start() for n in mentions(actor) for m in re.finditer(rf"\b{re.escape(n)}\b", text)]
        spots += [s["content"]["start"] for s in items(doc, "statement") if s.get("actor") == actor.get("id")]
        where[actor["id"]] = spots

    def distance(actor_id: str) -> tuple[int, float, str]:
        actor = next(a for a in items(doc, "actor") if a["id"] == actor_id)
        is_named = bool(named) and any(n == named or n in named.split() for n in mentions(actor))
        spots = where[actor_id]
        near = min((start - s if s < start else max(0, s - end) for s in spots), default=float("inf"))
        return (0 if is_named else 1, near, actor.get("name", ""))

    return sorted(where, key=distance)


# --- dates ----------------------------------------------------------------------------------------

Rule = Callable[[str, dt.date], dict[str, Any] | None]
_NAMES = "|".join(MONTHS)


def _day(day: dt.date, anchor: str, rule: str) -> dict[str, Any]:
    iso = day.isoformat()
    return {"value": iso, "precision": "day", "earliest": iso, "latest": iso, "anchor": anchor, "rule": rule}


def _weekday(phrase: str, ref: dt.date) -> dict[str, Any] | None:
    m = re.search(rf"\b({'|'.join(WEEKDAYS)})\b", phrase.lower())
    if not m:
        return None
    target = WEEKDAYS.index(m[1])
    back = (ref.weekday() - target) % 7
    day = ref - dt.timedelta(days=back)
    named = ref.strftime("%A %-d %B")
    rule = f"the dateline {named}" if back == 0 else f"the {m[1].title()} before {named}"
    return _day(day, "reference_date", rule)


def _relative(phrase: str, ref: dt.date) -> dict[str, Any] | None:
    words = {"today": 0, "tonight": 0, "yesterday": 1}
    m = re.search(r"\b(today|tonight|yesterday)\b", phrase.lower())
    if not m:
        return None
    return _day(ref - dt.timedelta(days=words[m[1]]), "reference_date", f"'{m[1]}' read from the dateline")


def _month_day(phrase: str, ref: dt.date) -> dict[str, Any] | None:
    low = phrase.lower()
    m = re.search(rf"\b({_NAMES})\s+(\d{{1,2}})(?:,?\s+(\d{{4}}))?\b", low) or re.search(
        rf"\b(\d{{1,2}})\s+({_NAMES})(?:\s+(\d{{4}}))?\b", low
    )
    if not m:
        return None
    month_name, day = (m[1], int(m[2])) if not m[1].isdigit() else (m[2], int(m[1]))
    year = int(m[3]) if m[3] else ref.year
    try:
        day_ = dt.date(year, MONTHS.index(month_name) + 1, day)
    except ValueError:
        return None
    if m[3]:
        return _day(day_, "explicit", "day, month and year named in the text")
    return _day(day_, "reference_date", f"day and month named; the year of the dateline ({ref.year})")


def _month_year(phrase: str, ref: dt.date) -> dict[str, Any] | None:
    m = re.search(rf"\b({_NAMES})\s+(\d{{4}})\b", phrase.lower())
    if not m:
        return None
    year, month = int(m[2]), MONTHS.index(m[1]) + 1
    last = calendar.monthrange(year, month)[1]
    return {
        "value": f"{year}-{month:02d}",
        "precision": "month",
        "earliest": f"{year}-{month:02d}-01",
        "latest": f"{year}-{month:02d}-{last:02d}",
        "anchor": "explicit",
        "rule": "month and year named in the text",
    }


def _year(phrase: str, ref: dt.date) -> dict[str, Any] | None:
    m = re.search(r"\b(1[89]\d\d|20\d\d)\b", phrase)
    if not m:
        return None
    year = m[1]
    return {
        "value": year,
        "precision": "year",
        "earliest": f"{year}-01-01",
        "latest": f"{year}-12-31",
        "anchor": "explicit",
        "rule": "year named in the text",
    }


# Most specific first: "on Friday (May 31)" is a month-day, "May 2024" a month.
DATE_RULES: tuple[Rule, ...] = (_month_day, _month_year, _relative, _weekday, _year)


def propose_date(phrase: str, reference_date: dt.date) -> dict[str, Any] | None:
    """A TIMEX3-style `when` (without its phrase) for the words `phrase`, or None where no rule applies."""
    for rule in DATE_RULES:
        if (found := rule(phrase, reference_date)) is not None:
            return found
    return None


@dataclass(frozen=True)
class EventProposal:
    phrase: dict[str, Any]
    title: str
    when: dict[str, Any] | None  # None: no rule read a date from the phrase; the user gives it


def propose_event(doc: dict[str, Any], start: int, end: int) -> EventProposal:
    text = doc["source"]["text"]
    start, end = snap(text, start, end)
    if start >= end:
        raise ValueError("the selection has no words in it")
    phrase = make_span(text, start, end)
    ref = dt.date.fromisoformat(doc["source"]["reference_date"])
    when = propose_date(phrase["exact"], ref)
    lo, hi = sentence_around(text, start)
    sentence = " ".join(text[lo:hi].split())
    title = sentence if len(sentence) <= 80 else sentence[:79].rsplit(" ", 1)[0] + "…"
    return EventProposal(phrase, title, None if when is None else {"phrase": phrase, **when})
