"""Edit operations on a dossier (tui/curate): each one, what it does to what referred to the item,
and that reverting it gives back the document it was made on."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from tui.curate import CurationError, Ref, drafts, get_item, ops, spans, stance_ref
from tui.curate.patch import apply, revert
from tui.validation import check


def _valid(doc: dict[str, Any]) -> None:
    errors = check(doc).errors
    assert not errors, [p.line("doc") for p in errors]


def _roundtrip(doc: dict[str, Any], step: ops.Step) -> dict[str, Any]:
    """Apply a step, check the result is valid and that reverting it gives the document back."""
    after = apply(doc, step.changes)
    _valid(after)
    assert revert(after, step.changes) == doc
    return after


def mark_draft(doc: dict[str, Any], *refs: Ref) -> dict[str, Any]:
    doc = copy.deepcopy(doc)
    doc["schema_version"] = "1.1"
    for ref in refs:
        item = get_item(doc, ref)
        item["review"] = "draft"
        item["origin"] = {"by": "test", "rule": "a test marked it", "confidence": 0.5}
    return doc


def test_accept_marks_reviewed_and_keeps_origin(seed_data):
    doc = mark_draft(seed_data, Ref("statement", "s12"), Ref("actor", "putin"))
    assert drafts(doc) == [Ref("actor", "putin"), Ref("statement", "s12")]
    step = ops.accept(doc, Ref("statement", "s12"))
    assert step.name == "accept s12"
    after = _roundtrip(doc, step)
    assert "review" not in get_item(after, Ref("statement", "s12"))
    assert get_item(after, Ref("statement", "s12"))["origin"]["rule"] == "a test marked it"
    assert drafts(after) == [Ref("actor", "putin")]
    with pytest.raises(CurationError, match="already reviewed"):
        ops.accept(after, Ref("statement", "s12"))


def test_accept_all_counts_only_drafts(seed_data):
    doc = mark_draft(seed_data, Ref("statement", "s1"), Ref("statement", "s2"))
    step = ops.accept_all(doc, [Ref("statement", "s1"), Ref("statement", "s2"), Ref("statement", "s3")])
    assert step.name == "accept 2 items"
    assert drafts(_roundtrip(doc, step)) == []
    with pytest.raises(CurationError, match="nothing shown awaits review"):
        ops.accept_all(seed_data, [Ref("statement", "s1")])


def test_reject_a_statement_updates_what_cited_it(seed_data):
    doc = mark_draft(seed_data, Ref("statement", "s5"))
    step = ops.remove(doc, Ref("statement", "s5"))
    assert step.name == "reject s5"
    after = _roundtrip(doc, step)
    assert all(s["id"] != "s5" for s in after["statements"])
    cited = [e["id"] for e in after["events"] if "s5" in e["evidence"]]
    cited += [s["actor"] for s in after["stances"] if "s5" in s["evidence"]]
    assert cited == []
    assert "s5 taken out of the evidence of stance us-gov on border-strikes" in step.notes


def test_a_stance_left_citing_nothing_goes_with_it(seed_data):
    only = next(s for s in seed_data["stances"] if len(s["evidence"]) == 1)
    sid = only["evidence"][0]
    # other stances citing the same statement keep it out too; this one goes
    step = ops.remove(seed_data, Ref("statement", sid))
    assert step.name == f"delete {sid}"
    after = _roundtrip(seed_data, step)
    assert not any(s["actor"] == only["actor"] and s["issue"] == only["issue"] for s in after["stances"])
    assert f"stance {only['actor']} on {only['issue']} removed too: it cited only {sid}" in step.notes


def test_removing_an_actor_with_statements_is_refused(seed_data):
    with pytest.raises(CurationError, match=r"cannot delete blinken: \d+ statements need it .*another speaker"):
        ops.remove(seed_data, Ref("actor", "blinken"))


def test_removing_an_actor_clears_speaks_for_and_its_stances(seed_data):
    doc = copy.deepcopy(seed_data)
    doc["actors"].append({"id": "spokes", "name": "A spokesman", "kind": "group", "country": "US"})
    doc["actors"].append({"id": "aide", "name": "An aide", "kind": "group", "country": "US", "speaks_for": "spokes"})
    step = ops.remove(doc, Ref("actor", "spokes"))
    after = _roundtrip(doc, step)
    assert "speaks_for" not in get_item(after, Ref("actor", "aide"))
    assert "the speaks_for of aide cleared (was spokes)" in step.notes


def test_removing_an_event_clears_statement_dates_and_refuses_anchors(seed_data):
    anchored = {e["when"]["anchor"] for e in seed_data["events"]} - {"reference_date", "explicit"}
    target = next(e for e in seed_data["events"] if e["id"] in anchored)
    with pytest.raises(CurationError, match="their dates are worked out from it"):
        ops.remove(seed_data, Ref("event", target["id"]))
    free = next(
        e["id"]
        for e in seed_data["events"]
        if e["id"] not in anchored and any(s.get("when") == e["id"] for s in seed_data["statements"])
    )
    step = ops.remove(seed_data, Ref("event", free))
    after = _roundtrip(seed_data, step)
    assert not any(s.get("when") == free for s in after["statements"])


def test_removing_an_issue_takes_its_stances(seed_data):
    issue = seed_data["issues"][-1]["id"]
    step = ops.remove(seed_data, Ref("issue", issue))
    after = _roundtrip(seed_data, step)
    assert not any(s["issue"] == issue for s in after["stances"])
    assert not any(issue in s.get("issues", []) for s in after["statements"])


def test_edit_sets_fields_in_model_order_and_accepts_a_draft(seed_data):
    doc = mark_draft(seed_data, Ref("statement", "s3"))
    step = ops.edit(doc, Ref("statement", "s3"), {"mode": "paraphrase", "when": None})
    assert step.name == "edit s3 (mode, when) and accept it"
    after = _roundtrip(doc, step)
    item = get_item(after, Ref("statement", "s3"))
    assert item["mode"] == "paraphrase" and "when" not in item and "review" not in item
    assert list(item) == [k for k in get_item(doc, Ref("statement", "s3")) if k not in ("when", "review")]
    with pytest.raises(CurationError, match="no field 'speaker'"):
        ops.edit(doc, Ref("statement", "s3"), {"speaker": "x"})
    with pytest.raises(CurationError, match="nothing to change"):
        ops.edit(after, Ref("statement", "s3"), {"mode": "paraphrase"})


def test_renaming_an_id_renames_every_reference(seed_data):
    step = ops.edit(seed_data, Ref("actor", "blinken"), {"id": "antony-blinken"})
    after = _roundtrip(seed_data, step)
    assert step.focus == Ref("actor", "antony-blinken")
    text = repr(after)
    assert "'blinken'" not in text
    with pytest.raises(CurationError, match="another actor is already"):
        ops.edit(seed_data, Ref("actor", "blinken"), {"id": "putin"})


def test_an_added_key_goes_where_the_model_puts_it(seed_data):
    assert list(get_item(seed_data, Ref("actor", "us-gov"))) == ["id", "name", "kind", "country", "aliases"]
    step = ops.edit(seed_data, Ref("actor", "us-gov"), {"role": "the administration"})
    item = get_item(_roundtrip(seed_data, step), Ref("actor", "us-gov"))
    assert list(item) == ["id", "name", "kind", "role", "country", "aliases"]


def test_edit_the_date_of_an_event(seed_data):
    event = next(e for e in seed_data["events"] if e["when"]["anchor"] == "reference_date")
    step = ops.edit(seed_data, Ref("event", event["id"]), {"rule": "read again"}, within=("when",))
    after = _roundtrip(seed_data, step)
    assert get_item(after, Ref("event", event["id"]))["when"]["rule"] == "read again"


def test_add_statement_goes_in_text_order_with_the_next_id(seed_data):
    text = seed_data["source"]["text"]
    start = text.index("Russia is currently attacking")
    content = {
        "start": start,
        "end": start + len("Russia is currently attacking"),
        "exact": "Russia is currently attacking",
    }
    step = ops.add_statement(seed_data, actor="blinken", mode="indirect", content=content)
    after = _roundtrip(seed_data, step)
    before = [int(s["id"][1:]) for s in seed_data["statements"]]
    ids = [s["id"] for s in after["statements"]]
    new = step.focus.key
    assert new == f"s{max(before) + 1}"
    starts = [s["content"]["start"] for s in after["statements"]]
    position = ids.index(new)
    assert starts[position - 1] <= start <= starts[position + 1]
    assert list(get_item(after, step.focus)) == ["id", "actor", "mode", "content", "issues"]


def test_add_a_source_span_moves_the_file_to_format_1_1(seed_data):
    from .test_format_1_1 import as_1_0

    seed_data = as_1_0(seed_data)  # the bundled dossier is 1.1 itself
    text = seed_data["source"]["text"]
    start = text.index("Blinken said")
    step = ops.reanchor(seed_data, "s3", "source", spans.make_span(text, start, start + 7))
    assert step.name == "re-anchor s3 source"
    after = _roundtrip(seed_data, step)
    assert after["schema_version"] == "1.1"
    assert "format now 1.1 (statement source)" in step.notes


def test_add_actor_event_issue_and_stance(seed_data):
    step = ops.add_actor(seed_data, name="Olaf Scholz", kind="person", role="Chancellor of Germany", country="DE")
    doc = _roundtrip(seed_data, step)
    assert step.focus == Ref("actor", "olaf-scholz")
    step = ops.add_issue(
        doc,
        title="Air defence",
        question="Should allies send more air defence?",
        positions=[{"code": "yes", "label": "Yes", "polarity": "FAVOR"}],
    )
    doc = _roundtrip(doc, step)
    step = ops.add_stance(doc, actor="blinken", issue="air-defence", position="yes", evidence=["s3"])
    doc = _roundtrip(doc, step)
    assert step.name == "new stance blinken on air-defence"
    with pytest.raises(CurationError, match="exists already"):
        ops.add_stance(doc, actor="blinken", issue="air-defence", position="yes", evidence=["s3"])
    when = {"value": "2024-05-31", "precision": "day", "anchor": "reference_date", "rule": "the dateline"}
    step = ops.add_event(doc, title="Talks in Prague", when=when, actors=["blinken"])
    doc = _roundtrip(doc, step)
    assert step.focus == Ref("event", "e-talks-in-prague")


def test_positions_rename_follows_into_stances(seed_data):
    stance = seed_data["stances"][0]
    issue, code = stance["issue"], stance["position"]
    step = ops.edit_position(seed_data, issue, code, new_code="renamed", label="Renamed")
    after = _roundtrip(seed_data, step)
    assert get_item(after, stance_ref(stance["actor"], issue))["position"] == "renamed"
    with pytest.raises(CurationError, match="held by"):
        ops.remove_position(seed_data, issue, code)
    step = ops.add_position(seed_data, issue, "undecided", "Undecided", "NONE")
    after = _roundtrip(seed_data, step)
    _roundtrip(after, ops.remove_position(after, issue, "undecided"))


def test_ops_never_change_the_document_they_are_given(seed_data):
    before = copy.deepcopy(seed_data)
    ops.remove(seed_data, Ref("statement", "s5"))
    ops.edit(seed_data, Ref("actor", "blinken"), {"id": "ab"})
    assert seed_data == before
