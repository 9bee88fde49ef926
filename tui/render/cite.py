"""The one citation of a statement, for every place text leaves the tool: `C` in the app, the `citation`
field, the md/csv/json/text outputs, bookmarks and the palette's Markdown export.

The rule (README, "Citations"): quotation marks surround only words whose author is named beside them.
A direct quote is the speaker's words, in quotation marks. Reported speech and paraphrase are the
article's words about the speaker: never in quotation marks, introduced as the article's. What the
article does not give is said: an inferred speaker, an editorial headline, an unknown publisher or
URL, an inferred date, an item no person has reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .describe import actor_line, statement_date

if TYPE_CHECKING:  # annotations only: the detail pane imports this before the first frame
    from ..model import Source, Statement
    from ..store import Store

# How each mode of reported speech is introduced: the words are the article's, not the speaker's.
REPORTED_AS = {
    "indirect": "as reported in the article's words, not a quotation",
    "paraphrase": "as paraphrased by the article, not a quotation",
}
UNREVIEWED = "unreviewed: proposed by a tool, not checked by a person"


@dataclass(frozen=True)
class Citation:
    """`body` is what was said (a direct quote in quotation marks, or the speaker and the article's
    words without them); `credit` says when and where; `marks` what the article does not give."""

    body: str
    credit: str
    marks: tuple[str, ...] = ()

    def text(self) -> str:
        """One line, as `C` copies it and the `citation` field holds it."""
        marks = "".join(f" [{m}]" for m in self.marks)
        return f"{self.body} — {self.credit}{marks}"


def speaker(store: Store, statement: Statement) -> str:
    """'Name, Role (Country)'; 'attributed to …' with how, when the article names no speaker."""
    actor = store.actor.get(statement.actor)
    who = actor_line(store, actor) if actor else statement.actor
    if statement.inferred_attribution:
        return f"attributed to {who} ({statement.inferred_attribution})"
    return who


def source_reference(source: Source) -> str:
    """The article, with what is editorial or unknown said rather than implied."""
    if source.headline_editorial:
        title = f"article untitled in the source (title given by the curator: {source.headline})"
    else:
        title = f"“{source.headline}”"
    date = f"{source.reference_date.day} {source.reference_date:%B %Y}"
    if source.reference_date_rule:
        date += " (date inferred: the article does not state it in full)"
    publisher = source.publisher or "publisher unknown"
    url = source.url or "URL unknown"
    return f"{title}, {date}, {publisher}, {url}"


def cite(store: Store, statement: Statement) -> Citation:
    when = statement_date(store, statement)
    source = source_reference(store.source_of(statement.id))
    marks = (UNREVIEWED,) if statement.review == "draft" else ()
    if statement.mode == "direct":
        body = f"“{statement.content.exact}”"
        credit = f"{speaker(store, statement)}, {when}; in {source}"
    else:
        body = f"{speaker(store, statement)}, {REPORTED_AS[statement.mode]}: {statement.content.exact}"
        credit = f"{when}; in {source}"
    return Citation(body, credit, marks)


def citation(store: Store, statement: Statement) -> str:
    return cite(store, statement).text()
