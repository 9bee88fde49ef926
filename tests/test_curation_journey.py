"""A curator's journey, by keyboard alone: open a dossier awaiting review, review every suggestion, fix
a speaker, add a quote the proposals missed from the source, add a stance, undo and redo, save — and
the file validates and opens with the result.

`fact-explorer draft` is not on main yet, so the dossier awaiting review is made from the bundled one
(tests/drafted.py): six statements, two actors and an event marked as proposals, one quote left out."""

from __future__ import annotations

import json

from tui.app.explorer import ExplorerApp
from tui.screens.edit_form import FormScreen
from tui.screens.prompts import Ask
from tui.userstate import UserState
from tui.validation import read_dossier

from .drafted import write_drafted
from .test_app import NARROW, move_to, move_to_cell, until
from .test_curation_app import last_note, opened


async def test_from_proposals_to_a_valid_dossier(tmp_path):
    path = write_drafted(tmp_path / "draft.json")
    state = UserState(tmp_path / "state.json")
    text = json.loads(path.read_text(encoding="utf-8"))["source"]["text"]
    app = ExplorerApp(path=path, state=state)
    async with app.run_test(size=NARROW) as pilot:
        await opened(pilot)
        assert app.sub_title.startswith("9 to review")

        # fix a speaker: s6 (“Looking ahead, we will continue …”) is Blinken's, not the U.S. government's
        await move_to(pilot, "#quotes", "s6")
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, FormScreen)
        await pilot.press("tab")  # the speaker picker
        while app.screen.query_one("#field-actor").value != "blinken":
            await pilot.press("enter", "down", "enter")
            await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_note(app) == "edit s6 (actor) and accept it"

        # review the rest: ] to each, a to accept
        while app.main.session.drafts():
            await pilot.press("right_square_bracket", "a")
            await pilot.pause()
        assert app.sub_title.startswith("unsaved edits · ")

        # the quote the proposals missed, from the source view
        await pilot.press("4", "s")
        await pilot.pause()
        cursor, target = app.screen.cursor, text.index("“In the past few weeks")
        while cursor.pos > target:
            await pilot.press("left_parenthesis")
        while cursor.pos < target:
            await pilot.press("right_parenthesis")
        assert cursor.pos == target
        await pilot.press("v", "right_parenthesis", "minus", "minus", "a", "s")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_note(app) == "new statement s26"

        # a stance: Medvedev opposes the strikes near Kharkiv, on his statement s19
        await pilot.press("3")
        await move_to_cell(pilot, "medvedev", "border-strikes")
        await pilot.press("e")
        await pilot.pause()
        evidence = app.screen.query_one("#field-evidence")
        evidence.focus()
        chosen = evidence.choices[0][1]
        await pilot.press("space")
        app.screen.query_one("#field-position").value = "opposed"
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_note(app) == "new stance medvedev on border-strikes"

        # the statement it cites is tagged with the issue, so that nothing is left to warn of
        await pilot.press("4")
        await move_to(pilot, "#quotes", chosen)
        await pilot.press("e")
        await pilot.pause()
        issues = app.screen.query_one("#field-issues")
        issues.focus()
        issues.highlighted = [value for _, value in issues.choices].index("border-strikes")
        await pilot.press("space", "ctrl+s")
        await pilot.pause()
        assert last_note(app) == f"edit {chosen} (issues)"

        # undo and redo both
        await pilot.press("u", "u")
        await pilot.pause()
        assert last_note(app) == "undone: new stance medvedev on border-strikes"
        assert not any(s.actor == "medvedev" and s.issue == "border-strikes" for s in app.store.dossier.stances)
        await pilot.press("ctrl+r", "ctrl+r")
        await pilot.pause()
        assert last_note(app) == f"redone: edit {chosen} (issues)"

        await pilot.press("ctrl+s")
        await pilot.pause()
        assert last_note(app) == f"saved {path}"
        await pilot.press("q")
        await until(pilot, lambda: not isinstance(app.screen, Ask), timeout=2)

    result = read_dossier(path)
    assert result.dossier is not None and result.problems == []  # valid, nothing awaiting review
    dossier = result.dossier
    statements = {s.id: s for s in dossier.statements}
    assert statements["s6"].actor == "blinken"
    assert statements["s26"].content.exact.startswith("In the past few weeks") and statements["s26"].mode == "direct"
    stance = next(s for s in dossier.stances if (s.actor, s.issue) == ("medvedev", "border-strikes"))
    assert stance.position == "opposed" and stance.evidence == [chosen]

    app = ExplorerApp(path=path, state=state)  # the explorer shows the result
    async with app.run_test(size=NARROW) as pilot:
        await opened(pilot)
        assert "s26" in app.store.statement and not app.sub_title.startswith(("0 to review", "unsaved"))
