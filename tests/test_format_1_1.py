"""Format 1.1 (docs/format.md): each added field is checked like the rest, and 1.0 files stay valid."""

from __future__ import annotations

from typing import Any

import pytest

from tui.model import SCHEMA_VERSION, Dossier, to_data
from tui.validation import check

from .test_validation import index, only_error, only_warning, stance_index
from .tiny import tiny

Data = dict[str, Any]


def test_the_tool_writes_1_1() -> None:
    assert SCHEMA_VERSION == "1.1"


def test_tiny_is_valid_with_only_the_review_warning() -> None:
    result = check(tiny())
    assert [(p.path, p.level, p.message) for p in result.problems] == [("$", "warning", "1 item awaits review")]
    assert result.dossier is not None


def as_1_0(d: Data) -> Data:
    """The dossier without its 1.1 features, saying "1.0"."""
    d["schema_version"] = "1.0"
    for key in ("headline_editorial", "dateline_editorial"):
        d["source"].pop(key, None)
    for item in (*d["actors"], *d["statements"], *d["events"], *d["stances"]):
        for key in ("review", "origin", "source", "inferred_attribution"):
            item.pop(key, None)
    events = {e["id"] for e in d["events"]}
    for st in d["stances"]:
        st["evidence"] = [x for x in st["evidence"] if x not in events]
    d["stances"] = [st for st in d["stances"] if st["evidence"]]
    return d


def test_a_1_0_file_stays_valid(seed_data: Data) -> None:
    result = check(as_1_0(seed_data))
    assert [p.line("seed") for p in result.problems] == []


@pytest.mark.parametrize(
    ("where", "field", "value"),
    [
        (("source",), "headline_editorial", True),
        (("source",), "dateline_editorial", True),
        (("statements", 0), "source", None),
        (("statements", 1), "inferred_attribution", "by position"),
        (("actors", 0), "review", "draft"),
        (("events", 0), "origin", {"by": "t 1", "rule": "r", "confidence": 0.5}),
        (("stances", 0), "review", "draft"),
    ],
)
def test_a_1_1_field_in_a_1_0_file_is_an_error(where: tuple[Any, ...], field: str, value: Any) -> None:
    d = as_1_0(tiny())
    assert check(d).problems == []
    target = d[where[0]] if len(where) == 1 else d[where[0]][where[1]]
    target[field] = value if value is not None else tiny()["statements"][0]["source"]
    path = "$." + where[0] + (f"[{where[1]}]" if len(where) > 1 else "") + f".{field}"
    only_error(d, path, 'is new in format 1.1: set schema_version to "1.1"')


def test_1_1_fields_at_their_defaults_are_allowed_in_a_1_0_file() -> None:
    d = as_1_0(tiny())
    d["source"]["headline_editorial"] = False
    d["statements"][0].update(source=None, origin=None, review=None)
    assert check(d).problems == []


def test_an_event_as_evidence_in_a_1_0_file_is_an_error(seed_data: Data) -> None:
    d = as_1_0(seed_data)
    i = stance_index(d, "us-gov", "border-strikes")
    d["stances"][i]["evidence"].append("e-approval")
    n = len(d["stances"][i]["evidence"]) - 1
    only_error(d, f"$.stances[{i}].evidence[{n}]", "an event as evidence is new in format 1.1")


# -- the statement's `source` span is checked like every span -------------------------------------------------


def test_source_span_off_by_one() -> None:
    d = tiny()
    d["statements"][0]["source"]["start"] += 1
    d["statements"][0]["source"]["end"] += 1
    only_error(d, "$.statements[0].source.exact", "text at")


def test_source_span_outside_the_text() -> None:
    d = tiny()
    d["statements"][1]["source"].update(start=5000, end=5005)
    only_error(d, "$.statements[1].source", "is outside the text")


