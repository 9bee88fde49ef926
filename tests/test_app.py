"""The explorer driven through Textual's Pilot: every flow checks the app's state and what is on screen.

What is on screen is read from the compositor: the same strips the terminal is sent, as text, cropped to
a widget's region where a test is about one pane.
"""

from __future__ import annotations

import asyncio
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette
from textual.geometry import Region
from textual.widgets import Input, SelectionList

from tui.app.explorer import ExplorerApp
from tui.app.main_screen import SIDE_PANES_DELAY, MainScreen
from tui.app.selection import ActorRef, EventRef, StanceRef
from tui.model import Dossier
from tui.screens.country_picker import CountryPicker
from tui.screens.help import HelpScreen, keys_of
from tui.screens.source import SourceScreen
from tui.userstate import UserState

WIDE = (120, 40)
NARROW = (80, 24)

# -- reading the screen ------------------------------------------------------------------------------------


def screen_text(app: ExplorerApp) -> str:
    """Every line of the current screen as the terminal shows it."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def region_text(app: ExplorerApp, region: Region) -> str:
    strips = app.screen._compositor.render_strips()
    return "\n".join(strip.crop(region.x, region.right).text for strip in strips[region.y : region.bottom])


def pane_text(app: ExplorerApp, selector: str, border: bool = False) -> str:
    """The text inside a widget (with its border, for its titles), as shown."""
    widget = app.screen.query_one(selector)
    return region_text(app, widget.region if border else widget.scrollable_content_region)


def flat(text: str) -> str:
    """Text with line wrapping and padding taken out, to find phrases that wrap."""
    return " ".join(text.split())


def option_ids(app: ExplorerApp, selector: str) -> list[str]:
    """The ids of the selectable options of a list pane (group headings and hints have none)."""
    return [o.id for o in app.query_one(selector).options if o.id is not None and not o.disabled]


def notifications(app: ExplorerApp) -> list[Any]:
    return list(app._notifications)


# -- driving the app ----------------------------------------------------------------------------------------


async def settle(pilot) -> None:
    """Wait for the side panes, which follow a filter or search a moment later (SIDE_PANES_DELAY)."""
    await pilot.pause(SIDE_PANES_DELAY + 0.15)
    await pilot.pause()


async def until(pilot, condition: Callable[[], bool], timeout: float = 5.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out waiting for the app"
        await pilot.pause(0.02)


async def move_to(pilot, selector: str, option_id: str, key: str = "j", limit: int = 40) -> None:
    """Press `key` in a list pane until `option_id` is highlighted."""
    pane = pilot.app.query_one(selector)
    for _ in range(limit):
        if pane.highlighted_id() == option_id:
            return
        await pilot.press(key)
    assert pane.highlighted_id() == option_id


async def move_to_cell(pilot, actor: str, issue: str) -> None:
    """In the Stances pane, move the cursor with j and l to the (actor, issue) cell."""
    table = pilot.app.query_one("#stances")
    for _ in range(40):
        if table.current()[0] == actor:
            break
        await pilot.press("j")
    for _ in range(10):
        if table.current()[1] == issue:
            break
        await pilot.press("l")
    assert table.current() == (actor, issue)


@pytest.fixture
def make_app(seed: Dossier) -> Callable[..., ExplorerApp]:
    def make(dossier: Dossier | None = None, state: UserState | None = None) -> ExplorerApp:
        return ExplorerApp(dossier or seed, state=state)

    return make


def statement_ids(app: ExplorerApp) -> list[str]:
    return [s.id for s in app.main.in_view]


# -- the default view ----------------------------------------------------------------------------------------


async def test_default_view(make_app, seed: Dossier) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.pause()
        for selector, title in (
            ("#speakers", "Speakers"),
            ("#timeline", "Timeline"),
            ("#stances", "Stances"),
            ("#quotes", "Quotes"),
        ):
            widget = app.query_one(selector)
            assert widget.display and widget.region.area > 0, selector
            top = pane_text(app, selector, border=True).splitlines()[0]
            assert f"─ {title}" in top, (selector, top)
        assert not app.query_one("#tabs").display
        assert not app.query_one("#too-small").display

        assert app.sub_title == "25/25 quotes · All countries"
        header = screen_text(app).splitlines()[0]
        assert "All countries" in header and "25/25 quotes" in header
        assert seed.source.headline in header

        first = seed.statements[0]
        assert app.main.current_id == first.id
        assert statement_ids(app) == [s.id for s in seed.statements]
        detail = flat(pane_text(app, "#detail"))
        assert flat(first.content.exact) in detail
        assert "Antony Blinken, U.S. Secretary of State (United States)" in detail
        assert app.focused is app.query_one("#quotes")
        assert "25 shown" in pane_text(app, "#quotes", border=True)


# -- selecting in the panes ----------------------------------------------------------------------------------


async def test_speakers_scope_the_quotes(make_app, seed: Dossier) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("1")
        assert app.focused is app.query_one("#speakers")
        first = option_ids(app, "#speakers")[0]
        assert app.main.scope == ActorRef(first)

        await move_to(pilot, "#speakers", "sikorski")
        assert app.main.scope == ActorRef("sikorski")
        assert statement_ids(app) == ["s24", "s25"]
        assert all(s.actor == "sikorski" for s in app.main.in_view)
        assert app.main.current_id == "s24"

        quotes = pane_text(app, "#quotes", border=True)
        assert "Quotes — Radoslaw Sikorski" in quotes
        assert "Radoslaw Sikorski" in quotes and "Antony Blinken" not in quotes
        detail = flat(pane_text(app, "#detail"))
        assert "Warsaw has never imposed such restrictions" in detail
        assert "Radoslaw Sikorski, Polish Foreign Minister (Poland)" in detail

        await pilot.press("k")  # back up one: the Dutch minister
        assert app.main.scope == ActorRef("bruins-slot")
        assert statement_ids(app) == ["s23"]
        assert "Hanke Bruins Slot" in flat(pane_text(app, "#detail"))

        await pilot.press("enter")  # open: the quotes of the speaker
        assert app.focused is app.query_one("#quotes")
        assert statement_ids(app) == ["s23"]


async def test_timeline_event_scopes_the_quotes(make_app, seed: Dossier) -> None:
    events = {e.id: e for e in seed.events}
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("2")
        assert app.focused is app.query_one("#timeline")
        first = option_ids(app, "#timeline")[0]
        assert app.main.scope == EventRef(first)
        assert statement_ids(app) == events[first].evidence

        await move_to(pilot, "#timeline", "e-approval")
        await pilot.press("enter")
        assert app.focused is app.query_one("#quotes")
        assert statement_ids(app) == events["e-approval"].evidence == ["s1", "s5"]
        assert app.main.current_id == "s1"
        quotes = pane_text(app, "#quotes", border=True)
        assert "Quotes — President Biden has" in quotes
        assert "2 shown" in quotes

        await pilot.press("2")
        await move_to(pilot, "#timeline", "e-earlier-refusal")
        assert events["e-earlier-refusal"].evidence == []
        assert app.main.in_view == [] and app.main.current_id is None
        assert option_ids(app, "#quotes") == []
        assert "0 shown" in pane_text(app, "#quotes", border=True)
        assert "No statement is cited here. Press escape to show all quotes." in flat(pane_text(app, "#detail"))


async def test_stance_cell_scopes_the_quotes(make_app, seed: Dossier) -> None:
    stance = next(st for st in seed.stances if (st.actor, st.issue) == ("putin", "escalation"))
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("3")
        assert app.focused is app.query_one("#stances")
        await move_to_cell(pilot, "putin", "escalation")
        assert app.main.scope == StanceRef("putin", "escalation")
        assert set(statement_ids(app)) == set(stance.evidence)
        assert len(app.main.in_view) == len(stance.evidence)
        assert app.main.current_id == app.main.in_view[0].id

        detail = flat(pane_text(app, "#detail"))
        assert "President Putin on Escalation: ✘ Escalates the war" in detail
        assert f"Evidence: {len(stance.evidence)} statement(s)" in detail
        assert "Quotes — President Putin" in pane_text(app, "#quotes", border=True)

        await pilot.press("enter")
        assert app.focused is app.query_one("#quotes")
        assert set(statement_ids(app)) == set(stance.evidence)


# -- the country filter ----------------------------------------------------------------------------------------


async def test_filter_by_typing_a_country(make_app, seed: Dossier) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f")
        assert isinstance(app.screen, CountryPicker)
        await pilot.press(*"pol")
        picker = flat(pane_text(app, "#picker-list"))
        assert "Poland (PL)" in picker and "Germany (DE)" not in picker
        await pilot.press("enter")
        await settle(pilot)

        assert not isinstance(app.screen, CountryPicker)
        assert app.main.filter.countries == {"PL"}
        assert option_ids(app, "#speakers") == ["sikorski"]
        assert option_ids(app, "#timeline") == ["e-sikorski-statement"]
        stances = app.query_one("#stances")
        assert [str(row.value) for row in stances.rows] == ["sikorski"]
        assert statement_ids(app) == ["s24", "s25"]
        assert app.main.current_id == "s24"

        assert "Filter: Poland" in app.sub_title
        assert "2/25 quotes · Filter: Poland" in screen_text(app).splitlines()[0]
        speakers = pane_text(app, "#speakers")
        assert "Radoslaw Sikorski" in speakers and "Antony Blinken" not in speakers
        assert "Sikorski stated … that Warsaw has never imposed" in flat(pane_text(app, "#timeline"))
        assert "President Putin" not in pane_text(app, "#stances")
        assert "Warsaw has never imposed such restrictions" in flat(pane_text(app, "#detail"))


async def test_a_filter_that_leaves_no_quotes_leaves_no_quote_in_the_detail(make_app) -> None:
    """At 80x24: Putin picked in Speakers, then the filter Germany. Its first speaker, the German government,
    has no statements, so the Quotes pane is empty; the detail showed (and `C` copied) the spokesperson's
    quote all the same, from the Quotes pane's highlight of a moment before, handled after the emptying."""
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.press("slash", *"putin", "enter", "escape", "escape", "1")
        await settle(pilot)
        assert app.main.scope == ActorRef("putin")
        await pilot.press("f", *"germ", "enter")
        await settle(pilot)
        assert app.main.scope == ActorRef("de-gov") and statement_ids(app) == []
        assert app.main.current_id is None
        await pilot.press("4")
        await settle(pilot)
        assert "German government has no statements" in flat(pane_text(app, "#detail"))


