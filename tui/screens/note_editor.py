"""The note editor: a multi-line note on one statement; ctrl+s saves, escape cancels."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static, TextArea

from ..render.inert import inert


class NoteEditor(ModalScreen[str | None]):
    """Dismisses with the note's text, or None when cancelled."""

    DEFAULT_CSS = """
    NoteEditor { align: center middle; }
    #note-box { width: 80; max-width: 95%; height: 20; border: round $accent; background: $surface; }
    #note-quote { color: $text-muted; height: auto; max-height: 4; }
    #note-text { height: 1fr; }
    #note-hint { color: $text-muted; height: 1; }
    """

    AUTO_FOCUS = "#note-text"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save note", priority=True, id="note.save"),
        Binding("escape", "cancel", "Cancel", priority=True, id="note.cancel"),
    ]

    def __init__(self, quote: str, note: str) -> None:
        super().__init__()
        self.quote = quote
        self.note = note

    def compose(self) -> ComposeResult:
        with Vertical(id="note-box") as box:
            box.border_title = "Note"
            clipped = self.quote if len(self.quote) <= 200 else self.quote[:199] + "…"
            yield Static(Content(inert(f"“{clipped}”", keep_newlines=False)), id="note-quote")
            yield TextArea(self.note, id="note-text", soft_wrap=True, show_line_numbers=False)
            yield Static("ctrl+s save · escape cancel", id="note-hint")

    def action_save(self) -> None:
        self.dismiss(self.query_one(TextArea).text)

    def action_cancel(self) -> None:
        self.dismiss(None)
