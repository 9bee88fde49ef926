"""The Timeline pane: events in date order; each date shows its precision and the words it came from."""

from __future__ import annotations

from textual.widgets.option_list import Option

from ..model import Event
from ..render.describe import describe_when
from .common import PaneList, literal


class TimelinePane(PaneList):
    BORDER_TITLE = "Timeline"

    def show(self, events: list[Event], words: list[str]) -> None:
        keep = self.highlighted_id()
        options = []
        for event in events:
            prompt = literal(f"{describe_when(event.when):<18}", "bold")
            prompt.append_text(literal(event.title, "", words))
            if event.when.phrase:
                prompt.append("\n" + " " * 18)
                prompt.append_text(literal(f"“{event.when.phrase.exact}”", "italic dim", words))
                prompt.append(f" · {event.when.precision}", style="dim")
            options.append(Option(prompt, id=event.id))
        self.set_options(options)
        self.border_subtitle = f"{len(events)} events"
        self.highlight_id(keep)
