"""The main screen: the four panes, and the selection flow between them.

One filter (countries, search) narrows every pane; moving in Speakers, Timeline or Stances sets the
scope, which narrows the Quotes pane; moving in Quotes sets the current statement, shown in the
detail. Panes say what the user moved onto with their own messages (`SpeakersPane.ActorHighlighted`,
…) and are all filled by `show(view)` from one `View` (see `selection.py`, which holds the logic).
"""

from __future__ import annotations

import os
import sys
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Footer, Header, Input, Static
from textual.worker import get_current_worker

from ..filters import Filter, remembered_filter
from ..render.inert import inert, one_line
from ..widgets.common import PaneHighlighted
from ..widgets.detail import DetailView
from ..widgets.ordered_input import OrderedInput
from ..widgets.paging import PAGE
from ..widgets.quotes import QuoteList
from ..widgets.speakers import SpeakersPane
from ..widgets.stances import StancesPane
from ..widgets.timeline import TimelinePane
from ..widgets.virtual_list import VirtualList
from .curation import CURATION_BINDINGS, CurationActions
from .quote_actions import QuoteActions
from .selection import (
    Results,
    Scope,
    StatementRef,
    View,
    has,
    known_len,
    scope_label,
    scope_visible,
    status_line,
)

if TYPE_CHECKING:
    from collections.abc import Callable

    from textual.timer import Timer

    from ..store import Store
    from ..userstate import Bookmark


def _unless_cancelled(work: Callable[[], None]) -> None:
    """A worker's queries, stopped as soon as the worker is cancelled (a newer filter came): a query
    stopped so ends the worker quietly; any other error is raised."""
    from ..corpusindex.cancel import stop_when  # here: only a corpus on an index runs these workers

    worker = get_current_worker()
    try:
        with stop_when(lambda: worker.is_cancelled):
            work()
    except Exception:
        if not worker.is_cancelled:
            raise


THREADED_QUERIES = 5000  # statements: from this size on, filters and searches run off the UI thread
SIDE_PANES_DELAY = 0.15  # seconds of quiet typing before Speakers, Timeline and Stances follow

# The panes, in the order of the keys 1-4 and of tab; each is the widget with this id (the Quotes pane
# is the list and its detail, in `#quotes-pane`). A new pane: its module in tui/widgets, an entry here
# and in `_panes`, and its place in explorer.tcss.
PANES = {"speakers": "Speakers", "timeline": "Timeline", "stances": "Stances", "quotes": "Quotes"}
SIDE_PANES = ("speakers", "timeline", "stances")


