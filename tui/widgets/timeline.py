"""The Timeline pane: events in date order; each date shows its precision and the words it came from."""

from __future__ import annotations

from collections.abc import Set as AbstractSet

from textual.widgets.option_list import Option

from ..model import Event
from ..render.describe import describe_when
from .common import MARK, PAGE, PaneList, hanging, literal

DATE_WIDTH = 16


class TimelinePane(PaneList):
    BORDER_TITLE = "Timeline"

    def show(self, events: list[Event], words: list[str], marked: AbstractSet[str] = frozenset()) -> None:
        """`marked`: events with a bookmarked statement."""
        self.remember(events, words, marked)
        keep = self.highlighted_id()
        width = self.content_width()
        options = []
        for event in events[:PAGE]:
            mark = MARK if event.id in marked else ""
            date = literal(f"{mark}{describe_when(event.when)}".ljust(DATE_WIDTH) + " ", "bold")
            prompt = hanging(date, literal(event.title, "", words), DATE_WIDTH + 1, width)
            if event.when.phrase:
                prompt.append("\n" + " " * (DATE_WIDTH + 1))
                prompt.append_text(literal(f"“{event.when.phrase.exact}”", "italic dim", words))
                prompt.append(f" · {event.when.precision}", style="dim")
            options.append(Option(prompt, id=event.id))
        self.fill(options, len(events), keep, "events")
