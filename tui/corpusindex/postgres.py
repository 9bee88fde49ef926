"""The corpus index on PostgreSQL: a newsroom's shared archive on one server (layer 3; psycopg 3, the
optional extra `postgres`).

Two ways in. `open_postgres(url, folder)` is the backend for `--index postgresql://…` and for
`fact-explorer index`: it creates or migrates the tables and syncs that folder's files into the
archive (rows keyed by the folder, so one server holds many). `open_archive(url)` is `--db URL`: the
whole archive, read-only, refused in one line when missing, older or newer than this tool.

Connection: whatever libpq takes (a `postgresql://` URL, `key=value` pairs, or nothing, so PGHOST,
PGSERVICE, ~/.pgpass, `sslmode=verify-full` … work as usual). A password never leaves this module: the
archive is named by `describe`, every message goes through `scrub`. A connection lost mid-session is
opened again once and the question asked again; failing that, an `ArchiveError` says so.

Tables, in the schema `fact_explorer` (`meta.schema_version` says which of `MIGRATIONS` ran): each
article's rows as `ArticleRows` gives them, and what a corpus merges across articles kept up to date
by the writer, so no reader merges millions of rows: `speakers` (each actor as first given, and its
statements), `firsts` (organisations, issues, positions as first given), `latest_stances`, and
`totals` (how many articles and events). Each file is written in its own transaction: a reader sees
an article whole or not at all, and the totals that count it.

Search: words split and case-folded exactly as the local index does (`tui.index.tokens`), stored as a
tsvector of those words (no stemming, no stop words) under GIN, and searched with prefix tsqueries
(`'nuc':*`), so "nuc" finds "nuclear" as locally. One difference: PostgreSQL refuses a word over 2,047
bytes, so words are kept to their first 500 characters, and a search word longer than that matches
any word sharing those 500. Speakers' words are matched through `speakers` at query time, so a
statement's text is its speaker's as the corpus merges it, whichever article came first.
"""

from __future__ import annotations

import bisect
import contextlib
import datetime as dt
import math
import os
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar
from urllib.parse import quote, quote_plus

import psycopg
from psycopg.conninfo import conninfo_to_dict
from psycopg.types.json import Jsonb

from ..filters import Filter
from ..index import tokens
from . import cancel
from .interface import ArticleRows, FileSig, Record, Refusal
from .ranges import dated, event_range

ENV = "FACT_EXPLORER_DB"
CONNECT_TIMEOUT = "10"  # seconds: an unreachable host fails this soon rather than after libpq's default
LOCK = 0x66616374  # advisory lock of the writer and of migrations ("fact")
MAX_WORD = 500  # characters kept of a word (PostgreSQL refuses one over 2,047 bytes)
RARE = 20_000  # matches few enough to find all and sort (see `PostgresIndex._page`)
MERGED_SPEAKERS = 32  # up to this many speakers, each one's statements are walked apart (see `_walks`)
MAX_WINDOWS = 8  # spans of dates a first page of merged walks is asked for in, at most (see `_windows`)
WINDOW_FILL = 1.0  # how many pages of matches the first of those spans is expected to hold
PAGE_RECORDS = 1000  # a page of ids up to this long brings its records along
HELD_S = 30.0  # how long speakers and issues are held before they are read again (see `_held`)
T = TypeVar("T")

# -- connecting, and saying what went wrong --------------------------------------------------------------


class Stopped(Exception):
    """A query cancelled because nobody waits for its answer any more (`tui.corpusindex.cancel`)."""


class ArchiveError(Exception):
    """Something about the archive the user must act on; the message is one line, safe to show."""


def _params(conninfo: str) -> dict[str, Any]:
    try:
        return conninfo_to_dict(conninfo)
    except psycopg.Error:
        # libpq's message quotes the string, password and all: never pass it on.
        raise ArchiveError(
            "the database address is neither a postgresql:// URL nor a libpq connection string"
        ) from None


def secrets_of(conninfo: str) -> list[str]:
    """Every spelling in which a password given in `conninfo` or PGPASSWORD could appear in a message."""
    try:
        password = conninfo_to_dict(conninfo).get("password")
    except psycopg.Error:
        password = None
    found: set[str] = set()
    for value in (password, os.environ.get("PGPASSWORD")):
        if value:
            found |= {value, quote(value, safe=""), quote_plus(value)}
    return sorted(found, key=len, reverse=True)


def scrub(text: str, secrets: Iterable[str]) -> str:
    """`text` on one line, each secret replaced."""
    for secret in secrets:
        text = text.replace(secret, "********")
    return re.sub(r"\s*\n\s*", "; ", text.strip())


def describe(conninfo: str) -> str:
    """The archive as `user@host:port/dbname` (or its service name); never a password."""
    p, env = _params(conninfo), os.environ
    if service := p.get("service") or env.get("PGSERVICE"):
        return f"service {service}"
    host = p.get("host") or env.get("PGHOST") or "localhost"
    port = p.get("port") or env.get("PGPORT") or "5432"
    user = p.get("user") or env.get("PGUSER") or ""
    dbname = p.get("dbname") or env.get("PGDATABASE") or user
    return f"{user + '@' if user else ''}{host}:{port}/{dbname}"


def reason(exc: BaseException, secrets: Iterable[str]) -> str:
    """What libpq or the server said, on one line, without the password."""
    text = str(exc).strip() or type(exc).__name__
    text = re.sub(r'connection to server (at|on) "[^"]*"(, port \d+)? failed: ', "", text)
    text = re.sub(r"\bFATAL:\s+", "", text)
    return scrub(text, secrets)


def connect(conninfo: str, *, read_only: bool) -> psycopg.Connection:
    """An autocommit connection, or an ArchiveError saying in one line why not. A reader's session is
    read-only, so even a role with more rights changes nothing through it."""
    where, secrets = describe(conninfo), secrets_of(conninfo)
    try:
        conn = psycopg.connect(
            conninfo,
            autocommit=True,
            connect_timeout=os.environ.get("PGCONNECT_TIMEOUT") or CONNECT_TIMEOUT,
            application_name="fact-explorer",
        )
        if read_only:
            # Each question planned for its own values: psycopg prepares a query asked five times, and
            # PostgreSQL may then plan it once for any values, which for these (a speaker, a word, a
            # span of dates) can be a walk of millions of rows (seen: a first page's 2 ms became 800).
            conn.execute("SET default_transaction_read_only = on; SET plan_cache_mode = force_custom_plan")
        else:
            # A file's transaction need not wait for the disk: a server crash can lose the last few
            # loaded, never half of one, and the next `index` loads them again (their `files` rows go too).
            conn.execute("SET synchronous_commit = off")
    except psycopg.Error as exc:
        raise ArchiveError(f"cannot connect to the archive at {where}: {reason(exc, secrets)}") from None
    return conn


# -- the tables ----------------------------------------------------------------------------------------

