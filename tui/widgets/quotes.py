"""The Quotes pane: the statements in view (all, or those of the selected actor, event or stance)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from ..app.selection import StatementRef, View, known_len
from ..render.describe import MODE_LABELS
from .common import MARK, PaneHighlighted, PaneList, draft_mark, literal

if TYPE_CHECKING:
    from ..store import Store


class QuoteList(PaneList):
    BORDER_TITLE = "Quotes"
    BINDINGS = [Binding("enter", "open_source", "In article", id="quotes.open")]

    class StatementHighlighted(PaneHighlighted):
        """The cursor is on a statement: `ref` is its StatementRef."""

    highlighted_message = StatementHighlighted

    def ref(self, option_id: str) -> StatementRef:
        return StatementRef(option_id)

    def should_post(self, option_id: str) -> bool:
        # Messages arrive after the list may have been refilled: only what is highlighted now counts.
        return option_id == self.highlighted_id()

    def show(self, view: View) -> None:
        """The view's statements; `view.keep` stays highlighted where it is shown (paging on to reach
        it), else the first."""
        self._view = view
        store, statements, words, keep, marked = view.store, view.in_view, view.words, view.keep, view.marked
        self.pager.track(statements)
        if keep is not None and (at := _index(statements, keep, self.pager.limit)) is not None:
            self.pager.reach(at)  # the statement to keep is further down: show it
        # Not counted yet (a corpus index's list): one more than shown says whether there are more.
        total = known_len(statements)
        shown = statements[: self.pager.limit + (total is None)]
        options = []
        for s in shown[: self.pager.limit]:
            actor = store.actor.get(s.actor)
            prompt = Text(MARK, style="bold") if s.id in marked else Text()
            prompt.append_text(draft_mark(s))
            prompt.append_text(literal(actor.name if actor else s.actor, "bold", words))
            prompt.append(f" · {MODE_LABELS[s.mode]}", style="dim")
            prompt.append("\n")
            quoted = f"“{s.content.exact}”" if s.mode == "direct" else s.content.exact
            prompt.append_text(literal(quoted, "", words))
            options.append(Option(prompt, id=s.id))
        if not options:  # an empty list looks broken: say why, and what to do
            options.append(Option(Text(self.empty_line(store), style="dim italic"), disabled=True))
        self.fill(options, len(shown) if total is None else total, keep, counted=total is not None)

    @staticmethod
    def empty_line(store: Store) -> str:
        if not store.dossier.statements:
            return (
                "No statements in this dossier: add them to its statements list, then check it with "
                "fact-explorer validate FILE."
            )
        return "No quotes here: escape clears the search, then the filter, then the selection."

    async def action_open_source(self) -> None:
        await self.screen.run_action("source")


def _index(statements: list, ident: str, start: int) -> int | None:
    """Where the statement `ident` is, looking from `start` on (a corpus index's lazy list asks the index)."""
    if (position := getattr(statements, "position", None)) is not None:
        at = position(ident)
        return at if at is not None and at >= start else None
    return next((n for n in range(start, len(statements)) if statements[n].id == ident), None)
