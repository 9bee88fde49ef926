"""What the panes share: vim-style movement, literal text and search-match highlighting."""

from __future__ import annotations

from rich.text import Text
from textual.binding import Binding
from textual.content import Content
from textual.widgets.option_list import Option

from ..render.inert import inert
from .virtual_list import VirtualList

MATCH_STYLE = "bold reverse"
MARK = "★ "  # a bookmarked statement, and what leads to one
# A list pane shows this many items, and as many more each time the user moves past them: a keystroke
# on a large corpus never waits for thousands of items to be built.
PAGE = 40


def literal(text: str | None, style: str = "", words: list[str] | None = None) -> Text:
    """Dossier text as a Rich Text: never markup, never escapes; search words highlighted."""
    out = Text(inert(text or ""), style=style)
    if words:
        out.highlight_words(words, style=MATCH_STYLE, case_sensitive=False)
    return out


def title(text: str) -> Content:
    """A border title shown literally."""
    return Content(inert(text, keep_newlines=False))


MORE = "…more"  # the id of a cut list's last line; no dossier id can start with "…"


class PaneList(VirtualList):
    """A list pane: vim keys, and the list cut after `limit` items, its last line saying how many more;
    moving onto that line shows the next PAGE of them."""

    BINDINGS = [
        Binding("j", "cursor_down", "Move down", show=False, id="pane.down"),
        Binding("k", "cursor_up", "Move up", show=False, id="pane.up"),
        Binding("g", "first", "Top", show=False, id="pane.top"),
        Binding("G", "last", "Bottom", show=False, id="pane.bottom"),
    ]

    limit = PAGE  # items shown: PAGE for new contents, a PAGE more each time the user asks

    @staticmethod
    def more_line(shown: int, total: int) -> Option:
        """The last line of a cut list: how many more, and how to see them."""
        more = min(PAGE, total - shown)
        return Option(
            Text(f"… {total - shown:,} more: ↓ shows {more} more, or narrow with / (search) or f (filter)", "italic"),
            id=MORE,
        )

    def fill(self, options: list[Option], total: int, keep: str | None, noun: str | None = None) -> None:
        """Show `options` (the first `limit` of `total`, with a line saying how many more), keep the
        highlight on `keep` where it is still shown, and count them in the border."""
        if total > self.limit:
            options.append(self.more_line(self.limit, total))
        self.set_options(options)
        if noun:
            self.border_subtitle = f"{total:,} {noun}"
        self.highlight_id(keep)

    def on_virtual_list_highlighted(self, event: VirtualList.Highlighted) -> None:
        if event.option.id == MORE:  # not an item: show more instead, and tell no one
            event.stop()
            self.show_more(event.index)

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
        """Show a PAGE more items; the highlight goes to the first of them (which takes the place of
        the line that asked for them, at `at`)."""
        if self._shown is None:
            return
        self.limit += PAGE
        self.show(*self._shown)
        self.highlighted = self._step(at, 1)

    def remember(self, *args: object) -> None:
        """Keep what is shown, to show it again with more items. New contents start from PAGE items;
        the same items again (a bookmark added, say) keep what was shown."""
        if self._shown is None or not all(_same(a, b) for a, b in zip(args, self._shown, strict=True)):
            self.limit = PAGE
        self._shown = args

    _shown: tuple[object, ...] | None = None

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


def _same(new: object, old: object) -> bool:
    """The same items, for a list (compared by identity: cheap on thousands); anything else counts."""
    if not isinstance(new, list):
        return True
    return isinstance(old, list) and len(new) == len(old) and all(x is y for x, y in zip(new, old, strict=True))