_C = 'text COLLATE "C"'  # ids compare and sort as Python compares strings, whatever the database's locale
MIGRATIONS: list[str] = [
    # 1: the first layout.
    f"""
    CREATE TABLE fact_explorer.files (
        folder {_C} NOT NULL, name {_C} NOT NULL, mtime_ns bigint NOT NULL, size bigint NOT NULL,
        sha256 text NOT NULL, source_id {_C}, refusal text[], PRIMARY KEY (folder, name));
    CREATE TABLE fact_explorer.articles (
        source_id {_C} PRIMARY KEY, folder {_C} NOT NULL, name {_C} NOT NULL, reference_date date NOT NULL,
        source jsonb NOT NULL, article jsonb NOT NULL, UNIQUE (folder, name));
    CREATE INDEX articles_order ON fact_explorer.articles (reference_date, source_id);
    CREATE TABLE fact_explorer.organisations (
        source_id {_C} NOT NULL REFERENCES fact_explorer.articles ON DELETE CASCADE, ord integer NOT NULL,
        code {_C} NOT NULL, reference_date date NOT NULL, body jsonb NOT NULL, PRIMARY KEY (source_id, ord));
    CREATE INDEX organisations_first ON fact_explorer.organisations (code, reference_date, source_id, ord);
    CREATE TABLE fact_explorer.actors (
        source_id {_C} NOT NULL REFERENCES fact_explorer.articles ON DELETE CASCADE, ord integer NOT NULL,
        id {_C} NOT NULL, reference_date date NOT NULL, words tsvector NOT NULL, name_words tsvector NOT NULL,
        body jsonb NOT NULL, PRIMARY KEY (source_id, ord));
    CREATE INDEX actors_first ON fact_explorer.actors (id, reference_date, source_id, ord);
    -- Each actor as the corpus has it (its first appearance), and its number of statements.
    CREATE TABLE fact_explorer.speakers (
        id {_C} PRIMARY KEY, reference_date date NOT NULL, source_id {_C} NOT NULL, ord integer NOT NULL,
        country text, affiliation text, statements bigint NOT NULL, words tsvector NOT NULL,
        name_words tsvector NOT NULL, body jsonb NOT NULL);
    CREATE INDEX speakers_order ON fact_explorer.speakers (reference_date, source_id, ord);
    CREATE INDEX speakers_words ON fact_explorer.speakers USING gin (words);
    CREATE INDEX speakers_name_words ON fact_explorer.speakers USING gin (name_words);
    CREATE TABLE fact_explorer.statements (
        id {_C} PRIMARY KEY, source_id {_C} NOT NULL REFERENCES fact_explorer.articles ON DELETE CASCADE,
        ord integer NOT NULL, reference_date date NOT NULL, actor {_C} NOT NULL, issues text[] NOT NULL,
        lo text NOT NULL, hi text NOT NULL, event {_C}, words tsvector NOT NULL, body jsonb NOT NULL);
    CREATE INDEX statements_order ON fact_explorer.statements (reference_date, source_id, ord);
    CREATE INDEX statements_actor ON fact_explorer.statements (actor, reference_date, source_id, ord);
    CREATE INDEX statements_issues ON fact_explorer.statements USING gin (issues);
    CREATE INDEX statements_words ON fact_explorer.statements USING gin (words);
    CREATE INDEX statements_event ON fact_explorer.statements (event);
    CREATE TABLE fact_explorer.events (
        id {_C} PRIMARY KEY, source_id {_C} NOT NULL REFERENCES fact_explorer.articles ON DELETE CASCADE,
        ord integer NOT NULL, reference_date date NOT NULL, lo text NOT NULL, hi text NOT NULL,
        sort_at text NOT NULL, has_start boolean NOT NULL, actors text[] NOT NULL, evidence text[] NOT NULL,
        words tsvector NOT NULL, body jsonb NOT NULL);
    CREATE INDEX events_order ON fact_explorer.events (sort_at, has_start, reference_date, source_id, ord);
    CREATE INDEX events_actors ON fact_explorer.events USING gin (actors);
    CREATE INDEX events_evidence ON fact_explorer.events USING gin (evidence);
    CREATE INDEX events_words ON fact_explorer.events USING gin (words);
    CREATE TABLE fact_explorer.issues (
        source_id {_C} NOT NULL REFERENCES fact_explorer.articles ON DELETE CASCADE, ord integer NOT NULL,
        id {_C} NOT NULL, reference_date date NOT NULL, body jsonb NOT NULL, PRIMARY KEY (source_id, ord));
    CREATE INDEX issues_first ON fact_explorer.issues (id, reference_date, source_id, ord);
    CREATE TABLE fact_explorer.stances (
        source_id {_C} NOT NULL REFERENCES fact_explorer.articles ON DELETE CASCADE, ord integer NOT NULL,
        reference_date date NOT NULL, actor {_C} NOT NULL, issue {_C} NOT NULL, evidence text[] NOT NULL,
        body jsonb NOT NULL, PRIMARY KEY (source_id, ord));
    CREATE INDEX stances_history ON fact_explorer.stances (actor, issue, reference_date, source_id, ord);
    -- Each (actor, issue): where it first appears (the matrix's order) and its latest stance.
    CREATE TABLE fact_explorer.latest_stances (
        actor {_C} NOT NULL, issue {_C} NOT NULL,
        first_date date NOT NULL, first_source {_C} NOT NULL, first_ord integer NOT NULL,
        latest_date date NOT NULL, source_id {_C} NOT NULL, ord integer NOT NULL, PRIMARY KEY (actor, issue));
    CREATE INDEX latest_stances_order ON fact_explorer.latest_stances (first_date, first_source, first_ord);
    -- The first occurrence of an organisation ('organisation', its code), an issue ('issue', its id)
    -- and each of an issue's positions ('position', 'issue-id position-code').
    CREATE TABLE fact_explorer.firsts (
        kind text NOT NULL, key {_C} NOT NULL, reference_date date NOT NULL, source_id {_C} NOT NULL,
        ord integer NOT NULL, sub integer NOT NULL, body jsonb NOT NULL, PRIMARY KEY (kind, key));
    CREATE INDEX firsts_order ON fact_explorer.firsts (kind, reference_date, source_id, ord, sub);
    CREATE TABLE fact_explorer.notes (
        source_id {_C} NOT NULL REFERENCES fact_explorer.articles ON DELETE CASCADE, ord integer NOT NULL,
        reference_date date NOT NULL, about text[] NOT NULL, body jsonb NOT NULL, PRIMARY KEY (source_id, ord));
    CREATE INDEX notes_about ON fact_explorer.notes USING gin (about);
    """,
    # 2: the timeline's order became the in-memory corpus's new one: by earliest date, then latest,
    # an event with no known start first (it had been 'by X' first among those of X).
    """
    DROP INDEX fact_explorer.events_order;
    ALTER TABLE fact_explorer.events DROP COLUMN sort_at, DROP COLUMN has_start;
    CREATE INDEX events_order ON fact_explorer.events (lo, hi, reference_date, source_id, ord);
    """,
    # 3: statements that may fall after their article's date (undated ones, or said at a later event)
    # are marked `late`. The rest fall on or before it, so a date range's first page need walk only
    # articles from the range's start on, and the late ones through their own small index.
    """
    ALTER TABLE fact_explorer.statements ADD COLUMN late boolean NOT NULL DEFAULT false;
    UPDATE fact_explorer.statements SET late = true WHERE hi > to_char(reference_date, 'YYYY-MM-DD');
    CREATE INDEX statements_late ON fact_explorer.statements (reference_date, source_id, ord) WHERE late;
    """,
    # 4: how many articles and events the archive holds, kept by the writer in each file's transaction
    # (exact: a reader sees the counts of the articles it sees), so nobody counts millions of rows to
    # learn them (the explorer's title: 118 ms at a million articles).
    """
    CREATE TABLE fact_explorer.totals (kind text PRIMARY KEY, n bigint NOT NULL);
    INSERT INTO fact_explorer.totals
        SELECT 'articles', count(*) FROM fact_explorer.articles
        UNION ALL SELECT 'events', count(*) FROM fact_explorer.events;
    """,
]
VERSION = len(MIGRATIONS)


def schema_version(conn: psycopg.Connection) -> int | None:
    """The archive's schema version; None when the database holds no archive."""
    row = conn.execute("SELECT to_regclass('fact_explorer.meta') IS NOT NULL").fetchone()
    if not (row and row[0]):
        return None
    found = conn.execute("SELECT schema_version FROM fact_explorer.meta").fetchone()
    return found[0] if found else None


def migrate(conn: psycopg.Connection) -> tuple[int, int]:
    """Create or bring the tables up to date, in one transaction: (version before, after). Idempotent;
    two loaders at once wait for each other."""
    with conn.transaction():
        conn.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK,))
        conn.execute("CREATE SCHEMA IF NOT EXISTS fact_explorer")
        conn.execute("CREATE TABLE IF NOT EXISTS fact_explorer.meta (schema_version integer NOT NULL)")
        before = schema_version(conn)
        if before is None:
            conn.execute("INSERT INTO fact_explorer.meta VALUES (0)")
            before = 0
        if before > VERSION:
            raise ArchiveError(_newer(before))
        for n in range(before, VERSION):
            conn.execute(MIGRATIONS[n])
        conn.execute("UPDATE fact_explorer.meta SET schema_version = %s", (VERSION,))
    return before, VERSION


def _newer(found: int) -> str:
    return f"the archive was made by a newer fact-explorer (schema {found}; this one reads {VERSION}): upgrade it"


