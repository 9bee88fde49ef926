"""Each speaker rule of tui/draft/actors.py, on short texts written for these tests. The attributions
are given by hand (a small stand-in of the attribution finder's output), so only speaker resolution
is under test here."""

from __future__ import annotations

import re
from dataclasses import dataclass

from tui.draft.actors import resolve_speakers
from tui.draft.nations import country_in, organisation_in, organisations_named


@dataclass(frozen=True)
class Att:
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    mode: str = "indirect"
    rule: str = "written by hand"
    confidence: float = 1.0


def find(text: str, words: str, after: int = 0) -> tuple[int, int]:
    """The first whole-word occurrence of `words` from `after`."""
    m = re.compile(r"(?<!\w)" + re.escape(words) + r"(?!\w)").search(text, after)
    assert m is not None, words
    return m.span()


def att(text: str, content: str, source: str | None, mode: str = "indirect", after: int = 0) -> Att:
    c = find(text, content, after)
    s = find(text, source, after) if source else None
    return Att(c, None, s, mode)


def resolve(text: str, *atts: Att):
    actors, speakers = resolve_speakers(text, atts)
    return {a.id: a for a in actors}, speakers


def test_title_before_name_gives_role_and_country():
    text = "Chilean Finance Minister Ana Rojas said that taxes would stay."
    actors, (who,) = resolve(text, att(text, "taxes would stay", "Chilean Finance Minister Ana Rojas"))
    actor = actors[who.actor]
    assert (actor.name, actor.kind, actor.role, actor.country) == (
        "Ana Rojas",
        "person",
        "Chilean Finance Minister",
        "CL",
    )


def test_title_outside_the_source_span_is_found_in_the_text():
    text = "The Kenyan Health Secretary Paul Otieno said that clinics would open."
    actors, (who,) = resolve(text, att(text, "clinics would open", "Paul Otieno"))
    assert (actors[who.actor].role, actors[who.actor].country) == ("Kenyan Health Secretary", "KE")


def test_apposition_gives_role_and_country():
    text = "Lindqvist, a former Swedish defence minister who now teaches, said that the plan was costly."
    actors, (who,) = resolve(text, att(text, "the plan was costly", "Lindqvist"))
    actor = actors[who.actor]
    assert actor.role == "former Swedish defence minister who now teaches"
    assert actor.country == "SE"


def test_apposition_closing_the_sentence():
    text = "“We are ready,” said Ines Moreau, the Belgian prime minister's spokeswoman. She left."
    actors, (who,) = resolve(text, att(text, "We are ready", "Ines Moreau", mode="direct"))
    assert actors[who.actor].role == "Belgian prime minister's spokeswoman" and actors[who.actor].country == "BE"


def test_apposition_without_an_article_and_an_age_is_no_role():
    text = "Paul Garnier, head of the Irish dairy union, said that prices fell.\nAnne Roy, 54, said that they rose."
    actors, (garnier, roy) = resolve(text, att(text, "prices fell", "Paul Garnier"), att(text, "they rose", "Anne Roy"))
    assert (actors[garnier.actor].role, actors[garnier.actor].country) == ("head of the Irish dairy union", "IE")
    assert actors[roy.actor].role is None


def test_an_age_in_the_source_span_is_not_part_of_the_name():
    text = "Marie Garnier, 54, said that prices fell.\nLater Garnier, 54, said that they rose."
    first = Att(find(text, "prices fell"), None, find(text, "Marie Garnier, 54"))
    second = Att(find(text, "they rose"), None, find(text, "Garnier, 54", 40))
    actors, (one, two) = resolve(text, first, second)
    assert one.actor == two.actor and actors[one.actor].name == "Marie Garnier"
    assert actors[one.actor].kind == "person" and actors[one.actor].role is None


def test_a_capitalised_name_after_the_is_an_institution():
    text = "The Kremlin said that the plan was a provocation."
    actors, (who,) = resolve(text, att(text, "the plan was a provocation", "The Kremlin"))
    assert (actors[who.actor].kind, actors[who.actor].name) == ("organisation", "Kremlin")


