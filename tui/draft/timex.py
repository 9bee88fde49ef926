"""Dated phrases in an article's text, resolved against its reference date (TIMEX3 / EDTF).

Hand-written rules rather than a library's relative-date parser: the ones tried moved "Friday" in
a Friday-dated article a week back and read nothing in "in recent weeks". Every rule here has a
unit test in tests/test_draft_dates.py.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from ..dates import MONTHS, WEEKDAYS

_DAY = dt.timedelta(days=1)
_WEEKDAY_RE = "|".join(w.capitalize() for w in WEEKDAYS)
_FULL_MONTH_RE = "|".join(m.capitalize() for m in MONTHS)
_MONTH_RE = _FULL_MONTH_RE + "|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec"
_ORD = r"(?:st|nd|rd|th)?"
_MD = (
    rf"(?:(?P<m1>{_MONTH_RE})\.?\s+(?P<d1>\d{{1,2}}){_ORD}"  # May 31, May 31st
    rf"|(?P<d2>\d{{1,2}}){_ORD}\s+(?P<m2>{_MONTH_RE}))"  # 31 May
)
_YEAR = r"(?P<y>(?:19|20)\d\d)"


@dataclass(frozen=True, slots=True)
class Dated:
    """A phrase and what it resolves to; `value` is EDTF, `earliest`/`latest` its ends (None: open)."""

    start: int
    end: int
    value: str
    precision: str
    earliest: dt.date | None
    latest: dt.date | None
    anchor: str  # 'reference_date' or 'explicit'
    rule: str
    relative: bool  # needs the reference date


def _month(name: str) -> int:
    name = name.lower().rstrip(".")
    return next(i + 1 for i, m in enumerate(MONTHS) if m.startswith(name[:3]))


def _fmt(day: dt.date) -> str:
    return f"{day.day} {calendar.month_name[day.month]} {day.year}"


def _wd(day: dt.date) -> str:
    return WEEKDAYS[day.weekday()].capitalize()


def _month_day(m: re.Match) -> tuple[int, int]:
    return _month(m["m1"] or m["m2"]), int(m["d1"] or m["d2"])


def _safe_date(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def nearest_year(month: int, day: int, ref: dt.date) -> dt.date | None:
    """The date with this month and day nearest the reference date (within half a year either side)."""
    options = [d for y in (ref.year - 1, ref.year, ref.year + 1) if (d := _safe_date(y, month, day))]
    return min(options, key=lambda d: abs((d - ref).days), default=None)


def _day(start: int, end: int, day: dt.date, anchor: str, rule: str, relative: bool) -> Dated:
    return Dated(start, end, day.isoformat(), "day", day, day, anchor, rule, relative)


# Each rule: (pattern, resolver). A resolver gets the match and the reference date (None when the
# article has none) and returns a Dated or None. Earlier rules win where matches overlap.
Resolver = Callable[[re.Match, "dt.date | None"], "Dated | None"]


def _full_date(m: re.Match, ref: dt.date | None) -> Dated | None:
    month, day = _month_day(m)
    date = _safe_date(int(m["y"]), month, day)
    if date is None:
        return None
    return _day(m.start(), m.end(), date, "explicit", "day, month and year named in the text", False)


def _weekday_with_date(m: re.Match, ref: dt.date | None) -> Dated | None:
    """'on Friday (May 31)', 'Friday, 31 May': the year is the one nearest the reference date, and
    without one, the latest year not after today in which that date fell on that weekday."""
    month, day = _month_day(m)
    weekday = WEEKDAYS.index(m["wd"].lower())
    if ref is not None:
        date = nearest_year(month, day, ref)
        if date is None or date.weekday() != weekday:
            return None
        return _day(
            m.start(),
            m.end(),
            date,
            "reference_date",
            f"no year given: the {_fmt(date)[:-5]} nearest the "
            f"reference date {ref.isoformat()}, a {_wd(date)} as the text says",
            True,
        )
    return None


def _month_day_only(m: re.Match, ref: dt.date | None) -> Dated | None:
    if ref is None:
        return None
    month, day = _month_day(m)
    date = nearest_year(month, day, ref)
    if date is None:
        return None
    return _day(
        m.start(),
        m.end(),
        date,
        "reference_date",
        f"no year given: the {_fmt(date)[:-5]} nearest the reference date {ref.isoformat()}",
        True,
    )


def _weekday(m: re.Match, ref: dt.date | None) -> Dated | None:
    """'on Friday', 'last Tuesday': the latest such day on or before the reference date; 'next
    Friday': the first after it."""
    if ref is None:
        return None
    weekday = WEEKDAYS.index(m["wd"].lower())
    if (m["lead"] or "").lower() == "next":
        date = ref + _DAY * ((weekday - ref.weekday() - 1) % 7 + 1)
        rule = f"the first {_wd(date)} after the reference date {ref.isoformat()} ({_wd(ref)})"
    else:
        date = ref - _DAY * ((ref.weekday() - weekday) % 7)
        when = "the reference date itself" if date == ref else f"the latest {_wd(date)} before {_fmt(ref)}"
        rule = f"'{m['wd']}' read as {when}" + ("" if date == ref else f" ({_wd(ref)})")
    return _day(m.start(), m.end(), date, "reference_date", rule, True)