def check_version(conn: psycopg.Connection, where: str) -> None:
    """Refuse, in one line, an archive this tool cannot read."""
    found = schema_version(conn)
    if not found:
        raise ArchiveError(f"no fact-explorer archive in {where}: load one with `fact-explorer index FOLDER --db URL`")
    if found < VERSION:
        raise ArchiveError(
            f"the archive at {where} has schema version {found}, older than this fact-explorer's {VERSION}: "
            "bring it up to date with `fact-explorer index --db URL` (as the loader role)"
        )
    if found > VERSION:
        raise ArchiveError(_newer(found))


# -- opening --------------------------------------------------------------------------------------------


def open_postgres(location: str, folder: Path) -> PostgresIndex:
    """The backend for a folder synced into the archive at `location` (tables created or migrated)."""
    index = PostgresIndex(location, str(folder.resolve()), read_only=False)
    index.run(migrate)
    return index


def open_archive(location: str) -> PostgresIndex:
    """The whole archive at `location`, read-only (`--db URL`)."""
    index = PostgresIndex(location, "", read_only=True)

    def check(conn: psycopg.Connection) -> None:
        try:
            check_version(conn, index.location)
        except psycopg.errors.InsufficientPrivilege:
            raise ArchiveError(
                f"{conn.info.user} may not read the archive at {index.location}: the loader role grants it "
                "(GRANT USAGE ON SCHEMA fact_explorer, SELECT ON ALL TABLES IN SCHEMA fact_explorer)"
            ) from None

    index.run(check)
    return index


# -- search ---------------------------------------------------------------------------------------------


def words(*texts: str | None) -> list[str]:
    """The words of texts as the local index splits them, each short enough for a tsvector."""
    return sorted({w[:MAX_WORD] for w in tokens(" ".join(t for t in texts if t))})


def prefix_query(word: str) -> str:
    """A tsquery (as text, to be bound) matching words that start with `word`."""
    return "'" + word[:MAX_WORD].replace("\\", "\\\\").replace("'", "''") + "':*"


def _has_prefix(words: list[str], prefix: str) -> bool:
    """Whether a word of the sorted `words` starts with `prefix` (as kept: at most MAX_WORD characters)."""
    prefix = prefix[:MAX_WORD]
    at = bisect.bisect_left(words, prefix)
    return at < len(words) and words[at].startswith(prefix)


def _matches(text_words: set[str], wanted: list[str]) -> bool:
    return all(any(t.startswith(w) for t in text_words) for w in wanted)


class Where:
    """SQL conditions joined by AND, and their bound parameters in order."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.params: list[Any] = []

    def add(self, sql: str, *params: Any) -> Where:
        self.parts.append(sql)
        self.params.extend(params)
        return self

    def merge(self, other: Where, template: str = "{}") -> Where:
        return self.add(template.format(other.sql), *other.params)

    @property
    def sql(self) -> str:
        return " AND ".join(self.parts) or "TRUE"


_SP, _ST = "fact_explorer.speakers", "fact_explorer.statements"


@dataclass(frozen=True)
class Speakers:
    """The speakers a filter names, worked out first from the speakers held in the client, so the item
    queries get plain id lists, which PostgreSQL estimates well, rather than subqueries it cannot see
    into (and no round trip of their own)."""

    in_countries: tuple[str, ...] = ()  # speakers of the filter's countries and organisations
    saying: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> name, role or aliases match
    named: dict[str, tuple[str, ...]] = field(default_factory=dict)  # word -> name matches

    def allowed(self, f: Filter) -> list[str]:
        """Speakers the filter's countries and actors allow (at least one of the two is set)."""
        if not f.countries:
            return list(f.actors)
        return [a for a in self.in_countries if not f.actors or a in f.actors]


def statement_where(f: Filter, sp: Speakers, s: str = "s") -> Where:
    """Conditions on statements aliased `s` for `f`, as `Store.statement_ids` narrows them."""
    w = Where()
    if f.countries or f.actors:
        w.add(f"{s}.actor = ANY(%s)", sp.allowed(f))
    if f.issues:
        w.add(f"{s}.issues && %s::text[]", list(f.issues))
    for word in f.words:
        if speakers := sp.saying.get(word):
            w.add(f"({s}.words @@ %s::tsquery OR {s}.actor = ANY(%s))", prefix_query(word), list(speakers))
        else:
            w.add(f"{s}.words @@ %s::tsquery", prefix_query(word))
    if (span := dated(f)) is not None:
        w.add(f"{s}.lo <= %s AND {s}.hi >= %s", span[1], span[0])
    return w


def event_where(f: Filter, sp: Speakers, e: str = "e", walked: bool = False) -> Where:
    """Conditions on events aliased `e`, as `Store.event_ids`. A search, when the events are `walked`
    in order until a page is full (common words), is tested event by event; otherwise its matches
    are found first, as one set of ids."""
    w = Where()
    if f.countries or f.actors or f.issues:
        cited = statement_where(replace(f, text=""), sp)
        through = Where().merge(cited, f"EXISTS (SELECT 1 FROM {_ST} s WHERE s.id = ANY({e}.evidence) AND {{}})")
        if not f.issues:
            through.parts = [f"({through.parts[0]} OR {e}.actors && %s::text[])"]
            through.params.append(sp.allowed(f))
        w.merge(through)
    if (span := dated(f)) is not None:
        w.add(f"{e}.lo <= %s AND {e}.hi >= %s", span[1], span[0])
    if f.words:  # its own words, or a statement said at it matches
        own, said = Where(), statement_where(f, sp)
        mine = e if walked else "w"
        for word in f.words:
            if named := sp.named.get(word):
                own.add(
                    f"({mine}.words @@ %s::tsquery OR {mine}.actors && %s::text[])", prefix_query(word), list(named)
                )
            else:
                own.add(f"{mine}.words @@ %s::tsquery", prefix_query(word))
        if walked:
            # OFFSET 0: tested per event, not made into a hashed set of every match (what EXISTS here becomes)
            said_here = f"EXISTS (SELECT 1 FROM {_ST} s WHERE s.event = {e}.id AND {said.sql} OFFSET 0)"
            return w.add(f"({own.sql} OR {said_here})", *own.params, *said.params)
        w.add(
            f"{e}.id IN (SELECT w.id FROM fact_explorer.events w WHERE {own.sql} "
            f"UNION ALL SELECT s.event FROM {_ST} s WHERE s.event IS NOT NULL AND {said.sql})",
            *own.params,
            *said.params,
        )
    return w


# -- the index ------------------------------------------------------------------------------------------


