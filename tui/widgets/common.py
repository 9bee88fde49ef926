"""What the panes share: vim-style movement, literal text and search-match highlighting."""

from __future__ import annotations

from rich.console import Console
from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from ..render.inert import inert
from .virtual_list import VirtualList

MATCH_STYLE = "bold reverse"
MARK = "★ "  # a bookmarked statement, and what leads to one
# A list pane shows at most this many items: past that, the user narrows rather than scrolls, and a
# keystroke on a large corpus never waits for thousands of rows to be laid out.
PAGE = 40
_CONSOLE = Console(width=200)  # only measures and wraps text; never prints


def hanging(first: Text, body: Text, indent: int, width: int) -> Text:
    """`first` then `body` wrapped to `width`, its wrapped lines indented to line up after `first`.
    Plain Text is far cheaper for a list to lay out than a Rich table with the same look."""
    out = Text()
    for n, line in enumerate(body.wrap(_CONSOLE, max(width - indent, 10))):
        if n:
            out.append("\n" + " " * indent)
        else:
            out.append_text(first)
        out.append_text(line)
    return out


def literal(text: str | None, style: str = "", words: list[str] | None = None) -> Text:
    """Dossier text as a Rich Text: never markup, never escapes; search words highlighted."""
    out = Text(inert(text or ""), style=style)
    if words:
        out.highlight_words(words, style=MATCH_STYLE, case_sensitive=False)
    return out


def title(text: str) -> Content:
    """A border title shown literally."""
    return Content(inert(text, keep_newlines=False))


class PaneList(VirtualList):
    """A list pane: vim keys, a cut at PAGE items, and prompts re-wrapped when the width changes."""

    BINDINGS = [
        Binding("j", "cursor_down", "Move down", show=False, id="pane.down"),
        Binding("k", "cursor_up", "Move up", show=False, id="pane.up"),
        Binding("g", "first", "Top", show=False, id="pane.top"),
        Binding("G", "last", "Bottom", show=False, id="pane.bottom"),
    ]

    @staticmethod
    def more_line(shown: int, total: int) -> Option:
        """The last line of a cut list: how many more, and how to reach them."""
        return Option(
            Text(f"… {total - shown:,} more: narrow with / (search) or f (filter)", style="dim italic"), disabled=True
        )

    def fill(self, options: list[Option], total: int, keep: str | None, noun: str | None = None) -> None:
        """Show `options` (the first PAGE of `total`, with a line saying how many more), keep the
        highlight on `keep` where it is still shown, and count them in the border."""
        if total > PAGE:
            options.append(self.more_line(PAGE, total))
        self.set_options(options)
        if noun:
            self.border_subtitle = f"{total} {noun}"
        self.highlight_id(keep)

    def content_width(self) -> int:
        """The width prompts wrap to; before the first layout, a guess."""
        return self.text_width if self.content_size.width else 60

    def on_resize(self) -> None:
        # Some panes wrap their prompts themselves (to indent them): lay them out again for a new width.
        if self._shown is not None and self._shown[0] != self.content_width():
            self.show(*self._shown[1])

    def remember(self, *args: object) -> None:
        self._shown = (self.content_width(), args)

    _shown: tuple[int, tuple[object, ...]] | None = None

    def highlighted_id(self) -> str | None:
        if self.highlighted is None:
            return None
        return self.get_option_at_index(self.highlighted).id

    def highlight_id(self, option_id: str | None) -> None:
        """Move the highlight to an option, or to the first enabled one."""
        if option_id is not None and option_id in self._index_of:
            self.highlighted = self.get_option_index(option_id)
        else:
            self.action_first()
