"""A curator's journey, by keyboard alone, from `fact-explorer draft` of the bundled article to a valid
dossier: fix a speaker the draft got wrong, reject two wrong proposals, add an issue, add from the
source the reported warning of Putin's that the draft missed, add a stance, undo and redo, review
every remaining suggestion, save — and `validate` passes with nothing left to review."""

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


async def test_from_draft_to_a_valid_dossier(tmp_path, capsys):
    path = tmp_path / "kharkiv.json"
    assert main(["draft", str(data_dir() / "kharkiv-2024-05-31.txt"), "-o", str(path), "--headline", HEADLINE]) == 0
    drafted = json.loads(path.read_text(encoding="utf-8"))
    statements = {s["id"]: s for s in drafted["statements"]}
    # What the draft got wrong, and the fixes below rely on:
    assert statements["s7"]["content"]["exact"] == "U.S. policy will"  # cut short: rejected
    assert statements["s8"]["actor"] == "u-s-policy"  # "U.S. policy" is no speaker: the officials are
    assert not any(MISSED in s["content"]["exact"] for s in drafted["statements"])
    text = drafted["source"]["text"]

    state = UserState(tmp_path / "state.json")
    app = ExplorerApp(path=path, state=state)
    async with app.run_test(size=NARROW) as pilot:
        await opened(pilot)
        waiting = len(app.main.session.drafts())
        assert app.sub_title.startswith(f"{waiting} to review")

        # fix a speaker: s8 is the U.S. officials', not "U.S. policy"'s
        await move_to(pilot, "#quotes", "s8")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        while app.screen.query_one("#field-actor").value != "u-s-officials":
            await pilot.press("enter", "down", "enter")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_note(app) == "edit s8 (actor) and accept it"

        # reject the statement cut short, then the actor nobody speaks for now
        await move_to(pilot, "#quotes", "s7")
        await pilot.press("x")
        await pilot.pause()
        assert last_note(app).startswith("reject s7")
        await pilot.press("1")
        await move_to(pilot, "#speakers", "u-s-policy")
        await pilot.press("x")
        await pilot.pause()
        assert last_note(app).startswith("reject u-s-policy\nu-s-policy taken out of the actors of")

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
        new_id = f"s{len(drafted['statements']) + 1}"
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
    assert by_id["s8"].actor == "u-s-officials" and "s7" not in by_id
    assert by_id[new_id].actor == "putin" and by_id[new_id].content.exact.startswith(MISSED)
    assert [(s.actor, s.issue, s.position, s.evidence) for s in dossier.stances] == [
        ("putin", "strikes-near-kharkiv", "opposed", [new_id])
    ]

    app = ExplorerApp(path=path, state=state)  # the explorer shows the result
    async with app.run_test(size=NARROW) as pilot:
        await opened(pilot)
        assert new_id in app.store.statement and "to review" not in app.sub_title