class PostgresIndex:
    """A `CorpusIndex` over one PostgreSQL archive; `folder` names the folder it syncs ('' to read only)."""

    PAGE = 50  # statements a list reads at a time (IndexedStore): the Quotes pane's first 40 and a few

    def __init__(self, conninfo: str, folder: str, *, read_only: bool) -> None:
        self._conninfo = conninfo
        self.location = describe(conninfo)
        self.folder = folder
        self.read_only = read_only
        # A reader keeps a few connections: the explorer asks from several threads at once, and a pane's
        # slow question must not hold up the Quotes pane's behind it. A writer keeps one (its lock is
        # the session's).
        self._free: list[psycopg.Connection] = []
        self._lock = threading.Lock()
        self.on_failure: Callable[[str], None] | None = None  # see `_rows`
        self._held_at: tuple[float, dict[str, Any]] | None = None  # see `_held`
        # A page's records come with its ids, so `statements(page)` right after needs no round trip.
        self._page_records: dict[str, Record] = {}

    @property
    def name(self) -> str:
        """The archive's short name, for a title: its database (or service) name."""
        return self.location.rsplit("/", 1)[-1]

    # -- the connection ------------------------------------------------------------------------------------

    def _acquire(self) -> psycopg.Connection:
        with self._lock:
            while self._free:
                conn = self._free.pop()
                if not conn.closed:
                    return conn
        return connect(self._conninfo, read_only=self.read_only)

    def _release(self, conn: psycopg.Connection) -> None:
        with self._lock:
            if not conn.closed and (self.read_only or not self._free):
                self._free.append(conn)
            else:
                conn.close()

    def run(self, work: Callable[[psycopg.Connection], T]) -> T:
        """`work(connection)`; on a connection lost, once more on a new one; errors as ArchiveError."""
        secrets = secrets_of(self._conninfo)
        stop = cancel.current()
        for attempt in (1, 2):
            conn = self._acquire()
            watching = _watch(conn, stop) if stop is not None else None
            try:
                return work(conn)
            except ArchiveError:
                raise
            except psycopg.errors.QueryCanceled:
                if stop is not None and stop():
                    raise Stopped from None
                raise ArchiveError(f"the archive at {self.location} cancelled a query") from None
            except psycopg.OperationalError as exc:
                lost = conn.closed or conn.broken
                if lost and attempt == 1:
                    continue
                what = "lost the connection to" if lost else "the archive failed at"
                raise ArchiveError(f"{what} {self.location}: {reason(exc, secrets)}") from None
            except psycopg.Error as exc:
                raise ArchiveError(f"the archive at {self.location} refused a query: {reason(exc, secrets)}") from None
            finally:
                if watching is not None:
                    watching.set()
                self._release(conn)
        raise AssertionError("unreachable")

    def _rows(self, sql: str, params: Iterable[Any] | dict[str, Any] = ()) -> list[tuple[Any, ...]]:
        """The rows of a query; when the archive fails and `on_failure` is set, it is told, and the
        answer is empty (the explorer keeps what it shows rather than stopping)."""
        return self._answer(lambda conn: conn.execute(sql, params).fetchall())

    def _answer(self, work: Callable[[psycopg.Connection], list[T]]) -> list[T]:
        """`run(work)`, failures told as `_rows` tells them."""
        try:
            return self.run(work)
        except ArchiveError as exc:
            if self.on_failure is None:
                raise
            self.on_failure(str(exc))
            return []

    def _count(self, sql: str, params: Iterable[Any] = ()) -> int:
        rows = self._rows(sql, params)
        return rows[0][0] if rows else 0

    def close(self) -> None:
        with self._lock:
            for conn in self._free:
                conn.close()
            self._free.clear()

    # -- keeping it current ----------------------------------------------------------------------------------

    def files(self) -> dict[str, FileSig]:
        rows = self._rows(
            "SELECT name, mtime_ns, size, sha256, coalesce(source_id, '') FROM fact_explorer.files WHERE folder = %s",
            (self.folder,),
        )
        return {r[0]: FileSig(*r) for r in rows}

    def refusals(self) -> list[Refusal]:
        rows = self._rows(
            "SELECT name, mtime_ns, size, sha256, refusal FROM fact_explorer.files "
            "WHERE folder = %s AND refusal IS NOT NULL ORDER BY name",
            (self.folder,),
        )
        return [Refusal(FileSig(name, m, s, sha), tuple(lines)) for name, m, s, sha, lines in rows]

    @contextlib.contextmanager
    def writing(self) -> Iterator[_Writer]:
        """The writer lock (a session advisory lock) for the block. Unlike SQLite, each file is committed
        as it is written, in its own transaction: readers see each article whole as soon as it is in."""
        if self.read_only:
            raise ArchiveError("this archive was opened read-only")
        self.run(lambda conn: conn.execute("SELECT pg_advisory_lock(%s)", (LOCK,)))
        try:
            yield _Writer(self)
        finally:
            with contextlib.suppress(ArchiveError):
                self.run(lambda conn: conn.execute("SELECT pg_advisory_unlock(%s)", (LOCK,)))

    # -- the corpus as a whole ---------------------------------------------------------------------------------

    def article_count(self) -> int:
        return self._count(_TOTAL, ("articles",))

    def sources(self, ids: Iterable[str] | None = None) -> dict[str, Record]:
        where = Where() if ids is None else Where().add("source_id = ANY(%s)", list(ids))
        rows = self._rows(
            f"SELECT source_id, source FROM fact_explorer.articles WHERE {where.sql} "
            "ORDER BY reference_date, source_id",
            where.params,
        )
        return dict(rows)

    def newest_source(self) -> Record | None:
        rows = self._rows(
            "SELECT source FROM fact_explorer.articles ORDER BY reference_date DESC, source_id DESC LIMIT 1"
        )
        return rows[0][0] if rows else None

    def article(self, source_id: str) -> Record | None:
        rows = self._rows("SELECT article FROM fact_explorer.articles WHERE source_id = %s", (source_id,))
        return rows[0][0] if rows else None

    def organisations(self) -> list[Record]:
        return [r[0] for r in self._rows(_FIRSTS_IN_ORDER, ("organisation",))]

    def issues(self) -> list[Record]:
        positions: dict[str, list[Record]] = {}
        for key, body in self._rows(_FIRSTS_IN_ORDER.replace("SELECT body", "SELECT key, body"), ("position",)):
            positions.setdefault(key.split(" ", 1)[0], []).append(body)
        return [
            body | {"positions": positions.get(body["id"], [])} for (body,) in self._rows(_FIRSTS_IN_ORDER, ("issue",))
        ]

    def actors(self, ids: Iterable[str] | None = None) -> list[Record]:
        where = Where() if ids is None else Where().add("id = ANY(%s)", list(ids))
        sql = f"SELECT body FROM fact_explorer.speakers WHERE {where.sql} ORDER BY reference_date, source_id, ord"
        return [r[0] for r in self._rows(sql, where.params)]

    def statement_counts(self) -> dict[str, int]:
        return dict(self._rows("SELECT id, statements FROM fact_explorer.speakers"))

    def _speakers(self, f: Filter) -> Speakers:
        """The speakers `f`'s countries and words name (see `Speakers`), from the speakers held here."""
        if not (f.countries or f.words):
            return Speakers()
        held = self._held()
        in_countries = tuple(i for i, codes, _, _ in held["speakers"] if not f.countries.isdisjoint(codes))
        saying = {w: tuple(i for i, _, words, _ in held["speakers"] if _has_prefix(words, w)) for w in f.words}
        named = {w: tuple(i for i, _, _, names in held["speakers"] if _has_prefix(names, w)) for w in f.words}
        return Speakers(in_countries, saying, named)

    def _held(self) -> dict[str, Any]:
        """The speakers' codes and words, and the merged issues: few, asked on every keystroke, and
        changed only by a loader, so held here and read again after `HELD_S` seconds."""
        now = time.monotonic()
        if self._held_at is None or now - self._held_at[0] > HELD_S:
            rows = self._rows(
                f"SELECT id, array_remove(ARRAY[country, affiliation], NULL), tsvector_to_array(words), "
                f"tsvector_to_array(name_words), statements FROM {_SP}"
            )
            speakers = [(i, frozenset(codes), sorted(words), sorted(names)) for i, codes, words, names, _ in rows]
            said = {r[0]: r[4] for r in rows}
            stats: dict[str, tuple[int, list[str], list[float]]] = {}
            for table, total, lexemes, freqs in self._rows(_LEXEME_STATS):
                pairs = sorted(zip(lexemes or [], freqs or [], strict=False))
                stats[table] = (total, [p[0] for p in pairs], [p[1] for p in pairs])
            issues = {i["id"]: i for i in self.issues()}
            span = self._rows("SELECT min(reference_date), max(reference_date) FROM fact_explorer.articles")
            self._held_at = (
                now,
                {
                    "speakers": speakers,
                    "issues": issues,
                    "stats": stats,
                    "said": said,
                    "span": span[0] if span else None,
                },
            )
        return self._held_at[1]

    # -- queries ----------------------------------------------------------------------------------------------

    def statement_ids(self, f: Filter, offset: int = 0, limit: int | None = None) -> list[str]:
        sp = self._speakers(f)
        w = statement_where(f, sp)
        paged = limit is not None and limit <= PAGE_RECORDS
        columns = f"s.id{', s.body' if paged else ''}"
        rare = self._rare("statements", f)
        parts, by_speaker = _walks(f, sp, rare)
        if limit is not None and len(parts) > 1:
            if by_speaker:  # each walk names its speaker: the filter's list of them would only blur estimates
                w = statement_where(replace(f, countries=frozenset(), actors=frozenset()), sp)
            windows = self._windows(f, sp, limit) if by_speaker and offset == 0 else [(None, None)]

            def page(conn: psycopg.Connection) -> list[tuple[Any, ...]]:
                found: list[tuple[Any, ...]] = []
                for window in windows:
                    sql, params = _merged_page(columns, w, parts, offset, limit - len(found), window)
                    found += conn.execute(sql, params).fetchall()
                    if len(found) >= limit:
                        break
                return found

            rows = self._answer(page)
        else:
            head = f"SELECT {columns} FROM fact_explorer.statements s WHERE {w.sql} ORDER BY "
            rows = self._page(head, "s", _STATEMENT_ORDER, [*w.params, offset, limit], rare)
        if paged:
            self._page_records = {r[0]: r[1] for r in rows}
        return [r[0] for r in rows]

    def statement_position(self, f: Filter, statement_id: str) -> int | None:
        sp = self._speakers(f)
        where = statement_where(f, sp, "s"), statement_where(f, sp, "t")
        return self._position("statements", "s", _STATEMENT_ORDER, *where, statement_id)

    def _position(
        self, table: str, alias: str, order: tuple[str, ...], w: Where, target: Where, ident: str
    ) -> int | None:
        """How many rows matching `w` come before the row `ident`, when it matches (`target`, alias t)."""
        before = f"({', '.join(f'{alias}.{c}' for c in order)}) < ({', '.join(f't.{c}' for c in order)})"
        sql = (
            f"SELECT (SELECT count(*) FROM fact_explorer.{table} {alias} WHERE {w.sql} AND {before}) "
            f"FROM fact_explorer.{table} t WHERE t.id = %s AND {target.sql}"
        )
        rows = self._rows(sql, [*w.params, ident, *target.params])
        return rows[0][0] if rows else None

    def count_statements(self, f: Filter) -> int:
        w = statement_where(f, self._speakers(f))
        if not w.parts:  # all of them: the speakers' counts add up to it, without reading every row
            return self._count(f"SELECT coalesce(sum(statements), 0)::bigint FROM {_SP}")
        return self._count(f"SELECT count(*) FROM fact_explorer.statements s WHERE {w.sql}", w.params)

    def statements(self, ids: Iterable[str]) -> list[Record]:
        wanted, kept = list(ids), self._page_records
        if all(i in kept for i in wanted):
            return [kept[i] for i in wanted]
        return self._by_id("statements", wanted)

    def _by_id(self, table: str, ids: Iterable[str]) -> list[Record]:
        wanted = list(ids)
        found = dict(self._rows(f"SELECT id, body FROM fact_explorer.{table} WHERE id = ANY(%s)", (wanted,)))
        return [found[i] for i in wanted if i in found]

    def actor_ids(self, f: Filter) -> list[str]:
        w = Where()
        if f.countries:
            w.add("(sp.country = ANY(%s) OR sp.affiliation = ANY(%s))", list(f.countries), list(f.countries))
        if f.actors:
            w.add("sp.id = ANY(%s)", list(f.actors))
        if f.issues or f.words or f.date_from or f.date_to:
            said = statement_where(f, self._speakers(f))
            speaking = Where().merge(
                said, "EXISTS (SELECT 1 FROM fact_explorer.statements s WHERE s.actor = sp.id AND {})"
            )
            if f.words and not f.issues:  # or their own name, role or aliases match
                own = " AND ".join("sp.words @@ %s::tsquery" for _ in f.words)
                speaking.parts = [f"({speaking.parts[0]} OR ({own}))"]
                speaking.params += [prefix_query(word) for word in f.words]
            w.merge(speaking)
        sql = f"SELECT sp.id FROM {_SP} sp WHERE {w.sql} ORDER BY sp.reference_date, sp.source_id, sp.ord"
        return [r[0] for r in self._rows(sql, w.params)]

    def event_ids(self, f: Filter, offset: int = 0, limit: int | None = None) -> list[str]:
        rare = self._rare("events", f) and self._rare("statements", f)
        w = event_where(f, self._speakers(f), walked=limit is not None and not rare)
        head = f"SELECT e.id FROM fact_explorer.events e WHERE {w.sql} ORDER BY "
        return [r[0] for r in self._page(head, "e", _EVENT_ORDER, [*w.params, offset, limit], rare)]

    def _page(self, head: str, alias: str, order: tuple[str, ...], params: list[Any], rare: bool) -> list[Any]:
        """Rows of `head` + ORDER BY `order` + OFFSET/LIMIT. Matches thought `rare` are found first
        through the indexes and then sorted; otherwise the rows are walked in order until the page is
        full. (PostgreSQL's own choice between the two rests on an estimate that is badly wrong for a
        word missing from its statistics: a search for a word no statement has would walk every row.)"""
        by = ", ".join(f"{alias}.{c}" if n or not rare else f"{alias}.{c}::text || ''" for n, c in enumerate(order))
        return self._rows(f"{head}{by} OFFSET %s LIMIT %s", params)

    def _rare(self, table: str, f: Filter) -> bool:
        """Whether `f`'s words are rare in `table` (fewer than `RARE` expected matches), from the
        lexeme frequencies PostgreSQL's statistics keep for it (a word not among them is rare)."""
        if not f.words:
            return False
        total = self._held()["stats"].get(table, (0, [], []))[0]
        return self._share(table, f, self._speakers(f)) * total < RARE

    def _share(self, table: str, f: Filter, speakers: Speakers) -> float:
        """The share of `table`'s rows that `f`'s words are expected to match (its rarest word's), from
        the lexeme frequencies PostgreSQL's statistics keep (a word not among them is rare)."""
        held = self._held()
        total, lexemes, freqs = held["stats"].get(table, (0, [], []))
        share = 1.0
        for word in f.words:
            prefix = word[:MAX_WORD]
            at, found = bisect.bisect_left(lexemes, prefix), 0.0
            while at < len(lexemes) and lexemes[at].startswith(prefix):
                found += freqs[at]
                at += 1
            if table == "statements" and total:  # and the statements of speakers whose names match
                found += sum(held["said"].get(i, 0) for i in speakers.saying.get(word, ())) / total
            share = min(share, found)
        return share

    def _windows(self, f: Filter, sp: Speakers, limit: int) -> list[Window]:
        """Spans of article dates, in order, whose merged walks (see `_walks`) give a first page: the
        first expected to hold about `limit` matches, each next one twice as long, the last open.

        A speaker's walk must reach its first match before the merge gives its first row, however
        far behind the page that lies (a speaker who seldom uses a common word, or, in a benchmark's
        copied archive, 500 copies of each statement of theirs before it); walks bounded to a span
        stop at its end, and the next span is asked for only when the page is not yet full."""
        held = self._held()
        if not held["span"] or None in held["span"]:
            return [(None, None)]
        first, last = held["span"]
        if f.date_from is not None:
            first = max(first, f.date_from)  # articles before it are walked in the first window
        said = sum(held["said"].get(a, 0) for a in sp.allowed(f))
        expected = said * self._share("statements", f, sp)
        days = (last - first).days + 1
        if expected <= 0 or days <= 1:
            return [(None, None)]
        width = max(1, math.ceil(WINDOW_FILL * limit * days / expected))
        bounds: list[dt.date] = []
        end = first + dt.timedelta(days=width)
        while end <= last and len(bounds) < MAX_WINDOWS - 1:
            bounds.append(end)
            width *= 2
            end += dt.timedelta(days=width)
        return list(zip([None, *bounds], [*bounds, None], strict=True))

    def event_position(self, f: Filter, event_id: str) -> int | None:
        sp = self._speakers(f)
        return self._position("events", "e", _EVENT_ORDER, event_where(f, sp, "e"), event_where(f, sp, "t"), event_id)

    def count_events(self, f: Filter) -> int:
        w = event_where(f, self._speakers(f))
        if not w.parts:  # all of them: counted as they were written
            return self._count(_TOTAL, ("events",))
        return self._count(f"SELECT count(*) FROM fact_explorer.events e WHERE {w.sql}", w.params)

    def events(self, ids: Iterable[str]) -> list[Record]:
        return self._by_id("events", ids)

    def events_citing(self, statement_ids: Iterable[str]) -> set[str]:
        rows = self._rows("SELECT id FROM fact_explorer.events WHERE evidence && %s::text[]", (list(statement_ids),))
        return {r[0] for r in rows}

    def stances(self, f: Filter) -> list[Record]:
        """As `Store.stances`: the stance's own words are matched here, from the merged issue and speaker."""
        w = Where()
        if f.actors:
            w.add("l.actor = ANY(%s)", list(f.actors))
        if f.issues:
            w.add("l.issue = ANY(%s)", list(f.issues))
        if f.countries:
            w.add("l.actor = ANY(%s)", list(self._speakers(f).in_countries))
        cites = Where().add("FALSE")
        if f.words:
            cites = Where().merge(
                statement_where(f, self._speakers(f)),
                "EXISTS (SELECT 1 FROM fact_explorer.statements s WHERE s.id = ANY(st.evidence) AND {})",
            )
        sql = f"""
            SELECT st.body || jsonb_build_object('source', st.source_id), {cites.sql}, sp.body
            FROM fact_explorer.latest_stances l
            JOIN fact_explorer.stances st ON (st.source_id, st.ord) = (l.source_id, l.ord)
            LEFT JOIN fact_explorer.speakers sp ON sp.id = l.actor
            WHERE {w.sql} ORDER BY l.first_date, l.first_source, l.first_ord"""
        rows = self._rows(sql, [*cites.params, *w.params])
        if not f.words:
            return [r[0] for r in rows]
        issues = self._held()["issues"]
        return [st for st, cited, speaker in rows if cited or _matches(_stance_words(st, speaker, issues), f.words)]

    def history(self, actor: str, issue: str) -> list[Record]:
        rows = self._rows(
            "SELECT body || jsonb_build_object('source', source_id) FROM fact_explorer.stances "
            "WHERE actor = %s AND issue = %s ORDER BY reference_date, source_id, ord",
            (actor, issue),
        )
        return [r[0] for r in rows]

    def notes_about(self, item_id: str) -> list[Record]:
        rows = self._rows(
            "SELECT body FROM fact_explorer.notes WHERE about @> ARRAY[%s]::text[] "
            "ORDER BY reference_date, source_id, ord",
            (item_id,),
        )
        return [r[0] for r in rows]


