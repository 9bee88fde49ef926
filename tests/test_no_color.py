"""NO_COLOR: no colour reaches the terminal, and the cursor still shows, by text style."""

from __future__ import annotations

import pytest
from textual.filter import NoColor

from tui.app.explorer import ExplorerApp
from tui.model import Dossier


async def test_no_color_drops_every_colour_and_keeps_the_cursor_visible(
    seed: Dossier, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = ExplorerApp(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert any(isinstance(f, NoColor) for f in app._filters)  # Textual drops colours, not greys them
        quotes = app.query_one("#quotes")
        cursor = quotes.get_component_rich_style("virtual-list--highlighted")
        assert cursor.underline and cursor.bold
        first_line = quotes.render_line(0).crop(0, quotes.text_width)  # without the scrollbar
        assert first_line.text.startswith("Antony Blinken") and all(s.style.underline for s in first_line if s.text)


async def test_with_colour_the_cursor_is_a_colour(seed: Dossier, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NO_COLOR", raising=False)
    app = ExplorerApp(seed)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not any(isinstance(f, NoColor) for f in app._filters)
        assert not app.query_one("#quotes").get_component_rich_style("virtual-list--highlighted").underline
