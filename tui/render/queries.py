"""The CLI's queries and output formats, each registered once (layer 4).

A query says which items a filter selects and how each format writes them; a format is one function
of a query's items. A new format is one entry in FORMATS (every query gets it); a format only one
query has (TimelineJS) is an entry in that query's `extra`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import export

if TYPE_CHECKING:
    from rich.console import RenderableType

    from ..filters import Filter
    from ..store import Store

Items = Sequence[Any]
Writer = Callable[["Store", Items], str]


@dataclass(frozen=True)
class Query:
    name: str
    help: str
    select: Callable[[Store, Filter], Items]
    records: Callable[[Store, Items], list[export.Record]]
    markdown: Writer
    table: Callable[[Store, Items], RenderableType]  # `text` on a terminal
    plain: Writer  # `text` in a pipe
    extra: dict[str, Writer] = field(default_factory=dict)  # formats of this query alone

    @property
    def columns(self) -> list[str]:
        return export.COLUMNS[self.name]

    @property
    def formats(self) -> list[str]:
        return [*FORMATS, *self.extra]


def _text(name: str) -> Callable[..., Any]:
    """A writer of `text.py`, imported when first used: Rich's tables are not needed for other formats."""

    def write(*args: Any) -> Any:
        from . import text

        return getattr(text, name)(*args)

    return write


def _speakers(store: Store, f: Filter) -> Items:
    return [a for _, group in store.by_group(store.actors(f)) for a in group]


QUERIES: dict[str, Query] = {
    q.name: q
    for q in (
        Query(
            "quotes",
            "statements, with who said them and when",
            lambda store, f: store.statements(f),
            export.quote_records,
            export.quotes_markdown,
            _text("quotes_table"),
            _text("quotes_plain"),
        ),
        Query(
            "timeline",
            "events in date order, with how each date was resolved",
            lambda store, f: store.events(f),
            export.timeline_records,
            export.timeline_markdown,
            _text("timeline_table"),
            _text("timeline_plain"),
            extra={"timelinejs": export.timelinejs},
        ),
        Query(
            "stances",
            "each actor's position on each issue, with evidence",
            lambda store, f: store.stances(f),
            export.stance_records,
            export.stances_markdown,
            _text("stances_table"),
            _text("stances_plain"),
        ),
        Query(
            "speakers",
            "actors grouped by country or organisation",
            _speakers,
            export.speaker_records,
            export.speakers_markdown,
            _text("speakers_table"),
            _text("speakers_plain"),
        ),
        Query(
            "notes",
            "the curator's editorial notes (about what the filter shows)",
            export.notes_in_view,
            export.note_records,
            export.notes_markdown,
            _text("notes_table"),
            _text("notes_plain"),
        ),
    )
}

# format -> how a query's items are written in it; `terminal` says whether stdout is one.
FORMATS: dict[str, Callable[[Query, Store, Items, bool], str | RenderableType]] = {
    "text": lambda q, store, items, terminal: q.table(store, items) if terminal else q.plain(store, items),
    "md": lambda q, store, items, terminal: q.markdown(store, items),
    "json": lambda q, store, items, terminal: export.to_json(q.records(store, items)),
    "csv": lambda q, store, items, terminal: export.to_csv(q.records(store, items), q.columns),
}


def render(store: Store, query: str, f: Filter, fmt: str, terminal: bool = False) -> str | RenderableType:
    """The query's output: a string, or for `text` on a terminal a Rich table."""
    q = QUERIES[query]
    items = q.select(store, f)
    if fmt in q.extra:
        return q.extra[fmt](store, items)
    return FORMATS[fmt](q, store, items, terminal)
