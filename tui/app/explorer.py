"""The explorer: four panes over one dossier, one filter applied to all of them at once."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterable
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual import work
from textual.app import App, ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Header, Input, Static, TextArea

from ..filters import Filter
from ..render.inert import inert
from ..userstate import Bookmark, UserState
from .clipboard import copy_to_system

if TYPE_CHECKING:
    from textual.timer import Timer

    from ..model import Actor, Dossier, Event, Stance, Statement
    from ..store import Store
    from ..validation import Result
    from ..widgets.virtual_list import VirtualList

# The first frame needs only the header and footer: the dossier is checked, and the panes' modules
# imported, in a thread after it (see `_load`), so the app appears as fast as a bare Textual app.

THREADED_QUERIES = 5000  # statements: from this size on, filters and searches run off the UI thread
VIEW_SAVE_DELAY = 1.0  # seconds after the view settles before it is written to the state file
SIDE_PANES_DELAY = 0.15  # seconds of quiet typing before Speakers, Timeline and Stances follow


class View:
    """What one filter shows, for every pane. Each part is worked out when first asked for: while the
    user types on a large corpus only the statements are, and the rest when typing pauses."""

    def __init__(self, store: Store, f: Filter) -> None:
        self.store, self.filter = store, f

    @classmethod
    def of(cls, store: Store, f: Filter) -> View:
        return cls(store, f)

    @cached_property
    def statements(self) -> list[Statement]:
        return self.store.statements(self.filter)

    @cached_property
    def actors(self) -> list[Actor]:
        return self.store.actors(self.filter)

    @cached_property
    def events(self) -> list[Event]:
        return self.store.events(self.filter)

    @cached_property
    def stances(self) -> list[Stance]:
        return self.store.stances(self.filter)


PANES = ("speakers", "timeline", "stances", "quotes")
PANE_TITLES = {"speakers": "Speakers", "timeline": "Timeline", "stances": "Stances", "quotes": "Quotes"}
Scope = tuple[str, str] | None  # ("actor", id) | ("event", id) | ("stance", "actor|issue")


class ExplorerApp(App[int]):
    CSS_PATH = "explorer.tcss"
    AUTO_FOCUS = "#quotes"
    HORIZONTAL_BREAKPOINTS = [(0, "-tiny"), (50, "-narrow"), (100, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-tiny-height"), (14, "-short"), (30, "-tall")]

    BINDINGS = [
        Binding("q", "quit", "Quit", id="app.quit"),
        Binding("question_mark,f1", "help", "Help", key_display="?", id="app.help"),
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
            Binding(str(n), f"focus_pane('{pane}')", PANE_TITLES[pane], show=False, id=f"app.pane_{pane}")
            for n, pane in enumerate(PANES, 1)
        ),
    ]

    def __init__(
        self,
        dossier: Dossier | None = None,
        path: Path | None = None,
        state: UserState | None = None,
        max_bytes: int | None = None,
        fresh: bool = False,
    ) -> None:
        """Open `dossier`, or load and check the file at `path` after the first frame."""
        # NO_COLOR: Textual then greys colours out unless ANSI colour is on, when it drops them all.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.set_class(self.no_color, "-no-color")  # before the first styles are worked out
        self.store: Store | None = None
        self.path = path
        self.max_bytes = max_bytes
        self.state = state or UserState()
        self.filter = Filter()
        self.scope: Scope = None
        self.current: str | None = None
        self.in_view: list[Statement] = []
        self.view: View | None = None
        self.fresh = fresh  # start clean: do not restore the last view
        self.marked: set[str] = set()  # bookmarked statements, as ids in this store
        self._view_timer: Timer | None = None
        self._side_timer: Timer | None = None
        self.refused: Result | None = None  # set when the file at `path` did not validate
        self.skipped: list[tuple[str, Result]] = []  # files of a folder that did not validate
        self.title = "fact-explorer"
        if dossier is not None:
            from ..store import Store

            self._open(Store(dossier))

    def _open(self, store: Store) -> None:
        self.store = store
        self.title = inert(store.dossier.source.headline, keep_newlines=False)

    # -- layout ------------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header(icon="❝")
        yield Static(id="tabs")
        yield Static("The terminal is too small: make it at least 50×14.", id="too-small")
        if self.store is not None:
            yield self._panes()
        else:
            yield Static(Text(inert(f"Loading {self.path}…")), id="loading")
        yield Input(placeholder="Search quotes, names and events — enter to keep, escape to clear", id="search")
        yield Footer()

    @staticmethod
    def _panes() -> Widget:
        from ..widgets.detail import DetailView
        from ..widgets.quotes import QuoteList
        from ..widgets.speakers import SpeakersPane
        from ..widgets.stances import StancesPane
        from ..widgets.timeline import TimelinePane

        quotes = Horizontal(QuoteList(id="quotes"), DetailView(id="detail"), id="quotes-pane", classes="pane")
        right = Vertical(
            TimelinePane(id="timeline", classes="pane"), StancesPane(id="stances", classes="pane"), quotes, id="right"
        )
        return Horizontal(SpeakersPane(id="speakers", classes="pane"), right, id="main")

    def on_mount(self) -> None:
        theme = self.state.get("theme")
        if isinstance(theme, str) and theme in self.available_themes:
            self.theme = theme
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.store is not None:
            self._show_dossier()
        else:
            self.call_after_refresh(self._load)

    def _theme_changed(self, theme) -> None:
        self.state.set("theme", theme.name)  # the default for dossiers not yet opened
        self._save_view_soon()

    @work(thread=True, exclusive=True, group="load")
    def _load(self) -> None:
        """Check the file (or every file of a folder) and build the store off the UI thread; then show
        it, or close and report."""
        from ..reading import DEFAULT_MAX_BYTES
        from ..store import Store
        from ..validation import Result, read_dossier

        max_bytes = self.max_bytes or DEFAULT_MAX_BYTES
        if self.path.is_dir():
            from ..corpus import load_folder, merge

            loaded = load_folder(self.path, max_bytes, progress=self._progress)
            self.skipped = [(str(path), result) for path, result in loaded.skipped]
            if loaded.loaded:
                self.call_from_thread(self._show_loading, "Indexing…")
                result, store = Result(None, []), merge([d for _, d in loaded.loaded], self.path.resolve().name)
            else:
                result, store = loaded.skipped[0][1] if loaded.skipped else Result(None, []), None
        else:
            result = read_dossier(self.path, max_bytes)
            store = Store(result.dossier) if result.dossier is not None else None
        from .. import widgets  # noqa: F401 - the panes' modules load here, not on the UI thread
        from ..widgets import detail, quotes, speakers, stances, timeline  # noqa: F401

        self.call_from_thread(self._loaded, result, store)

    def _progress(self, done: int, total: int) -> None:
        if done == total or done % 25 == 0:
            self.call_from_thread(self._show_loading, f"Loading {done:,} of {total:,} dossiers…", done, total)

    def _show_loading(self, message: str, done: int | None = None, total: int | None = None) -> None:
        self.query_one("#loading", Static).update(Text(inert(message)))
        if done is not None:
            self.sub_title = f"{done * 100 // max(total or 1, 1)}%"

    async def _loaded(self, result: Result, store: Store | None) -> None:
        if store is None:
            self.refused = result
            self.exit(return_code=result.exit_code or 1)
            return
        self._open(store)
        # Everything loaded lives as long as the app: take it out of the collector's rescans, which
        # on a large corpus would otherwise pause typing now and then. (No collection first: loading
        # makes no cyclic garbage, and on a thousand dossiers a collection takes half a second.)
        gc.freeze()
        await self.query_one("#loading").remove()
        await self.mount(self._panes(), before="#search")
        self._show_dossier()
        if self.skipped:
            names = ", ".join(Path(path).name for path, _ in self.skipped[:3])
            more = f" and {len(self.skipped) - 3} more" if len(self.skipped) > 3 else ""
            self.notify(
                f"{names}{more}: listed on the terminal when you quit",
                title=f"Skipped {len(self.skipped)} file(s) that do not validate",
                severity="warning",
                timeout=10,
                markup=False,
            )

    def _show_dossier(self) -> None:
        self._refresh_marks()
        pane = "quotes" if self.fresh else self._restore_view()
        self.refresh_panes()
        self.action_focus_pane(pane)
        self._report_state_warnings()

    # -- memory across sessions: the last view, bookmarks and notes ----------------------------------

    @property
    def dossier_key(self) -> str:
        return self.store.dossier.source.id

    def _restore_view(self) -> str:
        """Filter, search, theme as this dossier was left; returns the pane to focus."""
        view = self.state.view(self.dossier_key)
        known = {g.code for g in self.store.groups()}
        countries = frozenset(c for c in view.get("countries", []) if c in known)
        search = view.get("search") if isinstance(view.get("search"), str) else ""
        self.filter = Filter(countries=countries, text=search)
        if search:
            box = self.query_one("#search", Input)
            with box.prevent(Input.Changed):
                box.value = search
            box.display = True
        if isinstance(view.get("theme"), str) and view["theme"] in self.available_themes:
            self.theme = view["theme"]
        return view.get("pane") if view.get("pane") in PANES else "quotes"

    def _save_view_soon(self) -> None:
        """Remember the view a moment after it settles (not on every keystroke)."""
        if self.store is None or self.fresh:
            return
        if self._view_timer is not None:
            self._view_timer.stop()
        self._view_timer = self.set_timer(VIEW_SAVE_DELAY, self.save_view)

    def save_view(self) -> None:
        # No screens: the app is closing (the debounce timer can fire then); quitting saved it already.
        if self.store is None or self.fresh or not self.screen_stack:
            return
        pane = self._pane_of(self.focused) if self.focused else None
        self.state.set_view(
            self.dossier_key,
            {
                "countries": sorted(self.filter.countries),
                "search": self.filter.text,
                "pane": pane or "quotes",
                "theme": self.theme,
            },
        )
        self._report_state_warnings()

    async def action_quit(self) -> None:
        if self._view_timer is not None:
            self._view_timer.stop()
        self.save_view()
        self.exit()

    def _report_state_warnings(self) -> None:
        for warning in self.state.warnings[self._warned :]:
            self.notify(warning, title="State file", severity="warning", timeout=10, markup=False)
        self._warned = len(self.state.warnings)

    _warned = 0

    def _bookmark_of(self, statement: Statement) -> Bookmark:
        from ..render.describe import attribution

        return Bookmark(
            self.store.source_id_of(statement.id),
            self.store.local_id(statement.id),
            statement.content.exact,
            attribution(self.store, statement),
        )

    def _refresh_marks(self) -> None:
        ids = (self.store.store_id(b.source, b.statement) for b in self.state.bookmarks())
        self.marked = {i for i in ids if i is not None}

    def _show_marks(self) -> None:
        """Redraw what shows bookmarks, keeping the selection."""
        self._refresh_marks()
        if self.view is not None:
            self._show_side_panes(self.view)
        self._show_quotes(move_to_first=False)

    def action_bookmark(self) -> None:
        statement = self._current_statement()
        if statement is None:
            self.notify("Nothing selected to bookmark: pick a quote first.", severity="warning", markup=False)
            return
        added = self.state.toggle_bookmark(self._bookmark_of(statement))
        self._show_marks()
        self.notify(
            ("Bookmarked: " if added else "Bookmark removed: ") + _preview(statement.content.exact), markup=False
        )
        self._report_state_warnings()

    def action_note(self) -> None:
        from ..screens.note_editor import NoteEditor

        statement = self._current_statement()
        if statement is None:
            self.notify("Nothing selected to write a note on: pick a quote first.", severity="warning", markup=False)
            return
        mark = self._bookmark_of(statement)
        known = self.state.bookmark(*mark.key)

        def saved(note: str | None) -> None:
            if note is None:
                return
            self.state.set_note(mark, note)
            self._show_marks()
            self.notify("Note saved; the quote is bookmarked.", markup=False)
            self._report_state_warnings()

        self.push_screen(NoteEditor(statement.content.exact, known.note if known else ""), saved)

    def action_bookmarks(self) -> None:
        from ..screens.bookmarks import BookmarksScreen, Entry

        entries = []
        for b in self.state.bookmarks():
            target = self.store.store_id(b.source, b.statement)
            stale = ""
            if b.source in self.store.sources and target is None:
                stale = "no longer in the dossier"
            elif target is not None and self.store.statement[target].content.exact != b.text:
                stale, target = "its words changed", target
            entries.append(Entry(b, target, stale))
        entries.sort(key=lambda e: (e.target is None, e.bookmark.created))

        def remove(bookmark: Bookmark) -> None:
            self.state.toggle_bookmark(bookmark)
            self._show_marks()

        self.push_screen(BookmarksScreen(entries, remove), self._opened)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While the dossier loads, only quitting, help and the palette work; "/" is a character, not
        the search key, wherever text is being typed."""
        if self.store is None and action not in ("quit", "help", "command_palette"):
            return False
        if action == "search" and isinstance(self.focused, Input | TextArea):
            return False
        return True

    # -- the one place panes are filled -----------------------------------------------------------

    def refresh_panes(self, move_to_first: bool = True, view: View | None = None, typing: bool = False) -> None:
        """Fill every pane from one filtered view of the store (worked out here unless given).

        While the user types on a large corpus, the Quotes pane and the header follow each keystroke,
        and the detail and the other panes follow when typing pauses: each pane costs tens of
        milliseconds to lay out, and a keystroke must not wait for all of them."""
        self.view = view = view or View.of(self.store, self.filter)
        self._show_quotes(move_to_first, detail=not typing)
        self._show_status()
        if self._side_timer is not None:
            self._side_timer.stop()
            self._side_timer = None
        if typing:
            self._side_timer = self.set_timer(SIDE_PANES_DELAY, lambda: self._show_side_panes(view, detail=True))
        else:
            self._show_side_panes(view)

    def _show_side_panes(self, view: View, detail: bool = False) -> None:
        if view is not self.view:
            return
        if detail:
            self._set_current(self.current)
        words, marked = view.filter.words, self.marked
        actors = {self.store.statement[s].actor for s in marked}
        events = self.store.events_citing(marked)
        events |= {self.store.statement[s].when for s in marked if self.store.statement[s].when}
        self.query_one("#speakers").show(self.store, view.actors, words, actors)
        self.query_one("#timeline").show(view.events, words, events)
        self.query_one("#stances").show(self.store, view.stances, words, marked)

    def _scoped(self) -> list[Statement]:
        statements = self.view.statements if self.view.filter == self.filter else self.store.statements(self.filter)
        if self.scope is None:
            return statements
        kind, ident = self.scope
        if kind == "actor":
            return [s for s in statements if s.actor == ident]
        if kind == "event":
            cited = set(self.store.event[ident].evidence) if ident in self.store.event else set()
            return [s for s in statements if s.id in cited or s.when == ident]
        stance = self._scope_stance()
        cited = set(stance.evidence) if stance else set()
        return [s for s in statements if s.id in cited]

    def _scope_label(self) -> str:
        if self.scope is None:
            return "all"
        kind, ident = self.scope
        if kind == "actor":
            return self.store.actor[ident].name
        if kind == "event":
            return self.store.event[ident].title
        actor, issue = ident.split("|", 1)
        return f"{self.store.actor[actor].name} on {self.store.issue[issue].title}"

    def _show_quotes(self, move_to_first: bool, detail: bool = True) -> None:
        """Fill the Quotes pane; the selection moves to the first statement unless told to keep it. The
        detail follows unless `detail` is False (while typing: it follows when typing pauses)."""
        self.in_view = self._scoped()
        # The pane keeps `keep` where it is shown (paging on to reach it), else starts at the first.
        keep = None if move_to_first else self.current
        quotes = self.query_one("#quotes")
        quotes.show(self.store, self.in_view, self.filter.words, keep, self.marked)
        quotes.border_title = Content(inert(f"Quotes — {self._scope_label()}", keep_newlines=False))
        quotes.border_subtitle = f"{len(self.in_view):,} shown"
        if detail:
            self._set_current(quotes.highlighted_id())
        else:
            self.current = quotes.highlighted_id()

    def _set_current(self, statement_id: str | None) -> None:
        self.current = statement_id
        statement = self.store.statement.get(statement_id or "")
        mark = None
        if statement is not None and statement_id in self.marked:
            mark = self.state.bookmark(self.store.source_id_of(statement.id), self.store.local_id(statement.id))
        self.query_one("#detail").show(self.store, statement, self._empty_message(), self._scope_stance(), mark)

    def _scope_stance(self) -> Stance | None:
        if self.scope is None or self.scope[0] != "stance":
            return None
        actor, issue = self.scope[1].split("|", 1)
        return next((st for st in self.store.dossier.stances if (st.actor, st.issue) == (actor, issue)), None)

    def _empty_message(self) -> str:
        if not self.store.dossier.statements:
            return (
                'This dossier has no statements yet: add them to its "statements" list, check it with '
                "fact-explorer validate, and open it again."
            )
        if self.filter.active:
            return "Nothing matches. Press escape to clear the search, then the filter; f picks another country."
        return "No statement is cited here. Press escape to show all quotes."

    def _show_status(self) -> None:
        self.sub_title = inert(self.status_line(), keep_newlines=False)
        self._show_tabs(self._pane_of(self.focused) if self.focused else "quotes")

    def status_line(self) -> str:
        """The active filter and search, always on screen: in the header, and in the tab strip when narrow."""
        parts = []
        if self.filter.countries:
            parts.append("Filter: " + ", ".join(sorted(self.store.group_name(c) for c in self.filter.countries)))
        else:
            parts.append("All countries")
        if self.filter.text.strip():
            parts.append(f"Search “{self.filter.text.strip()}”")
        shown = len(self.view.statements)
        parts.append(f"{shown:,}/{len(self.store.dossier.statements):,} quotes")
        return " · ".join(parts)

    # -- selection flows ----------------------------------------------------------------------------

    def _set_scope(self, scope: Scope) -> None:
        if scope != self.scope:
            self.scope = scope
            self._show_quotes(move_to_first=True)

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        pane, option_id = event.virtual_list.id, event.option.id
        if pane == "quotes":
            # Messages arrive after the list may have been refilled: trust only what is highlighted now.
            highlighted = event.virtual_list.highlighted_id()
            if option_id == highlighted and highlighted != self.current:
                self._set_current(highlighted)
        elif pane in ("speakers", "timeline") and event.virtual_list.has_focus and option_id:
            self._set_scope(("actor" if pane == "speakers" else "event", option_id))

    def on_data_table_cell_highlighted(self, event: Any) -> None:
        if event.data_table.id == "stances" and event.data_table.has_focus:
            self._scope_from_stances()

    def _scope_from_stances(self) -> None:
        cell = self.query_one("#stances").current()
        if cell is None:
            return
        actor, issue = cell
        self._set_scope(("actor", actor) if issue == "actor" else ("stance", f"{actor}|{issue}"))

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        if event.virtual_list.id in ("speakers", "timeline"):
            self.action_focus_pane("quotes")

    def on_data_table_cell_selected(self, event: Any) -> None:
        if event.data_table.id == "stances":
            self.action_focus_pane("quotes")

    def on_descendant_focus(self, event) -> None:
        pane = self._pane_of(event.widget)
        if pane is None:
            return
        for name in PANES:
            self.query_one(f"#{name}-pane" if name == "quotes" else f"#{name}").set_class(name == pane, "-active")
        self.query_one("#main").set_class(pane == "speakers", "-left-active")
        self._show_tabs(pane)
        self._save_view_soon()
        widget = event.widget
        if pane in ("speakers", "timeline") and widget.id == pane and widget.highlighted_id():
            self._set_scope(("actor" if pane == "speakers" else "event", widget.highlighted_id()))
        elif pane == "stances":
            self._scope_from_stances()

    def _pane_of(self, widget: Widget) -> str | None:
        for node in widget.ancestors_with_self:
            if node.id in ("speakers", "timeline", "stances"):
                return node.id
            if node.id == "quotes-pane":
                return "quotes"
        return None

    def _show_tabs(self, active: str | None) -> None:
        tabs = Text()
        for n, pane in enumerate(PANES, 1):
            style = "bold reverse" if pane == active else "dim"
            tabs.append(f" {n} {PANE_TITLES[pane]} ", style=style)
            tabs.append(" ")
        tabs.append(inert(self.status_line(), keep_newlines=False), style="italic")
        self.query_one("#tabs", Static).update(tabs, layout=False)  # one line, always: no layout needed

    # -- actions --------------------------------------------------------------------------------------

    def action_focus_pane(self, pane: str) -> None:
        self.query_one(f"#{pane}").focus()

    def action_cycle_pane(self, step: int) -> None:
        current = self._pane_of(self.focused) if self.focused else None
        index = PANES.index(current) if current in PANES else -1
        self.action_focus_pane(PANES[(index + step) % len(PANES)])

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        # Shown and focused now, not after the keys already queued (as a class change and `focus()`
        # would be), so that the keys typed after "/" go into the box.
        search.display = True
        self.screen.set_focus(search)

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.apply_filter(replace(self.filter, text=event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            self.action_focus_pane("quotes")

    def apply_filter(self, new: Filter) -> None:
        """Apply a filter to every pane; the selection moves to the first visible statement. On a large
        corpus the queries run in a thread, so typing never waits for them."""
        self.filter = new
        if len(self.store.statement) >= THREADED_QUERIES:
            self._query(new)
        else:
            self._show_view(View.of(self.store, new))

    @work(thread=True, exclusive=True, group="query")
    def _query(self, f: Filter) -> None:
        view = View.of(self.store, f)
        view.statements  # noqa: B018 - worked out here, off the UI thread
        self.call_from_thread(self._show_view, view)

    def _show_view(self, view: View) -> None:
        if view.filter != self.filter:  # a newer keystroke's query is on its way
            return
        self.view = view
        self._save_view_soon()
        if self.scope and not self._scope_visible():
            self.scope = None
        # Only a large corpus needs its slow panes to wait for a pause in the typing.
        self.refresh_panes(move_to_first=True, view=view, typing=len(self.store.statement) >= THREADED_QUERIES)

    def _scope_visible(self) -> bool:
        kind, ident = self.scope or ("", "")
        view = self.view or View.of(self.store, self.filter)
        if kind == "actor":
            return any(a.id == ident for a in view.actors)
        if kind == "event":
            return any(e.id == ident for e in view.events)
        actor, issue = ident.split("|", 1)
        return any((st.actor, st.issue) == (actor, issue) for st in view.stances)

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

        self.push_screen(CountryPicker(self.store.groups(), self.filter.countries), self._filter_chosen)

    def _filter_chosen(self, codes: frozenset[str] | None) -> None:
        if codes is not None:
            self.apply_filter(self.filter.with_countries(codes))

    def filter_countries(self, codes: Iterable[str]) -> None:
        self.apply_filter(self.filter.with_countries(codes))

    def action_help(self) -> None:
        from ..screens.help import HelpScreen

        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self):
        from ..screens.country_picker import CountryPicker
        from ..screens.source import SourceScreen
        from ..widgets.common import PaneList
        from ..widgets.stances import StancesPane

        everywhere = [
            *self.BINDINGS,
            Binding("ctrl+p", "command_palette", "Command palette: filter, jump, copy, theme, export"),
        ]
        moving = [
            *PaneList.BINDINGS,
            Binding("up", "", "Move up"),
            Binding("down", "", "Move down"),
            Binding("enter", "", "Open: the selection's quotes; on a quote, the quote in the article"),
            *StancesPane.BINDINGS,
        ]
        return [
            ("Everywhere", everywhere),
            ("In a pane", moving),
            ("Source view (s)", SourceScreen.BINDINGS),
            ("Country picker (f)", CountryPicker.BINDINGS),
        ]

    def action_source(self) -> None:
        """The article of the current statement (in a corpus, of the first in view)."""
        from ..screens.source import SourceScreen

        anchor = self.current or (self.in_view[0].id if self.in_view else None)
        source = self.store.source_of(anchor) if anchor else self.store.dossier.source
        if not source.text or source.id.startswith("corpus:"):
            self.notify("No article to show: nothing is selected.", severity="warning", markup=False)
            return
        statements = [s for s in self.store.dossier.statements if self.store.source_id_of(s.id) == source.id]
        self.push_screen(SourceScreen(source, statements, self.store.spans_in(source.id), self.current), self._opened)

    def _opened(self, statement_id: str | None) -> None:
        if statement_id is None:
            return
        if statement_id not in {s.id for s in self._scoped()}:
            self.scope = None
            self.filter = Filter()
            self.query_one("#search", Input).value = ""
            self.refresh_panes()
        self.current = statement_id
        self._show_quotes(move_to_first=False)  # shows as many as it takes to reach the statement
        self.query_one("#quotes").focus()

    # -- copy -----------------------------------------------------------------------------------------

    def _current_statement(self) -> Statement | None:
        return self.store.statement.get(self.current or "")

    def action_copy(self) -> None:
        statement = self._current_statement()
        self._copy(statement.content.exact if statement else None, "quote")

    def action_copy_cited(self) -> None:
        from ..render.describe import attribution

        statement = self._current_statement()
        self._copy(attribution(self.store, statement) if statement else None, "quote with attribution")

    def _copy(self, text: str | None, what: str) -> None:
        if text is None:
            self.notify("Nothing selected to copy: pick a quote first.", severity="warning", markup=False)
            return
        self.copy_to_clipboard(text)
        tool = copy_to_system(text)
        via = "terminal (OSC 52)" + (f" and {tool}" if tool else "")
        preview = _preview(text)
        self.notify(f"{preview}\n{len(text)} characters via {via}", title=f"Copied {what}", markup=False)

    # -- command palette ------------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        # `screen` is the screen the palette was opened from (while it is open, `self.screen` is the
        # palette itself): offer these on the main screen only.
        if self.store is None or screen is not self.screen_stack[0] or screen.is_modal:
            return
        from ..render.inert import markup_escape  # the palette reads titles and help as markup

        yield SystemCommand("Copy quote", "Copy the selected quote verbatim (c)", self.action_copy)
        yield SystemCommand("Copy with attribution", "Copy the quote with its citation (C)", self.action_copy_cited)
        yield SystemCommand("Source view", "The whole article with every quote highlighted (s)", self.action_source)
        yield SystemCommand("Export view as Markdown", "Write the quotes in view to a .md file", self.export_markdown)
        yield SystemCommand("Clear filter", "Show every country and organisation", lambda: self.apply_filter(Filter()))
        for group in self.store.groups():
            yield SystemCommand(
                markup_escape(inert(f"Filter: {group.name} ({group.code})", keep_newlines=False)),
                markup_escape(f"Show only {group.kind} {group.code}"),
                lambda code=group.code: self.filter_countries({code}),
                discover=False,
            )
        for actor in self.store.dossier.actors:
            yield SystemCommand(
                markup_escape(inert(f"Jump to: {actor.name}", keep_newlines=False)),
                markup_escape(inert(actor.role or actor.kind, keep_newlines=False)),
                lambda actor_id=actor.id: self.jump_to_actor(actor_id),
                discover=False,
            )

    def jump_to_actor(self, actor_id: str) -> None:
        if actor_id not in {a.id for a in self.store.actors(self.filter)}:
            self.apply_filter(Filter())
        speakers = self.query_one("#speakers")
        speakers.focus()
        speakers.highlight_id(actor_id)
        self._set_scope(("actor", actor_id))

    def export_markdown(self) -> Path | None:
        from ..render.export import quotes_markdown

        name = f"fact-explorer-{self.store.dossier.source.id.replace(':', '-')}"
        text = quotes_markdown(self.store, self.in_view)
        try:
            for n in range(1, 1000):
                path = Path.cwd() / (f"{name}.md" if n == 1 else f"{name}-{n}.md")
                try:
                    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite a file the user has
                        handle.write(text)
                    break
                except FileExistsError:
                    continue
        except OSError as exc:
            self.notify(f"Could not write {path}: {exc.strerror}", severity="error", markup=False)
            return None
        self.notify(f"{len(self.in_view)} quotes written to {path}", title="Exported", markup=False)
        return path


def _preview(text: str, width: int = 60) -> str:
    return inert(text if len(text) <= width else text[: width - 1] + "…", keep_newlines=False)
