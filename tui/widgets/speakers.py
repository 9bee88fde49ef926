"""The Speakers pane: actors grouped by country or organisation, with role and statement count."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from rich.text import Text
from textual.widgets.option_list import Option

from ..model import Actor
from ..store import Store
from .common import MARK, PaneList, literal


class SpeakersPane(PaneList):
    BORDER_TITLE = "Speakers"
    hanging = 2  # names and roles line up under the mark

    def show(self, store: Store, actors: list[Actor], words: list[str], marked: AbstractSet[str] = frozenset()) -> None:
        """`marked`: actors with a bookmarked statement."""
        self.remember(store, actors, words, marked)
        keep = self.highlighted_id()
        indent = Text("  ")
        options: list[Option | None] = []
        for code, members in store.by_group(actors[: self.limit]):
            name = store.group_name(code) if code else "Other"
            label = f"{name} ({code})" if code and code != name else name
            options.append(Option(literal(label, "bold underline"), disabled=True))
            for actor in members:
                count = store.statement_count(actor.id)
                about = Text()
                if actor.role:
                    about.append_text(literal(actor.role, "italic", words))
                    about.append(" · ", style="dim")
                about.append(f"{count} statement{'s' * (count != 1)}", style="dim")
                first = Text(MARK, style="bold") if actor.id in marked else indent
                prompt = first + literal(actor.name, "bold", words)
                prompt.append("\n")
                prompt.append_text(indent + about)
                options.append(Option(prompt, id=actor.id))
        self.fill(options, len(actors), keep, "speakers")