def test_source_span_ambiguous_without_context() -> None:
    d = tiny()
    d["statements"][0]["source"] = {**d["statements"][0]["cue"]}
    d["statements"][0]["source"].pop("prefix"), d["statements"][0]["source"].pop("suffix")
    only_error(d, "$.statements[0].source", "occurs 2 times")


# -- origin, review, inferred attribution -------------------------------------------------------------------------


@pytest.mark.parametrize("confidence", [1.5, -0.1])
def test_origin_confidence_is_between_0_and_1(confidence: float) -> None:
    d = tiny()
    d["events"][1]["origin"]["confidence"] = confidence
    only_error(d, "$.events[1].origin.confidence", "1" if confidence > 1 else "0")


def test_origin_needs_by_and_rule() -> None:
    d = tiny()
    del d["events"][1]["origin"]["rule"]
    only_error(d, "$.events[1].origin.rule", "required field is missing")


def test_review_is_draft_or_absent() -> None:
    d = tiny()
    d["events"][1]["review"] = "reviewed"
    only_error(d, "$.events[1].review", "'draft'")


def test_inferred_attribution_is_not_empty() -> None:
    d = tiny()
    d["statements"][2]["inferred_attribution"] = ""
    only_error(d, "$.statements[2].inferred_attribution", "at least 1 character")


def test_review_warning_counts_every_draft_item_once_per_file() -> None:
    d = tiny()
    d["actors"][0]["review"] = "draft"
    d["statements"][1]["review"] = "draft"
    d["stances"][0]["review"] = "draft"
    only_warning(d, "$", "4 items await review")


def test_no_review_warning_without_drafts(seed_data: Data) -> None:
    assert not any(p.message.endswith("await review") for p in check(seed_data).problems)


# -- a stance may cite events ---------------------------------------------------------------------------------------


def test_stance_evidence_resolves_to_a_statement_or_event() -> None:
    d = tiny()
    d["stances"][1]["evidence"].append("e-nowhere")
    only_error(d, "$.stances[1].evidence[1]", "no statement or event has id 'e-nowhere'")


def test_event_evidence_must_include_the_stance_actor() -> None:
    d = tiny()
    d["stances"][1]["evidence"] = ["e-monday"]  # Lima's event, not the council's
    only_error(d, "$.stances[1].evidence[0]", "event 'e-monday' has no actor 'council'")


def test_event_of_one_speaking_for_the_actor_is_evidence() -> None:
    d = tiny()
    d["actors"][1]["speaks_for"] = "council"
    d["events"][1]["actors"] = ["officials"]
    assert check(d).errors == []


def test_event_evidence_on_the_bundled_dossier(seed_data: Data) -> None:
    seed_data["schema_version"] = "1.1"
    i = index(seed_data, "events", "e-approval")
    assert "us-gov" in seed_data["events"][i]["actors"]
    j = stance_index(seed_data, "us-gov", "border-strikes")
    seed_data["stances"][j]["evidence"].append("e-approval")
    assert check(seed_data).problems == []
    k = stance_index(seed_data, "russia", "escalation")
    seed_data["stances"][k]["evidence"].append("e-approval")
    n = len(seed_data["stances"][k]["evidence"]) - 1
    only_error(seed_data, f"$.stances[{k}].evidence[{n}]", "event 'e-approval' has no actor 'russia'")


def test_to_data_round_trips_and_omits_default_flags() -> None:
    d = tiny()
    d["source"]["headline_editorial"] = False
    data = to_data(Dossier.model_validate(d))
    assert "headline_editorial" not in data["source"] and data["source"]["dateline_editorial"] is True
    assert check(data).errors == []


def test_a_draft_statement_is_cited_as_unreviewed() -> None:
    from tui.render.export import quote_records
    from tui.store import Store

    d = tiny()
    d["statements"][1]["review"] = "draft"
    store = Store(Dossier.model_validate(d))
    citations = {r["id"]: r["citation"] for r in quote_records(store, store.dossier.statements)}
    assert "unreviewed" in citations["t2"]
    assert "unreviewed" not in citations["t1"]
