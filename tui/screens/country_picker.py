"""The country picker: type to narrow, enter to apply, tab into the list and space to pick several."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from ..store import Group
from ..widgets.common import literal
from ..widgets.ordered_input import OrderedInput


class CountryPicker(ModalScreen[frozenset[str] | None]):
    """Dismisses with the chosen codes (empty: no filter), or None when cancelled."""

    DEFAULT_CSS = """
    CountryPicker { align: center middle; }
    #picker-box { width: 64; max-width: 90%; height: 70%; border: round $accent; background: $surface; }
    #picker-list { height: 1fr; }
    #picker-hint { color: $text-muted; height: auto; }
    #picker-chosen { height: auto; }
    """

    AUTO_FOCUS = "#picker-input"
    BINDINGS = [
        Binding("escape", "cancel", "Cancel", id="picker.cancel"),
        Binding("enter", "apply", "Apply", priority=True, id="picker.apply"),
    ]

    def __init__(self, groups: list[Group], chosen: frozenset[str]) -> None:
        super().__init__()
        self.groups = groups
        self.chosen = set(chosen)
        self.touched = False  # whether the user toggled anything here

    def compose(self) -> ComposeResult:
        with Vertical(id="picker-box") as box:
            box.border_title = "Filter by country or organisation"
            yield OrderedInput(placeholder="Type a name or code…", id="picker-input")
            yield SelectionList[str](id="picker-list")
            yield Static(id="picker-chosen")
            yield Static("enter apply · tab to the list, space to pick several · escape cancel", id="picker-hint")

    def on_mount(self) -> None:
        self.refill("")
        self._show_chosen()

    def refill(self, text: str) -> None:
        needle = text.strip().casefold()
        listing = self.query_one(SelectionList)
        listing.clear_options()
        for group in self.groups:
            if needle and needle not in group.name.casefold() and needle not in group.code.casefold():
                continue
            kind = "organisation" if group.kind == "organisation" else "country"
            prompt = literal(f"{group.name} ({group.code})", "bold")
            prompt.append(f"  {kind}, {len(group.actors)} actor(s)", style="dim")
            listing.add_option(Selection(prompt, group.code, group.code in self.chosen))
        if listing.option_count:
            listing.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self.refill(event.value)

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled) -> None:
        code = event.selection.value
        self.chosen.symmetric_difference_update({code})
        self.touched = True
        self._show_chosen()

    def _show_chosen(self) -> None:
        """What enter will apply once something is toggled: the chosen codes, or no filter."""
        names = {group.code: group.name for group in self.groups}
        chosen = ", ".join(sorted(f"{names.get(code, code)} ({code})" for code in self.chosen))
        self.query_one("#picker-chosen", Static).update(literal(f"Chosen: {chosen}" if chosen else "Chosen: none"))

    def action_apply(self) -> None:
        listing = self.query_one(SelectionList)
        if self.touched:
            self.dismiss(frozenset(self.chosen))
        elif listing.highlighted is not None:
            self.dismiss(frozenset({listing.get_option_at_index(listing.highlighted).value}))
        else:
            self.notify("Nothing matches; edit the text or press escape", severity="warning", markup=False)

    def action_cancel(self) -> None:
        self.dismiss(None)
