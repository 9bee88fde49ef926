"""SVG snapshots of the main views (pytest-textual-snapshot).

After an intended change to a view, look at the new SVGs, then accept them with
`pytest tests/test_snapshots.py --snapshot-update`. Each view is driven in `run_before` and waits for the
side panes (which follow a filter a moment later), so a snapshot never catches a view half drawn; the
search box's cursor does not blink, and the state file is a fresh temporary one (conftest), so no theme
or last view leaks in.
"""

from __future__ import annotations

from textual.widgets import Input

from tui.app.explorer import ExplorerApp
from tui.app.main_screen import SIDE_PANES_DELAY
from tui.model import Dossier

WIDE = (120, 40)
NARROW = (80, 24)


def _app(seed: Dossier) -> ExplorerApp:
    return ExplorerApp(seed)


async def _settle(pilot) -> None:
    await pilot.pause(SIDE_PANES_DELAY + 0.15)
    await pilot.pause()


def _drive(*keys: str):
    """A run_before that freezes the cursor, presses `keys` and waits for every pane to follow."""

    async def run_before(pilot) -> None:
        for box in pilot.app.query(Input):
            box.cursor_blink = False
        await pilot.pause()
        await pilot.press(*keys)
        await _settle(pilot)

    return run_before


def test_default_view(snap_compare, seed: Dossier) -> None:
    assert snap_compare(_app(seed), terminal_size=WIDE, run_before=_drive())


def test_narrow_view(snap_compare, seed: Dossier) -> None:
    assert snap_compare(_app(seed), terminal_size=NARROW, run_before=_drive())


def test_filtered_to_poland(snap_compare, seed: Dossier) -> None:
    assert snap_compare(_app(seed), terminal_size=WIDE, run_before=_drive("f", "p", "o", "l", "enter"))


def test_searching_nuclear(snap_compare, seed: Dossier) -> None:
    assert snap_compare(_app(seed), terminal_size=WIDE, run_before=_drive("slash", *"nuclear"))


def test_help_screen(snap_compare, seed: Dossier) -> None:
    assert snap_compare(_app(seed), terminal_size=WIDE, run_before=_drive("question_mark"))


def test_source_view(snap_compare, seed: Dossier) -> None:
    assert snap_compare(_app(seed), terminal_size=WIDE, run_before=_drive("s"))
