"""Each dated-phrase rule of tui/draft/timex.py on short sentences written for these tests."""

from __future__ import annotations

import datetime as dt

import pytest

from tui.draft.timex import find_dates, reference_from_text

FRIDAY = dt.date(2024, 5, 31)


def one(text: str, ref: dt.date | None = FRIDAY):
    found = find_dates(text, ref)
    assert len(found) == 1, found
    d = found[0]
    return text[d.start : d.end], d


@pytest.mark.parametrize(
    ("sentence", "phrase", "value"),
    [
        ("The mayor spoke on Friday about the flood.", "on Friday", "2024-05-31"),  # the reference day itself
        ("The union said on Thursday it would strike.", "on Thursday", "2024-05-30"),
        ("Talks broke down on Tuesday in the capital.", "on Tuesday", "2024-05-28"),
        ("The ferry sank last Saturday near the coast.", "last Saturday", "2024-05-25"),
        ("The court will rule next Monday on the appeal.", "next Monday", "2024-06-03"),
    ],
)
def test_weekday_is_latest_such_day_on_or_before_the_reference(sentence, phrase, value):
    text, d = one(sentence)
    assert (text, d.value, d.precision, d.anchor) == (phrase, value, "day", "reference_date")
    assert d.earliest == d.latest == dt.date.fromisoformat(value)


def test_weekday_with_its_date_is_one_phrase():
    text, d = one("The minister confirmed on Friday (May 31) that the bridge would reopen.")
    assert (text, d.value) == ("on Friday (May 31)", "2024-05-31")
    assert "Friday" in d.rule


def test_full_date_is_explicit():
    text, d = one("The treaty was signed on 12 March 2019 in a hall by the river.")
    assert (text, d.value, d.anchor, d.relative) == ("on 12 March 2019", "2019-03-12", "explicit", False)
    text, d = one("Voting closes on June 4, 2025, the board said.", ref=None)  # no reference date needed
    assert d.value == "2025-06-04"


def test_date_without_year_takes_the_year_nearest_the_reference():
    text, d = one("The plant closed on 3 May after a fire.")
    assert (text, d.value) == ("on 3 May", "2024-05-03")
    assert "nearest the reference date" in d.rule
    _, d = one("The lease runs out on January 10.", ref=dt.date(2024, 12, 20))  # early next year, not last January
    assert d.value == "2025-01-10"


def test_month_with_and_without_year():
    text, d = one("Prices rose sharply in February 2022 across the region.")
    assert (text, d.value, d.precision, d.earliest, d.latest) == (
        "February 2022",
        "2022-02",
        "month",
        dt.date(2022, 2, 1),
        dt.date(2022, 2, 28),
    )
    text, d = one("The bakery opened in March and closed soon after.")
    assert (text, d.value, d.precision) == ("in March", "2024-03", "month")


def test_year_relative_and_explicit():
    text, d = one("Exports fell last year, the agency said.")
    assert (text, d.value, d.precision) == ("last year", "2023", "year")
    text, d = one("The dam was finished in 1998 by a local firm.")
    assert (text, d.value, d.anchor) == ("in 1998", "1998", "explicit")


def test_recent_weeks_are_a_range_ending_on_the_reference():
    for sentence, phrase in (
        ("Residents complained in recent weeks about the noise.", "in recent weeks"),
        ("Over the past few weeks the river rose twice.", "Over the past few weeks"),
        ("The past few weeks were hard for the team.", "The past few weeks"),
    ):
        text, d = one(sentence)
        assert (text, d.value, d.precision) == (phrase, "2024-05-10/2024-05-31", "week")
        assert (d.earliest, d.latest) == (dt.date(2024, 5, 10), FRIDAY)
    text, d = one("In the past two days the price doubled.")
    assert (text, d.value, d.precision) == ("In the past two days", "2024-05-29/2024-05-31", "day")


def test_last_week_and_month_and_yesterday():
    assert one("The shop was robbed last week.")[1].value == "2024-W21"
    assert one("Rents went up last month, tenants said.")[1].value == "2024-04"
    assert one("The road reopened yesterday.")[1].value == "2024-05-30"


def test_relative_phrases_are_left_out_without_a_reference_date():
    assert find_dates("The mayor spoke on Friday, after talks in recent weeks and last year.", None) == []


def test_modal_may_is_not_a_month():
    assert find_dates("The council may vote again, and it may decide nothing.", FRIDAY) == []


def test_reference_date_from_a_full_dateline():
    found = reference_from_text("OSLO, 14 October 2023 — The committee met.\nMore text.", dt.date(2026, 1, 1))
    assert found is not None and found[0] == dt.date(2023, 10, 14)


def test_reference_date_from_a_weekday_and_date_without_year():
    text = "The minister said on Friday (May 31) that the border was calm, as it has been since February 2022."
    found = reference_from_text(text, today=dt.date(2026, 11, 25))
    assert found is not None
    day, rule = found
    # 31 May fell on a Friday in 2019, 2024 and 2030: not after today, not before 2022 the text names -> 2024
    assert day == dt.date(2024, 5, 31)
    assert "31 May was a Friday in 2024" in rule


def test_no_reference_date_in_plain_text():
    assert reference_from_text("The council met and argued about the harbour.", dt.date(2026, 1, 1)) is None