Walk = tuple[str, list[Any]]  # a condition on statements `s` and its parameters
Window = tuple[dt.date | None, dt.date | None]  # articles dated from, and before (None: no bound)


def _walks(f: Filter, sp: Speakers, rare: bool) -> tuple[list[Walk], bool]:
    """Conditions splitting the statements `f` matches into parts that are each quick to walk in
    order, to be merged (`_merged_page`); one part when walking them all at once is as quick.

    A date range: a statement not `late` falls on or before its article's date, so it matches only in
    articles from the range's start on; those are walked from there, and the late ones through their
    own index (one walk would first pass every statement before the range). A few speakers (a country,
    an actor): each one's statements walked through their own index (one walk would pass every other
    speaker's). Rare words are found first and sorted (see `PostgresIndex._page`), not walked."""
    walks: list[Walk] = [("TRUE", [])]
    if f.date_from is not None:
        walks = [("NOT s.late AND s.reference_date >= %s", [f.date_from]), ("s.late", [])]
    speakers = sp.allowed(f) if f.countries or f.actors else []
    if not rare and 0 < len(speakers) <= MERGED_SPEAKERS:
        walks = [(f"s.actor = %s AND {sql}", [speaker, *params]) for speaker in speakers for sql, params in walks]
        return walks, True
    return walks, False


