"""The Speakers pane: actors grouped by country or organisation, with role and statement count."""

from __future__ import annotations

from textual.widgets.option_list import Option

from ..model import Actor
from ..store import Store
from .common import PaneList, literal


class SpeakersPane(PaneList):
    BORDER_TITLE = "Speakers"

    def show(self, store: Store, actors: list[Actor], words: list[str]) -> None:
        keep = self.highlighted_id()
        options: list[Option | None] = []
        for code, members in store.by_group(actors):
            name = store.group_name(code) if code else "Other"
            label = f"{name} ({code})" if code and code != name else name
            options.append(Option(literal(label, "bold underline"), disabled=True))
            for actor in members:
                count = store.statement_count(actor.id)
                prompt = literal(f" {actor.name}", "bold", words)
                prompt.append(f"  {count}", style="dim")
                if actor.role:
                    prompt.append("\n ")
                    prompt.append_text(literal(actor.role, "italic", words))
                options.append(Option(prompt, id=actor.id))
        self.set_options(options)
        self.border_subtitle = f"{len(actors)} speakers"
        self.highlight_id(keep)
