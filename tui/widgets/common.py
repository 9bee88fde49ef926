"""What the panes share: vim-style movement, paging, literal text and search-match highlighting."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets.option_list import Option

from ..render.inert import inert
from .paging import MORE, Pager
from .virtual_list import VirtualList

if TYPE_CHECKING:
    from ..app.selection import Scope, StatementRef, View

MATCH_STYLE = "bold reverse"
MARK = "★ "  # a bookmarked statement, and what leads to one
DRAFT = "◌ "  # an item a tool proposed, awaiting review (a mark, not a colour)


def draft_mark(item) -> Text:
    """◌ before an item awaiting review, else nothing."""
    return Text(DRAFT, style="bold") if getattr(item, "review", None) == "draft" else Text()


def literal(text: str | None, style: str = "", words: list[str] | None = None) -> Text:
    """Dossier text as a Rich Text: never markup, never escapes; search words highlighted."""
    out = Text(inert(text or ""), style=style)
    if words:
        out.highlight_words(words, style=MATCH_STYLE, case_sensitive=False)
    return out


def count(n: int, noun: str) -> str:
    """'1 event', '2 events', '1,200 events'."""
    return f"{n:,} {noun}{'s' * (n != 1)}"


def title(text: str) -> Content:
    """A border title shown literally."""
    return Content(inert(text, keep_newlines=False))


class PaneHighlighted(Message):
    """A pane's cursor moved onto something: `ref` is what it stands for."""

    def __init__(self, pane: Widget, ref: Scope | StatementRef) -> None:
        super().__init__()
        self.pane, self.ref = pane, ref

    @property
    def control(self) -> Widget:
        return self.pane


class PaneList(VirtualList):
    """A list pane: vim keys, and the list cut after a page of items, its last line saying how many
    more; moving onto that line shows the next page. Subclasses fill it in `show(view)` and say what
    an option stands for in `ref`; moving the cursor posts their `Highlighted` message."""

    BINDINGS = [
        Binding("j", "cursor_down", "Move down", show=False, id="pane.down"),
        Binding("k", "cursor_up", "Move up", show=False, id="pane.up"),
        Binding("g", "first", "Top", show=False, id="pane.top"),
        Binding("G", "last", "Bottom", show=False, id="pane.bottom"),
    ]
    highlighted_message: type[PaneHighlighted] = PaneHighlighted  # each pane declares its own

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.pager = Pager()
        self._view: View | None = None

    def show(self, view: View) -> None:
        raise NotImplementedError

    def ref(self, option_id: str) -> Scope | StatementRef:
        raise NotImplementedError

    def selection(self) -> Scope | StatementRef:
        """What the highlighted option stands for, or None."""
        ident = self.highlighted_id()
        return None if ident is None else self.ref(ident)

    def should_post(self, option_id: str) -> bool:
        """Whether a highlight is the user's: side panes only speak while focused (refilling one moves
        its highlight too)."""
        return self.has_focus

    def fill(
        self, options: list[Option], total: int, keep: str | None, noun: str | None = None, counted: bool = True
    ) -> None:
        """Show `options` (the first `pager.limit` of `total`, with a line saying how many more), keep
        the highlight on `keep` where it is still shown, and count them in the border as `noun`s.
        Not `counted`: `total` is only as many as were read, and the line says more without a number."""
        if self.pager.cut(total):
            options.append(Option(Text(self.pager.more_text(total if counted else None), "italic"), id=MORE))
        self.set_options(options)
        if noun:
            self.border_subtitle = count(total, noun)
        self.highlight_id(keep)

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        event.stop()  # the pane says what it means instead
        if event.option.id == MORE:
            self.show_more(event.index)
        elif event.option.id is not None and self.should_post(event.option.id):
            self.post_message(self.highlighted_message(self, self.ref(event.option.id)))

    def on_virtual_list_selected(self, event: VirtualList.Selected) -> None:
        if event.option.id == MORE:
            event.stop()

    def action_last(self) -> None:
        """The last item shown: the line that shows more is reached by moving down onto it."""
        end = self.option_count - 1
        found = self._step(end - 1 if end >= 0 and self.options[end].id == MORE else end, -1)
        if found is not None:
            self.highlighted = found

    def action_cursor_up(self) -> None:
        if self.highlighted is not None and self._step(self.highlighted - 1, -1) is None:
            self.action_last()  # round to the last item, not onto the line that shows more
        else:
            super().action_cursor_up()

    def show_more(self, at: int) -> None:
        """Show a page more items; the highlight goes to the first of them (which takes the place of
        the line that asked for them, at `at`)."""
        if self._view is None:
            return
        self.pager.more()
        self.show(self._view)
        self.highlighted = self._step(at, 1)

    def highlighted_id(self) -> str | None:
        """The id of the highlighted item (None on the line that shows more)."""
        if self.highlighted is None:
            return None
        ident = self.get_option_at_index(self.highlighted).id
        return None if ident == MORE else ident

    def highlight_id(self, option_id: str | None) -> None:
        """Move the highlight to an option, or to the first enabled one."""
        if option_id is not None and option_id in self._index_of:
            self.highlighted = self.get_option_index(option_id)
        else:
            self.action_first()
