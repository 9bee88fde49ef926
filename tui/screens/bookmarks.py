"""The bookmarks: every bookmark with its note; enter jumps to it, d removes it.

A bookmark whose statement has gone from the dossier, or whose words changed, is shown as stale with
the text it had, never dropped."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..userstate import Bookmark
from ..widgets.common import literal


@dataclass(frozen=True)
class Entry:
    bookmark: Bookmark
    target: str | None  # the statement's id in the open dossier; None when it is not here
    stale: str = ""  # why it is stale, if it is

    @property
    def label(self) -> Text:
        b = self.bookmark
        out = Text("★ ", style="bold")
        if self.stale:
            out.append(f"[stale: {self.stale}] ", style="bold reverse")
        elif self.target is None:
            out.append(f"[in {b.source}] ", style="dim")
        if self.target is not None and not self.stale:
            # Today's citation (tui.render.cite): reported speech is never shown in quotation marks.
            out.append_text(literal(b.citation))
        else:
            out.append_text(literal(f"“{b.text}”"))
            out.append("\n  ")
            out.append_text(literal(b.citation.split("” — ", 1)[-1] if "” — " in b.citation else b.citation, "dim"))
        if b.note:
            out.append("\n  ")
            out.append_text(literal("Note: " + b.note.replace("\n", " / "), "italic"))
        return out


class BookmarksScreen(ModalScreen[str | None]):
    """Dismisses with the id of the statement to jump to, or None."""

    DEFAULT_CSS = """
    BookmarksScreen { align: center middle; }
    #bookmarks-box { width: 100; max-width: 95%; height: 80%; border: round $accent; background: $surface; }
    #bookmark-list { height: 1fr; }
    #bookmarks-hint { color: $text-muted; height: 1; }
    """

    AUTO_FOCUS = "#bookmark-list"
    BINDINGS = [
        Binding("escape,B,q", "dismiss(None)", "Close", id="bookmarks.close"),
        Binding("d", "remove", "Remove bookmark", id="bookmarks.remove"),
        Binding("u", "undo", "Undo remove", id="bookmarks.undo"),
        Binding("j", "cursor('down')", "Move down", show=False, id="bookmarks.down"),
        Binding("k", "cursor('up')", "Move up", show=False, id="bookmarks.up"),
    ]

    def __init__(self, entries: list[Entry], change: Callable[[Bookmark, bool], None]) -> None:
        super().__init__()
        self.entries = entries
        self.change = change  # change(bookmark, keep): remove it from the state file, or put it back
        self.removed: list[tuple[int, Entry]] = []  # what `u` puts back, last first

    def compose(self) -> ComposeResult:
        with Vertical(id="bookmarks-box") as box:
            box.border_title = f"Bookmarks ({len(self.entries)})"
            yield OptionList(id="bookmark-list")
            yield Static("enter jump · d remove · u undo remove · escape close", id="bookmarks-hint")

    def on_mount(self) -> None:
        self._fill()

    def _fill(self) -> None:
        listing = self.query_one(OptionList)
        listing.set_options(
            [Option(e.label, id=str(n)) for n, e in enumerate(self.entries)]
            or [Option(Text("No bookmarks yet: press b on a quote to keep it here.", style="dim"), disabled=True)]
        )
        if self.entries:
            listing.highlighted = 0

    def _entry(self) -> Entry | None:
        listing = self.query_one(OptionList)
        if listing.highlighted is None or not self.entries:
            return None
        return self.entries[listing.highlighted]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        entry = self.entries[int(event.option.id or 0)]
        if entry.target is None:
            self.notify("That statement is not in the open dossier.", severity="warning", markup=False)
            return
        self.dismiss(entry.target)

    def action_cursor(self, direction: str) -> None:
        listing = self.query_one(OptionList)
        listing.action_cursor_down() if direction == "down" else listing.action_cursor_up()

    def action_remove(self) -> None:
        entry = self._entry()
        if entry is None:
            return
        self.change(entry.bookmark, False)
        self.removed.append((self.entries.index(entry), entry))
        self.entries.remove(entry)
        self._refill()
        note = " and its note" if entry.bookmark.note else ""
        self.notify(f"Removed the bookmark{note}: u to undo", markup=False)

    def action_undo(self) -> None:
        """Put back the last bookmark removed here, with its note."""
        if not self.removed:
            self.notify("Nothing to undo.", markup=False)
            return
        at, entry = self.removed.pop()
        self.change(entry.bookmark, True)
        self.entries.insert(at, entry)
        self._refill()
        self.query_one(OptionList).highlighted = at
        self.notify("Bookmark restored.", markup=False)

    def _refill(self) -> None:
        self.query_one(Vertical).border_title = f"Bookmarks ({len(self.entries)})"
        self._fill()
