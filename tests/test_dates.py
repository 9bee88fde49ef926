import datetime as dt

import pytest

from tui.dates import month_day_named, parse_edtf, weekday_named
from tui.model import TimeExpression
from tui.render.describe import describe_when


@pytest.mark.parametrize(
    ("value", "earliest", "latest", "unit", "interval"),
    [
        ("2024-05-31", dt.date(2024, 5, 31), dt.date(2024, 5, 31), "day", False),
        ("2022-02", dt.date(2022, 2, 1), dt.date(2022, 2, 28), "month", False),
        ("2024", dt.date(2024, 1, 1), dt.date(2024, 12, 31), "year", False),
        ("2024-W22", dt.date(2024, 5, 27), dt.date(2024, 6, 2), "week", False),
        ("2024-05-10/2024-05-31", dt.date(2024, 5, 10), dt.date(2024, 5, 31), "day", True),
        ("../2024-05-31", None, dt.date(2024, 5, 31), "day", True),
        ("2024-05/", dt.date(2024, 5, 1), None, "month", True),
    ],
)
def test_parse_edtf(value, earliest, latest, unit, interval):
    covered = parse_edtf(value)
    assert (covered.earliest, covered.latest, covered.granularity, covered.interval) == (
        earliest,
        latest,
        unit,
        interval,
    )


@pytest.mark.parametrize("value", ["31 May 2024", "2024-13-01", "2024-02-30", "../..", "2024-05-31/2024-05-01", ""])
def test_parse_edtf_rejects(value):
    with pytest.raises(ValueError):
        parse_edtf(value)


def test_named_weekday_and_date():
    assert weekday_named("on Friday (May 31)") == 4
    assert weekday_named("in recent weeks") is None
    assert month_day_named("on Friday (May 31)") == (5, 31)
    assert month_day_named("31 May") == (5, 31)
    assert month_day_named("February 2022") is None


def _when(value: str, precision: str, **kw) -> TimeExpression:
    return TimeExpression(value=value, precision=precision, anchor="explicit", rule="r", **kw)


@pytest.mark.parametrize(
    ("when", "shown"),
    [
        (_when("2024-05-31", "day"), "Fri 31 May 2024"),
        (_when("2022-02", "month"), "Feb 2022"),
        (_when("2024-05-10/2024-05-31", "week"), "≈ 10–31 May 2024"),
        (_when("../2024-05-31", "day"), "by 31 May 2024"),
        (_when("2024-W22", "week"), "week of 27 May 2024"),
    ],
)
def test_describe_when_shows_precision(when, shown):
    assert describe_when(when) == shown