def _merged_page(
    columns: str, w: Where, walks: list[Walk], offset: int, limit: int, window: Window = (None, None)
) -> tuple[str, list[Any]]:
    """A page of the statements matching `w`, as the ordered merge of `walks` (see `_walks`), of
    articles dated within `window` (from, before; None: unbounded)."""
    order = ", ".join(f"s.{c}" for c in _STATEMENT_ORDER)
    within = Where()
    if window[0] is not None:
        within.add("s.reference_date >= %s", window[0])
    if window[1] is not None:
        within.add("s.reference_date < %s", window[1])
    parts, params = [], []
    for sql, more in walks:
        parts.append(
            f"(SELECT {columns}, {order} FROM fact_explorer.statements s WHERE {w.sql} AND {sql} "
            f"AND {within.sql} ORDER BY {order} LIMIT %s)"
        )
        params += [*w.params, *more, *within.params, offset + limit]
    merged, by = " UNION ALL ".join(parts), ", ".join(_STATEMENT_ORDER)
    sql = f"SELECT {columns.replace('s.', '')} FROM ({merged}) s ORDER BY {by} OFFSET %s LIMIT %s"
    return sql, [*params, offset, limit]


def _watch(conn: psycopg.Connection, stop: Callable[[], bool]) -> threading.Event:
    """Cancel the query running on `conn` once `stop()` is true (checked every 50 ms from a thread of
    its own, as the query blocks its caller), until the returned event is set."""
    done = threading.Event()

    def watch() -> None:
        while not done.wait(0.05):
            if stop():
                with contextlib.suppress(psycopg.Error):
                    conn.cancel_safe(timeout=5)
                return

    threading.Thread(target=watch, name="cancel", daemon=True).start()
    return done


# Each table's estimated rows and its most common words with their shares of rows (see `_rare`).
_LEXEME_STATS = """
    SELECT s.tablename, c.reltuples::bigint, s.most_common_elems::text::text[], s.most_common_elem_freqs
    FROM pg_stats s JOIN pg_class c ON c.relname = s.tablename
    JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = s.schemaname
    WHERE s.schemaname = 'fact_explorer' AND s.tablename IN ('statements', 'events') AND s.attname = 'words'"""
_TOTAL = "SELECT n FROM fact_explorer.totals WHERE kind = %s"
_STATEMENT_ORDER = ("reference_date", "source_id", "ord")
_EVENT_ORDER = ("lo", "hi", "reference_date", "source_id", "ord")
_FIRSTS_IN_ORDER = "SELECT body FROM fact_explorer.firsts WHERE kind = %s ORDER BY reference_date, source_id, ord, sub"


def _stance_words(stance: Record, speaker: Record | None, issues: dict[str, Record]) -> set[str]:
    """What a search of a stance looks in, as `Store._stance_text`."""
    issue = issues.get(stance["issue"])
    label = next((p["label"] for p in issue["positions"] if p["code"] == stance["position"]), None) if issue else None
    speaker_words = [speaker["name"], speaker.get("role") or "", *speaker.get("aliases", [])] if speaker else []
    parts = [
        *speaker_words,
        issue["title"] if issue else "",
        label or stance["position"],
        stance.get("conditions") or "",
    ]
    return tokens(" ".join(parts))


# -- writing ------------------------------------------------------------------------------------------------


class _Writer:
    """Each call is its own transaction, sent in one round trip (a pipeline)."""

    def __init__(self, index: PostgresIndex) -> None:
        self._index = index

    def _do(self, work: Callable[[psycopg.Connection], None]) -> None:
        def transaction(conn: psycopg.Connection) -> None:
            with conn.pipeline(), conn.transaction():
                work(conn)

        self._index.run(transaction)

    def put_article(self, rows: ArticleRows) -> None:
        folder, sig = self._index.folder, rows.sig

        def work(conn: psycopg.Connection) -> None:
            _drop(conn, folder, sig.name)
            held = conn.execute(
                "SELECT folder, name FROM fact_explorer.articles WHERE source_id = %s", (sig.source_id,)
            ).fetchone()
            if held is not None:  # by a file of another folder: the same article cannot be in twice
                used = f"source id {sig.source_id!r} is used by {Path(held[0]) / held[1]}"
                line = f"{Path(folder) / sig.name}: $.source.id: {used}"
                _put_file(conn, folder, replace(sig, source_id=""), [line])
                return
            _insert(conn, folder, rows)
            _put_file(conn, folder, sig, None)

        self._do(work)

    def put_refusal(self, refusal: Refusal) -> None:
        folder = self._index.folder

        def work(conn: psycopg.Connection) -> None:
            _drop(conn, folder, refusal.sig.name)
            _put_file(conn, folder, replace(refusal.sig, source_id=""), list(refusal.lines))

        self._do(work)

    def drop_file(self, name: str) -> None:
        folder = self._index.folder

        def work(conn: psycopg.Connection) -> None:
            _drop(conn, folder, name)
            conn.execute("DELETE FROM fact_explorer.files WHERE folder = %s AND name = %s", (folder, name))

        self._do(work)

    def touch(self, sig: FileSig) -> None:
        self._do(
            lambda conn: conn.execute(
                "UPDATE fact_explorer.files SET mtime_ns = %s, size = %s WHERE folder = %s AND name = %s",
                (sig.mtime_ns, sig.size, self._index.folder, sig.name),
            )
        )


