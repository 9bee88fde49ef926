"""The Timeline pane: events in date order; each date shows its precision and the words it came from."""

from __future__ import annotations

from textual.widgets.option_list import Option

from ..app.selection import EventRef, View
from ..render.describe import describe_when
from .common import MARK, PaneHighlighted, PaneList, draft_mark, literal

DATE_WIDTH = 16  # the longest date: "≈ 10–31 May 2024"
GUTTER = len(MARK)  # the bookmark mark, or blanks: a mark never pushes its row out of line


class TimelinePane(PaneList):
    BORDER_TITLE = "Timeline"
    hanging = GUTTER + DATE_WIDTH + 1  # titles and phrases line up after the mark and the date

    class EventHighlighted(PaneHighlighted):
        """The cursor is on an event: `ref` is its EventRef."""

    highlighted_message = EventHighlighted

    def ref(self, option_id: str) -> EventRef:
        return EventRef(option_id)

    def show(self, view: View) -> None:
        self._view = view
        events, words, marked = view.results.events, view.words, view.marked_events
        self.pager.track(events)
        keep = self.highlighted_id()
        options = []
        for event in events[: self.pager.limit]:
            mark = MARK if event.id in marked else " " * GUTTER
            date = literal(mark + describe_when(event.when).ljust(DATE_WIDTH) + " ", "bold")
            prompt = date + draft_mark(event) + literal(event.title, "", words)
            if event.when.phrase:
                prompt.append("\n" + " " * self.hanging)
                prompt.append_text(literal(f"“{event.when.phrase.exact}”", "italic dim", words))
                prompt.append(f" · {event.when.precision}", style="dim")
            options.append(Option(prompt, id=event.id))
        self.fill(options, len(events), keep, "event")
