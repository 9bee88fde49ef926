"""The query interface every corpus index backend implements (layer 3: no Textual, no pydantic).

A backend stores what each valid dossier file of a folder contributes (`ArticleRows`, plain JSON-like
dicts with corpus ids) and answers the explorer's and the CLI's questions on a `Filter`. Everything
above it (`IndexedStore`, the CLI, the app) talks to this protocol only, so a second backend is one
module implementing it (see `BACKENDS` in `tui.corpusindex`).

Records are the dossier format's own JSON objects (as in the file, ids namespaced as in a corpus:
`source-id/s1`; actors by their corpus id, the `key` or else the id), so no backend needs the models.
Statements, events and notes also carry `_article`: their article's source id (as `rows` gives it; a
statement's own `source` is the format's PARC source span). Stances and history records carry `source`.

Ordering, the same as the in-memory corpus (`tui.corpus.merge` + `tui.store.Store`):
- articles: by (source.reference_date, source.id); call that the article's *rank*;
- statements: by (article rank, position in its file);
- events: by (earliest date, else latest date; an event known only as "by X" first among those of X;
  then article rank and position in its file);
- actors: by first appearance (article rank, position in the file's `actors`); the definition is
  the first appearance's; `speaks_for` read through that article's ids;
- issues: by first appearance; the first definition, with positions first given later appended;
- stances: one per (actor, issue), the latest article's; in order of the pair's first appearance.

Search (`Filter.text`): split into words as `tui.index.query_words` does (`\\w+`, case-folded); an
item matches when every word is the start of some word of its text (word-start matching: "nuc"
finds "nuclear", "clear" does not). The texts: a statement's content, cue, and its speaker's name,
role and aliases; an event's title, place, date phrase and its actors' names, or any statement said
at it that matches the whole filter; a stance's actor words, issue title, position label and
conditions, or any statement it cites that matches the whole filter; an actor's name, role and
aliases, or any statement of theirs matching. Countries and organisations match through actors
(`country`, `affiliation`); dates through the date range of the statement's event (an undated
statement spans everything), overlapping `[date_from, date_to]`.

Paging: `offset`/`limit` cut the ordered list; `limit=None` is all. Counting is its own call, so a
first page need not wait for a count.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Any, Protocol, runtime_checkable

from ..filters import Filter

Record = dict[str, Any]
ARTICLE = "_article"  # the key of a statement's, event's or note's article (source id) in its record

# Statements (and events) one article may hold in an index: backends may use it to order rows by number.
MAX_ITEMS_PER_ARTICLE = 16383


@dataclass(frozen=True)
class FileSig:
    """What tells a file changed: mtime and size first, then the content hash."""

    name: str  # the file's name in the folder
    mtime_ns: int
    size: int
    sha256: str = ""
    source_id: str = ""  # the article's source id; empty for a file that did not validate


@dataclass
class ArticleRows:
    """What one valid dossier file contributes to the corpus, ids namespaced (see `tui.corpusindex.rows`).

    `actors` are the file's actors under their corpus id (`key` or id), `speaks_for` mapped likewise;
    statements, events, figures and notes carry `source-id:` ids and references; stances name corpus
    actors and namespaced evidence. `article` is the whole namespaced dossier (for the source view)."""

    sig: FileSig
    source: Record
    organisations: list[Record] = field(default_factory=list)
    actors: list[Record] = field(default_factory=list)
    statements: list[Record] = field(default_factory=list)
    events: list[Record] = field(default_factory=list)
    issues: list[Record] = field(default_factory=list)
    stances: list[Record] = field(default_factory=list)
    figures: list[Record] = field(default_factory=list)
    notes: list[Record] = field(default_factory=list)
    # Actors and issues kept apart (another file defines the same id otherwise): their id here -> the id
    # they would have had (see `tui.corpusindex.rows.article_rows`).
    apart: dict[str, str] = field(default_factory=dict)
    # What the backend works out of these rows before it writes them (its `PREPARE`), done where the
    # file was validated (a worker process, on a large build), or None.
    prepared: Any = None


@dataclass(frozen=True)
class Refusal:
    """A file that did not validate, kept so a re-open reports it without checking it again."""

    sig: FileSig
    lines: tuple[str, ...]  # `path: $.json.path: message`, as `validate` prints them


class Writer(Protocol):
    """Changes inside one `CorpusIndex.writing()` block; they become visible together at its end."""

    def put_article(self, rows: ArticleRows) -> None:
        """Add a valid file's article, replacing whatever that file name held before."""

    def put_refusal(self, refusal: Refusal) -> None:
        """Remember a file that does not validate (replacing what that file name held)."""

    def drop_file(self, name: str) -> None:
        """Forget a file that is gone: its article or refusal, and all it contributed."""

    def touch(self, sig: FileSig) -> None:
        """A known file's new mtime and size, its content (sha256) unchanged: nothing else changes."""