def _dated(m: re.Match, value: str, precision: str, first: dt.date, last: dt.date, rule: str, relative: bool) -> Dated:
    anchor = "reference_date" if relative else "explicit"
    return Dated(m.start(), m.end(), value, precision, first, last, anchor, rule, relative)


def _whole_month(m: re.Match, year: int, month: int, rule: str, relative: bool) -> Dated:
    last = dt.date(year, month, calendar.monthrange(year, month)[1])
    return _dated(m, f"{year}-{month:02d}", "month", dt.date(year, month, 1), last, rule, relative)


def _whole_year(m: re.Match, year: int, rule: str, relative: bool) -> Dated:
    return _dated(m, str(year), "year", dt.date(year, 1, 1), dt.date(year, 12, 31), rule, relative)


_OFFSET = {"last": -1, "this": 0, "next": 1}


def _month_year(m: re.Match, ref: dt.date | None) -> Dated | None:
    return _whole_month(m, int(m["y"]), _month(m["mon"]), "month and year named in the text", False)


def _month_only(m: re.Match, ref: dt.date | None) -> Dated | None:
    if ref is None:
        return None
    month = _month(m["mon"])
    year = min((ref.year - 1, ref.year, ref.year + 1), key=lambda y: abs((dt.date(y, month, 15) - ref).days))
    rule = f"no year given: the {calendar.month_name[month]} nearest the reference date {ref.isoformat()}"
    return _whole_month(m, year, month, rule, True)


def _year(m: re.Match, ref: dt.date | None) -> Dated | None:
    return _whole_year(m, int(m["y"]), "year named in the text", False)


def _relative_year(m: re.Match, ref: dt.date | None) -> Dated | None:
    if ref is None:
        return None
    year = ref.year + _OFFSET[m["which"].lower()]
    return _whole_year(m, year, f"'{m.group().lower()}': {year}, from the reference date {ref.isoformat()}", True)


def _relative_month(m: re.Match, ref: dt.date | None) -> Dated | None:
    if ref is None:
        return None
    year, month = divmod(ref.year * 12 + ref.month - 1 + _OFFSET[m["which"].lower()], 12)
    month += 1
    rule = f"'{m.group().lower()}': {calendar.month_name[month]} {year}, from the reference date {ref.isoformat()}"
    return _whole_month(m, year, month, rule, True)


def _relative_week(m: re.Match, ref: dt.date | None) -> Dated | None:
    if ref is None:
        return None
    monday = ref - _DAY * ref.weekday() + dt.timedelta(weeks=_OFFSET[m["which"].lower()])
    year, week, _ = monday.isocalendar()
    rule = f"'{m.group().lower()}': the ISO week of {_fmt(monday)}, from the reference date {ref.isoformat()}"
    return _dated(m, f"{year}-W{week:02d}", "week", monday, monday + _DAY * 6, rule, True)


def _one_day_off(m: re.Match, ref: dt.date | None) -> Dated | None:
    if ref is None:
        return None
    word = m.group().lower()
    date = ref + _DAY * (1 if word == "tomorrow" else -1)
    return _day(
        m.start(),
        m.end(),
        date,
        "reference_date",
        f"'{word}': the day {'after' if word == 'tomorrow' else 'before'} the reference date {ref.isoformat()}",
        True,
    )


_COUNTS = {"few": 3, "several": 3, "couple of": 2, "two": 2, "three": 3, "four": 4, "2": 2, "3": 3, "4": 4}


def _recent(m: re.Match, ref: dt.date | None) -> Dated | None:
    """'in recent weeks', 'the past few weeks', 'the last two days': a range ending on the reference
    date; 'few'/'several'/'recent' read as three of the unit."""
    if ref is None:
        return None
    unit = m["unit"].lower()
    count = _COUNTS.get((m["count"] or "few").lower(), 3)
    days = count * (7 if unit == "weeks" else 1)
    first = ref - _DAY * days
    rule = f"'{m.group()}' read as the {days} days up to the reference date {ref.isoformat()}"
    precision = "week" if unit == "weeks" else "day"
    return _dated(m, f"{first.isoformat()}/{ref.isoformat()}", precision, first, ref, rule, True)


_WD = rf"(?P<wd>{_WEEKDAY_RE})"
RULES: tuple[tuple[re.Pattern[str], Resolver], ...] = tuple(
    (re.compile(p), r)
    for p, r in (
        (rf"\b(?:on\s+)?(?:(?:{_WEEKDAY_RE}),?\s+)?{_MD},?\s+{_YEAR}\b", _full_date),
        (rf"\b(?:on\s+)?{_WD}(?:,\s+|\s+\(){_MD}\)?", _weekday_with_date),
        (rf"\b(?:(?P<lead>[Oo]n|[Ll]ast|[Nn]ext|[Tt]his)\s+)?{_WD}\b", _weekday),
        (rf"\b(?:on\s+)?{_MD}\b", _month_day_only),
        (rf"\b(?P<mon>{_FULL_MONTH_RE})\s+{_YEAR}\b", _month_year),
        (rf"\b(?:in|since|by|until|from|during|early|late|mid-)\s*(?P<mon>{_FULL_MONTH_RE})\b(?!\s+\d)", _month_only),
        (rf"\b(?:in|since|by|until|from|during|of)\s+{_YEAR}\b", _year),
        (r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext) year\b", _relative_year),
        (r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext) month\b", _relative_month),
        (r"\b(?P<which>[Ll]ast|[Tt]his|[Nn]ext) week\b", _relative_week),
        (r"\b(?:[Yy]esterday|[Tt]omorrow)\b", _one_day_off),
        (
            r"\b(?:[Ii]n\s+recent|(?:[Ii]n\s+)?(?:[Tt]he|[Rr]ecent)\s+(?:past|last)|[Oo]ver\s+the\s+(?:past|last))\s+"
            r"(?:(?P<count>few|several|couple of|two|three|four|[234])\s+)?(?P<unit>weeks|days)\b",
            _recent,
        ),
    )
)


def find_dates(text: str, ref: dt.date | None) -> list[Dated]:
    """Every dated phrase, in text order, without overlaps (the first rule to claim a span wins).
    Relative phrases need `ref`; without it they are left out."""
    taken: list[Dated] = []
    for pattern, resolve in RULES:
        for m in pattern.finditer(text):
            if any(m.start() < d.end and d.start < m.end() for d in taken):
                continue
            if (dated := resolve(m, ref)) is not None:
                taken.append(dated)
    return sorted(taken, key=lambda d: d.start)


def iter_relative(text: str) -> Iterator[str]:
    """The relative phrases in the text (used to say what stays unresolved without a reference date)."""
    probe = dt.date(2000, 1, 1)
    for d in find_dates(text, probe):
        if d.relative:
            yield text[d.start : d.end]


_HEAD = 400  # a dateline sits in the first lines
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def is_dateline(line: str) -> bool:
    """A line that is a full date with at most a place beside it ('Portmere, Tuesday 3 June 2025'): where and
    when the article was written, not a title."""
    m = RULES[0][0].search(line)
    if m is None or _full_date(m, None) is None:
        return False
    return len((line[: m.start()] + " " + line[m.end() :]).split()) <= 3


def reference_from_text(text: str, today: dt.date) -> tuple[dt.date, str] | None:
    """The article's date from its dateline: a full date in its first lines, else a weekday with a
    day and month ('Friday (May 31)') in its first paragraph, in the latest year not after `today`
    and not before any year the text names in which that date fell on that weekday."""
    head = text[:_HEAD]
    pattern, _ = RULES[0]
    if (m := pattern.search(head)) is not None and (found := _full_date(m, None)) is not None:
        return found.earliest, f"the date '{m.group()}' in the article's first lines"  # type: ignore[return-value]
    first = text.split("\n\n", 1)[0][:2000]
    m = RULES[1][0].search(first)
    if m is None:
        return None
    month, day = _month_day(m)
    weekday = WEEKDAYS.index(m["wd"].lower())
    named = [int(y) for y in _ANY_YEAR.findall(text) if int(y) <= today.year]
    floor = max(named, default=1900)
    for year in range(today.year, floor - 1, -1):
        date = _safe_date(year, month, day)
        if date is not None and date <= today and date.weekday() == weekday:
            since = f" and not before {floor}, the latest year the text names" if named else ""
            return date, (
                f"'{m.group().strip()}' gives no year: {day} {calendar.month_name[month]} was a {_wd(date)} in "
                f"{year}, the latest such year not after the day of drafting{since}"
            )
    return None
