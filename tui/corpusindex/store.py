"""`IndexedStore`: the questions `tui.store.Store` answers, answered through a `CorpusIndex`, so the CLI
and the explorer work on a corpus without holding it in memory.

Lists come back as `Lazy` sequences: their length is one count, and their items are fetched a page
at a time when read. Actors, issues, organisations and the latest stances are few and held; statements,
events and articles are read when asked for (the last pages and records are kept)."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from ..cached import cached
from ..fastload.records import Record, record
from ..filters import NO_FILTER, Filter
from ..store import StanceRecord, Store
from .interface import ARTICLE, CorpusIndex

PAGE = 200  # records fetched at a time when a lazy list is read
PAGES_KEPT = 20  # of each list
KEPT = 4000  # records kept of statements and events read


class Lazy(Sequence):
    """An ordered result read a page at a time: `ids(offset, limit)`, `count()`, `position(id)`."""

    def __init__(
        self,
        ids: Callable[[int, int], list[str]],
        count: Callable[[], int],
        position: Callable[[str], int | None],
        build: Callable[[list[str]], list[Any]],
        narrow: Callable[[str, Any], Sequence] | None = None,
        page: int = PAGE,
    ) -> None:
        self._ids, self._count, self._position, self._build = ids, count, position, build
        self._size = page  # items fetched at a time
        if narrow is not None:
            self.narrow = narrow  # (kind, id) -> the items a pane's selection leaves (statements only)
        self._pages: dict[int, list[Any]] = {}

    @cached
    def _len(self) -> int:
        return self._count()

    def __len__(self) -> int:
        return self._len

    def known_len(self) -> int | None:
        """The count when it was asked already, else None (without counting)."""
        return self.__dict__.get("_len")

    def __bool__(self) -> bool:
        return bool(self._page(0))

    def _page(self, n: int) -> list[Any]:
        if n not in self._pages:
            if len(self._pages) >= PAGES_KEPT:
                self._pages.clear()
            self._pages[n] = self._build(self._ids(n * self._size, self._size))
        return self._pages[n]

    def __getitem__(self, at):  # type: ignore[override]
        if isinstance(at, slice):
            start, stop = at.start or 0, at.stop
            if at.step not in (None, 1) or start < 0 or (stop is not None and stop < 0):
                return list(self)[at]  # not asked for by any pane: read it all
            out: list[Any] = []
            n = start // self._size
            while stop is None or n * self._size < stop:
                page = self._page(n)
                out += page[
                    max(start - n * self._size, 0) : len(page) if stop is None else max(stop - n * self._size, 0)
                ]
                if len(page) < self._size:
                    break
                n += 1
            return out
        if at < 0:
            at += len(self)
        page = self._page(at // self._size) if at >= 0 else []
        if not 0 <= at % self._size < len(page):
            raise IndexError(at)
        return page[at % self._size]

    def __iter__(self) -> Iterator[Any]:
        """Every item, a page at a time, keeping none (an export of a whole corpus reads it all)."""
        offset = 0
        while True:
            ids = self._ids(offset, PAGE)
            yield from self._build(ids)
            if len(ids) < PAGE:
                return
            offset += PAGE

    def position(self, ident: str) -> int | None:
        """Where the item with this id is, or None: without reading the list."""
        return self._position(ident)

    def __contains__(self, item: object) -> bool:
        ident = getattr(item, "id", item)
        return isinstance(ident, str) and self._position(ident) is not None


class _Records(Mapping):
    """id -> record of statements or events, read from the index when asked for, the last few kept."""

    def __init__(self, fetch: Callable[[list[str]], list[dict]], kind: str) -> None:
        self._fetch, self._kind = fetch, kind
        self._kept: OrderedDict[str, Record] = OrderedDict()

    def many(self, ids: list[str]) -> list[Record]:
        missing = [i for i in ids if i not in self._kept]
        for data in self._fetch(missing) if missing else ():
            self._keep(data["id"], _with_source(record(self._kind, data), data))
        return [self._kept[i] for i in ids if i in self._kept]

    def _keep(self, ident: str, value: Record) -> None:
        self._kept[ident] = value
        self._kept.move_to_end(ident)
        if len(self._kept) > KEPT:
            self._kept.popitem(last=False)

    def __getitem__(self, ident: str) -> Record:
        found = self.many([ident])
        if not found:
            raise KeyError(ident)
        return found[0]

    def __contains__(self, ident: object) -> bool:
        return isinstance(ident, str) and bool(self.many([ident]))

    def __iter__(self) -> Iterator[str]:
        raise TypeError("a corpus index is not listed whole")

    def __len__(self) -> int:
        raise TypeError("a corpus index is not counted this way")


class _Sources(Mapping):
    def __init__(self, index: CorpusIndex) -> None:
        self._index = index
        self._kept: dict[str, Record] = {}

    def __getitem__(self, ident: str) -> Record:
        if ident not in self._kept:
            found = self._index.sources([ident])
            if ident not in found:
                raise KeyError(ident)
            if len(self._kept) > KEPT:
                self._kept.clear()
            self._kept[ident] = record("Source", found[ident])
        return self._kept[ident]

    def __iter__(self) -> Iterator[str]:
        return iter(self._index.sources())

    def __len__(self) -> int:
        return self._index.article_count()


class _History(Mapping):
    def __init__(self, store: IndexedStore) -> None:
        self._store = store

    def __getitem__(self, key: tuple[str, str]) -> list[StanceRecord]:
        out = []
        for data in self._store.index.history(*key):
            out.append(StanceRecord(record("Stance", data), self._store.sources[data["source"]]))
        if not out:
            raise KeyError(key)
        return out

    def __iter__(self) -> Iterator[tuple[str, str]]:
        return iter([(st.actor, st.issue) for st in self._store.dossier.stances])

    def __len__(self) -> int:
        return len(self._store.dossier.stances)


def _with_source(obj: Record, data: dict) -> Record:
    """The record, knowing its article: a stance's `source`, or a statement's or event's `_article`."""
    obj.__dict__["_source"] = data.get(ARTICLE) or data.get("source", "")
    return obj


