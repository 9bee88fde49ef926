"""The Stances pane: the matrix of actors by issue; each cell a symbol and a label, so it reads without colour."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.widgets import DataTable

from ..model import Stance
from ..render.describe import stance_cell
from ..store import Store
from .common import PAGE, literal

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

    def __init__(self, **kwargs) -> None:
        super().__init__(cursor_type="cell", zebra_stripes=True, **kwargs)

    def show(self, store: Store, stances: list[Stance], words: list[str]) -> None:
        keep = self.current()
        self.clear(columns=True)
        issues = [i for i in store.dossier.issues if any(st.issue == i.id for st in stances)]
        self.add_column("Actor", key="actor")
        for issue in issues:
            self.add_column(literal(issue.title, "bold"), key=issue.id)
        for actor_id in list(dict.fromkeys(st.actor for st in stances))[:PAGE]:
            cells: dict[str, Text] = {}
            for st in stances:
                if st.actor == actor_id:
                    _, polarity = store.position_label(st)
                    cells[st.issue] = literal(stance_cell(store, st), POLARITY_STYLES.get(polarity, ""), words)
            name = store.actor[actor_id].name if actor_id in store.actor else actor_id
            self.add_row(
                literal(name, "bold", words), *(cells.get(i.id, Text("·", "dim")) for i in issues), key=actor_id
            )
        self.border_subtitle = f"{len(stances)} stances"
        if keep and keep[0] in {st.actor for st in stances}:
            row = self.get_row_index(keep[0])
            column = self.get_column_index(keep[1]) if keep[1] in {i.id for i in issues} else 1
            self.move_cursor(row=row, column=column)
        elif issues:
            self.move_cursor(row=0, column=1)

    def current(self) -> tuple[str, str] | None:
        """(actor, issue) under the cursor, or None."""
        if self.row_count == 0:
            return None
        try:
            cell = self.coordinate_to_cell_key(self.cursor_coordinate)
        except Exception:  # the cursor is outside a table that just shrank
            return None
        return str(cell.row_key.value), str(cell.column_key.value)