@runtime_checkable
class CorpusIndex(Protocol):
    """A persistent index of one folder's dossiers. Ids are corpus ids; `f` is a resolved `Filter`.

    Optional, looked up with `getattr` (a backend may leave them out):
    - `PREPARE`: "module:function" taking `ArticleRows` to its `prepared`, run in the worker processes
      that validate files on a large build, so the writer has less to do;
    - `conflicts() -> list[str]`: the ids kept apart, in the words of `tui.corpus.merge`'s conflicts."""

    location: str  # where it lives: a file path or a server URL (secrets left out)

    # -- keeping it current (used by `tui.corpusindex.sync`) --------------------------------------------
    def files(self) -> dict[str, FileSig]:
        """Every file name known, articles and refusals alike, with the signature it was indexed at."""

    def writing(self) -> AbstractContextManager[Writer]:
        """One writer at a time across processes: blocks until the writer lock is free; commits at the
        end of the block, or rolls back if it raises."""

    def refusals(self) -> list[Refusal]:
        """The files that did not validate, by name."""

    def close(self) -> None: ...

    # -- the corpus as a whole ------------------------------------------------------------------------
    def article_count(self) -> int: ...
    def sources(self, ids: Iterable[str] | None = None) -> dict[str, Record]:
        """Each article's `source` object by source id (all when `ids` is None), in article order."""

    def newest_source(self) -> Record | None:
        """The last article's `source` in article order (the newest), or None when there are none."""

    def article(self, source_id: str) -> Record | None:
        """One article's whole namespaced dossier (`ArticleRows` fields as one dict), for its source view."""

    def organisations(self) -> list[Record]:
        """Declared organisations, the first declaration of each code, in order of first appearance."""

    def issues(self) -> list[Record]: ...
    def actors(self, ids: Iterable[str] | None = None) -> list[Record]:
        """Actors in corpus order (all when `ids` is None; unknown ids left out)."""

    def statement_counts(self) -> dict[str, int]:
        """Statements per actor id."""

    # -- queries --------------------------------------------------------------------------------------
    def statement_ids(self, f: Filter, offset: int = 0, limit: int | None = None) -> list[str]: ...
    def count_statements(self, f: Filter) -> int: ...
    def statement_position(self, f: Filter, statement_id: str) -> int | None:
        """Where the statement is in `statement_ids(f)` (0-based), or None when it does not match."""

    def statements(self, ids: Iterable[str]) -> list[Record]:
        """The statements with these ids, in the order given (unknown ids left out)."""

    def actor_ids(self, f: Filter) -> list[str]:
        """Matching actors, in corpus order."""

    def event_ids(self, f: Filter, offset: int = 0, limit: int | None = None) -> list[str]: ...
    def count_events(self, f: Filter) -> int: ...
    def event_position(self, f: Filter, event_id: str) -> int | None:
        """Where the event is in `event_ids(f)`, or None when it does not match."""

    def events(self, ids: Iterable[str]) -> list[Record]: ...
    def events_citing(self, statement_ids: Iterable[str]) -> set[str]:
        """Ids of events whose evidence names any of these statements."""

    def stances(self, f: Filter) -> list[Record]:
        """The latest stance per (actor, issue) matching, in order (each with `source`: its article's id)."""

    def history(self, actor: str, issue: str) -> list[Record]:
        """Every stance an article gave for (actor, issue), oldest first, each with `source` (id)."""

    def notes_about(self, item_id: str) -> list[Record]: ...


def batched(items: Iterable[Any], size: int = 500) -> Iterator[list[Any]]:
    """Lists of at most `size` (SQL backends cap the parameters of one statement)."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch
