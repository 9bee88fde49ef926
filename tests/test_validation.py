"""The validator: the bundled dossier passes; each rule of docs/format.md, broken alone, gives one clear problem.

Each case breaks exactly one thing in a fresh copy of the bundled dossier and says where the problem must be
reported (its JSON path) and a distinctive part of its message.
"""

from __future__ import annotations

import copy
import hashlib
import json
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tui.bundled import seed_path
from tui.cli import main
from tui.validation import Problem, check, read_dossier

from .conftest import write_json

Data = dict[str, Any]
Case = Callable[[Data], tuple[str, str]]


# -- helpers ---------------------------------------------------------------------------------------------------


def index(d: Data, collection: str, ident: str, key: str = "id") -> int:
    """The position of the item with this id in a top-level list."""
    found = [n for n, item in enumerate(d[collection]) if item[key] == ident]
    assert len(found) == 1, f"{collection} has {len(found)} items with {key} {ident!r}"
    return found[0]


def stance_index(d: Data, actor: str, issue: str) -> int:
    found = [n for n, st in enumerate(d["stances"]) if (st["actor"], st["issue"]) == (actor, issue)]
    assert len(found) == 1
    return found[0]


def rehash(d: Data) -> None:
    d["source"]["text_sha256"] = hashlib.sha256(d["source"]["text"].encode("utf-8")).hexdigest()


def only_error(d: Data, path: str, fragment: str) -> None:
    result = check(d)
    errors = result.errors
    assert len(errors) == 1, [p.line("F") for p in result.problems]
    (error,) = errors
    assert (error.path, error.level) == (path, "error"), error
    assert fragment in error.message, error
    assert result.dossier is None
    assert result.exit_code == 1


def only_warning(d: Data, path: str, fragment: str) -> None:
    result = check(d)
    assert [p.line("F") for p in result.problems if p.level == "error"] == []
    assert len(result.problems) == 1, [p.line("F") for p in result.problems]
    (warning,) = result.problems
    assert (warning.path, warning.level) == (path, "warning"), warning
    assert fragment in warning.message, warning
    assert result.dossier is not None
    assert result.exit_code == 0


# -- the bundled dossier ------------------------------------------------------------------------------------------


def test_bundled_dossier_is_valid_without_warnings(seed_data: Data) -> None:
    result = check(seed_data)
    assert [p.line("seed") for p in result.problems] == []
    assert result.dossier is not None
    assert result.exit_code == 0


def test_bundled_file_reads_valid() -> None:
    result = read_dossier(seed_path())
    assert (result.exit_code, result.problems, result.unreadable) == (0, [], False)
    assert len(result.dossier.statements) == 25


def test_seed_fixture_is_a_fresh_copy(seed_data: Data) -> None:
    seed_data["actors"].clear()
    assert json.loads(seed_path().read_text(encoding="utf-8"))["actors"]


# -- schema: unknown, missing and mistyped fields --------------------------------------------------------------------


def unknown_actor_field(d: Data) -> tuple[str, str]:
    d["actors"][0]["nickname"] = "Uncle Sam"
    return "$.actors[0].nickname", "unknown field"


def unknown_top_level_field(d: Data) -> tuple[str, str]:
    d["comments"] = []
    return "$.comments", "unknown field"


def unknown_span_field(d: Data) -> tuple[str, str]:
    d["statements"][3]["content"]["offset"] = 0
    return "$.statements[3].content.offset", "unknown field"


def missing_mode(d: Data) -> tuple[str, str]:
    del d["statements"][0]["mode"]
    return "$.statements[0].mode", "required field is missing"


def missing_source(d: Data) -> tuple[str, str]:
    del d["source"]
    return "$.source", "required field is missing"


def missing_span_exact(d: Data) -> tuple[str, str]:
    del d["events"][0]["when"]["phrase"]["exact"]
    return "$.events[0].when.phrase.exact", "required field is missing"


def missing_position_polarity(d: Data) -> tuple[str, str]:
    del d["issues"][0]["positions"][1]["polarity"]
    return "$.issues[0].positions[1].polarity", "required field is missing"


def string_for_integer(d: Data) -> tuple[str, str]:
    d["statements"][0]["content"]["start"] = str(d["statements"][0]["content"]["start"])
    return "$.statements[0].content.start", "valid integer"


def boolean_for_integer(d: Data) -> tuple[str, str]:
    d["statements"][0]["content"]["end"] = True
    return "$.statements[0].content.end", "valid integer"


def string_for_number(d: Data) -> tuple[str, str]:
    d["figures"][0]["value"] = "30"
    return "$.figures[0].value", "valid number"


def datetime_for_date(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-putin-warning")
    d["events"][i]["when"]["earliest"] = "2024-05-28T00:00:00"
    return f"$.events[{i}].when.earliest", "valid date"


def string_for_list(d: Data) -> tuple[str, str]:
    d["statements"][0]["issues"] = "border-strikes"
    return "$.statements[0].issues", "valid array"


def number_for_string(d: Data) -> tuple[str, str]:
    d["actors"][0]["name"] = 5
    return "$.actors[0].name", "valid string"


def unknown_mode(d: Data) -> tuple[str, str]:
    d["statements"][0]["mode"] = "quoted"
    return "$.statements[0].mode", "'direct', 'indirect' or 'paraphrase'"


def wrong_schema_version(d: Data) -> tuple[str, str]:
    d["schema_version"] = "2.0"
    return "$.schema_version", "'1.0'"


def numeric_schema_version(d: Data) -> tuple[str, str]:
    d["schema_version"] = 1.0
    return "$.schema_version", "'1.0'"


# -- ids ------------------------------------------------------------------------------------------------------------


def duplicate_position(d: Data) -> tuple[str, str]:
    positions = d["issues"][0]["positions"]
    positions.append(copy.deepcopy(positions[0]))
    return f"$.issues[0].positions[{len(positions) - 1}].code", f"duplicate position {positions[0]['code']!r}"


def second_stance(d: Data) -> tuple[str, str]:
    d["stances"].append(copy.deepcopy(d["stances"][0]))
    first = d["stances"][0]
    return f"$.stances[{len(d['stances']) - 1}]", f"second stance of {first['actor']!r} on {first['issue']!r}"


# -- references -------------------------------------------------------------------------------------------------------


def _uncited_statement(d: Data) -> int:
    """A statement no stance cites, so that changing its actor breaks one reference only."""
    cited = {sid for st in d["stances"] for sid in st["evidence"]}
    return next(n for n, s in enumerate(d["statements"]) if s["id"] not in cited)


def dangling_statement_actor(d: Data) -> tuple[str, str]:
    i = _uncited_statement(d)
    d["statements"][i]["actor"] = "nobody"
    return f"$.statements[{i}].actor", "no actor has id 'nobody'"


def dangling_statement_when(d: Data) -> tuple[str, str]:
    d["statements"][0]["when"] = "e-nowhere"
    return "$.statements[0].when", "no event has id 'e-nowhere'"


def dangling_statement_issue(d: Data) -> tuple[str, str]:
    d["statements"][0]["issues"].append("peace-talks")
    n = len(d["statements"][0]["issues"]) - 1
    return f"$.statements[0].issues[{n}]", "no issue has id 'peace-talks'"


def dangling_event_actor(d: Data) -> tuple[str, str]:
    d["events"][0]["actors"].append("nobody")
    n = len(d["events"][0]["actors"]) - 1
    return f"$.events[0].actors[{n}]", "no actor has id 'nobody'"


def dangling_event_evidence(d: Data) -> tuple[str, str]:
    d["events"][0]["evidence"].append("s99")
    n = len(d["events"][0]["evidence"]) - 1
    return f"$.events[0].evidence[{n}]", "no statement has id 's99'"


def dangling_event_anchor(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-earlier-refusal")
    d["events"][i]["when"]["anchor"] = "e-nowhere"
    return f"$.events[{i}].when.anchor", "'e-nowhere' is not 'reference_date', 'explicit' or another event"


def event_anchored_on_itself(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-earlier-refusal")
    d["events"][i]["when"]["anchor"] = "e-earlier-refusal"
    return f"$.events[{i}].when.anchor", "is not 'reference_date', 'explicit' or another event"


def dangling_stance_evidence(d: Data) -> tuple[str, str]:
    i = stance_index(d, "sikorski", "border-strikes")
    d["stances"][i]["evidence"].append("s99")
    n = len(d["stances"][i]["evidence"]) - 1
    return f"$.stances[{i}].evidence[{n}]", "no statement or event has id 's99'"


def dangling_note_about(d: Data) -> tuple[str, str]:
    d["notes"][0]["about"].append("nowhere")
    n = len(d["notes"][0]["about"]) - 1
    return f"$.notes[0].about[{n}]", "no actor, statement, event, issue or figure has id 'nowhere'"


# -- the source text and spans ----------------------------------------------------------------------------------


def sha_mismatch(d: Data) -> tuple[str, str]:
    d["source"]["text_sha256"] = "0" * 64
    return "$.source.text_sha256", "does not match the text"


def text_changed_without_rehash(d: Data) -> tuple[str, str]:
    d["source"]["text"] += " (Updated.)"
    return "$.source.text_sha256", "does not match the text"


def span_past_the_end(d: Data) -> tuple[str, str]:
    size = len(d["source"]["text"])
    d["statements"][0]["content"]["end"] = size + 1
    return "$.statements[0].content", f"is outside the text (0..{size})"


def span_empty(d: Data) -> tuple[str, str]:
    content = d["statements"][0]["content"]
    content["end"] = content["start"]
    return "$.statements[0].content", "is outside the text"


def figure_span_beyond_text(d: Data) -> tuple[str, str]:
    size = len(d["source"]["text"])
    d["figures"][0]["span"].update(start=size + 5, end=size + 10)
    return "$.figures[0].span", "is outside the text"


def span_off_by_one(d: Data) -> tuple[str, str]:
    content = d["statements"][0]["content"]
    content["start"] += 1
    content["end"] += 1
    found = d["source"]["text"][content["start"] : content["end"]]
    return "$.statements[0].content.exact", f"text at {content['start']}..{content['end']} is '{found[:20]}"


def span_end_off_by_one(d: Data) -> tuple[str, str]:
    content = d["statements"][6]["content"]  # a long span: its start clipped alone would look the same
    assert len(content["exact"]) > 60 and content["exact"].endswith("Russia")
    content["end"] += 1
    return "$.statements[6].content.exact", "ends …'ep strikes inside Russia.', but exact ends"


def cue_exact_mismatch(d: Data) -> tuple[str, str]:
    d["statements"][0]["cue"]["exact"] = "Blinken denied"
    return "$.statements[0].cue.exact", "not 'Blinken denied'"


def span_leading_space(d: Data) -> tuple[str, str]:
    text = d["source"]["text"]
    content = d["statements"][0]["content"]
    assert text[content["start"] - 1] == " "
    content["start"] -= 1
    content["exact"] = " " + content["exact"]
    assert text.count(content["exact"]) == 1
    return "$.statements[0].content", "starts or ends with white space"


def span_trailing_space(d: Data) -> tuple[str, str]:
    text = d["source"]["text"]
    for i, s in enumerate(d["statements"]):
        span = s["content"]
        if text[span["end"]] == " " and text.count(span["exact"] + " ") == 1 and s["mode"] != "direct":
            span["end"] += 1
            span["exact"] += " "
            return f"$.statements[{i}].content", "starts or ends with white space"
    raise AssertionError("no statement is followed by a space")


def prefix_mismatch(d: Data) -> tuple[str, str]:
    i, cue = next((i, s["cue"]) for i, s in enumerate(d["statements"]) if s.get("cue", {}).get("prefix"))
    cue["prefix"] = "no such words before "
    return f"$.statements[{i}].cue.prefix", "does not match the text before the span"


def suffix_mismatch(d: Data) -> tuple[str, str]:
    i, cue = next((i, s["cue"]) for i, s in enumerate(d["statements"]) if s.get("cue", {}).get("suffix"))
    cue["suffix"] = " no such words after"
    return f"$.statements[{i}].cue.suffix", "does not match the text after the span"


def ambiguous_exact(d: Data) -> tuple[str, str]:
    text = d["source"]["text"]
    i, cue = next((i, s["cue"]) for i, s in enumerate(d["statements"]) if s.get("cue", {}).get("prefix"))
    del cue["prefix"], cue["suffix"]
    return f"$.statements[{i}].cue", f"occurs {text.count(cue['exact'])} times; give a prefix or suffix"


# -- actors ---------------------------------------------------------------------------------------------------------


def not_an_iso_code(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "us-gov")
    d["actors"][i]["country"] = "UK"
    return f"$.actors[{i}].country", "'UK' is not an ISO 3166-1 alpha-2 country code"


def alpha3_code(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "us-gov")
    d["actors"][i]["country"] = "USA"
    return f"$.actors[{i}].country", "'USA' is not an ISO 3166-1 alpha-2"


def lower_case_code(d: Data) -> tuple[str, str]:
    # ISO 3166-1 codes are upper case; 'us' would also never match a country filter (which resolves to 'US').
    i = index(d, "actors", "us-gov")
    d["actors"][i]["country"] = "us"
    return f"$.actors[{i}].country", "'us' is not an ISO 3166-1 alpha-2"


def made_up_country_for_organisation(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "nato")
    d["actors"][i]["country"] = "NATO"
    return f"$.actors[{i}].country", "'NATO' is not an ISO 3166-1 alpha-2"


def neither_country_nor_organisation(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "us-gov")
    del d["actors"][i]["country"]
    return f"$.actors[{i}]", "has neither a country nor an affiliation"


def undeclared_affiliation(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "nato")
    d["actors"][i]["affiliation"] = "EU"
    return f"$.actors[{i}].affiliation", "'EU' is not a declared organisation"


def person_without_role(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "sikorski")
    del d["actors"][i]["role"]
    return f"$.actors[{i}].role", "a person needs a role"


def person_with_empty_role(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "sikorski")
    d["actors"][i]["role"] = ""
    return f"$.actors[{i}].role", "a person needs a role"


def speaks_for_self(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "sikorski")
    d["actors"][i]["speaks_for"] = "sikorski"
    return f"$.actors[{i}].speaks_for", "'sikorski' is not another actor"


def speaks_for_unknown(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "sikorski")
    d["actors"][i]["speaks_for"] = "pl-gov"
    return f"$.actors[{i}].speaks_for", "'pl-gov' is not another actor"


# -- stances --------------------------------------------------------------------------------------------------------


def position_not_in_issue(d: Data) -> tuple[str, str]:
    i = stance_index(d, "sikorski", "border-strikes")
    d["stances"][i]["position"] = "escalates"
    return f"$.stances[{i}].position", "'escalates' is not a position of issue 'border-strikes' (permitted,"


def evidence_by_another_actor(d: Data) -> tuple[str, str]:
    i = stance_index(d, "sikorski", "border-strikes")
    d["stances"][i]["evidence"].append("s23")
    n = len(d["stances"][i]["evidence"]) - 1
    return f"$.stances[{i}].evidence[{n}]", "statement 's23' is by 'bruins-slot', not by 'sikorski'"


def stance_without_evidence(d: Data) -> tuple[str, str]:
    i = stance_index(d, "sikorski", "border-strikes")
    d["stances"][i]["evidence"] = []
    return f"$.stances[{i}].evidence", "at least 1 item"


# -- dates ----------------------------------------------------------------------------------------------------------


def _set_day(when: Data, day: str) -> None:
    when.update(value=day, earliest=day, latest=day)


def edtf_does_not_parse(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-putin-warning")
    d["events"][i]["when"]["value"] = "28 May 2024"
    return f"$.events[{i}].when.value", "'28 May 2024' is not an EDTF date"


def edtf_reversed_interval(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-ukraine-request")
    d["events"][i]["when"]["value"] = "2024-05-31/2024-05-10"
    return f"$.events[{i}].when.value", "the interval ends before it starts"


def edtf_impossible_day(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-putin-warning")
    d["events"][i]["when"]["value"] = "2024-02-30"
    return f"$.events[{i}].when.value", "day is out of range"


def precision_disagrees(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-putin-warning")
    d["events"][i]["when"]["precision"] = "month"
    return f"$.events[{i}].when.precision", "'2024-05-28' is a day, not a month"


def month_value_with_day_precision(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-full-scale-invasion")
    d["events"][i]["when"]["precision"] = "day"
    return f"$.events[{i}].when.precision", "'2022-02' is a month, not a day"


def interval_precision_too_fine(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-ukraine-request")
    d["events"][i]["when"].update(value="2024-05/2024-06", earliest="2024-05-01", latest="2024-06-30", precision="day")
    return f"$.events[{i}].when.precision", "'day' is finer than the value '2024-05/2024-06' gives"


def latest_disagrees(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-putin-warning")
    d["events"][i]["when"]["latest"] = "2024-05-29"
    return f"$.events[{i}].when.latest", "2024-05-29 does not agree with the value '2024-05-28'"


def earliest_disagrees(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-putin-warning")
    d["events"][i]["when"]["earliest"] = "2024-05-27"
    return f"$.events[{i}].when.earliest", "2024-05-27 does not agree with the value '2024-05-28'"


def earliest_on_open_start(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-earlier-refusal")
    d["events"][i]["when"]["earliest"] = "2024-05-01"
    return f"$.events[{i}].when.earliest", "2024-05-01 does not agree with the value '../2024-05-31' (open)"


def weekday_disagrees(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-putin-warning")  # "on Tuesday"
    _set_day(d["events"][i]["when"], "2024-05-29")
    return f"$.events[{i}].when.phrase", "names a Tuesday but 2024-05-29 is a Wednesday"


def month_day_disagrees(d: Data) -> tuple[str, str]:
    i = index(d, "events", "e-prague-remarks")  # "on Friday (May 31)"; 24 May 2024 is a Friday too
    _set_day(d["events"][i]["when"], "2024-05-24")
    return f"$.events[{i}].when.phrase", "names 31/5 (day/month) but the value is 2024-05-24"


# -- hostile strings --------------------------------------------------------------------------------------------------


def bell_in_name(d: Data) -> tuple[str, str]:
    d["actors"][0]["name"] = "U.S.\x07 government"
    return "$.actors[0].name", "contains control character U+0007"


def escape_sequence_in_role(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "blinken")
    d["actors"][i]["role"] = "\x1b[2JSecretary of State"
    return f"$.actors[{i}].role", "contains control character U+001B"


def tab_in_note(d: Data) -> tuple[str, str]:
    d["notes"][3]["text"] = "one\ttwo"
    return "$.notes[3].text", "contains control character U+0009"


def newline_in_alias(d: Data) -> tuple[str, str]:
    i = index(d, "actors", "blinken")
    d["actors"][i]["aliases"][0] = "Blinken\n"
    return f"$.actors[{i}].aliases[0]", "contains control character U+000A"


def nul_in_source_text(d: Data) -> tuple[str, str]:
    d["source"]["text"] += "\x00"  # after every span, so no offset moves
    rehash(d)
    return "$.source.text", "contains control character U+0000"


def c1_control_in_headline(d: Data) -> tuple[str, str]:
    d["source"]["headline"] += "\x9b"
    return "$.source.headline", "contains control character U+009B"


ERROR_CASES: list[Case] = [
    unknown_actor_field,
    unknown_top_level_field,
    unknown_span_field,
    missing_mode,
    missing_source,
    missing_span_exact,
    missing_position_polarity,
    string_for_integer,
    boolean_for_integer,
    string_for_number,
    datetime_for_date,
    string_for_list,
    number_for_string,
    unknown_mode,
    wrong_schema_version,
    numeric_schema_version,
    duplicate_position,
    second_stance,
    dangling_statement_actor,
    dangling_statement_when,
    dangling_statement_issue,
    dangling_event_actor,
    dangling_event_evidence,
    dangling_event_anchor,
    event_anchored_on_itself,
    dangling_stance_evidence,
    dangling_note_about,
    sha_mismatch,
    text_changed_without_rehash,
    span_past_the_end,
    span_empty,
    figure_span_beyond_text,
    span_off_by_one,
    span_end_off_by_one,
    cue_exact_mismatch,
    span_leading_space,
    span_trailing_space,
    prefix_mismatch,
    suffix_mismatch,
    ambiguous_exact,
    not_an_iso_code,
    alpha3_code,
    lower_case_code,
    made_up_country_for_organisation,
    neither_country_nor_organisation,
    undeclared_affiliation,
    person_without_role,
    person_with_empty_role,
    speaks_for_self,
    speaks_for_unknown,
    position_not_in_issue,
    evidence_by_another_actor,
    stance_without_evidence,
    edtf_does_not_parse,
    edtf_reversed_interval,
    edtf_impossible_day,
    precision_disagrees,
    month_value_with_day_precision,
    interval_precision_too_fine,
    latest_disagrees,
    earliest_disagrees,
    earliest_on_open_start,
    weekday_disagrees,
    month_day_disagrees,
    bell_in_name,
    escape_sequence_in_role,
    tab_in_note,
    newline_in_alias,
    nul_in_source_text,
    c1_control_in_headline,
]


@pytest.mark.parametrize("case", ERROR_CASES, ids=lambda case: case.__name__)
def test_one_broken_rule_gives_one_error(seed_data: Data, case: Case) -> None:
    path, fragment = case(seed_data)
    only_error(seed_data, path, fragment)


@pytest.mark.parametrize(
    ("collection", "key"),
    [
        ("organisations", "code"),
        ("actors", "id"),
        ("statements", "id"),
        ("events", "id"),
        ("issues", "id"),
        ("figures", "id"),
        ("notes", "id"),
    ],
)
def test_duplicate_id(seed_data: Data, collection: str, key: str) -> None:
    items = seed_data[collection]
    items.append(copy.deepcopy(items[0]))
    only_error(seed_data, f"$.{collection}[{len(items) - 1}]", f"duplicate id {items[0][key]!r}")


def test_earliest_after_latest(seed_data: Data) -> None:
    i = index(seed_data, "events", "e-putin-warning")
    seed_data["events"][i]["when"]["earliest"] = "2024-05-29"
    result = check(seed_data)
    # Two errors are unavoidable: `earliest` is implied by the value, and an EDTF value whose start is after its
    # end does not parse, so an earliest after latest always also disagrees with the value.
    assert [(p.path, p.level) for p in result.problems] == [
        (f"$.events[{i}].when.earliest", "error"),
        (f"$.events[{i}].when.earliest", "error"),
    ]
    assert result.problems[0].message == "is after latest"
    assert "2024-05-29 does not agree with the value '2024-05-28'" in result.problems[1].message


def test_dangling_stance_actor(seed_data: Data) -> None:
    i = stance_index(seed_data, "us-gov", "deep-strikes")
    evidence = seed_data["stances"][i]["evidence"]
    seed_data["stances"][i]["actor"] = "nobody"
    errors = check(seed_data).errors
    # The evidence rule also fires, unavoidably: no statement is by 'nobody' or by one speaking for it.
    assert [(p.path, p.message) for p in errors[:1]] == [(f"$.stances[{i}].actor", "no actor has id 'nobody'")]
    assert [p.path for p in errors[1:]] == [f"$.stances[{i}].evidence[{n}]" for n in range(len(evidence))]
    assert all("not by 'nobody'" in p.message for p in errors[1:])


def test_dangling_stance_issue(seed_data: Data) -> None:
    i = stance_index(seed_data, "sikorski", "border-strikes")
    seed_data["stances"][i]["issue"] = "peace-talks"
    result = check(seed_data)
    # The only error; the position is not checked against an unknown issue. Its evidence is, unavoidably,
    # not tagged with the unknown issue, which is a warning.
    assert [(p.path, p.message) for p in result.errors] == [(f"$.stances[{i}].issue", "no issue has id 'peace-talks'")]
    warnings = [p for p in result.problems if p.level == "warning"]
    assert [p.path for p in warnings] == [f"$.stances[{i}].evidence[0]"]
    assert "not tagged with issue 'peace-talks'" in warnings[0].message


# -- warnings ------------------------------------------------------------------------------------------------------


def test_direct_statement_outside_quotes_is_a_warning(seed_data: Data) -> None:
    assert seed_data["statements"][0]["mode"] == "indirect"
    seed_data["statements"][0]["mode"] = "direct"
    only_warning(seed_data, "$.statements[0].content", "a direct statement should sit inside quotation marks")


def test_direct_statements_of_the_seed_sit_inside_quotes(seed_data: Data) -> None:
    text = seed_data["source"]["text"]
    direct = [s["content"] for s in seed_data["statements"] if s["mode"] == "direct"]
    assert len(direct) >= 5
    for span in direct:
        assert text[span["start"] - 1] == "“"


def test_evidence_not_tagged_with_issue_is_a_warning(seed_data: Data) -> None:
    i = stance_index(seed_data, "sikorski", "deep-strikes")
    s25 = seed_data["statements"][index(seed_data, "statements", "s25")]
    assert s25["actor"] == "sikorski" and "deep-strikes" not in s25["issues"]
    seed_data["stances"][i]["evidence"].append("s25")
    n = len(seed_data["stances"][i]["evidence"]) - 1
    only_warning(seed_data, f"$.stances[{i}].evidence[{n}]", "statement 's25' is not tagged with issue 'deep-strikes'")


def test_evidence_of_one_speaking_for_the_actor_is_accepted(seed_data: Data) -> None:
    i = stance_index(seed_data, "russia", "escalation")
    assert seed_data["stances"][i]["evidence"]  # Putin's and Medvedev's statements, who speak for Russia
    assert check(seed_data).problems == []


@pytest.mark.parametrize(
    ("char", "fragment"),
    [("\u202e", "bidirectional control character"), ("\u2066", "bidirectional"), ("\u200b", "zero-width character")],
)
def test_invisible_characters_are_warnings(seed_data: Data, char: str, fragment: str) -> None:
    seed_data["notes"][3]["text"] += char
    only_warning(seed_data, "$.notes[3].text", fragment)


def test_bidi_control_in_source_text_is_a_warning(seed_data: Data) -> None:
    seed_data["source"]["text"] += "\u202e"
    rehash(seed_data)
    only_warning(seed_data, "$.source.text", "bidirectional control character")


def test_source_text_may_hold_newlines_and_tabs(seed_data: Data) -> None:
    assert "\n" in seed_data["source"]["text"]
    seed_data["source"]["text"] += "\t"
    rehash(seed_data)
    assert check(seed_data).problems == []


def test_control_character_with_a_bidi_control_gives_both(seed_data: Data) -> None:
    seed_data["notes"][3]["text"] += "\x07\u202e"
    result = check(seed_data)
    assert [(p.path, p.level) for p in result.problems] == [
        ("$.notes[3].text", "error"),
        ("$.notes[3].text", "warning"),
    ]


# -- what is not a dossier -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "kind"), [([], "an array"), ("dossier", "a string"), (3, "a number"), (None, "null"), (True, "a boolean")]
)
def test_not_an_object(value: Any, kind: str) -> None:
    result = check(value)
    assert [(p.path, p.message, p.level) for p in result.problems] == [
        ("$", f"a dossier is a JSON object, not {kind}", "error")
    ]
    assert result.exit_code == 1


def test_many_problems_are_capped(seed_data: Data) -> None:
    for actor in seed_data["actors"]:
        actor["a"] = actor["b"] = actor["c"] = actor["d"] = 1  # 4 unknown fields x 15 actors = 60 problems
    result = check(seed_data)
    assert len(result.problems) == 51
    assert result.problems[-1].message == "… and 10 more errors"


# -- files: read_dossier and `validate` ------------------------------------------------------------------------------


SEED_TEXT = seed_path().read_text(encoding="utf-8")


def _seed_with(old: str, new: str) -> bytes:
    assert SEED_TEXT.count(old) >= 1, old
    return SEED_TEXT.replace(old, new, 1).encode("utf-8")


FILE_CASES = [
    pytest.param(b"", 2, "file is empty", id="empty"),
    pytest.param(b"  \n\t\n", 2, "file is empty", id="only-white-space"),
    pytest.param(b'{"schema_version": "1.0", "x": "\xe9"}', 2, "not UTF-8: invalid byte at offset 32", id="latin-1"),
    pytest.param(b"\xef\xbb\xbf" + SEED_TEXT.encode(), 2, "byte order mark (BOM)", id="utf-8-bom"),
    pytest.param(b'{"schema_version": ', 2, "not JSON: Expecting value at line 1", id="truncated"),
    pytest.param(b"schema_version: 1.0\n", 2, "not JSON:", id="yaml"),
    pytest.param(SEED_TEXT[:-3].encode(), 2, "not JSON:", id="truncated-seed"),
    pytest.param(b"[]", 1, "a dossier is a JSON object, not an array", id="array"),
    pytest.param(b'"a dossier"', 1, "a dossier is a JSON object, not a string", id="string"),
    pytest.param(b'{"a":1,"a":2}', 2, 'duplicate key "a"', id="duplicate-key"),
    pytest.param(
        _seed_with('"name": "U.S. government",', '"name": "U.S. government", "name": "U.S. government",'),
        2,
        'duplicate key "name"',
        id="duplicate-key-in-seed",
    ),
    pytest.param(b'{"a": NaN}', 2, "NaN is not valid JSON", id="nan"),
    pytest.param(_seed_with('"value": 30.0', '"value": NaN'), 2, "NaN is not valid JSON", id="nan-in-seed"),
    pytest.param(_seed_with('"value": 30.0', '"value": -Infinity'), 2, "-Infinity is not valid JSON", id="infinity"),
    pytest.param(b"[" * 100_000 + b"]" * 100_000, 2, "nested too deeply", id="deep-arrays"),
    pytest.param(b'{"a":' * 100_000 + b"1" + b"}" * 100_000, 2, "nested too deeply", id="deep-objects"),
]


@pytest.mark.parametrize(("content", "code", "fragment"), FILE_CASES)
def test_read_dossier_file_cases(tmp_path: Path, content: bytes, code: int, fragment: str) -> None:
    path = tmp_path / "dossier.json"
    path.write_bytes(content)
    result = read_dossier(path)
    assert result.exit_code == code
    assert result.dossier is None
    assert len(result.problems) == 1
    assert (result.problems[0].path, result.problems[0].level) == ("$", "error")
    assert fragment in result.problems[0].message


def _one_stderr_line(capsys: pytest.CaptureFixture[str], file: Path | str, fragment: str) -> str:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out == ""
    lines = err.splitlines()
    assert len(lines) == 1, err
    assert re.fullmatch(re.escape(str(file)) + r": \$[^ ]*: .+", lines[0]), lines[0]
    assert fragment in lines[0]
    return lines[0]


@pytest.mark.parametrize(("content", "code", "fragment"), FILE_CASES)
def test_validate_file_cases(tmp_path: Path, capsys: pytest.CaptureFixture[str], content, code, fragment) -> None:
    path = tmp_path / "dossier.json"
    path.write_bytes(content)
    assert main(["validate", str(path)]) == code
    _one_stderr_line(capsys, path, fragment)


def test_validate_over_max_size(capsys: pytest.CaptureFixture[str]) -> None:
    path = seed_path()
    assert main(["validate", "--max-size", "0.001", str(path)]) == 2
    line = _one_stderr_line(capsys, path, "over the 0.000999 MB limit (raise it with --max-size)")
    assert f"file is {path.stat().st_size / 1024 / 1024:.3g} MB" in line


def test_read_dossier_over_max_bytes() -> None:
    result = read_dossier(seed_path(), max_bytes=1000)
    assert (result.exit_code, result.unreadable, len(result.problems)) == (2, True, 1)
    assert "limit" in result.problems[0].message


def test_validate_empty_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(tmp_path)]) == 2
    _one_stderr_line(capsys, tmp_path, "a folder with no dossier files (*.json)")
    assert read_dossier(tmp_path).exit_code == 2  # read as a file, a folder is unreadable


def test_validate_directory_checks_each_dossier(tmp_path: Path, seed_data, capsys: pytest.CaptureFixture[str]) -> None:
    write_json(tmp_path / "a.json", seed_data)
    seed_data["actors"][0]["country"] = "XX"
    write_json(tmp_path / "b.json", seed_data)
    assert main(["validate", str(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out.strip() == f"{tmp_path / 'a.json'}: OK"
    assert err.count("\n") == 1 and err.startswith(f"{tmp_path / 'b.json'}: $.actors[0].country:")


def test_validate_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "nowhere.json"
    assert main(["validate", str(path)]) == 2
    _one_stderr_line(capsys, path, "cannot read: No such file or directory")
    assert read_dossier(path).exit_code == 2


def test_validate_invalid_dossier(tmp_path: Path, seed_data: Data, capsys: pytest.CaptureFixture[str]) -> None:
    seed_data["source"]["text_sha256"] = "0" * 64
    path = write_json(tmp_path / "bad.json", seed_data)
    assert main(["validate", str(path)]) == 1
    _one_stderr_line(capsys, path, "$.source.text_sha256: does not match the text")


def test_validate_bundled_by_default(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == (f"{seed_path()}: OK\n", "")


def test_validate_warning_exits_0(tmp_path: Path, seed_data: Data, capsys: pytest.CaptureFixture[str]) -> None:
    seed_data["statements"][0]["mode"] = "direct"
    path = write_json(tmp_path / "warn.json", seed_data)
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert err == f"{path}: $.statements[0].content: warning: a direct statement should sit inside quotation marks\n"
    assert out == f"{path}: OK (1 warning)\n"
    assert main(["validate", "--quiet", str(path)]) == 0
    assert capsys.readouterr() == ("", "")


@pytest.mark.parametrize(
    ("kinds", "code"),
    [
        (["good", "good"], 0),
        (["good", "invalid"], 1),
        (["invalid", "good"], 1),
        (["good", "not-json", "invalid"], 2),
        (["not-json", "good"], 2),
        (["missing", "invalid"], 2),
    ],
)
def test_validate_several_files_gives_the_worst_code(
    tmp_path: Path, seed_data: Data, capsys: pytest.CaptureFixture[str], kinds: list[str], code: int
) -> None:
    paths = []
    for n, kind in enumerate(kinds):
        path = tmp_path / f"{n}-{kind}.json"
        if kind == "good":
            write_json(path, seed_data)
        elif kind == "invalid":
            write_json(path, {**seed_data, "schema_version": "2.0"})
        elif kind == "not-json":
            path.write_text("{", encoding="utf-8")
        paths.append(path)
    assert main(["validate", *map(str, paths)]) == code
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out.splitlines() == [f"{p}: OK" for p, kind in zip(paths, kinds, strict=True) if kind == "good"]
    assert [line.split(": ", 1)[0] for line in err.splitlines()] == [
        str(p) for p, kind in zip(paths, kinds, strict=True) if kind != "good"
    ]


def test_problem_line_format() -> None:
    assert Problem("$.a[0].b", "broken").line("x.json") == "x.json: $.a[0].b: broken"
    assert Problem("$.a", "odd", "warning").line("x.json") == "x.json: $.a: warning: odd"
