"""The Stances pane: the matrix of actors by issue; each cell a symbol and a label, so it reads without colour."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from ..app.selection import ActorRef, StanceRef, View
from ..render.describe import stance_cell
from .common import MARK, PaneHighlighted, count, draft_mark, literal
from .paging import MORE, PAGE, Pager

POLARITY_STYLES = {"FAVOR": "green", "AGAINST": "red", "NONE": "dim"}


class StancesPane(DataTable):
    BORDER_TITLE = "Stances"
    BINDINGS = [
        Binding("j", "cursor_down", "Move down", show=False, id="stances.down"),
        Binding("k", "cursor_up", "Move up", show=False, id="stances.up"),
        Binding("h", "cursor_left", "Move left", show=False, id="stances.left"),
        Binding("l", "cursor_right", "Move right", show=False, id="stances.right"),
        Binding("g", "scroll_top", "Top", show=False, id="stances.top"),
        Binding("G", "scroll_bottom", "Bottom", show=False, id="stances.bottom"),
    ]

    class StanceHighlighted(PaneHighlighted):
        """The cursor is on a stance (`ref` a StanceRef) or on an actor's name (an ActorRef)."""

    # While curating, every actor the filter shows gets a row, so that an empty cell can be given a
    # stance (`e`): a draft has none, and a matrix of only the actors with stances would be empty.
    every_actor = False

    def __init__(self, **kwargs) -> None:
        # The names stay put when a matrix wider than the pane scrolls sideways to the cursor.
        super().__init__(cursor_type="cell", zebra_stripes=True, fixed_columns=1, **kwargs)
        self.pager = Pager()
        self._view: View | None = None
        self._shown: tuple[object, ...] | None = None
        self._columns: list[str] | None = None

    def show(self, view: View) -> None:
        """The view's stances, a page of actors at a time; bookmarked evidence marks a cell."""
        store, stances, words, marked = view.store, view.results.stances, view.words, view.marked
        same = self.pager.track(stances)
        # Every issue is a column whatever the filter, so the matrix keeps its shape (and DataTable
        # keeps its column widths right: rebuilding columns on each keystroke left them stale).
        issues = list(store.dossier.issues)
        others = [a.id for a in view.results.actors] if self.every_actor else []
        shown = (words, marked, self.pager.limit, tuple(i.id for i in issues), tuple(others))
        if same and shown == self._shown:
            return  # unchanged: keep the table, and the cursor where it is
        self._shown, self._view = shown, view
        keep = self.current()
        if self._columns != [i.id for i in issues]:
            self.clear(columns=True)
            self.add_column("Actor", key="actor")
            for issue in issues:
                self.add_column(literal(issue.title, "bold"), key=issue.id)
            self._columns = [i.id for i in issues]
        else:
            self.clear()
        limit = self.pager.limit
        by_actor: dict[str, dict[str, Text]] = {}
        for st in stances:
            if st.actor in by_actor or len(by_actor) < limit:
                _, polarity = store.position_label(st)
                mark = MARK if not marked.keys().isdisjoint(st.evidence) else ""
                cell = draft_mark(st) + literal(mark + stance_cell(store, st), POLARITY_STYLES.get(polarity, ""), words)
                by_actor.setdefault(st.actor, {})[st.issue] = cell
        for actor_id in others:
            if len(by_actor) < limit:
                by_actor.setdefault(actor_id, {})
        for actor_id, cells in by_actor.items():
            name = store.actor[actor_id].name if actor_id in store.actor else actor_id
            row = [literal(name, "bold", words), *(cells.get(i.id, Text("·", "dim")) for i in issues)]
            self.add_row(*row, key=actor_id)
        actors = len({st.actor for st in stances} | set(others))
        if self.pager.cut(actors):
            hint = [Text(f"↓ shows {min(PAGE, actors - limit)} more", "italic")] if issues else []
            blank = [Text("") for _ in issues[1:]]
            self.add_row(Text(f"… {actors - limit:,} more actors", "italic"), *hint, *blank, key=MORE)
        # Rows drawn before the table measured its new columns (it measures when idle) are cached at
        # the old widths: seen after restoring journalled edits under the restore prompt, names cut
        # to the width of "Actor". Dropping the drawn rows once the frame is out redraws them.
        self.call_after_refresh(self.notify_style_update)
        cut = f", first {limit} of {actors:,} actors" if self.pager.cut(actors) else ""
        self.border_subtitle = count(len(stances), "stance") + cut
        if keep and keep[0] in by_actor:
            column = self.get_column_index(keep[1]) if keep[1] in {i.id for i in issues} else 1
            self.move_cursor(row=self.get_row_index(keep[0]), column=column)
        elif issues:
            self.move_cursor(row=0, column=1)

    def on_data_table_cell_highlighted(self, event: DataTable.CellHighlighted) -> None:
        event.stop()  # the pane says what it means instead
        if event.cell_key.row_key.value == MORE:  # not an actor: show more
            row, column = event.coordinate
            self.pager.more()
            if self._view is not None:
                self.show(self._view)
            self.move_cursor(row=row, column=max(column, 1))
        elif self.has_focus and (ref := self.selection()) is not None:
            self.post_message(self.StanceHighlighted(self, ref))

    def action_scroll_bottom(self) -> None:
        """The last actor shown (as in the lists): the row that shows more is reached by moving down."""
        more = self.row_count > self.pager.limit
        self.move_cursor(row=max(self.row_count - 1 - more, 0))

    def on_data_table_cell_selected(self, event: DataTable.CellSelected) -> None:
        if event.cell_key.row_key.value == MORE:
            event.stop()

    def selection(self) -> ActorRef | StanceRef | None:
        """The stance under the cursor, or the actor when it is on a name."""
        cell = self.current()
        if cell is None:
            return None
        actor, issue = cell
        return ActorRef(actor) if issue == "actor" else StanceRef(actor, issue)

    def current(self) -> tuple[str, str] | None:
        """(actor, issue) under the cursor, or None."""
        if self.row_count == 0:
            return None
        try:
            cell = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:  # the cursor is outside a table that just shrank
            return None
        if cell.row_key.value == MORE:
            return None
        return str(cell.row_key.value), str(cell.column_key.value)
