"""The source view for curating: a cursor moved by character, word, sentence and line, a selection
snapped to whole words, and `a` on a selection to make a statement or event of it, or to re-anchor the
current statement. Offsets, `exact`, prefix and suffix are worked out by the tool, never typed."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from textual import events
from textual.binding import Binding

from ..curate.spans import Cursor
from .prompts import Ask
from .source import SourceScreen

CURSOR_STYLE = "reverse"
SELECTION_STYLE = "reverse underline"  # underlined as well, so it reads without colour


@dataclass(frozen=True)
class SpanChosen:
    """What to make of the selected words: `what` is one of ANSWERS' values."""

    what: str
    start: int
    end: int


ANSWERS = {
    "s": ("new statement", "statement"),
    "e": ("new dated event", "event"),
    "c": ("re-anchor the current statement's content", "content"),
    "u": ("re-anchor its cue", "cue"),
    "n": ("re-anchor the words naming its speaker", "source"),
}


class CurateSourceScreen(SourceScreen):
    """Dismisses with a statement id (enter on a quote), a `SpanChosen`, or None."""

    inherit_bindings = False  # the arrows move the cursor here, not from quote to quote
    BINDINGS = [
        Binding("escape,s,q", "dismiss(None)", "Back", id="source.close"),
        Binding("j,n,tab", "move(1)", "Next quote", id="source.next"),
        Binding("k,p,shift+tab", "move(-1)", "Previous quote", id="source.previous"),
        Binding("enter", "open", "Open quote", id="source.open"),
        Binding("left", "cursor('left')", "Left", show=False, priority=True, id="source.left"),
        Binding("right", "cursor('right')", "Right", show=False, priority=True, id="source.right"),
        Binding("down", "cursor('line')", "Next line", show=False, priority=True, id="source.line_down"),
        Binding("up", "cursor('line_back')", "Previous line", show=False, priority=True, id="source.line_up"),
        Binding("w", "cursor('word')", "Word", id="source.word"),
        Binding("b", "cursor('back')", "Word back", show=False, id="source.word_back"),
        Binding("right_parenthesis", "cursor('sentence')", "Sentence", key_display=")", id="source.sentence"),
        Binding(
            "left_parenthesis",
            "cursor('sentence_back')",
            "Sentence back",
            key_display="(",
            show=False,
            id="source.sentence_back",
        ),
        Binding("v", "select", "Select", id="source.select"),
        Binding("plus", "grow", "Grow", key_display="+", id="source.grow"),
        Binding("minus", "shrink", "Shrink", key_display="-", id="source.shrink"),
        Binding("a", "use", "Use selection", id="source.use"),
    ]

    # The mouse makes this view's own selection (snapped to words, used by `a`), not Textual's
    # screen-wide one, which would draw a second selection that `a` knows nothing of.
    ALLOW_SELECT = False

    def __init__(self, *args, cursor_at: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.cursor = Cursor(self.text, cursor_at)
        self._painted: set[int] = set()
        self._drag_from: int | None = None  # where the mouse button went down, while it is held

    def on_mount(self) -> None:
        super().on_mount()
        self._repaint_cursor()

    def decorate(self, stylize) -> None:
        """The selection and the cursor."""
        span = self.cursor.selection()
        if span is not None:
            stylize(SELECTION_STYLE, *span)
        stylize(CURSOR_STYLE, self.cursor.pos, self.cursor.pos + 1)

    # -- the mouse: a click places the cursor, a drag selects, a double click selects the word -----------

    def offset_at(self, screen_x: int, screen_y: int) -> int | None:
        """The article offset of the character shown at a screen position (None off the text): Textual
        marks each rendered piece of text with its place in the line it came from."""
        widget, offset = self.get_widget_and_offset_at(screen_x, screen_y)
        name = (widget.id or "") if widget is not None else ""
        if offset is None or not name.startswith("para-"):
            return None
        n = int(name.removeprefix("para-"))
        lo, hi = self.paragraph_span(n)
        if hi == lo:
            return lo
        return lo + min(bisect_right(self.places[n], offset.x) - 1, hi - lo - 1)

    def on_mouse_down(self, event: events.MouseDown) -> None:
        pos = self.offset_at(event.screen_x, event.screen_y)
        if pos is None:
            return
        self.cursor.pos, self.cursor.anchor = pos, None
        self._drag_from = pos
        self.capture_mouse()
        self._repaint_cursor(reveal=False)

    def on_mouse_move(self, event: events.MouseMove) -> None:
        self._drag_to(event)

    def on_mouse_up(self, event: events.MouseUp) -> None:
        if self._drag_from is not None:
            self._drag_to(event)
            self._drag_from = None
            self.release_mouse()

    def _drag_to(self, event: events.MouseEvent) -> None:
        """With the button held, the selection runs from where it went down to the character under it
        (snapped to words, as with `v`); back where it started, there is none."""
        pos = self.offset_at(event.screen_x, event.screen_y) if self._drag_from is not None else None
        if pos is not None and pos != self.cursor.pos:
            self.cursor.pos = pos
            self.cursor.anchor = self._drag_from if pos != self._drag_from else None
            self._repaint_cursor(reveal=False)

    def on_click(self, event: events.Click) -> None:
        if event.chain == 2 and (pos := self.offset_at(event.screen_x, event.screen_y)) is not None:
            self.cursor.pos = self.cursor.anchor = pos  # a one-character selection: snapped, its word
            self._repaint_cursor(reveal=False)

    def _repaint_cursor(self, reveal: bool = True) -> None:
        span = self.cursor.selection()
        now = {self._paragraph_of(self.cursor.pos)}
        if span is not None:
            now |= set(range(self._paragraph_of(span[0]), self._paragraph_of(max(span[0], span[1] - 1)) + 1))
        for n in now | self._painted:
            self._paint(n)
        self._painted = now
        if reveal:  # the mouse moves only over what is shown: scrolling under it would move the text
            para = self.query_one(f"#para-{self._paragraph_of(self.cursor.pos)}")
            self.query_one("#source-box").scroll_to_widget(para, animate=False)
        self.query_one("#source-box").border_subtitle = self._where()

    def _where(self) -> str:
        span = self.cursor.selection()
        if span is None:
            hint = "v starts a selection" if self.cursor.anchor is None else "no words selected yet"
            return f"cursor at {self.cursor.pos} · {hint}"
        words = " ".join(self.text[span[0] : span[1]].split())
        clipped = words if len(words) <= 40 else words[:39] + "…"
        return f"selected {span[0]}–{span[1]}: “{clipped}” · a uses it"

    def action_cursor(self, how: str) -> None:
        self.cursor.move(how)
        self._repaint_cursor()

    def action_select(self) -> None:
        self.cursor.toggle()
        self._repaint_cursor()

    def action_grow(self) -> None:
        self.cursor.grow()
        self._repaint_cursor()

    def action_shrink(self) -> None:
        self.cursor.shrink()
        self._repaint_cursor()

    def action_use(self) -> None:
        span = self.cursor.selection()
        if span is None:
            self.notify("Select words first: v starts a selection, moves extend it", markup=False)
            return
        answers = {key: label for key, (label, _) in ANSWERS.items()}
        if self.current_statement is None:
            answers = {k: v for k, v in answers.items() if k in ("s", "e")}
        words = " ".join(self.text[span[0] : span[1]].split())

        def chosen(key: str | None) -> None:
            if key:
                self.dismiss(SpanChosen(ANSWERS[key][1], *span))

        self.app.push_screen(Ask(f"“{words}”", answers, title="Use the selection"), chosen)
