"""A curator's journey, by keyboard alone, from `fact-explorer draft` of the bundled article to a valid
dossier: fix a wrong speaker, reject a proposal, add an issue, add from the source Putin's reported
warning (which the draft does not give), add a stance, undo and redo, review every remaining
suggestion, save — and `validate` passes with nothing left to review."""

from __future__ import annotations

import json

from textual.widgets import Input

from tui.app.explorer import ExplorerApp
from tui.bundled import data_dir
from tui.cli import main
from tui.screens.edit_form import FormScreen
from tui.screens.prompts import Ask
from tui.userstate import UserState
from tui.validation import read_dossier

from .test_app import NARROW, move_to, until
from .test_curation_app import last_note, opened

HEADLINE = "US lets Ukraine use US weapons against Russian forces near Kharkiv"
MISSED = "allowing Ukraine to use Western weapons to attack targets inside Russia could escalate"


async def type_into(pilot, selector: str, text: str) -> None:
    box = pilot.app.screen.query_one(selector, Input)
    box.focus()
    await pilot.press(*text)


def _with_one_wrong_speaker_and_the_missed_quote_out(path) -> dict:
    """The draft, made independent of how good `draft` is today: one speaker made wrong (Sikorski's
    quotation given to the Dutch minister, as a draft can), and the statement to add by hand taken out
    if the draft found it."""
    from tui.curate import Ref, ops
    from tui.curate.patch import apply

    doc = json.loads(path.read_text(encoding="utf-8"))
    for s in list(doc["statements"]):
        if MISSED in s["content"]["exact"]:
            doc = apply(doc, ops.remove(doc, Ref("statement", s["id"])).changes)
    wrong = next(s for s in doc["statements"] if s["content"]["exact"].startswith("We wish Ukraine victory"))
    wrong["actor"] = "hanke-bruins-slot"
    for actor in doc["actors"]:  # the `draft` extra also finds 'President Biden', whose country the text never
        if actor["id"] == "biden" and "country" not in actor:  # names: the curator gives it, as here
            actor["country"] = "US"
    path.write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return doc


async def test_from_draft_to_a_valid_dossier(tmp_path, capsys):
    path = tmp_path / "kharkiv.json"
    assert main(["draft", str(data_dir() / "kharkiv-2024-05-31.txt"), "-o", str(path), "--headline", HEADLINE]) == 0
    drafted = _with_one_wrong_speaker_and_the_missed_quote_out(path)
    wrong = next(
        s["id"]
        for s in drafted["statements"]
        if s["actor"] == "hanke-bruins-slot" and "victory" in s["content"]["exact"]
    )
    rejected = drafted["events"][0]["id"]
    text = drafted["source"]["text"]

    state = UserState(tmp_path / "state.json")
    app = ExplorerApp(path=path, state=state)
    async with app.run_test(size=NARROW) as pilot:
        await opened(pilot)
        waiting = len(app.main.session.drafts())
        assert app.sub_title.startswith(f"{waiting} to review")

        # fix a speaker: the quotation is Sikorski's
        await move_to(pilot, "#quotes", wrong)
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        while app.screen.query_one("#field-actor").value != "radoslaw-sikorski":
            await pilot.press("enter", "down", "enter")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_note(app) == f"edit {wrong} (actor) and accept it"

        # reject a proposed event
        await pilot.press("2")
        await move_to(pilot, "#timeline", rejected)
        await pilot.press("x")
        await pilot.pause()
        assert last_note(app).startswith(f"reject {rejected}")

        # an issue to take stances on
        await pilot.press("I")
        await pilot.pause()
        await type_into(pilot, "#field-title", "Strikes near Kharkiv")
        await type_into(pilot, "#field-question", "May Ukraine strike Russian territory with U.S. weapons?")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_note(app) == "new issue strikes-near-kharkiv"

        # the warning the draft missed, from the source view, tagged with the issue
        await pilot.press("4", "s")
        await pilot.pause()
        cursor, target = app.screen.cursor, text.index(MISSED)
        while cursor.pos > target:
            await pilot.press("left_parenthesis")
        while cursor.pos < target:
            await pilot.press("w")
        assert cursor.pos == target
        await pilot.press("v", "right_parenthesis")
        while not text[slice(*cursor.selection())].endswith("escalate"):
            await pilot.press("minus")
        await pilot.press("a", "s")
        await pilot.pause()
        form = app.screen
        assert form.query_one("#field-mode").value == "indirect"
        # "Stoltenberg rejected … Putin's warning … that …": the words are Putin's; the picker, ordered by
        # nearness in the text, has him near the top
        speakers = [value for _, value in next(f for f in form.form.fields if f.name == "actor").options]
        assert speakers.index("putin") < 3
        form.query_one("#field-actor").focus()
        while form.query_one("#field-actor").value != "putin":
            await pilot.press("enter", "down", "enter")
            await pilot.pause()
        form.query_one("#field-issues").focus()
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        new_id = f"s{max(int(s['id'][1:]) for s in drafted['statements']) + 1}"
        assert last_note(app) == f"new statement {new_id}"
        assert app.store.statement[new_id].content.exact.startswith(MISSED)

        # Putin's stance, on that statement
        await pilot.press("N")
        await pilot.pause()
        assert app.screen.form.title == "New stance of putin on strikes-near-kharkiv"
        app.screen.query_one("#field-position").value = "opposed"
        evidence = app.screen.query_one("#field-evidence")
        evidence.focus()
        evidence.highlighted = [v for _, v in evidence.choices].index(new_id)
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert last_note(app) == "new stance putin on strikes-near-kharkiv"

        # undo and redo it
        await pilot.press("u")
        await pilot.pause()
        assert last_note(app) == "undone: new stance putin on strikes-near-kharkiv"
        assert not app.store.dossier.stances
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert last_note(app) == "redone: new stance putin on strikes-near-kharkiv"

        # review the rest: one by one for a few, then all shown at once
        for _ in range(3):
            await pilot.press("right_square_bracket", "a")
            await pilot.pause()
            assert last_note(app).startswith("accept ")
        await pilot.press("escape", "escape", "4", "A")
        await pilot.pause()
        assert isinstance(app.screen, Ask)
        await pilot.press("y")
        await pilot.pause()
        assert app.main.session.drafts() == []

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_note(app) == f"saved {path}"
        await pilot.press("q")
        await until(pilot, lambda: not app.is_running, timeout=5)

    result = read_dossier(path)
    assert result.dossier is not None and result.problems == []  # valid, nothing awaiting review
    assert main(["validate", str(path)]) == 0
    assert f"{path}: OK" in capsys.readouterr().out
    dossier = result.dossier
    by_id = {s.id: s for s in dossier.statements}
    assert by_id[wrong].actor == "radoslaw-sikorski" and rejected not in {e.id for e in dossier.events}
    assert by_id[new_id].actor == "putin" and by_id[new_id].content.exact.startswith(MISSED)
    assert [(s.actor, s.issue, s.position, s.evidence) for s in dossier.stances] == [
        ("putin", "strikes-near-kharkiv", "opposed", [new_id])
    ]

    app = ExplorerApp(path=path, state=state)  # the explorer shows the result
    async with app.run_test(size=NARROW) as pilot:
        await opened(pilot)
        assert new_id in app.store.statement and "to review" not in app.sub_title
