"""What the user has selected, as typed values, and what it shows: pure functions, no Textual.

The main screen keeps a filter (countries, search), a scope (the actor, event or stance picked in a
side pane) and the current statement. Every pane is filled from one `View` of them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from ..cached import cached
from ..filters import Filter

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from ..model import Actor, Event, Stance, Statement
    from ..store import Store
    from ..userstate import Bookmark


@dataclass(frozen=True)
class StatementRef:
    id: str


@dataclass(frozen=True)
class ActorRef:
    id: str


@dataclass(frozen=True)
class EventRef:
    id: str


@dataclass(frozen=True)
class StanceRef:
    actor: str
    issue: str


Scope = ActorRef | EventRef | StanceRef | None  # what narrows the Quotes pane beyond the filter


class Results:
    """What one filter finds, for every pane. Each part is worked out when first asked for: while the
    user types on a large corpus only the statements are, and the rest when typing pauses."""

    def __init__(self, store: Store, f: Filter) -> None:
        self.store, self.filter = store, f

    @cached
    def statements(self) -> list[Statement]:
        return self.store.statements(self.filter)

    @cached
    def actors(self) -> list[Actor]:
        return self.store.actors(self.filter)

    @cached
    def events(self) -> list[Event]:
        return self.store.events(self.filter)

    @cached
    def stances(self) -> list[Stance]:
        return self.store.stances(self.filter)


@dataclass(frozen=True)
class View:
    """What the panes show: the filter's results, narrowed by the scope, with the bookmarked statements
    marked and `keep` (the current statement) kept where it is still shown."""

    results: Results
    scope: Scope = None
    marked: Mapping[str, Bookmark] = field(default_factory=dict)  # bookmarked statements by id
    keep: str | None = None

    @property
    def store(self) -> Store:
        return self.results.store

    @property
    def filter(self) -> Filter:
        return self.results.filter

    @property
    def words(self) -> list[str]:
        return self.filter.words

    @cached
    def in_view(self) -> list[Statement]:
        """The Quotes pane's statements."""
        return scoped(self.store, self.results.statements, self.scope)

    def keeping(self, keep: str | None) -> View:
        """The same view keeping another statement, its statements (and their count) not asked again."""
        new = replace(self, keep=keep)
        if "in_view" in self.__dict__:
            new.__dict__["in_view"] = self.in_view
        return new

    @cached
    def marked_actors(self) -> frozenset[str]:
        """Actors with a bookmarked statement."""
        return frozenset(self.store.statement[s].actor for s in self.marked)

    @property
    def statement(self) -> Statement | None:
        """The statement to keep: the current one."""
        return self.store.statement.get(self.keep or "")

    @cached
    def marked_events(self) -> frozenset[str]:
        """Events citing, or dating, a bookmarked statement."""
        events = set(self.store.events_citing(self.marked))
        return frozenset(events | {w for s in self.marked if (w := self.store.statement[s].when)})


def scoped(store: Store, statements: list[Statement], scope: Scope) -> list[Statement]:
    """The statements of `statements` that the scope selects."""
    if scope is None:
        return statements
    if (narrow := getattr(statements, "narrow", None)) is not None:  # a corpus index's list: it queries
        if isinstance(scope, StanceRef):
            return narrow("stance", (scope.actor, scope.issue))
        return narrow("actor" if isinstance(scope, ActorRef) else "event", scope.id)
    if isinstance(scope, ActorRef):
        return [s for s in statements if s.actor == scope.id]
    if isinstance(scope, EventRef):
        cited = set(store.event[scope.id].evidence) if scope.id in store.event else set()
        return [s for s in statements if s.id in cited or s.when == scope.id]
    stance = stance_of(store, scope)
    cited = set(stance.evidence) if stance else set()
    for ident in cited & store.event.keys():  # an action cited (format 1.1): the statements reporting it
        cited = cited | set(store.event[ident].evidence)
    return [s for s in statements if s.id in cited]


