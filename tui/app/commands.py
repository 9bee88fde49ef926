"""What the command palette offers on the main screen, and the help screen's list of keys."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from textual.app import SystemCommand
from textual.binding import Binding

from ..filters import Filter
from ..render.inert import inert, markup_escape  # the palette reads titles and help as markup

if TYPE_CHECKING:
    from .main_screen import MainScreen


def main_commands(main: MainScreen) -> Iterable[SystemCommand]:
    yield SystemCommand("Copy quote", "Copy the selected quote verbatim (c)", main.action_copy)
    yield SystemCommand("Copy with attribution", "Copy the quote with its citation (C)", main.action_copy_cited)
    yield SystemCommand("Source view", "The whole article with every quote highlighted (s)", main.action_source)
    yield SystemCommand("Export view as Markdown", "Write the quotes in view to a .md file", main.export_markdown)
    yield SystemCommand("Clear filter", "Show every country and organisation", lambda: main.apply_filter(Filter()))
    for group in main.store.groups():
        yield SystemCommand(
            markup_escape(inert(f"Filter: {group.name} ({group.code})", keep_newlines=False)),
            markup_escape(f"Show only {group.kind} {group.code}"),
            lambda code=group.code: main.filter_countries({code}),
            discover=False,
        )
    for actor in main.store.dossier.actors:
        yield SystemCommand(
            markup_escape(inert(f"Jump to: {actor.name}", keep_newlines=False)),
            markup_escape(inert(actor.role or actor.kind, keep_newlines=False)),
            lambda actor_id=actor.id: main.jump_to_actor(actor_id),
            discover=False,
        )


def help_sections() -> list[tuple[str, list[Binding]]]:
    """Every key, generated from the bindings themselves."""
    from ..screens.country_picker import CountryPicker
    from ..screens.edit_form import FormScreen
    from ..screens.source import SourceScreen
    from ..screens.source_select import CurateSourceScreen
    from ..widgets.common import PaneList
    from ..widgets.stances import StancesPane
    from .curation import CURATION_BINDINGS
    from .main_screen import MainScreen

    everywhere = [
        *(b for b in MainScreen.BINDINGS if b not in CURATION_BINDINGS),
        Binding("ctrl+p", "command_palette", "Command palette: filter, jump, copy, theme, export"),
    ]
    moving = [
        *PaneList.BINDINGS,
        Binding("up", "", "Move up"),
        Binding("down", "", "Move down"),
        Binding("enter", "", "Open: the selection's quotes; on a quote, the quote in the article"),
        *StancesPane.BINDINGS,
    ]
    return [
        ("Everywhere", everywhere),
        ("In a pane", moving),
        ("Source view (s)", SourceScreen.BINDINGS),
        ("Curating a dossier file (a folder opens read-only)", CURATION_BINDINGS),
        ("Curating: the source view (s)", [b for b in CurateSourceScreen.BINDINGS if b not in SourceScreen.BINDINGS]),
        ("Curating: edit forms (e)", FormScreen.BINDINGS),
        ("Country picker (f)", CountryPicker.BINDINGS),
    ]
