"""The dossier, or a corpus of dossiers, in memory with indexes beside it; one `Filter` answers every
pane and every CLI query (layer 3).

The indexes in `index.py` answer filters and searches without scanning; the tests hold them to a
plain scan written in the tests themselves.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from functools import cached_property
from typing import TYPE_CHECKING, TypeVar

from .countries import country_name, lookup_country
from .dates import parse_edtf
from .filters import NO_FILTER, Filter
from .index import Postings, TokenIndex

if TYPE_CHECKING:
    from .model import Actor, Dossier, Event, Issue, Note, Source, Span, Stance, Statement

T = TypeVar("T")  # a Statement or an Event

OPEN_START, OPEN_END = "", "9999-12-31"


class UnknownCountry(ValueError):
    """A country filter that names no country or organisation."""


@dataclass(frozen=True)
class Group:
    """A country or organisation that actors belong to."""

    code: str
    name: str
    kind: str  # "country" or "organisation"
    actors: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class StanceRecord:
    """One stance as one article gave it: the history behind a corpus's latest stance."""

    stance: Stance
    source: Source


def range_of(event: Event | None) -> tuple[str, str]:
    """ISO strings for where an event may fall, open ends as the widest strings."""
    if event is None:
        return OPEN_START, OPEN_END
    when = event.when
    try:
        covered = parse_edtf(when.value)
        earliest, latest = when.earliest or covered.earliest, when.latest or covered.latest
    except ValueError:
        earliest, latest = when.earliest, when.latest
    return (earliest.isoformat() if earliest else OPEN_START, latest.isoformat() if latest else OPEN_END)