async def test_filter_several_countries_from_the_list(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", "tab")
        picker = app.screen
        assert isinstance(picker, CountryPicker)
        listing = picker.query_one(SelectionList)
        assert app.focused is listing
        await pilot.press("space", "down", "space")
        assert listing.selected == ["DE", "NL"]
        assert "Chosen: Germany (DE), Netherlands (NL)" in flat(pane_text(app, "#picker-box"))
        await pilot.press("enter")
        await settle(pilot)

        assert app.main.filter.countries == {"DE", "NL"}
        assert option_ids(app, "#speakers") == ["de-gov", "de-spokesperson", "bruins-slot"]
        assert {s.actor for s in app.main.in_view} == {"de-spokesperson", "bruins-slot"}
        assert "Filter: Germany, Netherlands" in screen_text(app).splitlines()[0]


async def test_escape_cancels_the_picker(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        app.main.filter_countries({"PL"})
        await settle(pilot)
        await pilot.press("f", *"ger")
        assert isinstance(app.screen, CountryPicker)
        await pilot.press("escape")
        await settle(pilot)
        assert not isinstance(app.screen, CountryPicker)
        assert app.main.filter.countries == {"PL"}
        assert statement_ids(app) == ["s24", "s25"]
        assert "Filter: Poland" in screen_text(app).splitlines()[0]


async def test_filter_to_an_organisation(make_app, store) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", *"NATO")
        listing = app.screen.query_one(SelectionList)
        assert [listing.get_option_at_index(i).value for i in range(listing.option_count)] == ["NATO"]
        assert "NATO (NATO)" in flat(pane_text(app, "#picker-list"))
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.filter.countries == {"NATO"}
        nato = {a.id for a in store.actors(app.main.filter)}
        assert nato and "stoltenberg" in nato and "putin" not in nato
        assert set(option_ids(app, "#speakers")) == nato
        assert {s.actor for s in app.main.in_view} <= nato
        assert "Filter: NATO" in app.sub_title


# -- search ---------------------------------------------------------------------------------------------------


async def test_search_as_you_type_and_escape(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash")
        search = app.query_one("#search", Input)
        assert app.focused is search and search.display
        await pilot.press(*"nuclear")
        await settle(pilot)

        assert app.main.filter.text == "nuclear"
        assert statement_ids(app) == ["s17", "s19"]
        assert [s.actor for s in app.main.in_view] == ["putin", "medvedev"]
        assert app.main.in_view[0].mode == "paraphrase"
        assert app.main.current_id == "s17"
        assert set(option_ids(app, "#speakers")) == {"putin", "medvedev"}
        quotes = flat(pane_text(app, "#quotes"))
        assert "President Putin · paraphrase" in quotes and "Dmitry Medvedev · reported" in quotes
        assert "Antony Blinken" not in quotes
        assert "Search “nuclear”" in app.sub_title
        assert "raised the risk of nuclear war again" in flat(pane_text(app, "#detail"))

        await pilot.press("escape")
        await settle(pilot)
        assert app.main.filter.text == "" and search.value == ""
        assert not search.display
        assert app.focused is app.query_one("#quotes")
        assert len(app.main.in_view) == 25
        assert app.sub_title == "25/25 quotes · All countries"


async def test_escape_clears_the_search_then_the_filter(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("f", *"pol", "enter")
        await pilot.press("slash", *"warsaw", "enter")
        await settle(pilot)
        assert app.focused is app.query_one("#quotes")
        assert app.main.filter.countries == {"PL"} and app.main.filter.text == "warsaw"
        assert statement_ids(app) == ["s24"]

        await pilot.press("escape")
        await settle(pilot)
        assert app.main.filter.text == "" and app.main.filter.countries == {"PL"}
        assert statement_ids(app) == ["s24", "s25"]
        assert "Filter: Poland" in screen_text(app).splitlines()[0]

        await pilot.press("escape")
        await settle(pilot)
        assert not app.main.filter.active
        assert len(app.main.in_view) == 25
        assert "All countries" in screen_text(app).splitlines()[0]
        assert any(n.message == "Filter cleared" for n in notifications(app))


async def test_search_finds_atacms(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("slash", *"ATACMS", "enter")
        await settle(pilot)
        assert statement_ids(app) == ["s7"]
        assert app.main.current_id == "s7"
        assert option_ids(app, "#speakers") == ["us-officials"]
        assert option_ids(app, "#timeline") == ["e-atacms-policy"]
        detail = flat(pane_text(app, "#detail"))
        assert "U.S. officials" in detail and "ATACMS" in detail


async def test_keys_typed_in_one_burst_after_slash_go_into_the_search(make_app) -> None:
    """A fast typist (or a terminal delivering "/nuc/" at once): every key after "/" is part of the
    search, "/" included; none is taken as a command ("n" would open the note editor)."""
    from textual import events

    from tui.screens.note_editor import NoteEditor

    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        for key, char in [("slash", "/"), ("n", "n"), ("u", "u"), ("c", "c"), ("slash", "/")]:
            app.post_message(events.Key(key, char))  # queued together, before any is handled
        await settle(pilot)
        assert not isinstance(app.screen, NoteEditor)
        assert app.query_one("#search", Input).value == "nuc/"
        assert app.main.filter.text == "nuc/"
        await pilot.press("escape", "n", *"a/b")  # "/" in the note editor is a character too
        assert isinstance(app.screen, NoteEditor)
        assert app.screen.query_one("TextArea").text == "a/b"


# -- copy -------------------------------------------------------------------------------------------------------


async def test_copy_exact_and_with_attribution(make_app, seed: Dossier) -> None:
    first = seed.statements[0]
    exact = seed.source.text[first.content.start : first.content.end]
    assert exact == first.content.exact
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        await pilot.press("c")
        assert app.clipboard == exact
        copied = [n for n in notifications(app) if n.title == "Copied quote"]
        assert copied and f"{len(exact)} characters via terminal (OSC 52)" in copied[0].message
        await until(pilot, lambda: "Copied quote" in screen_text(app))

        await pilot.press("C")
        cited = app.clipboard
        # s1 is reported speech: the article's words, never in quotation marks beside Blinken's name.
        assert cited.startswith("Antony Blinken, U.S. Secretary of State (United States), as reported in the article")
        assert f"not a quotation: {exact} — Fri 31 May 2024" in cited and "“" not in cited
        assert f"title given by the curator: {seed.source.headline}" in cited  # editorial, not quoted


async def test_copy_with_nothing_selected_warns(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE, notifications=True) as pilot:
        app.copy_to_clipboard("before")
        await pilot.press("slash", *"zzzz", "enter")
        await settle(pilot)
        assert app.main.in_view == [] and app.main.current_id is None
        assert "Nothing matches" in flat(pane_text(app, "#detail"))
        await pilot.press("c")
        assert app.clipboard == "before"
        warnings = [n for n in notifications(app) if n.severity == "warning"]
        assert [n.message for n in warnings] == ["Nothing selected to copy: pick a quote first."]
        await until(pilot, lambda: "Nothing selected to copy" in flat(screen_text(app)))


# -- source view --------------------------------------------------------------------------------------------------


async def test_source_view_moves_and_opens(make_app, seed: Dossier) -> None:
    in_text_order = [s.id for s in sorted(seed.statements, key=lambda s: s.content.start)]
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        start = app.main.current_id
        await pilot.press("s")
        screen = app.screen
        assert isinstance(screen, SourceScreen)
        assert screen.current_statement == start
        text = flat(screen_text(app))
        assert f"Source — {seed.source.headline}" in text
        assert "25 quotes anchored" in text

        await pilot.press("j")
        following = in_text_order[in_text_order.index(start) + 1]
        assert screen.current_statement == following
        await pilot.press("enter")
        assert not isinstance(app.screen, SourceScreen)
        assert app.main.current_id == following
        assert app.focused is app.query_one("#quotes")
        assert app.query_one("#quotes").highlighted_id() == following
        assert flat(app.store.statement[following].content.exact)[:40] in flat(pane_text(app, "#detail"))

        await pilot.press("s", "j", "j", "escape")
        assert not isinstance(app.screen, SourceScreen)
        assert app.main.current_id == following


# -- help and the command palette ---------------------------------------------------------------------------------


async def test_help_lists_every_key(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        for key in ("question_mark", "f1"):
            await pilot.press(key)
            assert isinstance(app.screen, HelpScreen)
            rows = {}
            box = app.screen.query_one("#help-box")
            while True:  # every page of the help, scrolled with j
                for line in pane_text(app, "#help-box").splitlines():
                    cells = re.split(r"\s{2,}", line.strip())
                    if len(cells) == 2:
                        rows[cells[1]] = cells[0].split(", ")
                if box.scroll_y >= box.max_scroll_y:
                    break
                for _ in range(box.scrollable_content_region.height):
                    await pilot.press("j")
                await pilot.pause()
            for binding in MainScreen.BINDINGS:
                assert binding.description in rows, binding
                assert set(keys_of(binding)) <= set(rows[binding.description]), (binding, rows[binding.description])
            shown = {key for keys in rows.values() for key in keys}
            assert {"q", "?", "F1", "f", "/", "c", "C", "s", "esc", "tab", "1", "2", "3", "4", "ctrl+p"} <= shown
            await pilot.press("escape")
            assert not isinstance(app.screen, HelpScreen)


async def test_system_commands(make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        commands = {c.title: c for c in app.get_system_commands(app.screen)}
        for title in (
            "Filter: Poland (PL)",
            "Jump to: Radoslaw Sikorski",
            "Copy quote",
            "Copy with attribution",
            "Source view",
            "Export view as Markdown",
            "Theme",
        ):
            assert title in commands, title

        commands["Filter: Poland (PL)"].callback()
        await settle(pilot)
        assert app.main.filter.countries == {"PL"}
        assert statement_ids(app) == ["s24", "s25"]

        commands["Jump to: Radoslaw Sikorski"].callback()
        await pilot.pause()
        assert app.focused is app.query_one("#speakers")
        assert app.main.scope == ActorRef("sikorski")

        monkeypatch.chdir(tmp_path)
        first = commands["Export view as Markdown"].callback()
        second = app.main.export_markdown()
        assert first != second and first.parent == second.parent == tmp_path
        markdown = first.read_text(encoding="utf-8")
        assert second.read_text(encoding="utf-8") == markdown
        assert markdown.count("> — ") == 2
        assert "> — attributed to Radoslaw Sikorski, Polish Foreign Minister (Poland) (attribution inferred" in markdown
        assert (
            "> Radoslaw Sikorski, Polish Foreign Minister (Poland), as reported in the article's words, not a "
            in markdown
        )
        assert "quotation: Warsaw has never imposed such restrictions\n" in markdown
        assert f"title given by the curator: {app.store.dossier.source.headline}" in markdown
        await pilot.pause()
        assert any(n.title == "Exported" for n in notifications(app))

        # Modal screens get only Textual's own commands.
        await pilot.press("question_mark")
        assert "Copy quote" not in {c.title for c in app.get_system_commands(app.screen)}


async def test_command_palette_filters(make_app) -> None:
    """The app's commands are offered by the palette itself, which asks for the screen it was opened on."""
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("ctrl+p")
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"Filter: Poland")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 0)
        await pilot.pause(0.2)  # the search ends, and the best match comes first
        assert "Filter: Poland (PL)" in flat(screen_text(app))
        if commands.highlighted is None:
            await pilot.press("down")
        assert "Filter: Poland (PL)" in str(commands.get_option_at_index(commands.highlighted).prompt)
        await pilot.press("enter")
        await settle(pilot)
        assert not isinstance(app.screen, CommandPalette)
        assert app.main.filter.countries == {"PL"}


async def test_theme_is_remembered(make_app, tmp_path: Path) -> None:
    path = tmp_path / "theme-state.json"
    first = make_app(state=UserState(path))
    async with first.run_test(size=WIDE) as pilot:
        assert first.theme != "nord"
        first.theme = "nord"
        await pilot.pause()
    second = make_app(state=UserState(path))
    async with second.run_test(size=WIDE) as pilot:
        await pilot.pause()
        assert second.theme == "nord"


# -- small terminals -------------------------------------------------------------------------------------------------


async def test_narrow_terminal_shows_one_pane_at_a_time(make_app, seed: Dossier) -> None:
    app = make_app()
    async with app.run_test(size=NARROW) as pilot:
        await pilot.pause()
        tabs = app.query_one("#tabs")
        assert tabs.display
        strip = screen_text(app).splitlines()[1]
        assert "1 Speakers" in strip and "4 Quotes" in strip and "25/25 quotes · All countries" in strip

        def shown() -> list[str]:
            return [w.id for w in app.query(".pane") if w.display and w.region.area > 0]

        assert shown() == ["quotes-pane"]
        for key, pane, title in (
            ("1", "speakers", "Speakers"),
            ("2", "timeline", "Timeline"),
            ("3", "stances", "Stances"),
            ("4", "quotes-pane", "Quotes"),
        ):
            await pilot.press(key)
            assert shown() == [pane], key
            assert f"╭─ {title}" in screen_text(app)

        assert app.query_one("#detail").region.area > 0
        await pilot.press("escape")  # back to every quote
        assert app.main.current_id == seed.statements[0].id
        await pilot.press("j", "c")
        assert app.main.current_id == seed.statements[1].id
        assert app.clipboard == seed.statements[1].content.exact
        assert "this move by Washington" in flat(pane_text(app, "#detail"))


@pytest.mark.parametrize("size", [(40, 12), (20, 5)])
async def test_too_small_terminal(make_app, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.query_one("#too-small").display
        assert not app.query_one("#main").display
        assert "The terminal is too small: make it at least 50×14." in flat(screen_text(app))
        await pilot.press("j", "c", "tab")
        assert app.is_running


async def test_resize_storm(make_app) -> None:
    app = make_app()
    sizes = [(20 + (280 * n) // 29, 5 + (95 * n) // 29) for n in range(30)]
    sizes += [(80, 24), (40, 12), (120, 40), (50, 14), (49, 13), (100, 30)]
    async with app.run_test(size=(20, 5)) as pilot:
        for width, height in sizes:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            assert app.size == (width, height)
        assert app.is_running
        assert app.query_one("#quotes").region.area > 0
        assert "Quotes — all" in screen_text(app)


# -- quitting and literal text -----------------------------------------------------------------------------------------


async def test_quit(make_app) -> None:
    app = make_app()
    async with app.run_test(size=WIDE) as pilot:
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_code == 0


MARKUP_NAME = "[bold]X[/bold] [@click=app.quit]Y[/]"
MARKUP_ROLE = "[red]Minister[/red] [link=x]Z[/link]"
MARKUP_EVENT = "[b]Sikorski[/b] [@click=app.quit]speaks[/]"


def _links_on_screen(app: ExplorerApp) -> list[Any]:
    return [
        segment
        for strip in app.screen._compositor.render_strips()
        for segment in strip
        if segment.style is not None and (segment.style.link or "@click" in (segment.style.meta or {}))
    ]


async def test_dossier_text_is_never_markup(seed_data: dict[str, Any]) -> None:
    for actor in seed_data["actors"]:
        if actor["id"] == "sikorski":
            actor["name"], actor["role"] = MARKUP_NAME, MARKUP_ROLE
    for event in seed_data["events"]:
        if event["id"] == "e-sikorski-statement":
            event["title"] = MARKUP_EVENT
    app = ExplorerApp(Dossier.model_validate(seed_data))
    async with app.run_test(size=WIDE) as pilot:
        app.main.filter_countries({"PL"})
        await settle(pilot)
        speakers = pane_text(app, "#speakers")
        for part in MARKUP_NAME.split() + MARKUP_ROLE.split():
            assert part in speakers
        detail = flat(pane_text(app, "#detail"))
        assert f"{MARKUP_NAME}, {MARKUP_ROLE} (Poland)" in detail
        assert MARKUP_EVENT in detail
        assert MARKUP_EVENT in flat(pane_text(app, "#timeline"))
        assert MARKUP_NAME in pane_text(app, "#stances")
        assert not _links_on_screen(app)

        await pilot.press("1", "enter", "j", "c", "C")
        assert app.is_running
        assert MARKUP_NAME in app.clipboard

        # The command palette reads its titles as markup: the app escapes them.
        await pilot.press("ctrl+p", *"Jump")
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 0)
        await pilot.press(*" to: [bold]X")
        await until(pilot, lambda: MARKUP_NAME in screen_text(app))
        assert "[red]Minister[/red]" in screen_text(app)
        assert not _links_on_screen(app)
        await pilot.press("escape")
        assert app.is_running
