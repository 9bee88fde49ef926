"""The Timeline pane: events in date order; each date shows its precision and the words it came from."""

from __future__ import annotations

from rich.table import Table
from textual.widgets.option_list import Option

from ..model import Event
from ..render.describe import describe_when
from .common import PAGE, PaneList, literal

DATE_WIDTH = 16


class TimelinePane(PaneList):
    BORDER_TITLE = "Timeline"

    def show(self, events: list[Event], words: list[str]) -> None:
        keep = self.highlighted_id()
        options = []
        for event in events[:PAGE]:
            # A grid keeps the title's wrapped lines clear of the date column.
            row = Table.grid(padding=(0, 1), expand=True)
            row.add_column(width=DATE_WIDTH, no_wrap=True)
            row.add_column(ratio=1)
            title = literal(event.title, "", words)
            if event.when.phrase:
                title.append("\n")
                title.append_text(literal(f"“{event.when.phrase.exact}”", "italic dim", words))
                title.append(f" · {event.when.precision}", style="dim")
            row.add_row(literal(describe_when(event.when), "bold"), title)
            options.append(Option(row, id=event.id))
        if len(events) > PAGE:
            options.append(self.more_line(PAGE, len(events)))
        self.set_options(options)
        self.border_subtitle = f"{len(events)} events"
        self.highlight_id(keep)
