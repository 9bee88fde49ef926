"""One paging rule for every pane: a long list shows PAGE items, and a PAGE more each time the user
moves onto its last line, which says how many more there are."""

from __future__ import annotations

from collections.abc import Sequence

# A pane shows this many items, and as many more each time the user moves past them: a keystroke on
# a large corpus never waits for thousands of items to be built.
PAGE = 40
MORE = "…more"  # the id of a cut list's last line; no dossier id can start with "…"


class Pager:
    """How many items a pane shows: PAGE for new contents, a PAGE more each time it is asked."""

    def __init__(self) -> None:
        self.limit = PAGE
        self._items: Sequence[object] | None = None

    def track(self, items: Sequence[object]) -> bool:
        """New contents start from one page; the same items again (a bookmark added, say) keep what
        was shown. Items are compared by identity: cheap on thousands. Returns whether they are the same."""
        old = self._items
        # A corpus index's lazy list is never read whole: it is the same contents only as the same list.
        lazy = hasattr(items, "position")
        same = old is items or (
            not lazy
            and old is not None
            and len(old) == len(items)
            and all(x is y for x, y in zip(items, old, strict=True))
        )
        if not same:
            self.limit = PAGE
        self._items = items
        return same

    def more(self) -> None:
        self.limit += PAGE

    def reach(self, index: int) -> None:
        """Show as many pages as it takes for the item at `index` to be shown."""
        if index >= self.limit:
            self.limit = (index // PAGE + 1) * PAGE

    def cut(self, total: int) -> bool:
        return total > self.limit

    def more_text(self, total: int | None, noun: str = "") -> str:
        """The last line of a cut list: how many more (None: not counted yet), and how to see them."""
        noun = f" {noun}" if noun else ""
        if total is None:
            return f"… more{noun} (counting): ↓ shows {PAGE} more, or narrow with / (search) or f (filter)"
        rest = total - self.limit
        return f"… {rest:,} more{noun}: ↓ shows {min(PAGE, rest)} more, or narrow with / (search) or f (filter)"
