"""The line-API list under the panes: keys, mouse, scrolling, its own scrollbar, and refills that never
ask the screen for a layout."""

from __future__ import annotations

from rich.text import Text
from textual import events
from textual.app import App, ComposeResult
from textual.widgets.option_list import Option

from tui.widgets.virtual_list import THUMB, TRACK, VirtualList


def options(count: int, disabled: tuple[int, ...] = ()) -> list[Option]:
    return [Option(Text(f"item {n}\nsecond line of {n}"), id=f"i{n}", disabled=n in disabled) for n in range(count)]


class ListApp(App[None]):
    CSS = "VirtualList { height: 10; width: 30; }"

    def __init__(self, items: list[Option]) -> None:
        super().__init__()
        self.items = items
        self.seen: list[tuple[str, str | None]] = []

    def compose(self) -> ComposeResult:
        yield VirtualList(id="list")

    def on_mount(self) -> None:
        listing = self.query_one(VirtualList)
        listing.set_options(self.items)
        listing.highlighted = 0
        listing.focus()

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        self.seen.append(("highlighted", event.option.id))

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        self.seen.append(("selected", event.option.id))


def lines(listing: VirtualList) -> list[str]:
    return [listing.render_line(y).text for y in range(listing.content_size.height)]


async def test_keys_move_skip_disabled_wrap_and_select() -> None:
    app = ListApp(options(6, disabled=(1,)))
    async with app.run_test(size=(40, 12)) as pilot:
        listing = app.query_one(VirtualList)
        await pilot.press("down")
        assert listing.highlighted == 2  # 1 is disabled
        await pilot.press("up", "up")
        assert listing.highlighted == 5  # round from the top to the bottom
        await pilot.press("home", "enter")
        await pilot.pause()
        assert listing.highlighted == 0 and ("selected", "i0") in app.seen
        await pilot.press("end", "pagedown")
        assert listing.highlighted == 5


async def test_it_scrolls_to_keep_the_highlight_whole_and_draws_its_own_scrollbar() -> None:
    app = ListApp(options(20))
    async with app.run_test(size=(40, 12)) as pilot:
        listing = app.query_one(VirtualList)
        shown = lines(listing)
        assert shown[0].startswith("item 0") and shown[1].startswith("second line of 0")
        assert shown[0].endswith(THUMB) and shown[-1].endswith(TRACK)  # 40 lines in 10: a thumb at the top
        for _ in range(7):
            await pilot.press("down")
        shown = lines(listing)
        assert shown[-2].startswith("item 7") and shown[-1].startswith("second line of 7")
        assert listing.highlighted == 7


async def test_the_mouse_selects_and_scrolls() -> None:
    app = ListApp(options(20))
    async with app.run_test(size=(40, 12)) as pilot:
        listing = app.query_one(VirtualList)
        await pilot.click(VirtualList, offset=(3, 2))  # the first line of item 1
        await pilot.pause()
        assert listing.highlighted == 1 and ("selected", "i1") in app.seen
        # The wheel scrolls the view, not the highlight.
        listing.post_message(events.MouseScrollDown(listing, 3, 3, 0, 1, 0, False, False, False))
        await pilot.pause()
        assert lines(listing)[0].startswith("second line of 1") and listing.highlighted == 1  # 3 lines down


async def test_refilling_wraps_only_what_is_shown_and_asks_for_no_layout() -> None:
    app = ListApp(options(3))
    async with app.run_test(size=(40, 12)) as pilot:
        listing = app.query_one(VirtualList)
        layouts: list[bool] = []
        refresh = listing.refresh

        def spy(*regions, **kwargs):
            layouts.append(bool(kwargs.get("layout")))
            return refresh(*regions, **kwargs)

        listing.refresh = spy  # type: ignore[method-assign]
        listing.set_options(options(1000))
        listing.highlighted = 0
        await pilot.pause()
        assert layouts and not any(layouts)
        assert len(listing._strips) < 20  # of 1000 options, about a screenful were wrapped
        assert lines(listing)[0].startswith("item 0")