def _put_file(conn: psycopg.Connection, folder: str, sig: FileSig, refusal: list[str] | None) -> None:
    conn.execute(
        """INSERT INTO fact_explorer.files VALUES (%s, %s, %s, %s, %s, %s, %s)
           ON CONFLICT (folder, name) DO UPDATE SET mtime_ns = EXCLUDED.mtime_ns, size = EXCLUDED.size,
               sha256 = EXCLUDED.sha256, source_id = EXCLUDED.source_id, refusal = EXCLUDED.refusal""",
        (folder, sig.name, sig.mtime_ns, sig.size, sig.sha256, sig.source_id or None, refusal),
    )


def _insert(conn: psycopg.Connection, folder: str, rows: ArticleRows) -> None:
    """One article's rows, then what the corpus merges brought up to date from them alone."""
    sid, day = rows.sig.source_id, rows.source["reference_date"]
    article = {k: v for k, v in vars(rows).items() if k != "sig"}
    conn.execute(
        "INSERT INTO fact_explorer.articles VALUES (%s, %s, %s, %s, %s, %s)",
        (sid, folder, rows.sig.name, day, Jsonb(rows.source), Jsonb(article)),
    )
    ranges = {e["id"]: event_range(e["when"]) for e in rows.events}
    undated = ("", "9999-12-31")
    table_rows: dict[str, list[tuple[Any, ...]]] = {
        "organisations": [(sid, n, o["code"], day, Jsonb(o)) for n, o in enumerate(rows.organisations)],
        "actors": [
            (sid, n, a["id"], day, words(a["name"], a.get("role"), *a.get("aliases", [])), words(a["name"]), Jsonb(a))
            for n, a in enumerate(rows.actors)
        ],
        "statements": [
            (
                s["id"],
                sid,
                n,
                day,
                s["actor"],
                s.get("issues", []),
                *ranges.get(s.get("when") or "", undated),
                s.get("when"),
                words(s["content"]["exact"], (s.get("cue") or {}).get("exact")),
                Jsonb(s),
                ranges.get(s.get("when") or "", undated)[1] > day,  # late: see MIGRATIONS[2]
            )
            for n, s in enumerate(rows.statements)
        ],
        "events": [
            (
                e["id"],
                sid,
                n,
                day,
                *ranges[e["id"]],
                e.get("actors", []),
                e.get("evidence", []),
                words(e["title"], e.get("place"), (e["when"].get("phrase") or {}).get("exact")),
                Jsonb(e),
            )
            for n, e in enumerate(rows.events)
        ],
        "issues": [(sid, n, i["id"], day, Jsonb(i)) for n, i in enumerate(rows.issues)],
        "stances": [
            (sid, n, day, st["actor"], st["issue"], st["evidence"], Jsonb(st)) for n, st in enumerate(rows.stances)
        ],
        "notes": [(sid, n, day, note.get("about", []), Jsonb(note)) for n, note in enumerate(rows.notes)],
    }
    with conn.cursor() as cur:
        for table, values in table_rows.items():
            if values:
                rows_sql = ", ".join([_ROW[table]] * len(values))
                cur.execute(f"INSERT INTO fact_explorer.{table} VALUES {rows_sql}", [v for row in values for v in row])
        counts: dict[str, int] = {}
        for s in rows.statements:
            counts[s["actor"]] = counts.get(s["actor"], 0) + 1
        actors = list(dict.fromkeys(a["id"] for a in rows.actors))
        keys = {"sid": sid, "actors": actors, "counts": [counts.get(a, 0) for a in actors]}
        for sql in _ADDED:
            cur.execute(sql, keys)
        cur.execute(_COUNTED, (1, len(rows.events)))


_TS = "array_to_tsvector(%s::text[])"
_ROW = {  # each table's row of placeholders; an article's rows go in one INSERT (one message, not one a row)
    "organisations": "(%s, %s, %s, %s, %s)",
    "actors": f"(%s, %s, %s, %s, {_TS}, {_TS}, %s)",
    "statements": f"(%s, %s, %s, %s, %s, %s, %s, %s, %s, {_TS}, %s, %s)",
    "events": f"(%s, %s, %s, %s, %s, %s, %s, %s, {_TS}, %s)",
    "issues": "(%s, %s, %s, %s, %s)",
    "stances": "(%s, %s, %s, %s, %s, %s, %s)",
    "notes": "(%s, %s, %s, %s, %s)",
}


def _compare(table: str, columns: tuple[str, ...], op: str) -> str:
    """SQL: the upserted row's `columns` `op` the existing row's, as tuples."""
    return f"({', '.join('EXCLUDED.' + c for c in columns)}) {op} ({', '.join(f'{table}.{c}' for c in columns)})"


def _take_if(condition: str, table: str, columns: tuple[str, ...]) -> str:
    """SQL: each of `columns` from the upserted row where `condition` holds, else as it was."""
    return ", ".join(f"{c} = CASE WHEN {condition} THEN EXCLUDED.{c} ELSE {table}.{c} END" for c in columns)


_S, _L = "fact_explorer.speakers", "fact_explorer.latest_stances"
_ORDER = ("reference_date", "source_id", "ord")
_SPEAKER_COLUMNS = (*_ORDER, "country", "affiliation", "words", "name_words", "body")
_FIRST_COLUMNS, _LAST_COLUMNS = ("first_date", "first_source", "first_ord"), ("latest_date", "source_id", "ord")

# An added article can only bring earlier first occurrences (or a later latest stance): each merged row
# is upserted from this article's rows alone, keeping whichever comes first (last, for stances).
_ADDED = [
    """INSERT INTO fact_explorer.speakers
           (id, reference_date, source_id, ord, country, affiliation, statements, words, name_words, body)
       SELECT DISTINCT ON (a.id) a.id, a.reference_date, a.source_id, a.ord, a.body->>'country',
              a.body->>'affiliation', k.n, a.words, a.name_words, a.body
       FROM fact_explorer.actors a JOIN unnest(%(actors)s::text[], %(counts)s::bigint[]) k(id, n) ON a.id = k.id
       WHERE a.source_id = %(sid)s ORDER BY a.id, a.ord
       ON CONFLICT (id) DO UPDATE SET statements = fact_explorer.speakers.statements + EXCLUDED.statements, """
    + _take_if(_compare(_S, _ORDER, "<"), _S, _SPEAKER_COLUMNS),
    """INSERT INTO fact_explorer.latest_stances
       SELECT f.actor, f.issue, f.reference_date, f.source_id, f.ord, l.reference_date, l.source_id, l.ord
       FROM (SELECT DISTINCT ON (actor, issue) * FROM fact_explorer.stances WHERE source_id = %(sid)s
             ORDER BY actor, issue, ord) f
       JOIN (SELECT DISTINCT ON (actor, issue) * FROM fact_explorer.stances WHERE source_id = %(sid)s
             ORDER BY actor, issue, ord DESC) l USING (actor, issue)
       ON CONFLICT (actor, issue) DO UPDATE SET """
    + _take_if(_compare(_L, _FIRST_COLUMNS, "<"), _L, _FIRST_COLUMNS)
    + ", "
    + _take_if(_compare(_L, _LAST_COLUMNS, ">"), _L, _LAST_COLUMNS),
    """INSERT INTO fact_explorer.firsts
       SELECT DISTINCT ON (kind, key) * FROM (
           SELECT 'organisation' kind, code key, reference_date, source_id, ord, 0 sub, body
           FROM fact_explorer.organisations WHERE source_id = %(sid)s
           UNION ALL
           SELECT 'issue', id, reference_date, source_id, ord, 0, body - 'positions'
           FROM fact_explorer.issues WHERE source_id = %(sid)s
           UNION ALL
           SELECT 'position', i.id || ' ' || (p.position->>'code'), i.reference_date, i.source_id, i.ord,
                  p.n::integer, p.position
           FROM fact_explorer.issues i, jsonb_array_elements(i.body->'positions') WITH ORDINALITY p(position, n)
           WHERE i.source_id = %(sid)s
       ) r ORDER BY kind, key, ord, sub
       ON CONFLICT (kind, key) DO UPDATE SET
           reference_date = EXCLUDED.reference_date, source_id = EXCLUDED.source_id, ord = EXCLUDED.ord,
           sub = EXCLUDED.sub, body = EXCLUDED.body
       WHERE (EXCLUDED.reference_date, EXCLUDED.source_id, EXCLUDED.ord, EXCLUDED.sub)
           < (fact_explorer.firsts.reference_date, fact_explorer.firsts.source_id,
              fact_explorer.firsts.ord, fact_explorer.firsts.sub)""",
]

