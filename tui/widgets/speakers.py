"""The Speakers pane: actors grouped by country or organisation, with role and statement count."""

from __future__ import annotations

from rich.table import Table
from textual.widgets.option_list import Option

from ..model import Actor
from ..store import Store
from .common import PAGE, PaneList, literal


class SpeakersPane(PaneList):
    BORDER_TITLE = "Speakers"

    def show(self, store: Store, actors: list[Actor], words: list[str]) -> None:
        keep = self.highlighted_id()
        options: list[Option | None] = []
        for code, members in store.by_group(actors[:PAGE]):
            name = store.group_name(code) if code else "Other"
            label = f"{name} ({code})" if code and code != name else name
            options.append(Option(literal(label, "bold underline"), disabled=True))
            for actor in members:
                count = store.statement_count(actor.id)
                about = literal(actor.name, "bold", words)
                about.append("\n")
                if actor.role:
                    about.append_text(literal(actor.role, "italic", words))
                    about.append(" · ", style="dim")
                about.append(f"{count} statement{'s' * (count != 1)}", style="dim")
                row = Table.grid(expand=True)  # indented under the group, wrapped lines too
                row.add_column(width=2)
                row.add_column(ratio=1)
                row.add_row("", about)
                options.append(Option(row, id=actor.id))
        if len(actors) > PAGE:
            options.append(self.more_line(PAGE, len(actors)))
        self.set_options(options)
        self.border_subtitle = f"{len(actors)} speakers"
        self.highlight_id(keep)