class MainScreen(CurationActions, QuoteActions, Screen[None]):
    AUTO_FOCUS = "#quotes"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (50, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-tiny-height"), (14, "-short"), (30, "-tall")]
    BINDINGS = [
        Binding("q", "app.quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "app.help", "Help", key_display="?", id="app.help"),
        # Right after quit and help: while curating, review, edit and save must fit in an 80-column
        # footer (on a read-only dossier they are hidden, see CurationActions.check_action).
        *CURATION_BINDINGS,
        Binding("f", "filter", "Filter", id="app.filter"),
        # A priority binding acts as the key arrives, before the keys typed after it are passed on, so
        # "/nato" typed in one burst searches for "nato" (see `action_search` and `check_action`).
        Binding("slash", "search", "Search", key_display="/", priority=True, id="app.search"),
        Binding("c", "copy", "Copy", id="app.copy"),
        Binding("C", "copy_cited", "Copy cited", key_display="C", id="app.copy_cited"),
        Binding("s", "source", "Source", id="app.source"),
        Binding("escape", "clear", "Clear search, then filter", show=False, id="app.clear"),
        Binding("b", "bookmark", "Bookmark", id="app.bookmark"),
        Binding("n", "note", "Note on the quote", show=False, id="app.note"),
        Binding("B", "bookmarks", "Bookmarks and notes", key_display="B", show=False, id="app.bookmarks"),
        Binding("tab", "cycle_pane(1)", "Next pane", show=False, id="app.next_pane"),
        Binding("shift+tab", "cycle_pane(-1)", "Previous pane", show=False, id="app.previous_pane"),
        *(
            Binding(str(n), f"focus_pane('{pane}')", title, show=False, id=f"app.pane_{pane}")
            for n, (pane, title) in enumerate(PANES.items(), 1)
        ),
    ]

    def __init__(self, store: Store | None = None, remembered: dict | None = None) -> None:
        """Show `store` (else a loading message until `open`), with the filter, search and pane of
        `remembered` (the last view)."""
        super().__init__()
        self._presume_breakpoints()
        self.store = store
        self._remembered = remembered
        self.filter = Filter()
        self.scope: Scope = None
        self.current: StatementRef | None = None
        self.view: View | None = None  # what the panes show
        self.marked: dict[str, Bookmark] = {}  # bookmarked statements, by their id in this store
        self._side_timer: Timer | None = None

    def _presume_breakpoints(self) -> None:
        """The breakpoint classes of the terminal's size now, so that the styles worked out for the
        first frame stand: Textual sets them on the first resize, which would restyle every widget."""
        try:
            width, height = os.get_terminal_size(sys.__stdout__.fileno())
        except (AttributeError, OSError, ValueError):  # not a terminal (tests): the resize sets them
            return
        for size, breakpoints in ((width, self.HORIZONTAL_BREAKPOINTS), (height, self.VERTICAL_BREAKPOINTS)):
            fitting = [name for least, name in sorted(breakpoints, reverse=True) if size >= least]
            if fitting:
                self.add_class(fitting[0], update=False)

    @property
    def in_view(self) -> list:
        """The statements in the Quotes pane."""
        return self.view.in_view if self.view is not None else []

    @property
    def current_id(self) -> str | None:
        return self.current.id if self.current else None

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="❝")
        yield Static(id="tabs")
        yield Static("The terminal is too small: make it at least 50×14.", id="too-small")
        if self.store is not None:
            yield self._panes()
        else:
            yield Static(Text(one_line(f"Loading {self.app.path or 'the archive'}…")), id="loading")
        yield OrderedInput(placeholder="Search quotes, names and events — enter to keep, escape to clear", id="search")
        yield Footer()

    @staticmethod
    def _panes() -> Widget:
        quotes = Horizontal(QuoteList(id="quotes"), DetailView(id="detail"), id="quotes-pane", classes="pane")
        right = Vertical(
            TimelinePane(id="timeline", classes="pane"), StancesPane(id="stances", classes="pane"), quotes, id="right"
        )
        return Horizontal(SpeakersPane(id="speakers", classes="pane"), right, id="main")

    def show_loading(self, message: str) -> None:
        self.query_one("#loading", Static).update(Text(inert(message)))

    async def open(self, store: Store, remembered: dict | None) -> None:
        """Show a store loaded after the first frame."""
        self.store, self._remembered = store, remembered
        await self.query_one("#loading").remove()
        await self.mount(self._panes(), before="#search")
        self.on_mount()

    def on_mount(self) -> None:
        if self.store is None:
            return
        self.refresh_marks()
        pane = self._restore(self._remembered) if self._remembered else "quotes"
        # A large corpus (on an index, or a shared archive): the quotes in the first frame; the other
        # panes' first questions (counting every event takes half a second at a million articles)
        # follow a moment later, as while typing, rather than hold it up.
        self.refresh_panes(typing=self._large)
        self.action_focus_pane(pane)
        self.start_curation()

    def _restore(self, remembered: dict) -> str:
        """Filter and search as the dossier was left; returns the pane to focus."""
        self.filter = remembered_filter(remembered, (g.code for g in self.store.groups()))
        search = self.filter.text
        if search:
            box = self.query_one("#search", Input)
            with box.prevent(Input.Changed):
                box.value = search
            box.display = True
        return remembered.get("pane") if remembered.get("pane") in PANES else "quotes"

    def remembered(self) -> dict:
        """What to restore next time: filter, search and the focused pane."""
        return {
            "countries": sorted(self.filter.countries),
            "search": self.filter.text,
            "pane": (self._pane_of(self.focused) if self.focused else None) or "quotes",
        }

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the dossier loads, or the terminal is too small to show it, only quitting and help work;
        "/" is a character, not the search key, wherever text is being typed."""
        too_small = self.has_class("-tiny") or self.has_class("-tiny-height")
        if (self.store is None or too_small) and action not in ("app.quit", "app.help"):
            return False
        if action == "search" and (isinstance(self.focused, Input) or _is_text_area(self.focused)):
            return False
        allowed = self.curation_allows(action)
        return True if allowed is None else allowed

    # -- filling the panes: one View for all of them ---------------------------------------------------

    def refresh_panes(self, move_to_first: bool = True, results: Results | None = None, typing: bool = False) -> None:
        """Fill every pane from the filter's results (worked out here unless given).

        While the user types on a large corpus, the Quotes pane and the header follow each keystroke,
        and the detail and the other panes follow when typing pauses: each pane costs tens of
        milliseconds to lay out, and a keystroke must not wait for all of them."""
        results = results or Results(self.store, self.filter)
        self._show_quotes(move_to_first, detail=not typing, results=results)
        if self._side_timer is not None:
            self._side_timer.stop()
            self._side_timer = None
        if typing:
            self._side_timer = self.set_timer(SIDE_PANES_DELAY, lambda: self._side_query(results))
        else:
            self._show_side_panes(results)

    @work(thread=True, exclusive=True, group="side")
    def _side_query(self, results: Results) -> None:
        """The side panes' queries, off the UI thread (on a corpus index they take a while), then the panes."""

        def work() -> None:
            results.actors, results.stances  # noqa: B018 - worked out here
            events = results.events
            len(events), events[:1]
            self.app.call_from_thread(self._show_side_panes, results, True)

        _unless_cancelled(work)

    def _show_side_panes(self, results: Results, detail: bool = False) -> None:
        if self.view is None or results is not self.view.results or not self.is_attached:
            return  # a newer view is shown; or the app is closing
        if detail:
            self._show_detail()
        for pane in SIDE_PANES:
            self.query_one(f"#{pane}").show(self.view)

    def _results(self) -> Results:
        view = self.view
        return view.results if view is not None and view.filter == self.filter else Results(self.store, self.filter)

    def _show_quotes(self, move_to_first: bool, detail: bool = True, results: Results | None = None) -> None:
        """Fill the Quotes pane; the selection moves to the first statement unless told to keep it. The
        detail follows unless `detail` is False (while typing: it follows when typing pauses)."""
        keep = None if move_to_first else self.current_id
        self.view = View(results or self._results(), self.scope, self.marked, keep)
        quotes = self.query_one("#quotes")
        quotes.show(self.view)  # keeps `keep` where it is shown (paging on to reach it), else the first
        quotes.border_title = Content(inert(f"Quotes — {scope_label(self.store, self.scope)}", keep_newlines=False))
        shown = known_len(self.view.in_view)
        quotes.border_subtitle = "counting…" if shown is None else f"{shown:,} shown"
        ident = quotes.highlighted_id()
        self.current = StatementRef(ident) if ident else None
        self._show_status()  # the header's and the tab strip's count is the Quotes pane's
        if detail:
            self._show_detail()
        if shown is None:
            self._count(self.view, typing=not detail)

    @work(thread=True, exclusive=True, group="count")
    def _count(self, view: View, typing: bool) -> None:
        """Count the Quotes pane's statements after it showed the first page (a query of its own on a
        corpus index); while the user types, only once typing pauses."""
        if typing:
            time.sleep(SIDE_PANES_DELAY)
            if get_current_worker().is_cancelled:
                return  # another keystroke: its own count follows

        def work() -> None:
            len(view.in_view)
            self.app.call_from_thread(self._show_count, view)

        _unless_cancelled(work)

    def _show_count(self, view: View) -> None:
        if self.view is not view or not self.is_attached:
            return  # another view is shown, with its own count; or the app is closing
        self.view = view.keeping(self.current_id)
        quotes = self.query_one("#quotes")
        quotes.show(self.view)  # the line that says how many more
        quotes.border_subtitle = f"{len(self.view.in_view):,} shown"
        self._show_status()

    def _show_detail(self) -> None:
        self.query_one("#detail").show(replace(self.view, keep=self.current_id))

    def _set_current(self, ref: StatementRef | None) -> None:
        self.current = ref
        self._show_detail()

    def set_scope(self, scope: Scope) -> None:
        if scope != self.scope:
            self.scope = scope
            self._show_quotes(move_to_first=True)

    def refresh_marks(self) -> None:
        state, store = self.app.state, self.store
        marks = ((store.store_id(b.source, b.statement), b) for b in state.bookmarks())
        self.marked = {ident: b for ident, b in marks if ident is not None}

    def show_marks(self) -> None:
        """Redraw what shows bookmarks, keeping the selection."""
        self.refresh_marks()
        self._show_quotes(move_to_first=False)
        self._show_side_panes(self.view.results)

    def _show_status(self) -> None:
        self.app.sub_title = inert(self.status_line(), keep_newlines=False)
        self._show_tabs(self._pane_of(self.focused) if self.focused else "quotes")

    def status_line(self) -> str:
        """The active filter and search, always on screen: in the header, and in the tab strip when narrow."""
        return self.review_status() + status_line(self.store, self.filter, known_len(self.in_view))

    # -- what the panes say ---------------------------------------------------------------------------

    @on(QuoteList.StatementHighlighted)
    def _statement_highlighted(self, event: PaneHighlighted) -> None:
        if event.ref.id != self.query_one("#quotes", QuoteList).highlighted_id():
            return  # the list was refilled after it said so (a scope with no quotes): stale
        if event.ref != self.current:
            self._set_current(event.ref)

    @on(SpeakersPane.ActorHighlighted)
    @on(TimelinePane.EventHighlighted)
    @on(StancesPane.StanceHighlighted)
    def _scope_highlighted(self, event: PaneHighlighted) -> None:
        self.set_scope(event.ref)

    @on(VirtualList.Selected, "#speakers, #timeline")
    @on(DataTable.CellSelected, "#stances")
    def _opened(self) -> None:
        """Enter on an actor, event or stance: its quotes."""
        self.action_focus_pane("quotes")

    def on_descendant_focus(self, event) -> None:
        pane = self._pane_of(event.widget)
        if pane is None:
            return
        for name in PANES:
            self.query_one(f"#{name}-pane" if name == "quotes" else f"#{name}").set_class(name == pane, "-active")
        self.query_one("#main").set_class(pane == "speakers", "-left-active")
        self._show_tabs(pane)
        self.app.save_view_soon()
        if pane in SIDE_PANES and event.widget.id == pane and (ref := event.widget.selection()) is not None:
            self.set_scope(ref)

    def _pane_of(self, widget: Widget) -> str | None:
        for node in widget.ancestors_with_self:
            if node.id in SIDE_PANES:
                return node.id
            if node.id == "quotes-pane":
                return "quotes"
        return None

    def _show_tabs(self, active: str | None) -> None:
        tabs = Text()
        for n, (pane, title) in enumerate(PANES.items(), 1):
            tabs.append(f" {n} {title} ", style="bold reverse" if pane == active else "dim")
            tabs.append(" ")
        tabs.append(inert(self.status_line(), keep_newlines=False), style="italic")
        self.query_one("#tabs", Static).update(tabs, layout=False)  # one line, always: no layout needed

    # -- moving between panes, searching, filtering ------------------------------------------------------

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").focus()

    def action_cycle_pane(self, step: int) -> None:
        current = self._pane_of(self.focused) if self.focused else None
        names = list(PANES)
        index = names.index(current) if current in names else -1
        self.action_focus_pane(names[(index + step) % len(names)])

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        # Shown and focused now, not after the keys already queued (as a class change and `focus()`
        # would be), so that the keys typed after "/" go into the box.
        search.display = True
        self.set_focus(search)

    @on(Input.Changed, "#search")
    def _search_changed(self, event: Input.Changed) -> None:
        self.apply_filter(replace(self.filter, text=event.value))

    @on(Input.Submitted, "#search")
    def _search_submitted(self) -> None:
        self.action_focus_pane("quotes")

    def apply_filter(self, new: Filter) -> None:
        """Apply a filter to every pane; the selection moves to the first visible statement. On a large
        corpus the queries run in a thread, so typing never waits for them."""
        self.filter = new
        if self._large:
            # The last filter's count and side panes are not waited for any more: their queries stop.
            for group in ("count", "side"):
                self.workers.cancel_group(self, group)
            self._query(new)
        else:
            self._show_view(Results(self.store, new))

    @work(thread=True, exclusive=True, group="query")
    def _query(self, f: Filter) -> None:
        results = Results(self.store, f)

        def work() -> None:
            # The first page, worked out here, off the UI thread (on an index a query, which the list
            # keeps); the count comes after the pane shows it (`_count`).
            results.statements[: PAGE + 1]  # noqa: B018
            self.app.call_from_thread(self._show_view, results)

        _unless_cancelled(work)

    def _show_view(self, results: Results) -> None:
        if results.filter != self.filter:  # a newer keystroke's query is on its way
            return
        self.app.save_view_soon()
        if self.scope and not scope_visible(results, self.scope):
            self.scope = None
        # Only a large corpus needs its slow panes to wait for a pause in the typing.
        self.refresh_panes(move_to_first=True, results=results, typing=self._large)

    @property
    def _large(self) -> bool:
        """Large enough for queries off the UI thread (a corpus on an index always is)."""
        return getattr(self.store, "index", None) is not None or len(self.store.statement) >= THREADED_QUERIES

    def action_clear(self) -> None:
        """Escape: clear the search, then the filter, then the pane selection."""
        search = self.query_one("#search", Input)
        if self.filter.text or search.has_focus:
            search.value = ""
            search.display = False
            self.apply_filter(replace(self.filter, text=""))
            if search.has_focus:
                self.action_focus_pane("quotes")
        elif self.filter.active:
            self.apply_filter(Filter())
            self.notify("Filter cleared", markup=False)
        elif self.scope is not None:
            self.scope = None
            self._show_quotes(move_to_first=True)

    def action_filter(self) -> None:
        from ..screens.country_picker import CountryPicker

        self.app.push_screen(CountryPicker(self.store.groups(), self.filter.countries), self._filter_chosen)

    def _filter_chosen(self, codes: frozenset[str] | None) -> None:
        if codes is not None:
            self.filter_countries(codes)

    def filter_countries(self, codes) -> None:
        self.apply_filter(self.filter.with_countries(codes))

    def jump_to_actor(self, actor_id: str) -> None:
        if actor_id not in {a.id for a in self.store.actors(self.filter)}:
            self.apply_filter(Filter())
        speakers = self.query_one("#speakers")
        speakers.focus()
        speakers.highlight_id(actor_id)
        self.set_scope(speakers.ref(actor_id))

    def open_statement(self, statement_id: str | None) -> None:
        """Show a statement in the Quotes pane (chosen in the source view or the bookmarks), clearing
        the filter and scope if they hide it."""
        if statement_id is None:
            return
        if not has(self.in_view, statement_id):
            self.scope = None
            self.filter = Filter()
            self.query_one("#search", Input).value = ""
            self.refresh_panes()
        self.current = StatementRef(statement_id)
        self._show_quotes(move_to_first=False)  # shows as many as it takes to reach the statement
        self.query_one("#quotes").focus()


def _is_text_area(widget: object) -> bool:
    """A TextArea (the note editor's)? Asked without importing it: it costs start-up time, and until
    the note editor has imported it no widget can be one."""
    module = sys.modules.get("textual.widgets._text_area")
    return module is not None and isinstance(widget, module.TextArea)
