"""SVG snapshots of the curation views: the edit forms, the curating source view with a selection, and
a prompt. Accept intended changes with `pytest tests/test_curation_snapshots.py --snapshot-update`."""

from __future__ import annotations

import asyncio

from textual.widgets import Input

from tui.app.explorer import ExplorerApp
from tui.userstate import UserState

from .drafted import write_drafted

WIDE = (120, 40)
NARROW = (80, 24)


def _app(tmp_path) -> ExplorerApp:
    return ExplorerApp(path=write_drafted(tmp_path / "draft.json"), state=UserState(tmp_path / "state.json"))


def _drive(*keys: str, quote: str | None = None):
    async def run_before(pilot) -> None:
        app = pilot.app
        for _ in range(200):
            if app.opened and app.main.session is not None:
                break
            await asyncio.sleep(0.05)
        await pilot.pause()
        if quote is not None:
            while app.main.current_id != quote:
                await pilot.press("j")
        await pilot.press(*keys)
        await pilot.pause(0.3)
        for box in app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    return run_before


def test_statement_form(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=WIDE, run_before=_drive("e", quote="s6"))


def test_statement_form_narrow(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=NARROW, run_before=_drive("e", quote="s6"))


def test_actor_form(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=WIDE, run_before=_drive("1", "e"))


def test_new_stance_form(snap_compare, tmp_path) -> None:
    keys = ("3", "j", "j", "j", "j", "j", "j", "e")  # Medvedev, Strikes near Kharkiv: an empty cell
    assert snap_compare(_app(tmp_path), terminal_size=WIDE, run_before=_drive(*keys))


def test_source_selection(snap_compare, tmp_path) -> None:
    keys = ("s", "down", "down", "v", "w", "w", "w", "plus")
    assert snap_compare(_app(tmp_path), terminal_size=WIDE, run_before=_drive(*keys))


def test_accept_all_prompt(snap_compare, tmp_path) -> None:
    assert snap_compare(_app(tmp_path), terminal_size=NARROW, run_before=_drive("A"))