class Store:
    """Answers filtered questions about one dossier, or about a corpus merged by `tui.corpus`."""

    def __init__(
        self,
        dossier: Dossier,
        sources: dict[str, Source] | None = None,
        source_of: dict[str, str] | None = None,
        history: dict[tuple[str, str], list[StanceRecord]] | None = None,
    ) -> None:
        """`dossier` is one article's, or a corpus merged into one; then `sources` holds each article's
        source, `source_of` maps statement, event and note ids to their source's id, and `history`
        every stance behind the latest one per actor and issue."""
        self.dossier = dossier
        self.sources = sources or {dossier.source.id: dossier.source}
        self._source_of = source_of or {}
        self.is_corpus = sources is not None
        self.conflicts: list[str] = []  # in a corpus: actors and issues kept apart (see corpus.merge)
        self.actor = {a.id: a for a in dossier.actors}
        self.statement = {s.id: s for s in dossier.statements}
        self.event = {e.id: e for e in dossier.events}
        self.issue = {i.id: i for i in dossier.issues}
        self.organisation = {o.code: o.name for o in dossier.organisations}
        self.history = history or {(st.actor, st.issue): [StanceRecord(st, dossier.source)] for st in dossier.stances}
        self._event_order = {e.id: n for n, e in enumerate(dossier.events)}
        self._counts: dict[str, int] = {}
        for s in dossier.statements:
            self._counts[s.actor] = self._counts.get(s.actor, 0) + 1
        self._notes: dict[str, list[Note]] = {}
        for note in dossier.notes:
            for ident in note.about:
                self._notes.setdefault(ident, []).append(note)
        self._build_indexes()
        self._ids_cache: dict[Filter, set[str] | None] = {}

    # -- indexes and tables --------------------------------------------------------------------------

    def codes_of(self, actor_id: str) -> list[str]:
        """The country and organisation codes an actor belongs to."""
        actor = self.actor.get(actor_id)
        if actor is None:
            return []
        return [code for code in (actor.country, actor.affiliation) if code]

    def _actor_words(self, actor_id: str) -> str:
        actor = self.actor.get(actor_id)
        return " ".join([actor.name, actor.role or "", *actor.aliases]) if actor else ""

    def _build_indexes(self) -> None:
        d = self.dossier
        self._actor_codes = Postings()
        self._actor_words_index = TokenIndex()
        for a in d.actors:
            for code in self.codes_of(a.id):
                self._actor_codes.add(code, a.id)
            self._actor_words_index.add(a.id, self._actor_words(a.id))
        # Each event's range is worked out once: statements and sorting reuse it.
        self._event_range: dict[str, tuple[str, str]] = {e.id: range_of(e) for e in d.events}
        self._events_of_actor = Postings()
        self._event_words = TokenIndex()
        self._events_citing = Postings()  # statement id -> events citing it
        for e in d.events:
            for actor in e.actors:
                self._events_of_actor.add(actor, e.id)
            for sid in e.evidence:
                self._events_citing.add(sid, e.id)
            self._event_words.add(e.id, self.event_text(e))
        self._events_sorted = sorted(d.events, key=self.event_sort_key)
        self._event_sorted_order = {e.id: n for n, e in enumerate(self._events_sorted)}
        self._statement_order = {s.id: n for n, s in enumerate(d.statements)}
        # Plain dicts for what queries read of thousands of statements at once (faster than attributes).
        self._actor_of = {s.id: s.actor for s in d.statements}
        self._when_of = {s.id: s.when for s in d.statements if s.when}
        self._by_actor = Postings()
        self._by_issue = Postings()
        self._statement_words = TokenIndex()
        self._statement_range: dict[str, tuple[str, str]] = {}
        undated = (OPEN_START, OPEN_END)
        for s in d.statements:
            self._by_actor.add(s.actor, s.id)
            for issue in s.issues:
                self._by_issue.add(issue, s.id)
            self._statement_words.add(s.id, self.statement_text(s))
            self._statement_range[s.id] = self._event_range.get(s.when or "", undated)

    def statement_text(self, s: Statement) -> str:
        """What a search of a statement looks in: its words, its cue, and its speaker's name and role."""
        return " ".join([s.content.exact, s.cue.exact if s.cue else "", self._actor_words(s.actor)])

    def event_text(self, e: Event) -> str:
        phrase = e.when.phrase.exact if e.when.phrase else ""
        return " ".join([e.title, e.place or "", phrase, *(self.actor[a].name for a in e.actors if a in self.actor)])

    def _stance_text(self, st: Stance) -> str:
        label, _ = self.position_label(st)
        issue = self.issue.get(st.issue)
        return " ".join([self._actor_words(st.actor), issue.title if issue else "", label, st.conditions or ""])

    # -- sources -------------------------------------------------------------------------------------

    def source_id_of(self, item_id: str) -> str:
        return self._source_of.get(item_id, self.dossier.source.id)

    def source_of(self, item_id: str) -> Source:
        """The article a statement, event or note comes from."""
        return self.sources.get(self.source_id_of(item_id), self.dossier.source)

    def local_id(self, item_id: str) -> str:
        """An id as its own dossier has it (in a corpus, ids carry their source's id in front)."""
        prefix = self.source_id_of(item_id) + "/"
        return item_id[len(prefix) :] if self.is_corpus and item_id.startswith(prefix) else item_id

    def store_id(self, source_id: str, local_id: str) -> str | None:
        """The id here of a statement given as (source, id in its dossier); None when not loaded."""
        if source_id not in self.sources:
            return None
        ident = f"{source_id}/{local_id}" if self.is_corpus else local_id
        return ident if ident in self.statement else None

    @property
    def headline(self) -> str:
        return self.dossier.source.headline

    def spans_in(self, source_id: str) -> list[Span]:
        """The anchored spans of one article other than statement contents: cues, dates, figures, notes."""
        d, mine = self.dossier, lambda ident: self.source_id_of(ident) == source_id
        spans = [s.cue for s in d.statements if s.cue and mine(s.id)]
        spans += [e.when.phrase for e in d.events if e.when.phrase and mine(e.id)]
        spans += [f.span for f in d.figures if mine(f.id)]
        spans += [n.span for n in d.notes if n.span and mine(n.id)]
        return spans

    def notes_about(self, item_id: str) -> list[Note]:
        return self._notes.get(item_id, [])

    # -- countries and organisations ----------------------------------------------------------------

    def groups(self) -> list[Group]:
        """Every country and organisation with actors here, countries first, by name."""
        return list(self._groups)

    @cached_property
    def _groups(self) -> tuple[Group, ...]:
        # Worked out once: the Speakers pane groups by it on every filter and keystroke.
        members: dict[str, list[str]] = {}
        for actor in self.dossier.actors:
            for code in self.codes_of(actor.id):
                members.setdefault(code, []).append(actor.id)
        out = [
            Group(code, self.group_name(code), "organisation" if code in self.organisation else "country", tuple(ids))
            for code, ids in members.items()
        ]
        return tuple(sorted(out, key=lambda g: (g.kind != "country", g.name.casefold())))

    def group_name(self, code: str) -> str:
        return self.organisation.get(code) or country_name(code)

    def resolve_country(self, token: str) -> str:
        """A code for a country or organisation given by code or name, in any case."""
        folded = token.strip().casefold()
        for code, name in self.organisation.items():
            if folded in (code.casefold(), name.casefold()):
                return code
        # A code or name of a group here answers without pycountry's tables (slow to load).
        here = next((g.code for g in self.groups() if folded in (g.code.casefold(), g.name.casefold())), None)
        code = (
            here
            or lookup_country(token)
            or next((g.code for g in self.groups() if folded and g.name.casefold().startswith(folded)), None)
        )
        if code is None:
            known = ", ".join(f"{g.code} ({g.name})" for g in self.groups())
            raise UnknownCountry(f"unknown country or organisation {token!r}; this dossier has: {known}")
        return code

    # -- queries (indexes) -------------------------------------------------------------------------------

    @staticmethod
    def _dated(f: Filter) -> tuple[str, str] | None:
        if not (f.date_from or f.date_to):
            return None
        return (
            f.date_from.isoformat() if f.date_from else OPEN_START,
            f.date_to.isoformat() if f.date_to else OPEN_END,
        )

    def _actor_ids(self, f: Filter) -> set[str] | None:
        """Actors allowed by the filter's countries and actors; None when neither narrows."""
        ids: set[str] | None = None
        if f.countries:
            ids = self._actor_codes.any_of(f.countries)
        if f.actors:
            ids = set(f.actors) if ids is None else ids & set(f.actors)
        return ids

    def statement_ids(self, f: Filter = NO_FILTER) -> set[str] | None:
        """Ids of matching statements; None means every statement. Remembered for the last few
        filters: one keystroke asks it for every pane."""
        if f in self._ids_cache:
            return self._ids_cache[f]
        if len(self._ids_cache) > 32:
            self._ids_cache.clear()
        ids = self._ids_cache[f] = self._statement_ids(f)
        return ids

    def _statement_ids(self, f: Filter) -> set[str] | None:
        ids: set[str] | None = None
        actors = self._actor_ids(f)
        if actors is not None:
            ids = self._by_actor.any_of(actors)
        if f.issues:
            found = self._by_issue.any_of(f.issues)
            ids = found if ids is None else ids & found
        if f.words:
            found = self._statement_words.search(f.text) or set()
            ids = found if ids is None else ids & found
        if (span := self._dated(f)) is not None:
            lo, hi = span
            pool = self._statement_range if ids is None else {i: self._statement_range[i] for i in ids}
            ids = {i for i, (start, end) in pool.items() if start <= hi and end >= lo}
        return ids

    def statements(self, f: Filter = NO_FILTER) -> list[Statement]:
        """Matching statements, in article (and corpus) order."""
        ids = self.statement_ids(f)
        if ids is None:
            return list(self.dossier.statements)
        return _in_order(ids, self.statement, self._statement_order)

    def actors(self, f: Filter = NO_FILTER) -> list[Actor]:
        """Matching actors: in the filter's countries and actors; with an issue, search or date range,
        only those with a matching statement (or, for a search, whose own name or role matches)."""
        ids = self._actor_ids(f)
        if f.issues or f.words or f.date_from or f.date_to:
            matching = self.statement_ids(f)  # None is every statement; an empty set is none
            actor_of = self._actor_of
            speaking = {actor_of[i] for i in (actor_of if matching is None else matching)}
            if f.words and not f.issues:
                speaking |= self._actor_words_index.search(f.text) or set()
            ids = speaking if ids is None else ids & speaking
        if ids is None:
            return list(self.dossier.actors)
        return [a for a in self.dossier.actors if a.id in ids]

    def events(self, f: Filter = NO_FILTER) -> list[Event]:
        """Matching events, in date order: an event matches through its actors or the statements it cites."""
        ids = self.event_ids(f)
        if ids is None:
            return list(self._events_sorted)
        return _in_order(ids, self.event, self._event_sorted_order)

    def events_citing(self, statement_ids: Iterable[str]) -> set[str]:
        """Ids of the events that cite any of these statements."""
        return self._events_citing.any_of(statement_ids)

    def event_ids(self, f: Filter = NO_FILTER) -> set[str] | None:
        unworded = replace(f, text="")
        ids: set[str] | None = None
        if f.countries or f.actors or f.issues:
            cited = self.statement_ids(unworded)
            ids = self._events_citing.any_of(cited if cited is not None else self.statement)
            if not f.issues:
                actors = self._actor_ids(f)
                ids |= self._events_of_actor.any_of(actors if actors is not None else self.actor)
        if (span := self._dated(f)) is not None:
            lo, hi = span
            pool = self._event_range if ids is None else {i: self._event_range[i] for i in ids}
            ids = {i for i, (start, end) in pool.items() if start <= hi and end >= lo}
        if f.words:
            worded = set(self._event_words.search(f.text) or set())
            when_of = self._when_of
            worded.update(when for sid in self.statement_ids(f) or () if (when := when_of.get(sid)))
            ids = worded if ids is None else ids & worded
        return ids

    def event_sort_key(self, event: Event) -> tuple[str, str, int]:
        """Date order: by the earliest date, then the latest; an event with no known start ('by X',
        'previously') comes before every dated one rather than at X, which it is not; ties keep the
        dossier's order."""
        lo, hi = self._event_range.get(event.id) or range_of(event)
        return (lo, hi, self._event_order.get(event.id, 0))

    def stances(self, f: Filter = NO_FILTER) -> list[Stance]:
        """Matching stances, in dossier order; a search matches a stance's own words or its evidence."""
        out = list(self.dossier.stances)
        if f.actors:
            out = [st for st in out if st.actor in f.actors]
        if f.issues:
            out = [st for st in out if st.issue in f.issues]
        if f.countries:
            allowed = self._actor_ids(Filter(countries=f.countries)) or set()
            out = [st for st in out if st.actor in allowed]
        if f.words:
            cited = self.statement_ids(f) or set()
            worded = self._stance_words.search(f.text) or set()
            out = [st for st in out if str(id(st)) in worded or not cited.isdisjoint(st.evidence)]
        return out

    def statements_in(self, source_id: str) -> list[Statement]:
        """One article's statements, in its order."""
        return [s for s in self.dossier.statements if self.source_id_of(s.id) == source_id]

    @cached_property
    def _stance_words(self) -> TokenIndex:
        """Each stance's own words (actor, issue, position, conditions), under its identity (`id()`, as
        text: stances may repeat an actor and issue, and live as long as the store); built for the
        first search."""
        index = TokenIndex()
        for st in self.dossier.stances:
            index.add(str(id(st)), self._stance_text(st))
        return index

    # -- lookups --------------------------------------------------------------------------------------

    def when_of(self, statement: Statement) -> Event | None:
        return self.event.get(statement.when or "")

    def position_label(self, stance: Stance) -> tuple[str, str]:
        """(label, polarity) of a stance's position."""
        issue: Issue | None = self.issue.get(stance.issue)
        for p in issue.positions if issue else []:
            if p.code == stance.position:
                return p.label, p.polarity
        return stance.position, "NONE"

    def source_of_stance(self, stance: Stance) -> Source:
        """The article a stance was taken from (in a corpus, the latest that gave one)."""
        for record in reversed(self.history.get((stance.actor, stance.issue), [])):
            if record.stance is stance:
                return record.source
        return self.dossier.source

    def stance_of(self, actor: str, issue: str) -> Stance | None:
        records = self.history.get((actor, issue))
        return records[-1].stance if records else None

    def statement_count(self, actor_id: str) -> int:
        return self._counts.get(actor_id, 0)

    def home_of(self, actor: Actor) -> str:
        """The group an actor is listed under: its organisation where it speaks for one, else its country."""
        return actor.affiliation or actor.country or ""

    def by_group(self, actors: Iterable[Actor]) -> list[tuple[str, list[Actor]]]:
        """Actors grouped under their home country or organisation, in `groups()` order."""
        order = {g.code: n for n, g in enumerate(self._groups)}
        grouped: dict[str, list[Actor]] = {}
        for actor in actors:
            grouped.setdefault(self.home_of(actor), []).append(actor)
        return sorted(grouped.items(), key=lambda item: order.get(item[0], len(order)))


def _in_order(ids: set[str], by_id: dict[str, T], order: dict[str, int]) -> list[T]:
    """The items with these ids, in `order` (id -> position, in that order): by sorting a few, or
    by going through them all (their ids only: a model's attributes are slower to read)."""
    if len(ids) * 8 < len(order):
        return [by_id[i] for i in sorted((i for i in ids if i in order), key=order.__getitem__)]
    return [by_id[i] for i in order if i in ids]