class _CorpusDossier:
    """What the app and renderers read of `store.dossier` on a corpus: the held parts, and lazy lists."""

    def __init__(self, store: IndexedStore, name: str, articles: int) -> None:
        index = self._index = store.index
        self.actors = list(store.actor.values())
        self.issues = list(store.issue.values())
        self.organisations = [record("Organisation", o) for o in index.organisations()]
        self.statements = store.statements(NO_FILTER)
        self.events = store.events(NO_FILTER)
        headline = f"{name}: {articles:,} articles"
        newest = (index.newest_source() or {}).get("reference_date", "1970-01-01")
        self.source = record(
            "Source",
            {
                "id": f"corpus:{name}",
                "headline": headline,
                "reference_date": newest,
                "language": "en",
                "text": headline,
                "text_sha256": "0" * 64,
            },
        )
        self.figures: list[Record] = []
        self.notes: list[Record] = []

    @cached
    def stances(self) -> list[Record]:
        """Read when first asked for: the Stances pane follows the first frame (tens of ms at 100,000)."""
        return [_with_source(record("Stance", st), st) for st in self._index.stances(NO_FILTER)]


class IndexedStore(Store):
    """A `Store` whose corpus lives in an index. Inherits the helpers that read only actors, issues and
    organisations (groups, names, countries, grouping); answers the rest through the index."""

    def __init__(self, index: CorpusIndex, name: str, articles: int | None = None) -> None:
        self.index, self.name = index, name
        self.is_corpus = True
        self.reload(articles)

    def reload(self, articles: int | None = None) -> None:
        """Read again what is held (after the index changed); `articles`: their number, when known."""
        index = self.index
        self.actor = {a["id"]: record("Actor", a) for a in index.actors()}
        self.issue = {i["id"]: record("Issue", i) for i in index.issues()}
        self.organisation = {o["code"]: o["name"] for o in index.organisations()}
        self._counts = index.statement_counts()
        # ids that files define differently, kept apart as in memory (a backend may not list them)
        self.conflicts: list[str] = getattr(index, "conflicts", list)()
        self.statement = _Records(index.statements, "Statement")
        self.event = _Records(index.events, "Event")
        self.sources = _Sources(index)
        self.history = _History(self)
        self.__dict__.pop("_groups", None)
        self.dossier = _CorpusDossier(self, self.name, index.article_count() if articles is None else articles)

    # -- sources ---------------------------------------------------------------------------------------

    def source_id_of(self, item_id: str) -> str:
        for kept in (self.statement, self.event):
            found = kept.many([item_id])
            if found:
                return found[0]._source
        return self.dossier.source.id

    def spans_in(self, source_id: str):
        article = self.index.article(source_id) or {}
        spans = [record("Span", s["cue"]) for s in article.get("statements", []) if s.get("cue")]
        spans += [record("Span", e["when"]["phrase"]) for e in article.get("events", []) if e["when"].get("phrase")]
        spans += [record("Span", f["span"]) for f in article.get("figures", [])]
        spans += [record("Span", n["span"]) for n in article.get("notes", []) if n.get("span")]
        return spans

    def statements_in(self, source_id: str) -> list[Record]:
        article = self.index.article(source_id) or {}
        return self.statement.many([s["id"] for s in article.get("statements", [])])

    def notes_about(self, item_id: str):
        return [record("Note", n) for n in self.index.notes_about(item_id)]

    # -- queries ---------------------------------------------------------------------------------------

    def statements(self, f: Filter = NO_FILTER) -> Lazy:
        index = self.index
        return Lazy(
            lambda offset, limit: index.statement_ids(f, offset, limit),
            lambda: index.count_statements(f),
            lambda ident: index.statement_position(f, ident),
            self.statement.many,
            lambda kind, ident: self.scoped(f, kind, ident),
            page=getattr(index, "PAGE", PAGE),  # a server's records cost more to fetch
        )

    def events(self, f: Filter = NO_FILTER) -> Lazy:
        index = self.index
        return Lazy(
            lambda offset, limit: index.event_ids(f, offset, limit),
            lambda: index.count_events(f),
            lambda ident: index.event_position(f, ident),
            self.event.many,
        )

    def actors(self, f: Filter = NO_FILTER) -> list[Record]:
        return [self.actor[i] for i in self.index.actor_ids(f) if i in self.actor]

    def stances(self, f: Filter = NO_FILTER) -> list[Record]:
        if not f.active:
            return list(self.dossier.stances)
        held = {(st.actor, st.issue): st for st in self.dossier.stances}
        return [held.get((st["actor"], st["issue"])) or record("Stance", st) for st in self.index.stances(f)]

    def events_citing(self, statement_ids) -> set[str]:
        return self.index.events_citing(statement_ids)

    def scoped(self, f: Filter, kind: str, ident: str | tuple[str, str]) -> Sequence:
        """The statements of `f` that a pane's selection narrows to: ("actor", id), ("event", id) or
        ("stance", (actor, issue)); by query, never reading the filter's whole list."""
        if kind == "actor":
            if f.actors and ident not in f.actors:
                return []
            return self.statements(replace(f, actors=frozenset({ident})))
        if kind == "event":
            event = self.event.get(ident)
            if event is None:
                return []
            said = (self.index.article(event._source) or {}).get("statements", [])
            return self._among(f, set(event.evidence) | {s["id"] for s in said if s.get("when") == ident})
        stance = self.stance_of(*ident)
        return self._among(f, set(stance.evidence) if stance else set())

    def source_of_stance(self, stance):
        sid = getattr(stance, "_source", None)
        return self.sources[sid] if sid else self.dossier.source

    def stance_of(self, actor: str, issue: str):
        return next((st for st in self.dossier.stances if (st.actor, st.issue) == (actor, issue)), None)

    def _among(self, f: Filter, ids: set[str]) -> list[Record]:
        hits = [(self.index.statement_position(f, i), i) for i in ids]
        return self.statement.many([i for at, i in sorted(h for h in hits if h[0] is not None)])


__all__ = ["IndexedStore", "Lazy"]