def stance_of(store: Store, scope: Scope) -> Stance | None:
    """The stance a StanceRef scope stands for (None for any other scope)."""
    if not isinstance(scope, StanceRef):
        return None
    return next((st for st in store.dossier.stances if (st.actor, st.issue) == (scope.actor, scope.issue)), None)


def scope_label(store: Store, scope: Scope) -> str:
    """The scope in words, for the Quotes pane's title."""
    if scope is None:
        return "all"
    if isinstance(scope, ActorRef):
        return store.actor[scope.id].name
    if isinstance(scope, EventRef):
        return store.event[scope.id].title
    return f"{store.actor[scope.actor].name} on {store.issue[scope.issue].title}"


def scope_visible(results: Results, scope: Scope) -> bool:
    """Whether the side pane the scope was picked in still shows it under the filter."""
    if isinstance(scope, ActorRef):
        return any(a.id == scope.id for a in results.actors)
    if isinstance(scope, EventRef):
        return has(results.events, scope.id)
    if isinstance(scope, StanceRef):
        return any((st.actor, st.issue) == (scope.actor, scope.issue) for st in results.stances)
    return True


def has(items: Sequence, ident: str) -> bool:
    """Is the item with this id among `items` (a list, or a corpus index's list, which asks the index)?"""
    position = getattr(items, "position", None)
    return position(ident) is not None if position else any(item.id == ident for item in items)


def known_len(items: Sequence[object]) -> int | None:
    """How many items, or None while not counted: a corpus index's list counts in a query of its own,
    which the Quotes pane does not wait for (it shows the first page, then the count)."""
    known = getattr(items, "known_len", None)
    return known() if known is not None else len(items)


def status_line(store: Store, f: Filter, shown: int | None) -> str:
    """How many quotes are in view (… while counted), then the filter and search that leave them: the
    count first, so it is never what a narrow header cuts off."""
    counted = "…" if shown is None else f"{shown:,}"
    parts = [f"{counted}/{len(store.dossier.statements):,} quotes", filter_summary(store, f.countries)]
    if f.text.strip():
        parts.append(f"Search “{f.text.strip()}”")
    return " · ".join(parts)


SUMMARY_WIDTH = 30  # a filter named in more characters is counted instead


def filter_summary(store: Store, codes: frozenset[str]) -> str:
    """'All countries', 'Filter: Poland', 'Filter: Germany, Netherlands', or counted when long:
    'Filter: 3 countries', 'Filter: 2 countries, 1 organisation'."""
    if not codes:
        return "All countries"
    names = ", ".join(sorted(store.group_name(c) for c in codes))
    if len(codes) == 1 or len(names) <= SUMMARY_WIDTH:
        return f"Filter: {names}"
    organisations = sum(c in store.organisation for c in codes)
    counted = [(len(codes) - organisations, "country", "countries"), (organisations, "organisation", "organisations")]
    return "Filter: " + ", ".join(f"{n} {one if n == 1 else many}" for n, one, many in counted if n)


def empty_message(store: Store, f: Filter, scope: Scope = None) -> str:
    """What the detail pane says when no statement is selected: for an actor who says nothing, what it
    does instead (the events it acts in)."""
    if not store.dossier.statements:
        return (
            'This dossier has no statements yet: add them to its "statements" list, check it with '
            "fact-explorer validate, and open it again."
        )
    if isinstance(scope, ActorRef) and store.statement_count(scope.id) == 0:
        return actor_without_statements(store, scope.id)
    if f.active:
        return "Nothing matches. Press escape to clear the search, then the filter; f picks another country."
    return "No statement is cited here. Press escape to show all quotes."


def actor_without_statements(store: Store, actor_id: str) -> str:
    from ..render.describe import describe_when

    name = store.actor[actor_id].name if actor_id in store.actor else actor_id
    events = [e for e in store.dossier.events if actor_id in e.actors]
    if not events:
        return f"{name} has no statements in this dossier and acts in none of its events."
    lines = [f"{name} has no statements in this dossier. It acts in {len(events)} event{'s' * (len(events) != 1)}:"]
    lines += [f"  {describe_when(e.when)}  {e.title}" for e in events]
    return "\n".join(lines)
