"""The dossier as TinyDB tables, and one `Filter` that answers every pane (layer 3)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace

from tinydb import Query, TinyDB
from tinydb.storages import MemoryStorage

from .countries import country_name, lookup_country
from .dates import parse_edtf
from .filters import NO_FILTER, Filter
from .model import Actor, Dossier, Event, Issue, Stance, Statement


class UnknownCountry(ValueError):
    """A country filter that names no country or organisation."""


@dataclass(frozen=True)
class Group:
    """A country or organisation that actors belong to."""

    code: str
    name: str
    kind: str  # "country" or "organisation"
    actors: tuple[str, ...] = field(default=())


def _range_of(event: Event | None) -> tuple[str, str]:
    """ISO strings for where an event may fall, open ends as the widest strings."""
    if event is None:
        return "", "9999-12-31"
    when = event.when
    try:
        covered = parse_edtf(when.value)
        earliest, latest = when.earliest or covered.earliest, when.latest or covered.latest
    except ValueError:
        earliest, latest = when.earliest, when.latest
    return (earliest.isoformat() if earliest else "", latest.isoformat() if latest else "9999-12-31")


class Store:
    """Loads a dossier into TinyDB (in memory) and answers filtered questions about it."""

    def __init__(self, dossier: Dossier) -> None:
        self.dossier = dossier
        self.actor = {a.id: a for a in dossier.actors}
        self.statement = {s.id: s for s in dossier.statements}
        self.event = {e.id: e for e in dossier.events}
        self.issue = {i.id: i for i in dossier.issues}
        self.organisation = {o.code: o.name for o in dossier.organisations}
        self._order = {s.id: n for n, s in enumerate(dossier.statements)}
        self._event_order = {e.id: n for n, e in enumerate(dossier.events)}
        self.db = TinyDB(storage=MemoryStorage)
        self._load()

    # -- loading -------------------------------------------------------------------------------------

    def codes_of(self, actor_id: str) -> list[str]:
        """The country and organisation codes an actor belongs to."""
        actor = self.actor.get(actor_id)
        if actor is None:
            return []
        return [code for code in (actor.country, actor.affiliation) if code]

    def _load(self) -> None:
        self.db.table("actors").insert_multiple(
            {"id": a.id, "codes": self.codes_of(a.id), "text": " ".join([a.name, a.role or "", *a.aliases]).casefold()}
            for a in self.dossier.actors
        )
        self.db.table("statements").insert_multiple(
            {
                "id": s.id,
                "actor": s.actor,
                "codes": self.codes_of(s.actor),
                "issues": list(s.issues),
                "text": self._statement_text(s),
                "range": _range_of(self.event.get(s.when or "")),
            }
            for s in self.dossier.statements
        )
        self.db.table("events").insert_multiple(
            {
                "id": e.id,
                "actors": list(e.actors),
                "evidence": list(e.evidence),
                "text": " ".join(
                    [
                        e.title,
                        e.place or "",
                        e.when.phrase.exact if e.when.phrase else "",
                        *(self.actor[a].name for a in e.actors if a in self.actor),
                    ]
                ).casefold(),
                "range": _range_of(e),
            }
            for e in self.dossier.events
        )
        self.db.table("stances").insert_multiple(
            {"n": n, "actor": st.actor, "issue": st.issue, "text": self._stance_text(st)}
            for n, st in enumerate(self.dossier.stances)
        )

    def _statement_text(self, s: Statement) -> str:
        actor = self.actor.get(s.actor)
        parts = [s.content.exact, s.cue.exact if s.cue else ""]
        if actor:
            parts += [actor.name, actor.role or "", *actor.aliases]
        return " ".join(parts).casefold()

    def _stance_text(self, st: Stance) -> str:
        actor = self.actor.get(st.actor)
        issue = self.issue.get(st.issue)
        label = next((p.label for p in issue.positions if p.code == st.position), "") if issue else ""
        parts = [actor.name if actor else "", issue.title if issue else "", label, st.conditions or ""]
        return " ".join(parts).casefold()

    # -- countries and organisations ----------------------------------------------------------------

    def groups(self) -> list[Group]:
        """Every country and organisation with actors in this dossier, countries first, by name."""
        members: dict[str, list[str]] = {}
        for actor in self.dossier.actors:
            for code in self.codes_of(actor.id):
                members.setdefault(code, []).append(actor.id)
        out = [
            Group(
                code,
                self.organisation.get(code) or country_name(code),
                "organisation" if code in self.organisation else "country",
                tuple(ids),
            )
            for code, ids in members.items()
        ]
        return sorted(out, key=lambda g: (g.kind != "country", g.name.casefold()))

    def group_name(self, code: str) -> str:
        return self.organisation.get(code) or country_name(code)

    def resolve_country(self, token: str) -> str:
        """A code for a country or organisation given by code or name, in any case."""
        folded = token.strip().casefold()
        for code, name in self.organisation.items():
            if folded in (code.casefold(), name.casefold()):
                return code
        code = lookup_country(token) or next(
            (g.code for g in self.groups() if folded and g.name.casefold().startswith(folded)), None
        )
        if code is None:
            known = ", ".join(f"{g.code} ({g.name})" for g in self.groups())
            raise UnknownCountry(f"unknown country or organisation {token!r}; this dossier has: {known}")
        return code

    # -- queries ----------------------------------------------------------------------------------------

    @staticmethod
    def _matches(
        f: Filter,
        *,
        codes: str = "codes",
        actor: str | None = "actor",
        issues: str | None = "issues",
        dated: bool = True,
    ):
        q = Query()
        cond = q.noop()
        if f.countries and codes:
            cond &= q[codes].any(list(f.countries))
        if f.actors and actor:
            cond &= q[actor].one_of(list(f.actors)) if actor != "actors" else q[actor].any(list(f.actors))
        if f.issues and issues:
            cond &= q[issues].any(list(f.issues)) if issues == "issues" else q[issues].one_of(list(f.issues))
        if words := f.words:
            cond &= q.text.test(lambda text: all(w in text for w in words))
        if dated and (f.date_from or f.date_to):
            lo = f.date_from.isoformat() if f.date_from else ""
            hi = f.date_to.isoformat() if f.date_to else "9999-12-31"
            cond &= q.range.test(lambda r: r[0] <= hi and r[1] >= lo)
        return cond

    def statements(self, f: Filter = NO_FILTER) -> list[Statement]:
        """Matching statements, in article order."""
        rows = self.db.table("statements").search(self._matches(f))
        return sorted((self.statement[r["id"]] for r in rows), key=lambda s: self._order[s.id])

    def actors(self, f: Filter = NO_FILTER) -> list[Actor]:
        """Matching actors: in the filter's countries and actors; with an issue, search or date range,
        only those with a matching statement (or, for a search, whose own name or role matches)."""
        rows = self.db.table("actors").search(self._matches(replace(f, text=""), actor="id", issues=None, dated=False))
        ids = {r["id"] for r in rows}
        if f.issues or f.words or f.date_from or f.date_to:
            speaking = {s.actor for s in self.statements(f)}
            named = (
                {r["id"] for r in self.db.table("actors").search(self._matches(Filter(text=f.text)))}
                if (f.words and not f.issues)
                else set()
            )
            ids &= speaking | named
        return [a for a in self.dossier.actors if a.id in ids]

    def events(self, f: Filter = NO_FILTER) -> list[Event]:
        """Matching events, in date order: an event matches through its actors or the statements it cites."""
        visible = {s.id for s in self.statements(replace(f, text=""))}
        actors = {a.id for a in self.actors(replace(f, text="", issues=frozenset()))}
        narrowed = f.countries or f.actors or f.issues
        out = []
        for row in self.db.table("events").search(self._matches(f, codes="", actor=None, issues=None)):
            event = self.event[row["id"]]
            if narrowed and not (visible & set(event.evidence) or (not f.issues and actors & set(event.actors))):
                continue
            out.append(event)
        if f.words:
            matched = {e.id for e in out}
            for s in self.statements(f):
                if s.when and s.when not in matched and self._event_visible(s.when, f):
                    matched.add(s.when)
                    out.append(self.event[s.when])
        return sorted(out, key=self.event_sort_key)

    def _event_visible(self, event_id: str, f: Filter) -> bool:
        return event_id in {e.id for e in self.events(replace(f, text=""))}

    def event_sort_key(self, event: Event) -> tuple[str, int, int]:
        """Date order: by the earliest date; an event known only as 'by X' comes first among those of X;
        ties keep the dossier's order."""
        lo, hi = _range_of(event)
        return (lo or hi, 1 if lo else 0, self._event_order[event.id])

    def stances(self, f: Filter = NO_FILTER) -> list[Stance]:
        """Matching stances, in dossier order; a search matches a stance's own words or its evidence."""
        cond = self._matches(replace(f, text=""), codes="", actor="actor", issues="issue", dated=False)
        rows = sorted(self.db.table("stances").search(cond), key=lambda r: r["n"])
        if words := f.words:
            cited = {s.id for s in self.statements(f)}
            rows = [
                r
                for r in rows
                if all(w in r["text"] for w in words) or cited & set(self.dossier.stances[r["n"]].evidence)
            ]
        out = [self.dossier.stances[r["n"]] for r in rows]
        if f.countries:
            allowed = {a.id for a in self.actors(Filter(countries=f.countries))}
            out = [st for st in out if st.actor in allowed]
        return out

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

    def statement_count(self, actor_id: str) -> int:
        return sum(1 for s in self.dossier.statements if s.actor == actor_id)

    def home_of(self, actor: Actor) -> str:
        """The group an actor is listed under: its organisation where it speaks for one, else its country."""
        return actor.affiliation or actor.country or ""

    def by_group(self, actors: Iterable[Actor]) -> list[tuple[str, list[Actor]]]:
        """Actors grouped under their home country or organisation, in `groups()` order."""
        order = {g.code: n for n, g in enumerate(self.groups())}
        grouped: dict[str, list[Actor]] = {}
        for actor in actors:
            grouped.setdefault(self.home_of(actor), []).append(actor)
        return sorted(grouped.items(), key=lambda item: order.get(item[0], len(order)))
