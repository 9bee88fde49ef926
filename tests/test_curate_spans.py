"""Spans worked out by the tool (tui/curate/spans.py) and what it proposes for a selection
(tui/curate/propose.py), on the bundled article."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tui.curate import propose, spans
from tui.model import Span
from tui.validation import check_span


@pytest.fixture
def text(seed_data):
    return seed_data["source"]["text"]


def test_a_span_of_words_that_repeat_gets_prefix_and_suffix_that_check(text):
    start = text.index("on Friday", text.index("emphasized"))
    span = spans.make_span(text, start, start + len("on Friday"))
    assert span["exact"] == "on Friday" and "prefix" in span and "suffix" in span
    assert list(check_span(text, Span(**span), "$")) == []
    unique = text.index("Kharkiv and its surrounding areas")
    assert "prefix" not in spans.make_span(text, unique, unique + 33)


def test_make_span_trims_white_space(text):
    start = text.index("\nRussia is currently")
    span = spans.make_span(text, start, start + len("\nRussia is "))
    assert span["exact"] == "Russia is"
    assert span["start"] == start + 1


@given(st.integers(0, 4000), st.integers(1, 300))
def test_any_selection_snaps_to_whole_words(a, length):
    text = _SEED_TEXT
    start, end = spans.snap(text, a, min(len(text), a + length))
    if start == end:
        return
    assert list(check_span(text, Span(**spans.make_span(text, start, end)), "$")) == []
    assert not text[start - 1 : start].isalnum() and not text[end : end + 1].isalnum()
    assert text[start].isalnum() and (text[end - 1].isalnum() or text[end - 1] == ".")


def test_snap_takes_whole_words_and_keeps_abbreviations(text):
    at = text.index("U.S. weapons")
    assert text.__getitem__(slice(*spans.snap(text, at + 1, at + 7))) == "U.S. weapons"
    word = text.index("Ukraine’s use")
    assert text.__getitem__(slice(*spans.snap(text, word + 2, word + 3))) == "Ukraine’s"


def test_moving_by_word_and_sentence(text):
    at = text.index("Russia is currently attacking")
    assert spans.next_word(text, at) == at + len("Russia ")
    assert spans.previous_word(text, at + len("Russia ")) == at
    assert spans.next_sentence(text, at) == text.index("“In the past few weeks")
    assert spans.previous_sentence(text, at + 5) == at
    # "U.S. Secretary" does not end a sentence
    first = spans.next_sentence(text, 0)
    assert text[first:].startswith("Following an informal NATO")


def test_grow_and_shrink_by_a_word(text):
    at = text.index("Russia is currently attacking")
    start, end = spans.grow(text, at, at + len("Russia is"))
    assert text[start:end] == "Russia is currently"
    assert text.__getitem__(slice(*spans.shrink(text, start, end))) == "Russia is"
    assert spans.shrink(text, at, at + 6) == (at, at + 6)


def test_a_quote_selected_with_its_marks_is_proposed_direct_with_cue_source_and_speaker(seed_data, text):
    open_ = text.index("“In the past few weeks")
    close = text.index("”", open_) + 1
    proposal = propose.propose_statement(seed_data, open_, close)
    assert proposal.content["exact"].startswith("In the past few weeks")
    assert proposal.content["exact"].endswith("entering Ukraine")  # the comma before ” left out
    assert proposal.mode == "direct"
    assert proposal.cue["exact"] == "said" and proposal.source["exact"] == "Blinken"
    assert proposal.speakers[0] == "blinken"


def test_reported_speech_is_proposed_indirect(seed_data, text):
    at = text.index("Warsaw has never imposed")
    proposal = propose.propose_statement(seed_data, at, at + len("Warsaw has never imposed such restrictions"))
    assert proposal.mode == "indirect"
    assert proposal.cue["exact"] == "stated"
    assert proposal.speakers[0] == "sikorski"


def test_speakers_are_ordered_by_nearness(seed_data, text):
    near_putin = text.index("Putin", 2000)
    order = propose.speakers_by_nearness(seed_data, near_putin)
    assert order.index("putin") < order.index("blinken")
    assert sorted(order) == sorted(a["id"] for a in seed_data["actors"])


@pytest.mark.parametrize(
    "phrase, value, anchor",
    [
        ("on Tuesday", "2024-05-28", "reference_date"),
        ("on Friday", "2024-05-31", "reference_date"),
        ("on Friday (May 31)", "2024-05-31", "reference_date"),
        ("February 2022", "2022-02", "explicit"),
        ("yesterday", "2024-05-30", "reference_date"),
        ("31 May 2024", "2024-05-31", "explicit"),
        ("in 2023", "2023", "explicit"),
    ],
)
def test_dates_proposed_from_a_phrase(phrase, value, anchor):
    when = propose.propose_date(phrase, dt.date(2024, 5, 31))
    assert when is not None and when["value"] == value and when["anchor"] == anchor
    assert when["rule"]


def test_no_date_is_made_up():
    assert propose.propose_date("previously", dt.date(2024, 5, 31)) is None


def test_an_event_proposed_from_a_phrase(seed_data, text):
    at = text.index("on Tuesday")
    proposal = propose.propose_event(seed_data, at, at + len("on Tuesday"))
    assert proposal.when["value"] == "2024-05-28"
    assert proposal.when["phrase"]["exact"] == "on Tuesday"
    assert proposal.title and len(proposal.title) <= 80


_SEED_TEXT = __import__("json").loads(__import__("tui.bundled").bundled.seed_path().read_text())["source"]["text"]


def test_a_nominal_cue_in_the_same_sentence_names_the_speaker(seed_data, text):
    """ "Stoltenberg rejected Russian President Putin's warning … that allowing Ukraine …": Putin's words."""
    words = "allowing Ukraine to use Western weapons to attack targets inside Russia could escalate"
    at = text.index(words)
    proposal = propose.propose_statement(seed_data, at, at + len(words))
    assert proposal.cue["exact"] == "warning"
    assert proposal.source["exact"] == "Russian President Putin"
    assert proposal.speakers[0] == "putin"


def test_line_moves_skip_the_blank_lines_between_paragraphs():
    text = "One.\n\nTwo two.\n\n\nThree."
    cursor = spans.Cursor(text, 1)
    cursor.move("line")
    assert cursor.pos == text.index("Two")
    cursor.move("line")
    assert cursor.pos == text.index("Three")
    cursor.move("line_back")
    assert cursor.pos == text.index("Two")
    cursor.move("line_back")
    assert cursor.pos == 0
