"""The `text` format: a Rich table for a terminal, plain lines for a pipe. Dossier text is always
passed as `rich.text.Text`, never as markup."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.table import Table
from rich.text import Text

from .cite import UNREVIEWED, speaker
from .describe import MODE_LABELS, describe_when, note_ids, stance_cell, statement_date, symbol_legend
from .inert import inert

if TYPE_CHECKING:  # annotations only: the CLI registers its formats without loading the models
    from ..model import Event, Note, Stance, Statement
    from ..store import Store


def _t(text: str | None, style: str = "") -> Text:
    return Text(inert(text or ""), style=style)


def _marks(store: Store, item: Statement | Event) -> str:
    """' · unreviewed …', ' · note n-1, n-2': what a reader must know beside the item."""
    out = " · " + UNREVIEWED if item.review == "draft" else ""
    notes = note_ids(store, item.id)
    return out + (f" · note{'s' * (len(notes) > 1)} {', '.join(notes)}" if notes else "")


def quotes_table(store: Store, statements: Sequence[Statement]) -> Table:
    table = Table("Speaker", "Date", "Mode", "Quote", title=f"{len(statements)} statements", expand=True)
    for s in statements:
        table.add_row(
            _t(speaker(store, s), "bold"),
            _t(statement_date(store, s)),
            _t(MODE_LABELS[s.mode] + _marks(store, s)),
            _t(s.content.exact),
        )
    return table


def quotes_plain(store: Store, statements: Sequence[Statement]) -> str:
    lines = []
    for s in statements:
        head = f"{speaker(store, s)} · {statement_date(store, s)} · {MODE_LABELS[s.mode]}{_marks(store, s)}"
        lines.append(f"{s.id}\t{inert(head)}")
        lines.append(f"\t{inert(s.content.exact, keep_newlines=False)}")
    return "\n".join(lines)


def timeline_table(store: Store, events: Sequence[Event]) -> Table:
    table = Table("Date", "Event", "As written", "How resolved", title=f"{len(events)} events", expand=True)
    for e in events:
        table.add_row(
            _t(describe_when(e.when), "bold"),
            _t(e.title + _marks(store, e)),
            _t(e.when.phrase.exact if e.when.phrase else "—", "italic"),
            _t(e.when.rule, "dim"),
        )
    return table


def timeline_plain(store: Store, events: Sequence[Event]) -> str:
    lines = []
    for e in events:
        phrase = f" [{inert(e.when.phrase.exact)}]" if e.when.phrase else ""
        lines.append(f"{describe_when(e.when)}\t{inert(e.title)}{phrase}{inert(_marks(store, e))}")
    return "\n".join(lines)


def stances_table(store: Store, stances: Sequence[Stance]) -> Table:
    """The matrix: one row per actor, one column per issue; notes (inferred, thin) below it."""
    issues = [i for i in store.dossier.issues if any(st.issue == i.id for st in stances)]
    table = Table("Actor", title="Stances", expand=True, caption_justify="left")
    for issue in issues:  # a header given as a str would be read as Rich markup
        table.add_column(_t(issue.title))
    by_actor: dict[str, list[Stance]] = {}
    for st in stances:
        by_actor.setdefault(st.actor, []).append(st)
    notes: list[str] = []
    for actor_id, own in by_actor.items():
        name = store.actor[actor_id].name if actor_id in store.actor else actor_id
        cells = {}
        for st in own:
            cells[st.issue] = stance_cell(store, st)
            if st.note:  # numbered in the cell, given in full below the table
                notes.append(f"[{len(notes) + 1}] {name}: {st.note}")
                cells[st.issue] += f" [{len(notes)}]"
        table.add_row(_t(name, "bold"), *(_t(cells.get(i.id, "·")) for i in issues))
    table.caption = _t("\n".join([symbol_legend(store, stances), *notes]))
    return table


def stances_plain(store: Store, stances: Sequence[Stance]) -> str:
    lines = []
    for st in stances:
        name = store.actor[st.actor].name if st.actor in store.actor else st.actor
        issue = store.issue[st.issue].title if st.issue in store.issue else st.issue
        conditions = f" ({inert(st.conditions)})" if st.conditions else ""
        note = f"\tnote: {inert(st.note, keep_newlines=False)}" if st.note else ""
        lines.append(f"{inert(name)}\t{inert(issue)}\t{inert(stance_cell(store, st))}{conditions}{note}")
    return "\n".join(lines)


def notes_table(store: Store, notes: Sequence[Note]) -> Table:
    table = Table("Note", "About", "Text", title=f"{len(notes)} editorial notes", expand=True)
    for n in notes:
        table.add_row(_t(n.id, "bold"), _t(", ".join(n.about)), _t(n.text))
    return table


def notes_plain(store: Store, notes: Sequence[Note]) -> str:
    return "\n".join(f"{inert(n.id)}\t{inert(', '.join(n.about))}\t{inert(n.text, keep_newlines=False)}" for n in notes)


def speakers_table(store: Store, actors: Sequence[Any]) -> Table:
    table = Table("Group", "Speaker", "Role", "Statements", title=f"{len(actors)} speakers", expand=True)
    for a in actors:
        table.add_row(
            _t(store.group_name(store.home_of(a))), _t(a.name, "bold"), _t(a.role), str(store.statement_count(a.id))
        )
    return table


def speakers_plain(store: Store, actors: Sequence[Any]) -> str:
    lines, group = [], None
    for a in actors:
        name = store.group_name(store.home_of(a))
        if name != group:
            group = name
            lines.append(inert(group))
        role = f", {inert(a.role)}" if a.role else ""
        lines.append(f"  {inert(a.name)}{role} — {store.statement_count(a.id)} statement(s)")
    return "\n".join(lines)
