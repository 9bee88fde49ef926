"""A small EDTF (ISO 8601-2) subset: a day, a month, a year, an ISO week, and intervals of them, each
end optionally qualified (level 1): `~` approximate, `?` uncertain, `%` both.

Enough for the dates news articles give; anything else is reported as not parsing.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

# ASCII digits only (\d would take "２０２４" too), and fullmatch: "$" would let a trailing newline by.
_DAY = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")
_MONTH = re.compile(r"([0-9]{4})-([0-9]{2})")
_YEAR = re.compile(r"([0-9]{4})")
_WEEK = re.compile(r"([0-9]{4})-W([0-9]{2})")
_OPEN = {"", ".."}
GRANULARITY = {"day": 0, "week": 1, "month": 2, "year": 3}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = tuple(m.lower() for m in calendar.month_name[1:])


@dataclass(frozen=True)
class DateRange:
    """What an EDTF value covers; None marks an open end."""

    earliest: dt.date | None
    latest: dt.date | None
    granularity: str  # the finest unit any end is given in
    interval: bool
    qualified: bool = False  # an end is approximate or uncertain ('~', '?', '%')


def _single(text: str) -> tuple[dt.date, dt.date, str]:
    text = text[:-1] if _qualified(text) else text
    try:
        return _parse_single(text)
    except OverflowError:  # 9999-W52 ends in the year 10000
        raise ValueError(f"{text!r} ends after the last date there is (9999-12-31)") from None
    except ValueError as exc:
        if str(exc).startswith(repr(text)):
            raise
        raise ValueError(f"{text!r} is not a real date ({exc})") from None


def _parse_single(text: str) -> tuple[dt.date, dt.date, str]:
    """One EDTF date; ValueError (from `datetime`, e.g. "month must be in 1..12") when not a real one."""
    if m := _DAY.fullmatch(text):
        day = dt.date(int(m[1]), int(m[2]), int(m[3]))
        return day, day, "day"
    if m := _WEEK.fullmatch(text):
        first = dt.date.fromisocalendar(int(m[1]), int(m[2]), 1)
        return first, first + dt.timedelta(days=6), "week"
    if m := _MONTH.fullmatch(text):
        year, month = int(m[1]), int(m[2])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1]), "month"
    if m := _YEAR.fullmatch(text):
        return dt.date(int(m[1]), 1, 1), dt.date(int(m[1]), 12, 31), "year"
    raise ValueError(f"{text!r} is not an EDTF date (YYYY, YYYY-MM, YYYY-MM-DD or YYYY-Www)")


def parse_edtf(value: str) -> DateRange:
    """Parse `value`; raise ValueError with a readable reason when it is not in the subset."""
    if "/" not in value:
        start, end, unit = _single(value)
        return DateRange(start, end, unit, interval=False, qualified=_qualified(value))
    left, _, right = value.partition("/")
    if left in _OPEN and right in _OPEN:
        raise ValueError("an interval needs at least one end")
    lo = None if left in _OPEN else _single(left)
    hi = None if right in _OPEN else _single(right)
    units = [part[2] for part in (lo, hi) if part]
    unit = min(units, key=GRANULARITY.__getitem__)
    earliest = lo[0] if lo else None
    latest = hi[1] if hi else None
    if earliest and latest and earliest > latest:
        raise ValueError("the interval ends before it starts")
    return DateRange(earliest, latest, unit, interval=True, qualified=_qualified(left) or _qualified(right))


def _qualified(end: str) -> bool:
    return end[-1:] in ("~", "?", "%")


def weekday_named(phrase: str) -> int | None:
    """The weekday (0 = Monday) a phrase names, if any."""
    words = re.findall(r"[a-z]+", phrase.lower())
    return next((WEEKDAYS.index(w) for w in words if w in WEEKDAYS), None)


def month_day_named(phrase: str) -> tuple[int, int] | None:
    """A '31 May' or 'May 31' in a phrase, as (month, day)."""
    text = phrase.lower()
    names = "|".join(MONTHS)
    if m := re.search(rf"\b({names})\s+(\d{{1,2}})\b", text):
        return MONTHS.index(m[1]) + 1, int(m[2])
    if m := re.search(rf"\b(\d{{1,2}})\s+({names})\b", text):
        return MONTHS.index(m[2]) + 1, int(m[1])
    return None
