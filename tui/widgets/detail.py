"""The detail pane: the current statement in full, with its citation and the sentence around it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.containers import VerticalScroll
from textual.widgets import Static

from ..app.selection import View, empty_message, stance_of
from ..render.cite import REPORTED_AS, UNREVIEWED, speaker
from ..render.describe import MODE_LABELS, context_sentence, stance_cell, statement_date
from .common import DRAFT, MARK, literal

if TYPE_CHECKING:
    from ..model import Stance, Statement
    from ..store import Store
    from ..userstate import Bookmark

QUOTE_STYLE = "bold reverse"
HISTORY_LINES = 8


def stance_text(store: Store, stance: Stance) -> Text:
    """The stance a cell stands for, shown above the evidence it cites."""
    out = Text()
    name = store.actor[stance.actor].name if stance.actor in store.actor else stance.actor
    issue = store.issue.get(stance.issue)
    out.append_text(literal(f"{name} on {issue.title if issue else stance.issue}: ", "bold"))
    out.append_text(literal(stance_cell(store, stance), "bold"))
    if issue:
        out.append("\n")
        out.append_text(literal(issue.question, "dim"))
    if stance.conditions:
        out.append_text(literal(f"\nConditions: {stance.conditions}"))
    if stance.note:
        out.append_text(literal(f"\nNote: {stance.note}", "yellow"))
    events = sum(ident in store.event for ident in stance.evidence)
    cited = f"{len(stance.evidence) - events} statement(s)" + (f", {events} event(s)" if events else "")
    out.append(f"\nEvidence: {cited}", style="dim")
    history = store.history.get((stance.actor, stance.issue), [])
    if len(history) > 1:  # a corpus: how the stance moved, newest first
        out.append(f"\nHistory ({len(history)} articles):", style="bold")
        for record in list(reversed(history))[:HISTORY_LINES]:
            out.append(f"\n  {record.source.reference_date}  ")
            out.append_text(literal(stance_cell(store, record.stance)))
            out.append_text(literal(f"  {record.source.headline}", "dim"))
        if len(history) > HISTORY_LINES:
            out.append(f"\n  … {len(history) - HISTORY_LINES} earlier", style="dim")
    out.append("\n\n")
    return out


def detail_text(store: Store, s: Statement, stance: Stance | None = None, bookmark: Bookmark | None = None) -> Text:
    event = store.when_of(s)
    out = stance_text(store, stance) if stance else Text()
    if bookmark is not None:
        out.append(MARK + "Bookmarked", style="bold")
        if bookmark.note:
            out.append_text(literal("  Note: " + bookmark.note, "italic"))
        out.append("\n")
    out.append_text(review_text(s))
    exact = f"“{s.content.exact}”" if s.mode == "direct" else s.content.exact
    out.append_text(literal(exact, "bold"))
    out.append("\n— ")
    # Says when the attribution is inferred, and that reported speech is the article's words.
    reported = f", {REPORTED_AS[s.mode]}" if s.mode in REPORTED_AS else ""
    out.append_text(literal(speaker(store, s) + reported, "italic"))
    if s.review == "draft":
        out.append_text(literal(f"\n{UNREVIEWED}", "bold"))
    out.append("\n\n")

    def field(name: str, value: Text | str) -> None:
        out.append(f"{name:<9}", style="dim")
        out.append_text(value if isinstance(value, Text) else literal(value))
        out.append("\n")

    date = literal(statement_date(store, s))
    if event and event.when.phrase:
        date.append_text(literal(f"  “{event.when.phrase.exact}”", "italic"))
    field("Date", date)
    if event:
        field("Rule", literal(event.when.rule, "dim"))
        field("Event", event.title)
    cue = f" · cue “{s.cue.exact}”" if s.cue else " · no cue in the text"
    field("Mode", MODE_LABELS[s.mode] + cue)
    issues = ", ".join(store.issue[i].title for i in s.issues if i in store.issue)
    if issues:
        field("Issues", issues)
    for note in store.notes_about(s.id):
        field("Note", literal(note.text, "yellow"))
    source = store.source_of(s.id)
    text = source.text
    lo, hi = context_sentence(text, s.content.start, s.content.end)
    where = f"“{source.headline}”, " if store.is_corpus else "the article, "
    out.append_text(literal(f"\nIn {where}characters {s.content.start}–{s.content.end}:\n", "dim"))
    out.append_text(literal(text[lo : s.content.start]))
    out.append_text(literal(text[s.content.start : s.content.end], QUOTE_STYLE))
    out.append_text(literal(text[s.content.end : hi]))
    return out


def review_text(item) -> Text:
    """For an item awaiting review: that it does, what proposed it, by which rule, how sure."""
    if getattr(item, "review", None) != "draft":
        return Text()
    out = Text(DRAFT + "Awaiting review", style="bold")
    origin = getattr(item, "origin", None)
    if origin is not None:
        out.append_text(literal(f" — proposed by {origin.by}: {origin.rule}", "italic"))
        out.append(f" (confidence {origin.confidence:.2f})", style="dim")
    out.append("\n")
    return out


class DetailView(VerticalScroll):
    BORDER_TITLE = "Detail"
    can_focus = False

    def compose(self):
        yield Static(id="detail-body")

    def show(self, view: View) -> None:
        """The view's current statement (`view.keep`) in full, under the stance that scopes it."""
        store, statement, stance = view.store, view.statement, stance_of(view.store, view.scope)
        body = self.query_one("#detail-body", Static)
        if statement:
            body.update(detail_text(store, statement, stance, view.marked.get(statement.id)))
        else:
            prefix = stance_text(store, stance) if stance else Text()
            body.update(prefix + literal(empty_message(store, view.filter, view.scope), "dim italic"))
        self.scroll_home(animate=False)
