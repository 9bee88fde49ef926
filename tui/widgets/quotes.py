"""The Quotes pane: the statements in view (all, or those of the selected actor, event or stance)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from rich.text import Text
from textual.binding import Binding
from textual.widgets.option_list import Option

from ..model import Statement
from ..render.describe import MODE_LABELS
from ..store import Store
from .common import MARK, PAGE, PaneList, literal


class QuoteList(PaneList):
    BORDER_TITLE = "Quotes"
    BINDINGS = [Binding("enter", "open_source", "In article", id="quotes.open")]

    def show(
        self,
        store: Store,
        statements: list[Statement],
        words: list[str],
        keep: str | None,
        marked: AbstractSet[str] = frozenset(),
    ) -> None:
        self.remember(store, statements, words, keep, marked)
        if keep is not None and (at := _index(statements, keep, self.limit)) is not None:
            self.limit = (at // PAGE + 1) * PAGE  # the statement to keep is further down: show it
        options = []
        for s in statements[: self.limit]:
            actor = store.actor.get(s.actor)
            prompt = Text(MARK, style="bold") if s.id in marked else Text()
            prompt.append_text(literal(actor.name if actor else s.actor, "bold", words))
            prompt.append(f" · {MODE_LABELS[s.mode]}", style="dim")
            prompt.append("\n")
            quoted = f"“{s.content.exact}”" if s.mode == "direct" else s.content.exact
            prompt.append_text(literal(quoted, "", words))
            options.append(Option(prompt, id=s.id))
        if not options:  # an empty list looks broken: say why, and what to do
            options.append(Option(Text(self.empty_line(store), style="dim italic"), disabled=True))
        self.fill(options, len(statements), keep)

    @staticmethod
    def empty_line(store: Store) -> str:
        if not store.dossier.statements:
            return (
                "No statements in this dossier: add them to its statements list, then check it with "
                "fact-explorer validate FILE."
            )
        return "No quotes here: escape clears the search, then the filter, then the selection."

    async def action_open_source(self) -> None:
        await self.app.run_action("source")


def _index(statements: list[Statement], ident: str, start: int) -> int | None:
    """Where the statement `ident` is, looking from `start` on."""
    return next((n for n in range(start, len(statements)) if statements[n].id == ident), None)
