"""A list drawn line by line (Textual's line API) that never asks the screen for a layout.

Its size comes from the stylesheet; it scrolls itself and draws its own scrollbar. So refilling it,
as a keystroke on a large corpus does, repaints its own region and nothing else: a list whose
scrollable size changes (OptionList, DataTable) makes Textual lay out and repaint the whole screen.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.geometry import Region, Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets.option_list import Option

SCROLL_LINES = 3  # lines per turn of the mouse wheel
TRACK, THUMB = "╎", "┃"  # the scrollbar, readable without colour


class VirtualList(Widget, can_focus=True):
    """Options (Textual's `Option`: a Rich Text prompt, an id, disabled or not) with a highlight.
    Reads like OptionList: `highlighted`, `options`, `option_count`, `get_option_at_index`.

    With `hanging` set, each line of a prompt keeps its first `hanging` characters (a date, a mark)
    and its wrapped rest lines up after them."""

    hanging = 0

    COMPONENT_CLASSES = {
        "virtual-list--highlighted",
        "virtual-list--disabled",
        "virtual-list--track",
        "virtual-list--thumb",
    }
    DEFAULT_CSS = """
    VirtualList {
        width: 1fr;
        height: 1fr;
        padding: 0 0 0 1;
        color: $foreground;
        background: $surface;
        & > .virtual-list--highlighted {
            color: $block-cursor-blurred-foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus > .virtual-list--highlighted {
            color: $block-cursor-foreground;
            background: $block-cursor-background;
            text-style: $block-cursor-text-style;
        }
        & > .virtual-list--disabled { color: $text-disabled; }
        & > .virtual-list--track { color: $panel-lighten-2; }
        & > .virtual-list--thumb { color: $accent; }
    }
    """
    BINDINGS = [
        Binding("down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("home", "first", "First", show=False, id="list.first"),
        Binding("end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "select", "Select", show=False, id="list.select"),
    ]

    class Highlighted(Message):
        """An enabled option was highlighted."""

        def __init__(self, virtual_list: VirtualList, option: Option, index: int) -> None:
            super().__init__()
            self.virtual_list, self.option, self.index = virtual_list, option, index

        @property
        def control(self) -> VirtualList:
            return self.virtual_list

    class Selected(Highlighted):
        """An enabled option was chosen: enter, or a click."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self._options: list[Option] = []
        self._index_of: dict[str, int] = {}
        self._highlighted: int | None = None
        self._top = 0  # the first line on screen
        # Laid out for one width, and only as far as has been shown: each option's lines, and where
        # each option starts. A keystroke that refills the list wraps only what fits on screen.
        self._width = -1
        self._strips: list[list[Strip]] = []
        self._starts: list[int] = []
        self._lines: list[tuple[int, int]] = []  # (option, line of it) for each line

    # -- contents ---------------------------------------------------------------------------------

    @property
    def options(self) -> Sequence[Option]:
        return self._options

    @property
    def option_count(self) -> int:
        return len(self._options)

    def get_option_at_index(self, index: int) -> Option:
        return self._options[index]

    def get_option_index(self, option_id: str) -> int:
        """The index of the option with this id; KeyError if there is none."""
        return self._index_of[option_id]

    def set_options(self, options: Sequence[Option]) -> None:
        """Replace every option; nothing is highlighted until told (no message is sent for that)."""
        self._options = list(options)
        self._index_of = {o.id: n for n, o in enumerate(self._options) if o.id is not None}
        self._highlighted = None
        self._top = 0
        self._width = -1
        self.refresh(layout=self._auto_height)

    @property
    def _auto_height(self) -> bool:
        height = self.styles.height
        return height is None or height.is_auto

    # -- the highlight ----------------------------------------------------------------------------

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = min(max(index, 0), len(self._options) - 1) if self._options else None
        if index == self._highlighted:
            return
        self._highlighted = index
        self.refresh()
        if index is None:
            return
        self.scroll_to_highlight()
        option = self._options[index]
        if not option.disabled:
            self.post_message(self.Highlighted(self, option, index))

    def scroll_to_highlight(self) -> None:
        """Scroll the least that shows the whole highlighted option (its top, if taller than the list)."""
        if self._highlighted is None or not self._lay_out(option=self._highlighted):
            return
        start = self._starts[self._highlighted]
        end = start + len(self._strips[self._highlighted])
        height = self.content_size.height
        if end > self._top + height:
            self._scroll_to(end - height)
        if start < self._top:
            self._scroll_to(start)

    def on_resize(self) -> None:
        # The options wrap again to the new width (see `_lay_out`); keep the highlight in view, which
        # also brings it into view the first time the list has a size.
        self.scroll_to_highlight()

    def _step(self, start: int, step: int) -> int | None:
        """The nearest enabled option from `start` (included) going by `step`."""
        index = start
        while 0 <= index < len(self._options):
            if not self._options[index].disabled:
                return index
            index += step
        return None

    def _next(self, step: int) -> None:
        """Move to the next enabled option by `step`, wrapping round the ends as OptionList does."""
        count = len(self._options)
        start = (-1 if step > 0 else count) if self._highlighted is None else self._highlighted
        for n in range(1, count + 1):
            index = (start + n * step) % count
            if not self._options[index].disabled:
                self.highlighted = index
                return

    def action_cursor_down(self) -> None:
        self._next(1)

    def action_cursor_up(self) -> None:
        self._next(-1)

    def action_first(self) -> None:
        found = self._step(0, 1)
        if found is not None:
            self.highlighted = found

    def action_last(self) -> None:
        found = self._step(len(self._options) - 1, -1)
        if found is not None:
            self.highlighted = found

    def _move_page(self, direction: int) -> None:
        if self._highlighted is None:
            self.action_first()
            return
        line = self._starts[self._highlighted] + direction * max(self.content_size.height - 1, 1)
        if not self._lay_out(line=line):
            return
        line = min(max(line, 0), len(self._lines) - 1)
        found = self._step(self._lines[line][0], direction) or self._step(self._lines[line][0], -direction)
        if found is not None:
            self.highlighted = found

    def action_page_down(self) -> None:
        self._move_page(1)

    def action_page_up(self) -> None:
        self._move_page(-1)

    def action_select(self) -> None:
        index = self._highlighted
        if index is not None and not self._options[index].disabled:
            self.post_message(self.Selected(self, self._options[index], index))

    # -- the mouse --------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        line = None if offset is None else self._top + offset.y
        if line is not None and self._lay_out(line=line) and line < len(self._lines):
            index = self._lines[line][0]
            if not self._options[index].disabled:
                self.highlighted = index
                self.action_select()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self._scroll_to(self._top + SCROLL_LINES)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self._scroll_to(self._top - SCROLL_LINES)

    def _scroll_to(self, top: int) -> None:
        height = self.content_size.height
        self._lay_out(line=top + height)
        top = max(0, min(top, len(self._lines) - height))
        if top != self._top:
            self._top = top
            self.refresh()

    # -- drawing ----------------------------------------------------------------------------------

    @property
    def text_width(self) -> int:
        """The width options are wrapped to: the content less the scrollbar's column (always kept, so
        a scrollbar coming or going never re-wraps the text)."""
        return max(self.content_size.width - 1, 1)

    def _lay_out(self, line: int = -1, option: int = -1) -> bool:
        """Wrap options to the width until `line` and `option` are laid out (or all are); False before
        the widget has a size. A new width or new options start again from the first."""
        if not self.content_size.width:
            return False
        width = self.text_width
        if width != self._width:
            self._width = width
            self._strips, self._starts, self._lines = [], [], []
        console = self.app.console
        while len(self._strips) < len(self._options) and (len(self._lines) <= line or len(self._strips) <= option):
            n = len(self._strips)
            prompt = self._options[n].prompt
            prompt = prompt if isinstance(prompt, Text) else Text(str(prompt))
            strips = [Strip(part.render(console), part.cell_len) for part in self._wrap(prompt, width)]
            self._starts.append(len(self._lines))
            self._strips.append(strips)
            self._lines.extend((n, k) for k in range(len(strips)))
        return True

    def _wrap(self, prompt: Text, width: int) -> list[Text]:
        console = self.app.console
        indent = self.hanging
        if not indent:
            return list(prompt.wrap(console, width))
        rows: list[Text] = []
        for line in prompt.split("\n", allow_blank=True):
            head, body = line[:indent], line[indent:]
            parts = body.wrap(console, max(width - indent, 10)) if body.plain else [Text()]
            for n, part in enumerate(parts):
                row = head.copy() if n == 0 else Text(" " * indent)
                row.append_text(part)
                rows.append(row)
        return rows

    @property
    def _line_count(self) -> int:
        """Lines in all: exact once every option is laid out, until then estimated from those that are."""
        laid = len(self._strips)
        if laid == len(self._options):
            return len(self._lines)
        return len(self._lines) + (len(self._options) - laid) * len(self._lines) // max(laid, 1)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        if not self._lay_out(option=len(self._options)):
            return len(self._options)
        return len(self._lines)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self.refresh()

    def render_lines(self, crop: Region) -> list[Strip]:
        # Worked out once for the lines drawn now, not once a line: the styles, and the scrollbar (a
        # whole screenful is laid out first, so its size, an estimate until every option is laid out,
        # is the same all the way down).
        self._lay_out(line=self._top + self.content_size.height)
        base = self.rich_style
        self._frame = _Frame(
            base,
            base + self.get_component_rich_style("virtual-list--disabled"),
            base + self.get_component_rich_style("virtual-list--highlighted"),
            self._scrollbar(base),
        )
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width = self.content_size.width
        frame = self._frame
        if frame is None or not self._lay_out(line=self._top + y):
            return Strip.blank(width, self.rich_style)
        line = self._top + y
        if line >= len(self._lines):
            strip = Strip.blank(width - 1, frame.base)
        else:
            index, part = self._lines[line]
            style = frame.base
            if self._options[index].disabled:
                style = frame.disabled
            elif index == self._highlighted:
                style = frame.highlighted
            strip = self._strips[index][part].apply_style(style).extend_cell_length(width - 1, style)
        return Strip.join([strip, frame.scrollbar[y] if y < len(frame.scrollbar) else Strip.blank(1, frame.base)])

    def _scrollbar(self, base: Style) -> list[Strip]:
        """The scrollbar's column, a cell for each line on screen: blank when everything fits."""
        height, total = self.content_size.height, self._line_count
        if total <= height:
            return [Strip.blank(1, base)] * height
        size = max(1, height * height // total)
        start = min(height - size, round(self._top * height / total))
        thumb = Strip([Segment(THUMB, base + self.get_component_rich_style("virtual-list--thumb"))], 1)
        track = Strip([Segment(TRACK, base + self.get_component_rich_style("virtual-list--track"))], 1)
        return [thumb if start <= y < start + size else track for y in range(height)]

    _frame: _Frame | None = None


class _Frame(NamedTuple):
    """What every line drawn at once shares."""

    base: Style
    disabled: Style
    highlighted: Style
    scrollbar: list[Strip]
