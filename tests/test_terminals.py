"""Terminals of every size, a storm of resizes, and empty states that say what to do."""

from __future__ import annotations

import random
from typing import Any

import pytest
from textual.events import Resize
from textual.geometry import Size

from tui.app.explorer import ExplorerApp
from tui.model import Dossier
from tui.screens.help import HelpScreen
from tui.screens.source import SourceScreen
from tui.validation import check

SIZES = [(20, 5), (40, 12), (49, 13), (50, 14), (80, 24), (120, 40), (300, 100)]


def _visible(app: ExplorerApp, selector: str) -> bool:
    widget = app.query_one(selector)
    return widget.display and widget.region.area > 0


def _text(app: ExplorerApp, selector: str) -> str:
    return str(app.query_one(selector).render())


async def until(pilot, condition, tries: int = 40) -> None:
    """Wait for the app to settle into `condition` (messages and timers run between pauses)."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    assert condition()


def _quote_lines(app: ExplorerApp) -> list[str]:
    pane = app.query_one("#quotes")
    return [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
async def test_every_size_opens_and_answers_keys(seed: Dossier, size: tuple[int, int]) -> None:
    app = ExplorerApp(seed)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        small = size[0] < 50 or size[1] < 14
        assert _visible(app, "#too-small") == small
        assert _visible(app, "#main") == (not small)
        if small:
            assert "too small" in _text(app, "#too-small")
        await pilot.press("j", "tab", "j", "question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape", "4", "s")
        await pilot.pause()
        # Too small to show them, the panes' keys do nothing (issue 12: `f` opened a broken dialog).
        assert isinstance(app.screen, SourceScreen) != small
        await pilot.press("escape", "slash", *"nato", "enter")
        await pilot.pause()
        assert app.main.filter.text == ("" if small else "nato")
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None


def _storm(seed: int = 2024, n: int = 40) -> list[tuple[int, int]]:
    rng = random.Random(seed)
    sizes = [(20, 5), (300, 100), (21, 100), (300, 5), (50, 14), (49, 13), (100, 30), (99, 29)]
    sizes += [(rng.randint(20, 300), rng.randint(5, 100)) for _ in range(n - len(sizes))]
    return sizes


def _resize(app: ExplorerApp, width: int, height: int) -> None:
    """What a terminal's resize sends, without waiting for the app to handle it: as in a storm, the
    next may come before the last is laid out."""
    size = Size(width, height)
    app._driver._size = size  # the headless driver's idea of the terminal
    app.post_message(Resize(size, size))


async def test_a_storm_of_resizes(seed: Dossier) -> None:
    app = ExplorerApp(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        for n, (width, height) in enumerate(_storm()):
            if n % 3 == 0:  # one in three waits for its layout, the rest come back to back
                await pilot.resize_terminal(width, height)
            else:
                _resize(app, width, height)
            if n % 7 == 0:
                await pilot.press("tab", "j")
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert app.size == (120, 40)
        assert _visible(app, "#main") and not _visible(app, "#too-small")
        await pilot.press("4", "escape", "g")  # the quotes, all of them (escape leaves a pane's selection)
        await pilot.pause()
        first = app.main.current_id
        await pilot.press("j")
        await pilot.pause()
        assert app.main.current_id is not None and app.main.current_id != first
        await pilot.press("slash", *"kharkiv", "enter")
        await pilot.pause()
        assert 0 < len(app.main.in_view) < len(seed.statements)
        assert app.is_running and app.return_code is None


async def test_resizing_while_a_screen_is_open(seed: Dossier) -> None:
    app = ExplorerApp(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        for key, screen in (("question_mark", HelpScreen), ("s", SourceScreen)):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, screen)
            for width, height in _storm(seed=len(key), n=12):
                _resize(app, width, height)
            await pilot.pause()
            await pilot.press("escape")
            await pilot.pause()
        await pilot.press("ctrl+p")
        for width, height in _storm(seed=3, n=12):
            _resize(app, width, height)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None


# -- empty states --------------------------------------------------------------------------------------------


def empty_dossier(data: dict[str, Any]) -> Dossier:
    """The seed with no statements, events or stances; notes keep only what still exists."""
    data["statements"], data["events"], data["stances"] = [], [], []
    known = {a["id"] for a in data["actors"]} | {i["id"] for i in data["issues"]} | {f["id"] for f in data["figures"]}
    for note in data["notes"]:
        note["about"] = [ident for ident in note["about"] if ident in known]
    result = check(data)
    assert result.errors == [], [p.line("F") for p in result.errors]
    assert result.dossier is not None
    return result.dossier


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=lambda s: f"{s[0]}x{s[1]}")
async def test_an_empty_dossier_says_what_to_do(seed_data: dict[str, Any], size: tuple[int, int]) -> None:
    dossier = empty_dossier(seed_data)
    app = ExplorerApp(dossier)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.main.current_id is None
        assert "has no statements" in _text(app, "#detail-body")
        (line,) = _quote_lines(app)
        assert line.startswith("No statements in this dossier")
        assert "fact-explorer validate" in line
        assert app.query_one("#quotes").highlighted is None  # the line is not a quote to select
        assert "0/0 quotes" in app.sub_title
        # Every key with nothing to act on warns or does nothing; none fails.
        await pilot.press("c", "C", "b", "n", "j", "k", "g", "G", "tab", "j", "tab", "j", "tab", "j", "tab")
        await pilot.pause()
        assert app.screen is app.screen_stack[0]
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        await pilot.press("j", "enter")
        await pilot.pause()
        await pilot.press("slash", *"nato", "escape", "f", "escape", "question_mark", "escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_a_search_that_matches_nothing_says_what_to_do(seed: Dossier) -> None:
    app = ExplorerApp(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"zzzqqq")
        await until(pilot, lambda: _text(app, "#detail-body").startswith("Nothing"))
        assert app.main.in_view == [] and app.main.current_id is None
        detail = _text(app, "#detail-body")
        assert detail.startswith("Nothing matches. Press escape to clear the search, then the filter")
        (line,) = _quote_lines(app)
        assert line.startswith("No quotes here: escape clears the search")
        await pilot.press("c")  # nothing to copy: a warning, not an error
        await pilot.press("escape")
        await pilot.pause()
        assert app.main.filter.text == "" and len(app.main.in_view) == len(seed.statements)
        assert app.main.current_id == seed.statements[0].id


async def test_a_filter_that_matches_nothing_says_what_to_do(seed: Dossier) -> None:
    app = ExplorerApp(seed)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.main.filter_countries({"CZ"})  # a real country, with no actor in this dossier
        await until(pilot, lambda: _text(app, "#detail-body").startswith("Nothing"))
        assert app.main.in_view == []
        assert "Nothing matches" in _text(app, "#detail-body")
        assert "f picks another country" in _text(app, "#detail-body")
        await pilot.press("escape")
        await pilot.pause()
        assert not app.main.filter.active and len(app.main.in_view) == len(seed.statements)