# The totals (MIGRATIONS[3]) moved by an article's events and itself, added (or, negated, removed).
_COUNTED = """UPDATE fact_explorer.totals SET n = n + CASE kind WHEN 'articles' THEN %s ELSE %s END
              WHERE kind IN ('articles', 'events')"""

# All of it again from the article rows: for a bulk load (benchmarks), and to check the upkeep above.
_REBUILD = [
    "TRUNCATE fact_explorer.speakers, fact_explorer.latest_stances, fact_explorer.firsts, fact_explorer.totals",
    """INSERT INTO fact_explorer.totals
       SELECT 'articles', count(*) FROM fact_explorer.articles
       UNION ALL SELECT 'events', count(*) FROM fact_explorer.events""",
    """INSERT INTO fact_explorer.speakers
       SELECT DISTINCT ON (a.id) a.id, a.reference_date, a.source_id, a.ord, a.body->>'country',
              a.body->>'affiliation', coalesce(c.n, 0), a.words, a.name_words, a.body
       FROM fact_explorer.actors a
       LEFT JOIN (SELECT actor, count(*) n FROM fact_explorer.statements GROUP BY actor) c ON c.actor = a.id
       ORDER BY a.id, a.reference_date, a.source_id, a.ord""",
    """INSERT INTO fact_explorer.latest_stances
       SELECT f.actor, f.issue, f.reference_date, f.source_id, f.ord, l.reference_date, l.source_id, l.ord
       FROM (SELECT DISTINCT ON (actor, issue) * FROM fact_explorer.stances
             ORDER BY actor, issue, reference_date, source_id, ord) f
       JOIN (SELECT DISTINCT ON (actor, issue) * FROM fact_explorer.stances
             ORDER BY actor, issue, reference_date DESC, source_id DESC, ord DESC) l USING (actor, issue)""",
    """INSERT INTO fact_explorer.firsts
       SELECT DISTINCT ON (kind, key) * FROM (
           SELECT 'organisation' kind, code key, reference_date, source_id, ord, 0 sub, body
           FROM fact_explorer.organisations
           UNION ALL
           SELECT 'issue', id, reference_date, source_id, ord, 0, body - 'positions' FROM fact_explorer.issues
           UNION ALL
           SELECT 'position', i.id || ' ' || (p.position->>'code'), i.reference_date, i.source_id, i.ord,
                  p.n::integer, p.position
           FROM fact_explorer.issues i, jsonb_array_elements(i.body->'positions') WITH ORDINALITY p(position, n)
       ) r ORDER BY kind, key, reference_date, source_id, ord, sub""",
]


def rebuild_merged(conn: psycopg.Connection) -> None:
    """Work out the merged tables again from every article's rows, in one transaction."""
    with conn.transaction():
        for sql in _REBUILD:
            conn.execute(sql)


# A removed article: what it was first (or latest) for is worked out again from the rows left, by index.
_KEYS = """
    SELECT
        (SELECT coalesce(array_agg(DISTINCT id), '{}') FROM fact_explorer.actors WHERE source_id = %(sid)s),
        (SELECT coalesce(array_agg(actor), '{}') FROM fact_explorer.statements WHERE source_id = %(sid)s),
        (SELECT coalesce(array_agg(actor), '{}') FROM fact_explorer.stances WHERE source_id = %(sid)s),
        (SELECT coalesce(array_agg(issue), '{}') FROM fact_explorer.stances WHERE source_id = %(sid)s),
        (SELECT coalesce(array_agg(kind || ' ' || key), '{}') FROM fact_explorer.firsts WHERE source_id = %(sid)s),
        (SELECT count(*) FROM fact_explorer.events WHERE source_id = %(sid)s)
"""
_FIRST_ACTOR = """SELECT a.* FROM fact_explorer.actors a WHERE a.id = k.id
                  ORDER BY a.reference_date, a.source_id, a.ord LIMIT 1"""
_STANCE = "FROM fact_explorer.stances s WHERE s.actor = k.actor AND s.issue = k.issue"
_FIRST_OF = {
    "organisation": """SELECT o.reference_date, o.source_id, o.ord, 0, o.body FROM fact_explorer.organisations o
                       WHERE o.code = k.key ORDER BY o.reference_date, o.source_id, o.ord LIMIT 1""",
    "issue": """SELECT i.reference_date, i.source_id, i.ord, 0, i.body - 'positions' FROM fact_explorer.issues i
                WHERE i.id = k.key ORDER BY i.reference_date, i.source_id, i.ord LIMIT 1""",
    "position": """SELECT i.reference_date, i.source_id, i.ord, p.n::integer, p.position
                   FROM fact_explorer.issues i,
                        jsonb_array_elements(i.body->'positions') WITH ORDINALITY p(position, n)
                   WHERE i.id = split_part(k.key, ' ', 1) AND p.position->>'code' = split_part(k.key, ' ', 2)
                   ORDER BY i.reference_date, i.source_id, i.ord, p.n LIMIT 1""",
}
_REMOVED = [
    """UPDATE fact_explorer.speakers s SET statements = s.statements - k.n
       FROM unnest(%(actors)s::text[], %(counts)s::bigint[]) k(id, n) WHERE s.id = k.id""",
    f"""UPDATE fact_explorer.speakers s SET
           reference_date = f.reference_date, source_id = f.source_id, ord = f.ord, country = f.body->>'country',
           affiliation = f.body->>'affiliation', words = f.words, name_words = f.name_words, body = f.body
       FROM unnest(%(actors)s::text[]) k(id) CROSS JOIN LATERAL ({_FIRST_ACTOR}) f
       WHERE s.id = k.id AND s.source_id = %(sid)s""",
    "DELETE FROM fact_explorer.speakers WHERE id = ANY(%(actors)s) AND source_id = %(sid)s",  # none left
    """DELETE FROM fact_explorer.latest_stances l
       USING unnest(%(stance_actors)s::text[], %(stance_issues)s::text[]) k(actor, issue)
       WHERE l.actor = k.actor AND l.issue = k.issue""",
    f"""INSERT INTO fact_explorer.latest_stances
       SELECT k.actor, k.issue, f.reference_date, f.source_id, f.ord, l.reference_date, l.source_id, l.ord
       FROM (SELECT DISTINCT * FROM unnest(%(stance_actors)s::text[], %(stance_issues)s::text[])) k(actor, issue)
       CROSS JOIN LATERAL (SELECT s.reference_date, s.source_id, s.ord {_STANCE}
                           ORDER BY s.reference_date, s.source_id, s.ord LIMIT 1) f
       CROSS JOIN LATERAL (SELECT s.reference_date, s.source_id, s.ord {_STANCE}
                           ORDER BY s.reference_date DESC, s.source_id DESC, s.ord DESC LIMIT 1) l""",
    "DELETE FROM fact_explorer.firsts WHERE source_id = %(sid)s",
    *(
        f"""INSERT INTO fact_explorer.firsts
            SELECT '{kind}', k.key, f.* FROM unnest(%(firsts)s::text[]) t(whole),
                LATERAL (SELECT substr(t.whole, length('{kind}') + 2) key) k CROSS JOIN LATERAL ({sql}) f
            WHERE t.whole LIKE '{kind} %%'"""
        for kind, sql in _FIRST_OF.items()
    ),
]


def _drop(conn: psycopg.Connection, folder: str, name: str) -> None:
    """Remove the article a file held, if any, and what the corpus took from it."""
    row = conn.execute(
        "SELECT source_id FROM fact_explorer.articles WHERE folder = %s AND name = %s", (folder, name)
    ).fetchone()
    if row is None:
        return
    sid = row[0]
    keys_row = conn.execute(_KEYS, {"sid": sid}).fetchone()
    assert keys_row is not None  # aggregates always give a row
    actors, spoken, stance_actors, stance_issues, firsts, events = keys_row
    keys = {
        "sid": sid,
        "actors": actors,
        "counts": [spoken.count(a) for a in actors],
        "stance_actors": stance_actors,
        "stance_issues": stance_issues,
        "firsts": firsts,
    }
    conn.execute("DELETE FROM fact_explorer.articles WHERE source_id = %s", (sid,))
    with conn.cursor() as cur:
        for sql in _REMOVED:
            cur.execute(sql, keys)
        cur.execute(_COUNTED, (-1, -events))
