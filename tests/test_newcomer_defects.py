"""The defects a new user hit in the first minute (issue 12, part 2): one regression test each."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.widgets import SelectionList

from tui.app.explorer import ExplorerApp
from tui.app.selection import ActorRef
from tui.cli import main
from tui.model import Dossier
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.country_picker import CountryPicker
from tui.screens.source import SourceScreen
from tui.userstate import UserState

from .test_app import NARROW, WIDE, pane_text, region_text, screen_text, settle, until


def _app(seed: Dossier, tmp_path: Path) -> ExplorerApp:
    return ExplorerApp(seed, state=UserState(tmp_path / "state.json"))


async def _move_to_quote(pilot, statement_id: str) -> None:
    app = pilot.app
    app.main.action_focus_pane("quotes")
    for _ in range(40):
        if app.main.current_id == statement_id:
            return
        await pilot.press("j")
    assert app.main.current_id == statement_id


# -- enter / s on a quote: the source view opens at that quote ---------------------------------------


@pytest.mark.parametrize("key", ["enter", "s"])
async def test_source_view_opens_scrolled_to_the_quote(seed: Dossier, tmp_path: Path, key: str) -> None:
    app = _app(seed, tmp_path)
    last = seed.statements[-1].id  # the article's last paragraph: far below the first screen
    async with app.run_test(size=WIDE) as pilot:
        await _move_to_quote(pilot, last)
        await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SourceScreen) and screen.current_statement == last  # the cursor on it
        box = screen.query_one("#source-box")
        para = screen.query_one(f"#para-{screen._paragraph_of(seed.statements[-1].content.start)}")
        assert box.scroll_y > 0
        assert box.region.contains_region(para.region), "the quote's paragraph is on screen"
        strips = app.screen._compositor.render_strips()[para.region.y : para.region.bottom]
        reversed_text = "".join(seg.text for strip in strips for seg in strip if seg.style and seg.style.reverse)
        assert seed.statements[-1].content.exact[:20] in reversed_text  # highlighted as the current quote


# -- 80x24: tab moves between panes, and the Stances tab shows its rows whole --------------------------


async def test_tab_and_shift_tab_move_between_panes_at_80x24(seed: Dossier, tmp_path: Path) -> None:
    app = _app(seed, tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        seen = []
        for _ in range(4):
            await pilot.press("tab")
            seen.append(app.main._pane_of(app.focused))
        assert seen == ["speakers", "timeline", "stances", "quotes"]
        await pilot.press("shift+tab")
        assert app.main._pane_of(app.focused) == "stances"
        assert "3 Stances" in screen_text(app).splitlines()[1]


@pytest.mark.parametrize("width", [76, 80])
async def test_the_stances_tab_shows_whole_names_at_80x24(seed: Dossier, tmp_path: Path, width: int) -> None:
    """The matrix is wider than a narrow terminal: it scrolls sideways, but the actors' names stay whole."""
    app = _app(seed, tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        await pilot.press("3")
        await pilot.pause()
        rows = pane_text(app, "#stances").splitlines()
        names = [seed_actor.name for seed_actor in seed.actors if any(st.actor == seed_actor.id for st in seed.stances)]
        assert rows[0].lstrip().startswith("Actor"), rows[0]
        shown = [name for name in names if any(row.lstrip().startswith(name) for row in rows)]
        assert len(shown) >= 5 and all(row.lstrip()[:1] not in ".a" for row in rows[1:6]), rows[:6]


# -- Bookmarks: d can be undone ------------------------------------------------------------------------


async def test_removing_a_bookmark_can_be_undone_with_its_note(seed: Dossier, tmp_path: Path) -> None:
    app = _app(seed, tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("n")
        await pilot.press(*"check it")
        await pilot.press("ctrl+s")
        await pilot.press("B")
        assert isinstance(app.screen, BookmarksScreen)
        await until(pilot, lambda: len(app.state.bookmarks()) == 1)
        await pilot.press("d")
        await until(pilot, lambda: app.state.bookmarks() == [])
        assert any("u to undo" in str(n.message) for n in app._notifications)
        await pilot.press("u")
        await until(pilot, lambda: len(app.state.bookmarks()) == 1)
        (mark,) = app.state.bookmarks()
        assert mark.note == "check it" and mark.statement == seed.statements[0].id
        assert "check it" in pane_text(app, "#bookmark-list")


# -- about 20 keys in one burst: none lost --------------------------------------------------------------


async def test_a_burst_of_keys_loses_none(seed: Dossier, tmp_path: Path) -> None:
    """Keys that arrive together (a paste, a fast typist over ssh) are all typed, in order."""
    app = _app(seed, tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"nuclear")
        await pilot.pause()
        burst = ["backspace"] * 7 + list("sanctions") + ["backspace"] * 3 + list("ion")
        for key in burst:  # all queued before any is handled, as a terminal delivers a burst
            char = key if len(key) == 1 else None
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert app.query_one("#search").value == "sanctiion"
        assert app.main.filter.text == "sanctiion"


# -- NO_COLOR: the picker shows what is picked without colour ------------------------------------------


async def test_no_color_picker_shows_picked_and_unpicked_apart(
    seed: Dossier, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = _app(seed, tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", "tab", "space")  # pick the first country
        assert isinstance(app.screen, CountryPicker)
        listing = app.screen.query_one(SelectionList)
        await pilot.press("down", "down")  # the cursor off both rows compared
        await pilot.pause()

        def button(row: int) -> list[tuple]:
            """The check box of a row of the list, as text and every style but colour."""
            y = listing.content_region.y + row
            strip = app.screen._compositor.render_strips()[y]
            segments = [seg for seg in strip if seg.text.strip() in ("▐", "X", "▌", "▐X▌")]
            return [
                (seg.text, *(getattr(seg.style, a) for a in ("bold", "dim", "reverse", "underline", "italic")))
                for seg in segments
            ]

        picked, unpicked = button(0), button(1)
        assert picked and unpicked
        assert picked != unpicked, (picked, unpicked)
        assert listing.selected == [listing.get_option_at_index(0).value]


# -- TERM=dumb: say so, point to the command line -------------------------------------------------------


def test_a_dumb_terminal_is_told_to_use_the_command_line(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("TERM", "dumb")
    assert main([]) == 2
    out, err = capsys.readouterr()
    assert out == "" and "TERM=dumb" in err and "fact-explorer quotes" in err
    assert len(err.strip().splitlines()) <= 3


# -- the header: a long filter summarised, the count kept ----------------------------------------------


@pytest.mark.parametrize("width", [50, 60, 80, 120])
async def test_the_header_keeps_the_count_and_summarises_the_filter(seed: Dossier, tmp_path: Path, width: int) -> None:
    app = _app(seed, tmp_path)
    async with app.run_test(size=(width, 24)) as pilot:
        app.main.filter_countries({"PL", "RU", "DE"})
        await pilot.press("slash", *"war")
        await settle(pilot)
        shown = len(app.main.in_view)
        header = screen_text(app).splitlines()[0]
        assert f"{shown}/25" in header, header
        assert "3 countries" in header or width < 60, header
        assert "Poland, Russian" not in header


# -- an actor with no statements says what it does -----------------------------------------------------


async def test_an_actor_without_statements_shows_its_events(seed: Dossier, tmp_path: Path) -> None:
    app = _app(seed, tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1")
        speakers = app.query_one("#speakers")
        for _ in range(30):
            if speakers.highlighted_id() == "de-gov":
                break
            await pilot.press("j")
        assert app.main.scope == ActorRef("de-gov") and app.main.in_view == []
        await pilot.pause()
        detail = " ".join(pane_text(app, "#detail").split())
        acts_in = [e.title for e in seed.events if "de-gov" in e.actors]
        assert acts_in and all(" ".join(title.split()) in detail for title in acts_in), detail
        assert "no statements" in detail


# -- too small: no dialog opens --------------------------------------------------------------------------


async def test_keys_do_nothing_while_the_terminal_is_too_small(seed: Dossier, tmp_path: Path) -> None:
    app = _app(seed, tmp_path)
    async with app.run_test(size=(40, 12)) as pilot:
        await pilot.pause()
        assert "too small" in screen_text(app)
        for key in ("f", "s", "B", "n", "slash"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is app.main, key
        assert not app.query_one("#search").display
        await pilot.press("q")
    assert not app.is_running


# -- plurals, the ★ in the Timeline, the maximized pane's border -------------------------------------------


async def test_one_event_and_one_speaker_are_singular(seed: Dossier, tmp_path: Path) -> None:
    app = _app(seed, tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"bruins")
        await settle(pilot)
        assert len(app.main.view.results.events) == 1 and len(app.main.view.results.actors) == 1
        assert "1 event ─" in pane_text(app, "#timeline", border=True)
        assert "1 speaker ─" in pane_text(app, "#speakers", border=True)


async def test_a_bookmark_star_keeps_the_timeline_in_line(seed: Dossier, tmp_path: Path) -> None:
    app = _app(seed, tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        request = next(e for e in seed.events if e.id == "e-ukraine-request")  # the longest date
        await _move_to_quote(pilot, request.evidence[0])
        await pilot.press("b")
        await pilot.pause()
        timeline = app.query_one("#timeline")
        lines = region_text(app, timeline.scrollable_content_region).splitlines()
        starts = {
            line.index(title)
            for line in lines
            for title in ("Ukraine asks", "Several NATO", "Putin warns")
            if title in line
        }
        assert len(starts) == 1, lines[:8]
        assert any("★" in line for line in lines)


async def test_a_maximized_pane_keeps_its_border(seed: Dossier, tmp_path: Path) -> None:
    """ctrl+p → Maximize: the Quotes pane fills the screen inside its whole border."""
    app = _app(seed, tmp_path)
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        await pilot.pause(0.3)
        await pilot.press(*"Maximize")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause(0.3)
        assert app.main.maximized is app.query_one("#quotes")
        box = screen_text(app).splitlines()[:-1]  # all but the footer
        assert box[0].startswith("╭") and box[0].endswith("╮"), box[0]
        assert box[-1].startswith("╰") and box[-1].endswith("╯"), box[-1]
        assert all(line.startswith("│") and line.endswith("│") for line in box[1:-1]), box[1]


def test_keys_wait_for_the_dossier() -> None:
    """While a file loads (no store yet), keys that need it do nothing; quitting and help still work."""
    from tui.app.main_screen import MainScreen

    loading = MainScreen()
    assert loading.check_action("filter", ()) is False and loading.check_action("bookmarks", ()) is False
    assert loading.check_action("app.quit", ()) and loading.check_action("app.help", ())


async def test_a_key_remapped_by_its_binding_id(seed: Dossier, tmp_path: Path) -> None:
    """Every binding has an id, so a user can move a key: the state file's keymap says where."""
    state = UserState(tmp_path / "state.json")
    state.set("keymap", {"app.filter": "F"})
    app = ExplorerApp(seed, state=UserState(tmp_path / "state.json"))
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        assert app.screen is app.main
        await pilot.press("F")
        assert isinstance(app.screen, CountryPicker)


# -- 80x24: the tab strip and the header give the same count -----------------------------------------


@pytest.mark.parametrize("pane", ["1", "2", "3", "4"])
async def test_tab_strip_and_header_count_the_same_quotes_at_80x24(seed: Dossier, tmp_path: Path, pane: str) -> None:
    """With a side pane focused the Quotes pane follows its selection; the header said 25/25 while the
    tab strip beside it said 0/25."""
    app = _app(seed, tmp_path)
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press(pane)
        await settle(pilot)
        tabs = screen_text(app).splitlines()[1]
        shown = f"{len(app.main.in_view)}/{len(seed.statements)} quotes"
        assert shown in tabs
        assert app.sub_title.startswith(shown)
