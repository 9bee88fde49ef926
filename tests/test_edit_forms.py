"""The edit forms (tui/screens/edit_form.py, forms.py) driven by keys in a small app: each validates
as the user types, and ctrl+s gives the step only when the item has no errors."""

from __future__ import annotations

from typing import Any

from textual.app import App
from textual.widgets import Input, Select

from tui.curate import Ref, get_item, propose, stance_ref
from tui.curate.patch import apply
from tui.screens import forms
from tui.screens.edit_form import FormScreen
from tui.validation import check

MISSING = object()


class FormApp(App):
    def __init__(self, doc: dict[str, Any], form: forms.Form) -> None:
        super().__init__()
        self.doc, self.form, self.result = doc, form, MISSING

    def on_mount(self) -> None:
        self.push_screen(FormScreen(self.doc, self.form), self._done)

    def _done(self, step) -> None:
        self.result = step


def _problems(app: FormApp) -> str:
    return str(app.screen.query_one("#form-problems").render())


async def test_statement_form_changes_the_speaker(seed_data):
    app = FormApp(seed_data, forms.form_for(seed_data, Ref("statement", "s6")))
    async with app.run_test(size=(100, 30)) as pilot:
        assert "nothing changed yet" in _problems(app)
        speaker = app.screen.query_one("#field-actor", Select)
        options = [value for _, value in forms._speaker_options(seed_data, 0, 0)]
        assert speaker.value == "blinken" and options[-1] == "\x00new"
        speaker.focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert speaker.value != "blinken"
        assert "valid" in _problems(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result.name == "edit s6 (actor)"
    assert get_item(apply(seed_data, app.result.changes), Ref("statement", "s6"))["actor"] == speaker.value


async def test_an_invalid_date_is_shown_and_not_applied(seed_data):
    event = next(e for e in seed_data["events"] if e["when"]["value"] == "2024-05-28")
    app = FormApp(seed_data, forms.form_for(seed_data, Ref("event", event["id"])))
    async with app.run_test(size=(100, 30)) as pilot:
        box = app.screen.query_one("#field-value", Input)
        box.focus()
        box.value = ""
        await pilot.press(*"2024-05-29")
        await pilot.pause()
        assert "names a Tuesday but 2024-05-29 is a Wednesday" in _problems(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is MISSING  # still open
        await pilot.press("escape")
        await pilot.pause()
    assert app.result is None


async def test_actor_form_reads_a_country_by_name(seed_data):
    app = FormApp(seed_data, forms.new_actor_form(seed_data))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#field-name", Input).focus()
        await pilot.press(*"Olaf Scholz")
        app.screen.query_one("#field-role", Input).focus()
        await pilot.press(*"Chancellor")
        app.screen.query_one("#field-country", Input).focus()
        await pilot.press(*"germany")
        await pilot.pause()
        assert "→ Germany (DE)" in str(app.screen.query_one("#resolved-country").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    actor = app.result.changes[-1].new
    assert actor == {
        "id": "olaf-scholz",
        "name": "Olaf Scholz",
        "kind": "person",
        "role": "Chancellor",
        "country": "DE",
        "aliases": [],
    }


async def test_a_person_without_a_role_is_an_error_as_you_type(seed_data):
    app = FormApp(seed_data, forms.new_actor_form(seed_data))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#field-name", Input).focus()
        await pilot.press(*"Someone")
        app.screen.query_one("#field-country", Input).focus()
        await pilot.press(*"PL")
        await pilot.pause()
        assert "a person needs a role" in _problems(app)


async def test_new_stance_form_picks_evidence_among_the_actors_statements(seed_data):
    taken = {(s["actor"], s["issue"]) for s in seed_data["stances"]}
    actor = next(
        a["id"]
        for a in seed_data["actors"]
        if (a["id"], "deep-strikes") not in taken and any(s["actor"] == a["id"] for s in seed_data["statements"])
    )
    app = FormApp(seed_data, forms.new_stance_form(seed_data, actor, "deep-strikes"))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#field-position", Select).focus()
        await pilot.press("enter", "down", "enter")
        await pilot.pause()
        assert "choose the statements or events" in _problems(app)
        evidence = app.screen.query_one("#field-evidence")
        assert all(v.startswith("s") or v.startswith("e") for _, v in evidence.choices)
        evidence.focus()
        await pilot.press("space")
        await pilot.pause()
        assert "☑" in str(evidence.get_option_at_index(0).prompt)
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result.name == f"new stance {actor} on deep-strikes"
    after = apply(seed_data, app.result.changes)
    assert get_item(after, stance_ref(actor, "deep-strikes"))["evidence"] == [evidence.choices[0][1]]
    assert not check(after).errors


async def test_new_statement_form_proposes_and_adds(seed_data):
    text = seed_data["source"]["text"]
    start = text.index("“In the past")
    proposal = propose.propose_statement(seed_data, start, text.index("”", start) + 1)
    app = FormApp(seed_data, forms.new_statement_form(seed_data, proposal))
    async with app.run_test(size=(80, 24)) as pilot:
        assert "valid" in _problems(app)
        assert "said" in str(app.screen.query_one("#field-cue").render())
        await pilot.press("ctrl+s")
        await pilot.pause()
    item = get_item(apply(seed_data, app.result.changes), app.result.focus)
    assert item["actor"] == "blinken" and item["mode"] == "direct" and item["source"]["exact"] == "Blinken"


async def test_new_actor_from_the_speaker_picker(seed_data):
    text = seed_data["source"]["text"]
    start = text.index("Russia is currently")
    proposal = propose.propose_statement(seed_data, start, start + len("Russia is currently attacking"))
    app = FormApp(seed_data, forms.new_statement_form(seed_data, proposal))
    async with app.run_test(size=(100, 30)) as pilot:
        speaker = app.screen.query_one("#field-actor", Select)
        speaker.value = "\x00new"
        await pilot.pause()
        assert app.screen.form.title == "New actor"
        app.screen.query_one("#field-name", Input).focus()
        await pilot.press(*"Kharkiv officials")
        app.screen.query_one("#field-country", Input).focus()
        await pilot.press(*"UA")
        app.screen.query_one("#field-kind", Select).value = "group"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen.query_one("#field-actor", Select).value == "kharkiv-officials"
        await pilot.press("ctrl+s")
        await pilot.pause()
    assert app.result.name.startswith("new statement") and "with new actor kharkiv-officials" in app.result.name
    after = apply(seed_data, app.result.changes)
    assert get_item(after, app.result.focus)["actor"] == "kharkiv-officials"
    assert not check(after).errors


async def test_issue_form_edits_positions(seed_data):
    app = FormApp(seed_data, forms.new_issue_form(seed_data))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#field-title", Input).focus()
        await pilot.press(*"Air defence")
        app.screen.query_one("#field-question", Input).focus()
        await pilot.press(*"More air defence?")
        box = app.screen.query_one("#field-positions", Input)
        box.value = "yes=Yes"
        await pilot.pause()
        assert "write code=Label=FAVOR" in _problems(app)
        box.value = "yes=Yes=favor; no=No=AGAINST"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
    issue = get_item(apply(seed_data, app.result.changes), Ref("issue", "air-defence"))
    assert [p["polarity"] for p in issue["positions"]] == ["FAVOR", "AGAINST"]


async def test_a_form_shows_the_errors_an_edit_brings_elsewhere(seed_data):
    """s3 is evidence of Blinken's stance: given another speaker, that stance would cite another's words."""
    app = FormApp(seed_data, forms.form_for(seed_data, Ref("statement", "s3")))
    async with app.run_test(size=(100, 30)) as pilot:
        app.screen.query_one("#field-actor", Select).value = "us-gov"
        await pilot.pause()
        assert "statement 's3' is by 'us-gov', not by 'blinken'" in " ".join(_problems(app).split())
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.result is MISSING


async def test_the_focused_fields_label_is_marked_without_colour(seed_data):
    app = FormApp(seed_data, forms.form_for(seed_data, Ref("statement", "s6")))
    async with app.run_test(size=(100, 30)) as pilot:
        labels = list(app.screen.query(".form-label"))

        def marked() -> list[str]:
            return [str(label.render()) for label in labels if label.rich_style.reverse]

        assert marked() == ["Speaker"]
        await pilot.press("tab")
        await pilot.pause()
        assert marked() == ["Mode"]