def test_names_are_not_lists_adverbs_weekdays_or_parties():
    text = (
        "Governor Ann Ellis and Bo Lind said that the dam held.\n"
        "Initially officials said nothing.\n"
        "Democrat Ruth Kahn said that Friday was too late.\n"
        "Twenty-seven said that they would leave."
    )
    atts = (
        att(text, "the dam held", "Bo Lind"),
        att(text, "nothing", "Initially officials"),
        att(text, "Friday was too late", "Democrat Ruth Kahn"),
        att(text, "they would leave", "Twenty-seven"),
    )
    actors, (lind, initially, kahn, number) = resolve(text, *atts)
    assert actors[lind.actor].role is None  # 'Governor Ann Ellis and' is not Lind's title
    assert actors[initially.actor].kind == "group"
    assert (actors[kahn.actor].name, actors[kahn.actor].role) == ("Ruth Kahn", None)
    assert actors[number.actor].kind == "group"


def test_a_title_before_the_surname_alone_is_not_taken_for_another_name():
    text = (
        "President Obama spoke first.\nMichelle Obama said that the school would open.\nHis aides said that it would."
    )
    actors, (michelle, aides) = resolve(
        text, att(text, "the school would open", "Michelle Obama"), att(text, "it would", "His aides")
    )
    assert actors[michelle.actor].role is None
    assert actors[aides.actor].kind == "group"


def test_a_name_cut_short_by_the_source_span_is_completed():
    text = "House Speaker Paul D. Ryan said that the bill would pass."
    actors, (who,) = resolve(text, att(text, "the bill would pass", "Ryan"))
    assert (actors[who.actor].name, actors[who.actor].role) == ("Paul D. Ryan", "House Speaker")


def test_party_in_brackets_and_institutions():
    text = "Rep. Lena Ortiz (D-Calif.) said that the vote failed.\nThe Daily Times said that it was wrong."
    actors, (ortiz, paper) = resolve(
        text, att(text, "the vote failed", "Rep. Lena Ortiz (D-Calif.)"), att(text, "it was wrong", "The Daily Times")
    )
    assert (actors[ortiz.actor].name, actors[ortiz.actor].role) == ("Lena Ortiz", "Rep.")
    assert (actors[paper.actor].kind, actors[paper.actor].name) == ("organisation", "Daily Times")


def test_surname_later_is_the_same_person():
    text = "Irish Senator Maeve Doyle said that the vote was close.\nDoyle added that she would appeal."
    first = att(text, "the vote was close", "Irish Senator Maeve Doyle")
    second = att(text, "she would appeal", "Doyle")
    actors, (a, b) = resolve(text, first, second)
    assert a.actor == b.actor and len(actors) == 1
    assert actors[a.actor].name == "Maeve Doyle"


def test_surname_first_takes_the_full_name_written_elsewhere():
    text = "Okafor said that the port would close.\nThe Nigerian Transport Minister Chidi Okafor spoke later."
    actors, (who,) = resolve(text, att(text, "the port would close", "Okafor"))
    actor = actors[who.actor]
    assert (actor.name, actor.country, actor.role) == ("Chidi Okafor", "NG", "Nigerian Transport Minister")


def test_he_is_the_nearest_person_speaking_before_it():
    text = (
        "Mayor Lena Fischer said that the bridge was safe.\n"
        "Senator Tom Baker said that it needed repairs.\n"
        "“It will take a year,” he said."
    )
    atts = (
        att(text, "the bridge was safe", "Mayor Lena Fischer"),
        att(text, "it needed repairs", "Senator Tom Baker"),
        att(text, "It will take a year", "he", mode="direct"),
    )
    actors, (_, baker, he) = resolve(text, *atts)
    assert he.actor == baker.actor == "tom-baker"
    assert "nearest" in he.rule


def test_he_skips_a_group_and_mentions_inside_quotes():
    text = (
        "Coach Ivan Petrov said that the team was ready.\n"
        "Club officials said that tickets had sold out.\n"
        "“Ask Maria Lopez about it,” he said."
    )
    atts = (
        att(text, "the team was ready", "Coach Ivan Petrov"),
        att(text, "tickets had sold out", "Club officials"),
        att(text, "Ask Maria Lopez about it", "he", mode="direct"),
    )
    _, (petrov, _, he) = resolve(text, *atts)
    assert he.actor == petrov.actor


def test_they_is_the_nearest_group():
    text = (
        "Mayor Ann Cole said that the park would close.\nLocal residents said that the park mattered.\n"
        "“We will fight this,” they said."
    )
    atts = (
        att(text, "the park would close", "Mayor Ann Cole"),
        att(text, "the park mattered", "Local residents"),
        att(text, "We will fight this", "they", mode="direct"),
    )
    _, (_, residents, they) = resolve(text, *atts)
    assert they.actor == residents.actor


def test_unnamed_sources_are_group_actors_with_their_country():
    text = "Two Japanese officials said that the talks had stalled."
    actors, (who,) = resolve(text, att(text, "the talks had stalled", "Two Japanese officials"))
    actor = actors[who.actor]
    assert (actor.kind, actor.country, actor.name) == ("group", "JP", "Two Japanese officials")


def test_a_capitalised_common_noun_opening_a_sentence_is_a_group():
    text = "Residents said that the water tasted of rust."
    actors, (who,) = resolve(text, att(text, "the water tasted of rust", "Residents"))
    assert (actors[who.actor].kind, actors[who.actor].name) == ("group", "Residents")


def test_a_place_after_a_preposition_is_not_the_speaker():
    text = "A Spanish government spokesperson in Madrid said that the decree stood."
    actors, (who,) = resolve(text, att(text, "the decree stood", "A Spanish government spokesperson in Madrid"))
    actor = actors[who.actor]
    assert (actor.kind, actor.country, actor.role) == ("group", "ES", "government spokesperson")


def test_organisation_and_country_as_speakers():
    text = "NATO said that the drill was routine.\nCanada said that it would send ships."
    actors, (nato, canada) = resolve(
        text, att(text, "the drill was routine", "NATO"), att(text, "it would send ships", "Canada")
    )
    assert (actors[nato.actor].kind, actors[nato.actor].affiliation.code) == ("organisation", "NATO")
    assert (actors[canada.actor].kind, actors[canada.actor].country) == ("government", "CA")


def test_no_country_unless_the_text_gives_one():
    text = "Ruth Adler said that the museum would reopen."
    actors, (who,) = resolve(text, att(text, "the museum would reopen", "Ruth Adler"))
    assert actors[who.actor].country is None and actors[who.actor].role is None


def test_quote_without_source_after_a_speakers_paragraph_is_inferred():
    text = "Professor Omar Haddad said that the data were sound.\n“We checked every figure twice.”"
    atts = (
        att(text, "the data were sound", "Professor Omar Haddad"),
        att(text, "We checked every figure twice.", None, mode="direct"),
    )
    _, (haddad, quote) = resolve(text, *atts)
    assert quote.actor == haddad.actor
    assert quote.inferred and "the article names no speaker" in quote.inferred


def test_quote_without_source_and_no_speaker_before_has_none():
    text = "The hall was full.\n“Nobody expected this.”"
    _, (quote,) = resolve(text, att(text, "Nobody expected this.", None, mode="direct"))
    assert quote is None


def test_country_table_reads_names_adjectives_and_abbreviations():
    assert [country_in(p) for p in ("Dutch envoy", "the U.S. Senate", "South Korean", "Ukraine’s", "the UK")] == [
        "NL",
        "US",
        "KR",
        "UA",
        "GB",
    ]
    assert country_in("the committee chair") is None


def test_organisations_named_in_the_text():
    assert [o.code for o in organisations_named("The EU and the United Nations met NATO.")] == ["NATO", "EU", "UN"]
    assert organisation_in("an EU diplomat").code == "EU"
    assert organisations_named("The eupho­ria ended.") == []
