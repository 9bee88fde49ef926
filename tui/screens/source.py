"""The source view: the whole article, every anchored span highlighted; enter on a quote opens it."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from ..render.inert import HIDDEN, inert
from ..widgets.common import title

if TYPE_CHECKING:
    from ..model import Source, Span, Statement

STATEMENT_STYLE = "underline"
CURRENT_STYLE = "bold reverse"
OTHER_STYLE = "italic"  # cues, dates, figures and notes


class SourceScreen(ModalScreen[str | None]):
    """Dismisses with the id of the statement to open, or None."""

    DEFAULT_CSS = """
    SourceScreen { background: $background; }
    #source-box { border: round $accent; padding: 0 1; }
    .paragraph { margin-bottom: 1; }
    .paragraph.-blank { display: none; }  /* an empty line between paragraphs: the margin is enough */
    """

    AUTO_FOCUS = "#source-box"
    BINDINGS = [
        Binding("escape,s,q", "dismiss(None)", "Back", id="source.close"),
        Binding("j,down,n,tab", "move(1)", "Next quote", id="source.next"),
        Binding("k,up,p,shift+tab", "move(-1)", "Previous quote", id="source.previous"),
        Binding("enter", "open", "Open quote", id="source.open"),
    ]

    def __init__(self, source: Source, statements: list[Statement], others: list[Span], current: str | None) -> None:
        """`statements` are the article's, `others` its other anchored spans (cues, dates, figures)."""
        super().__init__()
        self.text = source.text
        self.headline = source.headline
        self.statements = sorted(statements, key=lambda s: s.content.start)
        ids = [s.id for s in self.statements]
        self.index = ids.index(current) if current in ids else 0
        self.others = others
        starts, offset = [], 0
        for line in self.text.split("\n"):
            starts.append(offset)
            offset += len(line) + 1
        self.paragraph_starts = starts
        self.places: dict[int, list[int]] = {}  # by paragraph: where each character is shown (`shown`)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="source-box") as box:
            box.border_title = title("Source — " + self.headline)  # literal: a str title is read as markup
            box.border_subtitle = f"{len(self.statements)} quotes anchored"
            for n in range(len(self.paragraph_starts)):
                lo, hi = self.paragraph_span(n)
                yield Static(id=f"para-{n}", classes="paragraph" + " -blank" * (not self.text[lo:hi].strip()))
        yield Footer()

    def on_mount(self) -> None:
        for n in range(len(self.paragraph_starts)):
            self._paint(n)
        # Scrolled to the quote once the paragraphs are laid out: before that they have no place.
        self.call_after_refresh(self._reveal)

    def _paragraph_of(self, offset: int) -> int:
        return max(n for n, start in enumerate(self.paragraph_starts) if start <= offset)

    def paragraph_span(self, n: int) -> tuple[int, int]:
        """Where paragraph `n` lies in the article (its line break excluded)."""
        lo = self.paragraph_starts[n]
        return lo, self.paragraph_starts[n + 1] - 1 if n + 1 < len(self.paragraph_starts) else len(self.text)

    def _paint(self, n: int) -> None:
        lo, hi = self.paragraph_span(n)
        out, places = shown(self.text[lo:hi])
        self.places[n] = places

        def stylize(style: str, start: int, end: int) -> None:
            """`style` over the article's [start, end), as far as it lies in this paragraph."""
            if start < max(hi, lo + 1) and end > lo:
                out.stylize(style, places[max(start, lo) - lo], places[min(end, hi) - lo])

        for span in self.others:
            stylize(OTHER_STYLE, span.start, span.end)
        for i, s in enumerate(self.statements):
            stylize(CURRENT_STYLE if i == self.index else STATEMENT_STYLE, s.content.start, s.content.end)
        self.decorate(stylize)
        self.query_one(f"#para-{n}", Static).update(out)

    def decorate(self, stylize: Callable[[str, int, int], None]) -> None:
        """More styles over a paragraph (`stylize(style, start, end)` in article offsets): the curating
        view's cursor and selection."""

    def _reveal(self) -> None:
        if self.statements:
            para = self.query_one(f"#para-{self._paragraph_of(self.statements[self.index].content.start)}")
            self.query_one("#source-box", VerticalScroll).scroll_to_widget(para, animate=False, top=True)

    def action_move(self, step: int) -> None:
        if not self.statements:
            return
        old = self._paragraph_of(self.statements[self.index].content.start)
        self.index = (self.index + step) % len(self.statements)
        new = self._paragraph_of(self.statements[self.index].content.start)
        for n in {old, new}:
            self._paint(n)
        self._reveal()

    def action_open(self) -> None:
        self.dismiss(self.statements[self.index].id if self.statements else None)

    @property
    def current_statement(self) -> str | None:
        return self.statements[self.index].id if self.statements else None


def shown(text: str) -> tuple[Text, list[int]]:
    """`text` as shown (inert: a hidden character becomes a visible ⟨U+XXXX⟩, longer than itself) and,
    for each of its characters and its end, where it is shown: styles and mouse positions go through
    this so that they stay on the right words after such a character."""
    places, at = [], 0
    for ch in text:
        places.append(at)
        at += len(inert(ch)) if HIDDEN.match(ch) else 1
    places.append(at)
    return Text(inert(text)), places
