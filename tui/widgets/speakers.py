"""The Speakers pane: actors grouped by country or organisation, with role and statement count."""

from __future__ import annotations

from rich.text import Text
from textual.widgets.option_list import Option

from ..app.selection import ActorRef, View
from .common import MARK, PaneHighlighted, PaneList, count, draft_mark, literal


class SpeakersPane(PaneList):
    BORDER_TITLE = "Speakers"
    hanging = 2  # names and roles line up under the mark

    class ActorHighlighted(PaneHighlighted):
        """The cursor is on an actor: `ref` is its ActorRef."""

    highlighted_message = ActorHighlighted

    def ref(self, option_id: str) -> ActorRef:
        return ActorRef(option_id)

    def show(self, view: View) -> None:
        self._view = view
        store, actors, words, marked = view.store, view.results.actors, view.words, view.marked_actors
        self.pager.track(actors)
        keep = self.highlighted_id()
        indent = Text("  ")
        options: list[Option] = []
        for code, members in store.by_group(actors[: self.pager.limit]):
            name = store.group_name(code) if code else "Other"
            label = f"{name} ({code})" if code and code != name else name
            options.append(Option(literal(label, "bold underline"), disabled=True))
            for actor in members:
                said = store.statement_count(actor.id)
                about = Text()
                if actor.role:
                    about.append_text(literal(actor.role, "italic", words))
                    about.append(" · ", style="dim")
                about.append(count(said, "statement"), style="dim")
                first = Text(MARK, style="bold") if actor.id in marked else indent
                prompt = first + draft_mark(actor) + literal(actor.name, "bold", words)
                prompt.append("\n")
                prompt.append_text(indent + about)
                options.append(Option(prompt, id=actor.id))
        self.fill(options, len(actors), keep, "speaker")
