"""The help screen: every binding of the app and its panes, generated from the bindings themselves."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

INTRO = (
    "fact-explorer shows who said what, when, and where they stand, in one news story. "
    "Every quote is anchored to the article's exact characters; every date says how it was worked out."
)


KEY_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "escape": "esc",
    "f1": "F1",
    "up": "↑",
    "down": "↓",
    "left": "←",
    "right": "→",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "left_parenthesis": "(",
    "right_parenthesis": ")",
    "plus": "+",
    "minus": "-",
}


def keys_of(binding: Binding) -> list[str]:
    return [KEY_NAMES.get(key.strip(), key.strip()) for key in binding.key.split(",")]


def bindings_table(sections: list[tuple[str, list[Binding]]]) -> Group:
    """One grid per section under its title, the title on a line of its own (a long one would widen the keys'
    column and squeeze the descriptions), the keys' column as wide in every section so they line up."""
    rows: list[list[tuple[str, str]]] = []
    for _, bindings in sections:
        section_rows: list[tuple[str, str]] = []
        seen: set[str] = set()
        for binding in bindings:
            if binding.description in seen or not binding.description:
                continue
            seen.add(binding.description)
            # Every key of every binding with this description, named once each: "?, F1", "j, ↓".
            names = [name for b in bindings if b.description == binding.description for name in keys_of(b)]
            section_rows.append((", ".join(dict.fromkeys(names)), binding.description))
        rows.append(section_rows)
    width = max((len(keys) for section_rows in rows for keys, _ in section_rows), default=1)
    parts: list[RenderableType] = []
    for (name, _), section_rows in zip(sections, rows, strict=True):
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=width)
        table.add_column()
        for keys, description in section_rows:
            table.add_row(Text(keys), Text(description))
        parts += [Text(name, style="bold underline"), table, Text("")]
    return Group(*parts)


class HelpScreen(ModalScreen[None]):
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    #help-box { width: 80%; max-width: 100; height: 80%; border: round $accent; padding: 0 1; background: $surface; }
    #help-intro { margin-bottom: 1; }
    """
    AUTO_FOCUS = "#help-box"
    BINDINGS = [
        Binding("escape,q,question_mark,f1", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False, id="help.down"),
        Binding("k,up", "scroll('up')", "Scroll up", show=False, id="help.up"),
    ]

    def __init__(self, sections: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.sections = sections

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Help — escape to close"
            yield Static(Text(INTRO, style="italic"), id="help-intro")
            yield Static(bindings_table(self.sections), id="help-keys")

    def action_scroll(self, direction: str) -> None:
        box = self.query_one("#help-box", VerticalScroll)
        box.scroll_down() if direction == "down" else box.scroll_up()
