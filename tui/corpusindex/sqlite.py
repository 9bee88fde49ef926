"""The corpus index in SQLite with FTS5 (standard library `sqlite3`): one file per folder, WAL so
readers never wait for the writer, and a lock file so one process writes at a time.

Rows are numbered so that number order is corpus order: an article gets a key between its neighbours'
(by reference date, then source id) and its statements and events are `key << BITS | position`. Then
FTS5, which returns matches in row number order, hands out the first page of any search or filter
without sorting, and stops there. When two neighbours' keys leave no room between them, the keys are
spread out again (`_renumber`), which is rare.

Search text is stored already split into words as the in-memory index splits them (`\\w+`,
case-folded), so FTS5's own tokenizer (unicode61 with `_` as a word character, no diacritics
folding) finds the same words; filters by country, actor and issue are tags in a second column.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..filters import Filter
from ..index import query_words, tokens
from .cancel import should_stop
from .interface import MAX_ITEMS_PER_ARTICLE, ArticleRows, FileSig, Record, Refusal, batched
from .ranges import OPEN_END, OPEN_START, dated, event_range, sort_key

BITS = MAX_ITEMS_PER_ARTICLE.bit_length()  # 14: row number = article key << BITS | position
MIDDLE, STEP, TOP = 1 << 48, 1 << 24, (1 << (63 - BITS)) - 1
STOP_CHECK = 20000  # SQLite steps between two looks at whether the query is still waited for
TOKENIZE = "unicode61 remove_diacritics 0 tokenchars '_'"
# prefix: the words' first 1, 2 and 3 letters are indexed too, so "s" (the first key of a search) is one
# list to read rather than every word that starts with s merged (30x faster on 1,000 dossiers).

TABLES = f"""
CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT);
CREATE TABLE files(name TEXT PRIMARY KEY, mtime_ns INT, size INT, sha256 TEXT, source_id TEXT, refusal TEXT);
CREATE TABLE articles(aid INTEGER PRIMARY KEY, akey INT UNIQUE, file TEXT UNIQUE, source_id TEXT UNIQUE,
                      rank TEXT, source TEXT, body TEXT);
CREATE INDEX articles_rank ON articles(rank);
CREATE TABLE statements(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, aid INT, actor TEXT, when_id TEXT,
                        lo TEXT, hi TEXT, json TEXT);
CREATE INDEX statements_aid ON statements(aid);
CREATE INDEX statements_actor ON statements(actor);
CREATE INDEX statements_when ON statements(when_id);
CREATE TABLE events(rowid INTEGER PRIMARY KEY, id TEXT UNIQUE, aid INT, k1 TEXT, k2 TEXT, lo TEXT, hi TEXT,
                    json TEXT);
CREATE INDEX events_order ON events(k1, k2);
CREATE INDEX events_aid ON events(aid);
CREATE TABLE event_actors(event INT, actor TEXT);
CREATE INDEX event_actors_actor ON event_actors(actor);
CREATE INDEX event_actors_event ON event_actors(event);
CREATE TABLE event_evidence(stmt INT, event INT);
CREATE INDEX event_evidence_stmt ON event_evidence(stmt);
CREATE INDEX event_evidence_event ON event_evidence(event);
CREATE TABLE occ(kind TEXT, key TEXT, aid INT, rank TEXT, pos INT, def TEXT, json TEXT);
CREATE INDEX occ_key ON occ(kind, key, rank, pos);
CREATE INDEX occ_def ON occ(kind, key, def, rank, pos) WHERE def IS NOT NULL;
CREATE INDEX occ_aid ON occ(aid);
CREATE TABLE merged(kind TEXT, key TEXT, rank TEXT, pos INT, json TEXT, PRIMARY KEY(kind, key));
CREATE INDEX merged_order ON merged(kind, rank, pos);
CREATE TABLE counts(actor TEXT PRIMARY KEY, n INT);
CREATE TABLE totals(kind TEXT PRIMARY KEY, n INT);
CREATE TABLE redefined(kind TEXT, key TEXT, PRIMARY KEY(kind, key));
CREATE TABLE notes(item TEXT, aid INT, pos INT, json TEXT);
CREATE INDEX notes_item ON notes(item);
CREATE INDEX notes_aid ON notes(aid);
CREATE VIRTUAL TABLE st_fts USING fts5(words, tags, tokenize="{TOKENIZE}", prefix='1 2 3');
CREATE VIRTUAL TABLE ev_fts USING fts5(words, tokenize="{TOKENIZE}", prefix='1 2 3');
"""

PARTS = ("organisations", "actors", "statements", "events", "issues", "stances", "figures", "notes")

# An index made with other tables (or by another version of the tool: see `open_sqlite`) is rebuilt.
SCHEMA = hashlib.sha256(TABLES.encode()).hexdigest()[:16]

# The merged tables: what each kind of record is keyed by, in `occ` and `merged`.
ACTOR, ISSUE, ORG, STANCE = "actor", "issue", "org", "stance"
APART = "!"  # ends the definition (`occ.def`) of an actor or issue kept apart


class Damaged(Exception):
    """The file is not an index this version wrote and finished writing."""


def tag(kind: str, ident: str) -> str:
    """An id as one FTS token (ids hold '-', '.', ':', which the tokenizer would split on)."""
    return kind + hashlib.blake2b(ident.encode(), digest_size=8).hexdigest()


def actor_words(actor: Record | None) -> str:
    if actor is None:
        return ""
    return " ".join([actor["name"], actor.get("role") or "", *actor.get("aliases", [])])


def codes_of(actor: Record | None) -> list[str]:
    return [c for c in (actor.get("country"), actor.get("affiliation")) if c] if actor else []


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))  # one, not one per call: it adds up
_dumps = _ENCODER.encode


def open_sqlite(location: str, folder: Path) -> SqliteIndex:
    """The index at `location`; one that is damaged, of another schema or tool version, or of another
    folder is deleted and started again (it is only a cache of the folder)."""
    path = Path(location).expanduser()
    path.parent.mkdir(parents=True, exist_ok=True)
    folder_key = str(folder.resolve())
    try:
        return SqliteIndex(path, folder_key)
    except (sqlite3.DatabaseError, Damaged):
        with _lock(path):
            for extra in ("", "-wal", "-shm"):
                Path(f"{path}{extra}").unlink(missing_ok=True)
        return SqliteIndex(path, folder_key)


@contextlib.contextmanager
def _lock(path: Path) -> Iterator[None]:
    """The writer lock, shared by every process using this index (POSIX flock; elsewhere SQLite's own)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: BEGIN IMMEDIATE alone serialises writers
        yield
        return
    with open(f"{path}.lock", "a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


class SqliteIndex:
    PREPARE = "tui.corpusindex.sqlite:encode"

    def __init__(self, path: Path, folder: str) -> None:
        self.path, self.location, self.folder = path, str(path), folder
        self._guard = threading.Lock()
        self._by_thread: dict[threading.Thread, sqlite3.Connection] = {}
        with _lock(path):
            db = self._db()
            fresh = db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0
            if fresh:
                db.executescript(TABLES)
                with db:
                    db.executemany(
                        "INSERT INTO meta VALUES (?, ?)",
                        [("schema", SCHEMA), ("version", __version__), ("folder", folder)],
                    )
            meta = dict(db.execute("SELECT key, value FROM meta").fetchall())
            if meta != {"schema": SCHEMA, "version": __version__, "folder": folder}:
                self.close()
                raise Damaged(f"{path}: written by another version, or for another folder")

    def _db(self) -> sqlite3.Connection:
        """This thread's connection: one at a time per thread, so queries in two threads run side by side.
        A thread that ended leaves its connection to the next (the explorer queries from a new worker
        thread at each keystroke: without that, connections, and their caches, would pile up)."""
        me = threading.current_thread()
        with self._guard:
            db = self._by_thread.get(me)
            if db is None:
                gone = next((t for t in self._by_thread if not t.is_alive()), None)
                db = self._by_thread.pop(gone) if gone is not None else self._connect()
                self._by_thread[me] = db
        return db

    def _connect(self) -> sqlite3.Connection:
        db = sqlite3.connect(self.path, timeout=60, isolation_level=None, check_same_thread=False)
        db.execute("PRAGMA journal_mode=WAL")
        db.execute("PRAGMA synchronous=NORMAL")
        db.execute("PRAGMA cache_size=-32000")  # 32 MB a connection
        db.set_progress_handler(should_stop, STOP_CHECK)  # a query nobody waits for stops (see `cancel`)
        return db

    def close(self) -> None:
        with self._guard:
            for db in self._by_thread.values():
                db.close()
            self._by_thread.clear()

    # -- keeping it current -------------------------------------------------------------------------

    def files(self) -> dict[str, FileSig]:
        rows = self._db().execute("SELECT name, mtime_ns, size, sha256, source_id FROM files")
        return {r[0]: FileSig(r[0], r[1], r[2], r[3], r[4] or "") for r in rows}

    @contextlib.contextmanager
    def writing(self) -> Iterator[_Writer]:
        with _lock(self.path):
            db = self._db()
            db.execute("BEGIN IMMEDIATE")
            try:
                writer = _Writer(db, Path(self.folder))
                yield writer
                writer.finish()
                db.execute("COMMIT")
            except BaseException:
                db.execute("ROLLBACK")
                raise

    def refusals(self) -> list[Refusal]:
        rows = self._db().execute(
            "SELECT name, mtime_ns, size, sha256, refusal FROM files WHERE refusal IS NOT NULL ORDER BY name"
        )
        return [Refusal(FileSig(r[0], r[1], r[2], r[3]), tuple(json.loads(r[4]))) for r in rows]

    # -- the corpus as a whole ------------------------------------------------------------------------

    def article_count(self) -> int:
        return self._db().execute("SELECT count(*) FROM articles").fetchone()[0]

    def sources(self, ids: Iterable[str] | None = None) -> dict[str, Record]:
        db = self._db()
        if ids is None:
            rows = db.execute("SELECT source_id, source FROM articles ORDER BY rank").fetchall()
        else:
            rows = []
            for batch in batched(set(ids)):
                marks = ",".join("?" * len(batch))
                rows += db.execute(
                    f"SELECT source_id, source FROM articles WHERE source_id IN ({marks}) ORDER BY rank", batch
                ).fetchall()
        return {sid: json.loads(source) for sid, source in rows}

    def newest_source(self) -> Record | None:
        row = self._db().execute("SELECT source FROM articles ORDER BY rank DESC LIMIT 1").fetchone()
        return json.loads(row[0]) if row else None

    def article(self, source_id: str) -> Record | None:
        db = self._db()
        row = db.execute("SELECT aid, body FROM articles WHERE source_id = ?", (source_id,)).fetchone()
        if row is None:
            return None
        article = json.loads(row[1])  # all but the statements and events, which have their own rows
        for table in ("statements", "events"):
            rows = db.execute(f"SELECT json FROM {table} WHERE aid = ? ORDER BY rowid", (row[0],))
            article[table] = [json.loads(r[0]) for r in rows]
        return article

    def _merged(self, kind: str) -> list[Record]:
        rows = self._db().execute("SELECT json FROM merged WHERE kind = ? ORDER BY rank, pos", (kind,))
        return [json.loads(r[0]) for r in rows]

    def organisations(self) -> list[Record]:
        return self._merged(ORG)

    def issues(self) -> list[Record]:
        return self._merged(ISSUE)

    def actors(self, ids: Iterable[str] | None = None) -> list[Record]:
        every = self._merged(ACTOR)
        if ids is None:
            return every
        wanted = set(ids)
        return [a for a in every if a["id"] in wanted]

    def statement_counts(self) -> dict[str, int]:
        return dict(self._db().execute("SELECT actor, n FROM counts WHERE n > 0").fetchall())

    # -- statements -------------------------------------------------------------------------------------

    def _allowed_actors(self, f: Filter) -> set[str] | None:
        """Actors allowed by the filter's countries and actors; None when neither narrows."""
        ids: set[str] | None = None
        if f.countries:
            ids = {a["id"] for a in self.actors() if not f.countries.isdisjoint(codes_of(a))}
        if f.actors:
            ids = set(f.actors) if ids is None else ids & f.actors
        return ids

    @staticmethod
    def _match(f: Filter, words: bool = True) -> str | None:
        """The FTS5 query for the filter's countries, actors, issues and (unless not `words`) words."""
        parts = []
        for kind, values in (("c", f.countries), ("a", f.actors), ("i", f.issues)):
            if values:
                parts.append("(" + " OR ".join(f"tags : {tag(kind, v)}" for v in sorted(values)) + ")")
        if words:
            parts += [f'words : "{w}"*' for w in f.words]
        return " AND ".join(parts) or None

    def _statement_query(self, f: Filter, select: str, words: bool = True) -> tuple[str, list[Any], str]:
        """(SQL, parameters, the column to order by) of the statements matching `f`."""
        match = self._match(f, words)
        if match is None:
            sql, params, order = f"SELECT {select} FROM statements s WHERE 1=1", [], "s.rowid"
        else:
            sql = f"SELECT {select} FROM st_fts JOIN statements s ON s.rowid = st_fts.rowid WHERE st_fts MATCH ?"
            params, order = [match], "st_fts.rowid"
        if (span := dated(f)) is not None:
            sql += " AND s.lo <= ? AND s.hi >= ?"
            params += [span[1], span[0]]
        return sql, params, order

    def statement_ids(self, f: Filter, offset: int = 0, limit: int | None = None) -> list[str]:
        sql, params, order = self._statement_query(f, "s.id")
        sql += f" ORDER BY {order} LIMIT ? OFFSET ?"
        return [r[0] for r in self._db().execute(sql, [*params, -1 if limit is None else limit, offset])]

    def statement_position(self, f: Filter, statement_id: str) -> int | None:
        row = self._db().execute("SELECT rowid FROM statements WHERE id = ?", (statement_id,)).fetchone()
        if row is None:
            return None
        sql, params, order = self._statement_query(f, "1")
        db = self._db()
        if db.execute(f"{sql} AND {order} = ?", [*params, row[0]]).fetchone() is None:
            return None
        return db.execute(f"SELECT count(*) FROM ({sql} AND {order} < ?)", [*params, row[0]]).fetchone()[0]

    def count_statements(self, f: Filter) -> int:
        sql, params, _ = self._statement_query(f, "1")
        if not params:  # every statement: counted as it was written, not read again
            return self._db().execute("SELECT coalesce(sum(n), 0) FROM counts").fetchone()[0]
        return self._db().execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    def statements(self, ids: Iterable[str]) -> list[Record]:
        return self._by_id("statements", ids)

    def _by_id(self, table: str, ids: Iterable[str]) -> list[Record]:
        ids = list(ids)
        found: dict[str, Record] = {}
        for batch in batched(ids):
            marks = ",".join("?" * len(batch))
            for ident, data in self._db().execute(f"SELECT id, json FROM {table} WHERE id IN ({marks})", batch):
                found[ident] = json.loads(data)
        return [found[i] for i in ids if i in found]

    # -- actors ---------------------------------------------------------------------------------------

    def actor_ids(self, f: Filter) -> list[str]:
        every = self.actors()
        ids = self._allowed_actors(f)
        if f.issues or f.words or dated(f):
            candidates = [a["id"] for a in every if ids is None or a["id"] in ids]
            speaking = {a for a in candidates if self._speaks(a, f)}
            if f.words and not f.issues:
                speaking |= {a["id"] for a in every if _matches(actor_words(a), f.words)}
            ids = speaking if ids is None else ids & speaking
        return [a["id"] for a in every if ids is None or a["id"] in ids]

    def _speaks(self, actor: str, f: Filter) -> bool:
        """Has `actor` a statement matching `f`?"""
        one = Filter(actors=frozenset({actor}), issues=f.issues, text=f.text, date_from=f.date_from, date_to=f.date_to)
        sql, params, _ = self._statement_query(one, "1")
        return self._db().execute(sql + " LIMIT 1", params).fetchone() is not None

    # -- events ---------------------------------------------------------------------------------------

    def _event_query(self, f: Filter, select: str) -> tuple[str, list[Any]]:
        conds, params = [], []
        if f.countries or f.actors or f.issues:
            cited, cited_params, _ = self._statement_query(f, "s.rowid", words=False)
            sub = f"SELECT ee.event FROM event_evidence ee WHERE ee.stmt IN ({cited})"
            params += cited_params
            if not f.issues:
                allowed = sorted(self._allowed_actors(f) or ())
                sub += f" UNION SELECT event FROM event_actors WHERE actor IN ({','.join('?' * len(allowed))})"
                params += allowed
            conds.append(f"e.rowid IN ({sub})")
        if (span := dated(f)) is not None:
            conds.append("e.lo <= ? AND e.hi >= ?")
            params += [span[1], span[0]]
        if f.words:
            said, said_params, _ = self._statement_query(f, "s.when_id")
            conds.append(f"(e.rowid IN (SELECT rowid FROM ev_fts WHERE ev_fts MATCH ?) OR e.id IN ({said}))")
            params += [" AND ".join(f'"{w}"*' for w in f.words), *said_params]
        where = " AND ".join(conds) or "1=1"
        return f"SELECT {select} FROM events e WHERE {where}", params

    def event_ids(self, f: Filter, offset: int = 0, limit: int | None = None) -> list[str]:
        sql, params = self._event_query(f, "e.id")
        sql += " ORDER BY e.k1, e.k2, e.rowid LIMIT ? OFFSET ?"
        return [r[0] for r in self._db().execute(sql, [*params, -1 if limit is None else limit, offset])]

    def event_position(self, f: Filter, event_id: str) -> int | None:
        db = self._db()
        row = db.execute("SELECT k1, k2, rowid FROM events WHERE id = ?", (event_id,)).fetchone()
        if row is None:
            return None
        sql, params = self._event_query(f, "1")
        if db.execute(f"{sql} AND e.rowid = ?", [*params, row[2]]).fetchone() is None:
            return None
        before = f"{sql} AND (e.k1, e.k2, e.rowid) < (?, ?, ?)"
        return db.execute(f"SELECT count(*) FROM ({before})", [*params, *row]).fetchone()[0]

    def count_events(self, f: Filter) -> int:
        sql, params = self._event_query(f, "1")
        if not params:  # every event: counted as it was written
            return self._db().execute("SELECT coalesce(sum(n), 0) FROM totals WHERE kind = 'events'").fetchone()[0]
        return self._db().execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]

    def events(self, ids: Iterable[str]) -> list[Record]:
        return self._by_id("events", ids)

    def events_citing(self, statement_ids: Iterable[str]) -> set[str]:
        out: set[str] = set()
        for batch in batched(set(statement_ids)):
            marks = ",".join("?" * len(batch))
            out.update(
                r[0]
                for r in self._db().execute(
                    "SELECT e.id FROM statements s JOIN event_evidence ee ON ee.stmt = s.rowid "
                    f"JOIN events e ON e.rowid = ee.event WHERE s.id IN ({marks})",
                    batch,
                )
            )
        return out

    # -- stances --------------------------------------------------------------------------------------

    def stances(self, f: Filter) -> list[Record]:
        out = self._merged(STANCE)
        if f.actors:
            out = [st for st in out if st["actor"] in f.actors]
        if f.issues:
            out = [st for st in out if st["issue"] in f.issues]
        if f.countries:
            allowed = self._allowed_actors(Filter(countries=f.countries)) or set()
            out = [st for st in out if st["actor"] in allowed]
        if f.words:
            actors = {a["id"]: a for a in self.actors()}
            issues = {i["id"]: i for i in self.issues()}
            cited = self._matching_among({x for st in out for x in st["evidence"]}, f)
            out = [
                st
                for st in out
                if not cited.isdisjoint(st["evidence"]) or _matches(_stance_text(st, actors, issues), f.words)
            ]
        return out

    def _matching_among(self, ids: set[str], f: Filter) -> set[str]:
        """Which of these statements match `f`: read and tested here (a stance cites a few), as the index
        would, rather than a search per statement."""
        actors = {a["id"]: a for a in self.actors()}
        span = dated(f)
        found = set()
        for batch in batched(ids):
            marks = ",".join("?" * len(batch))
            for ident, lo, hi, data in self._db().execute(
                f"SELECT id, lo, hi, json FROM statements WHERE id IN ({marks})", batch
            ):
                s = json.loads(data)
                actor = actors.get(s["actor"])
                if (
                    (not f.actors or s["actor"] in f.actors)
                    and (not f.countries or not f.countries.isdisjoint(codes_of(actor)))
                    and (not f.issues or not f.issues.isdisjoint(s.get("issues", [])))
                    and (span is None or (lo <= span[1] and hi >= span[0]))
                    and _matches(_statement_text(s, actor), f.words)
                ):
                    found.add(ident)
        return found

    def conflicts(self) -> list[str]:
        """What is kept apart, in the words and order of `tui.corpus.merge`'s `conflicts`: an actor or
        issue id that a file defines otherwise than the first article to define it."""
        db, found = self._db(), []
        for kind, key in db.execute("SELECT kind, key FROM redefined").fetchall():
            where = "FROM occ WHERE kind = ? AND key = ?"
            first = db.execute(f"SELECT rank, json {where} ORDER BY rank, pos LIMIT 1", (kind, key)).fetchone()
            known, known_sid = json.loads(first[1]), first[0].partition("\x00")[2]
            for rank, pos, data in db.execute(f"SELECT rank, pos, json {where} AND def GLOB '*!'", (kind, key)):
                record, sid = json.loads(data), rank.partition("\x00")[2]
                local, label = record["id"][len(sid) + 1 :], "name" if kind == ACTOR else "title"
                line = (
                    f"{kind} {local!r} of {sid!r} ({record[label]}) is not the one of {known_sid!r} "
                    f"({known[label]}): kept apart as {record['id']!r}"
                )
                found.append((rank, kind != ACTOR, pos, line))
        return [line for *_, line in sorted(found)]

    def history(self, actor: str, issue: str) -> list[Record]:
        rows = self._db().execute(
            "SELECT json FROM occ WHERE kind = ? AND key = ? ORDER BY rank, pos", (STANCE, f"{actor}\x1f{issue}")
        )
        return [json.loads(r[0]) for r in rows]

    def notes_about(self, item_id: str) -> list[Record]:
        rows = self._db().execute(
            "SELECT n.json FROM notes n JOIN articles a ON a.aid = n.aid WHERE n.item = ? ORDER BY a.rank, n.pos",
            (item_id,),
        )
        return [json.loads(r[0]) for r in rows]


def _statement_fts(s: Record, words: str, countries: list[str]) -> tuple[str, str]:
    """A statement's search words and tags, given its speaker's words and country tags."""
    cue = s.get("cue") or {}
    text = " ".join([s["content"]["exact"], cue.get("exact", ""), words])
    tags = [tag("a", s["actor"]), *countries, *(tag("i", i) for i in s.get("issues", []))]
    return " ".join(query_words(text)), " ".join(tags)


def _statement_text(s: Record, actor: Record | None) -> str:
    """What a search of a statement looks in: its words, its cue, its speaker's name, role and aliases."""
    cue = s.get("cue") or {}
    return " ".join([s["content"]["exact"], cue.get("exact", ""), actor_words(actor)])


def _matches(text: str, words: list[str]) -> bool:
    """Every word is the start of some word of `text` (as `TokenIndex.search`)."""
    have = tokens(text)
    return all(any(t.startswith(w) for t in have) for w in words)


def _stance_text(st: Record, actors: dict[str, Record], issues: dict[str, Record]) -> str:
    issue = issues.get(st["issue"])
    label = next((p["label"] for p in issue["positions"] if p["code"] == st["position"]), None) if issue else None
    return " ".join(
        [
            actor_words(actors.get(st["actor"])),
            issue["title"] if issue else "",
            label or st["position"],
            st.get("conditions") or "",
        ]
    )


@dataclass
class Encoded:
    """What an article's rows are in this index, worked out without it (so in a worker process, see
    `tui.corpusindex.sync`): records encoded once, search words made with the file's own actors, rows
    numbered by position (the writer adds the article's number and key)."""

    sid: str
    rank: str
    source: str
    body: str
    occ: list[tuple]  # (kind, key, rank, pos, def, json)
    statements: list[tuple]  # (pos, id, actor, when, lo, hi, json)
    st_fts: list[tuple[str, str]]  # (words, tags) a statement
    events: list[tuple]  # (pos, id, k1, k2, lo, hi, json)
    ev_fts: list[str]
    event_actors: list[tuple[int, str]]  # (event pos, actor)
    evidence: list[tuple[int, int]]  # (statement pos, event pos)
    notes: list[tuple[str, int, str]]  # (item, pos, json)
    speakers: dict[str, str]  # actor -> the signature its search words were made with
    counts: dict[str, int]  # statements per actor


def encode(rows: ArticleRows) -> Encoded:
    source, sid = rows.source, rows.source["id"]
    rank = f"{source['reference_date']}\x00{sid}"
    # Each record is encoded once: for its own row, and joined into the article's body.
    enc = {part: [_dumps(x) for x in getattr(rows, part)] for part in PARTS if part != "stances"}
    enc["stances"] = [_dumps({**st, "source": sid}) for st in rows.stances]
    enc_source = _dumps(source)
    held = [p for p in PARTS if p not in ("statements", "events")]  # those two are rows of their own
    body = "{" + ",".join([f'"source":{enc_source}', *(f'"{p}":[{",".join(enc[p])}]' for p in held)]) + "}"
    # Organisations and stances have no definition to compare (NULL): `occ_def` leaves them out.
    occ = [(ORG, o["code"], rank, n, None, enc["organisations"][n]) for n, o in enumerate(rows.organisations)]
    # An actor or issue kept apart is an occurrence of the id it would have had, its definition marked "!".
    apart = rows.apart
    occ += [
        (ACTOR, apart.get(a["id"], a["id"]), rank, n, _actor_def(a) + APART * (a["id"] in apart), enc["actors"][n])
        for n, a in enumerate(rows.actors)
    ]
    for n, i in enumerate(rows.issues):
        key = apart.get(i["id"], i["id"])
        digest = _digest(_dumps({**i, "id": key}) if key != i["id"] else enc["issues"][n]) + APART * (key != i["id"])
        occ.append((ISSUE, key, rank, n, digest, enc["issues"][n]))
    occ += [
        (STANCE, f"{st['actor']}\x1f{st['issue']}", rank, n, None, enc["stances"][n])
        for n, st in enumerate(rows.stances)
    ]
    own = {a["id"]: a for a in rows.actors}
    speakers = {x: _speaker(own.get(x)) for x in {s["actor"] for s in rows.statements}}
    event_at, ranges = {}, []
    for n, ev in enumerate(rows.events):
        event_at[ev["id"]] = n
        ranges.append(event_range(ev["when"]))
    statements, st_fts, counts, stmt_at = [], [], {}, {}
    for n, s in enumerate(rows.statements):
        stmt_at[s["id"]] = n
        lo, hi = ranges[event_at[s["when"]]] if s.get("when") in event_at else (OPEN_START, OPEN_END)
        statements.append((n, s["id"], s["actor"], s.get("when"), lo, hi, enc["statements"][n]))
        st_fts.append(_statement_fts(s, *speakers[s["actor"]][:2]))
        counts[s["actor"]] = counts.get(s["actor"], 0) + 1
    events, ev_fts, event_actors, evidence = [], [], [], []
    for n, ev in enumerate(rows.events):
        lo, hi = ranges[n]
        events.append((n, ev["id"], *sort_key(lo, hi), lo, hi, enc["events"][n]))
        ev_fts.append(_event_words(ev, own))
        event_actors += [(n, a) for a in ev.get("actors", [])]
        evidence += [(stmt_at[x], n) for x in ev.get("evidence", []) if x in stmt_at]
        for a in ev.get("actors", []):
            if a not in speakers:
                speakers[a] = _speaker(own.get(a))
    notes = [(item, n, enc["notes"][n]) for n, note in enumerate(rows.notes) for item in note.get("about", [])]
    return Encoded(
        sid,
        rank,
        enc_source,
        body,
        occ,
        statements,
        st_fts,
        events,
        ev_fts,
        event_actors,
        evidence,
        notes,
        {a: words[2] for a, words in speakers.items()},
        counts,
    )


def _event_words(e: Record, actors: dict[str, Record | None]) -> str:
    """An event's search words: its title, place, date phrase and its actors' names."""
    phrase = (e["when"].get("phrase") or {}).get("exact", "")
    names = [a["name"] for x in e.get("actors", []) if (a := actors.get(x)) is not None]
    return " ".join(query_words(" ".join([e["title"], e.get("place") or "", phrase, *names])))


class _Writer:
    """Changes within one transaction; `finish` brings the merged tables up to date before it commits."""

    def __init__(self, db: sqlite3.Connection, folder: Path) -> None:
        self.db, self.folder = db, folder
        self.apart_gone: set[tuple[str, str]] = set()  # (kind, id) of records kept apart, in articles dropped
        self.touched: dict[str, set[str]] = {ACTOR: set(), ISSUE: set(), ORG: set(), STANCE: set()}
        self.used: dict[str, set[str]] = {}  # actor -> the search texts its new statements were indexed with
        self._actor_cache: dict[str, Record | None] = {}
        self.counts: dict[str, int] = {}  # statements added (or, negative, dropped) per actor
        self._apart_cache: dict[tuple[str, str], set[str]] = {}
        self.events = 0  # events added (or, negative, dropped)

    # -- files ------------------------------------------------------------------------------------------

    def touch(self, sig: FileSig) -> None:
        self.db.execute("UPDATE files SET mtime_ns = ?, size = ? WHERE name = ?", (sig.mtime_ns, sig.size, sig.name))

    def put_refusal(self, refusal: Refusal) -> None:
        self.drop_file(refusal.sig.name)
        s = refusal.sig
        self.db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, NULL, ?)",
            (s.name, s.mtime_ns, s.size, s.sha256, _dumps(list(refusal.lines))),
        )

    def drop_file(self, name: str) -> None:
        row = self.db.execute("SELECT aid, akey FROM articles WHERE file = ?", (name,)).fetchone()
        if row is not None:
            self._drop_article(row[0])
        self.db.execute("DELETE FROM files WHERE name = ?", (name,))

    def _drop_article(self, aid: int) -> None:
        db = self.db
        for kind, key, definition, data in db.execute("SELECT kind, key, def, json FROM occ WHERE aid = ?", (aid,)):
            self.touched[kind].add(key)
            if definition is not None and definition.endswith(APART):
                self.apart_gone.add((kind, json.loads(data)["id"]))
        for actor, n in db.execute("SELECT actor, count(*) FROM statements WHERE aid = ? GROUP BY actor", (aid,)):
            self.counts[actor] = self.counts.get(actor, 0) - n
        self.events -= db.execute("SELECT count(*) FROM events WHERE aid = ?", (aid,)).fetchone()[0]
        db.execute("DELETE FROM st_fts WHERE rowid IN (SELECT rowid FROM statements WHERE aid = ?)", (aid,))
        events = "(SELECT rowid FROM events WHERE aid = ?)"
        db.execute(f"DELETE FROM ev_fts WHERE rowid IN {events}", (aid,))
        db.execute(f"DELETE FROM event_actors WHERE event IN {events}", (aid,))
        db.execute(f"DELETE FROM event_evidence WHERE event IN {events}", (aid,))
        for table in ("statements", "events", "occ", "notes", "articles"):
            db.execute(f"DELETE FROM {table} WHERE aid = ?", (aid,))

    # -- articles ---------------------------------------------------------------------------------------

    def put_article(self, rows: ArticleRows) -> None:
        db, sig = self.db, rows.sig
        e = rows.prepared if isinstance(rows.prepared, Encoded) else encode(rows)
        old = db.execute("SELECT aid, akey, rank FROM articles WHERE file = ?", (sig.name,)).fetchone()
        self.drop_file(sig.name)
        akey = old[1] if old is not None and old[2] == e.rank else self._key_for(e.rank)
        aid = db.execute(
            "INSERT INTO articles(akey, file, source_id, rank, source, body) VALUES (?, ?, ?, ?, ?, ?)",
            (akey, sig.name, e.sid, e.rank, e.source, e.body),
        ).lastrowid
        db.execute(
            "INSERT INTO files VALUES (?, ?, ?, ?, ?, NULL)", (sig.name, sig.mtime_ns, sig.size, sig.sha256, e.sid)
        )
        db.executemany(
            "INSERT INTO occ VALUES (?, ?, ?, ?, ?, ?, ?)", [(k, key, aid, *rest) for k, key, *rest in e.occ]
        )
        for kind, key, *_ in e.occ:
            self.touched[kind].add(key)
        base = akey << BITS
        # Search words were made with the file's own actors: those the corpus defines otherwise so far
        # are made again with the corpus's definition.
        own = {a["id"]: a for a in rows.actors}
        other = {a for a, signature in e.speakers.items() if _signature(self._actor(a, own)) != signature}
        st_fts, ev_fts = e.st_fts, e.ev_fts
        if other:
            st_fts = [
                _statement_fts(s, *_speaker(self._actor(s["actor"], own))[:2]) if s["actor"] in other else words
                for s, words in zip(rows.statements, st_fts, strict=True)
            ]
            ev_fts = [
                self._event_words(ev, own) if other.intersection(ev.get("actors", [])) else words
                for ev, words in zip(rows.events, ev_fts, strict=True)
            ]
        for actor in e.speakers:
            self.used.setdefault(actor, set()).add(_signature(self._actor(actor, own)))
        for actor, n in e.counts.items():
            self.counts[actor] = self.counts.get(actor, 0) + n
        self.events += len(e.events)
        db.executemany(
            "INSERT INTO statements VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(base | n, ident, aid, *rest) for n, ident, *rest in e.statements],
        )
        db.executemany(
            "INSERT INTO st_fts(rowid, words, tags) VALUES (?, ?, ?)",
            [(base | n, *words) for n, words in enumerate(st_fts)],
        )
        db.executemany(
            "INSERT INTO events VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(base | n, ident, aid, *rest) for n, ident, *rest in e.events],
        )
        db.executemany("INSERT INTO ev_fts(rowid, words) VALUES (?, ?)", [(base | n, w) for n, w in enumerate(ev_fts)])
        db.executemany("INSERT INTO event_actors VALUES (?, ?)", [(base | n, a) for n, a in e.event_actors])
        db.executemany("INSERT INTO event_evidence VALUES (?, ?)", [(base | s, base | n) for s, n in e.evidence])
        db.executemany("INSERT INTO notes VALUES (?, ?, ?, ?)", [(item, aid, n, data) for item, n, data in e.notes])

    def _key_for(self, rank: str) -> int:
        """An article key between the neighbours' of `rank`, spreading every key out when there is no room."""
        db = self.db
        # Keys rise with rank: the neighbours by rank (found through the rank index) hold the keys around.
        below = db.execute("SELECT akey FROM articles WHERE rank < ? ORDER BY rank DESC LIMIT 1", (rank,)).fetchone()
        above = db.execute("SELECT akey FROM articles WHERE rank > ? ORDER BY rank LIMIT 1", (rank,)).fetchone()
        before, after = (below[0] if below else None), (above[0] if above else None)
        if before is None and after is None:
            return MIDDLE
        if after is None:
            key = before + STEP
        elif before is None:
            key = after - STEP
        else:
            key = (before + after) // 2
        if key in (before, after) or not 0 < key <= TOP:
            self._renumber()
            return self._key_for(rank)
        return key

    def _renumber(self) -> None:
        """Spread the article keys out evenly, in rank order, moving every numbered row with its article."""
        db = self.db
        order = db.execute("SELECT aid, akey FROM articles ORDER BY rank").fetchall()
        start = MIDDLE - (len(order) // 2) * STEP
        for table in ("statements", "events", "st_fts", "ev_fts"):
            db.execute(f"UPDATE {table} SET rowid = -1 - rowid")
        db.execute("UPDATE event_evidence SET stmt = -1 - stmt, event = -1 - event")
        db.execute("UPDATE event_actors SET event = -1 - event")
        db.execute("UPDATE articles SET akey = -1 - akey")
        for n, (aid, old) in enumerate(order):
            new = start + n * STEP
            # a row numbered r, now -1 - r, goes to r - (old << BITS) + (new << BITS)
            lo, hi = -1 - ((old << BITS) | MAX_ITEMS_PER_ARTICLE), -1 - (old << BITS)
            delta = (new - old) << BITS
            for table in ("statements", "events", "st_fts", "ev_fts"):
                db.execute(f"UPDATE {table} SET rowid = -1 - rowid + ? WHERE rowid BETWEEN ? AND ?", (delta, lo, hi))
            for column in ("stmt", "event"):
                db.execute(
                    f"UPDATE event_evidence SET {column} = -1 - {column} + ? WHERE {column} BETWEEN ? AND ?",
                    (delta, lo, hi),
                )
            db.execute("UPDATE event_actors SET event = -1 - event + ? WHERE event BETWEEN ? AND ?", (delta, lo, hi))
            db.execute("UPDATE articles SET akey = ? WHERE aid = ?", (new, aid))

    # -- search texts -------------------------------------------------------------------------------------

    def _actor(self, actor_id: str, own: dict[str, Record]) -> Record | None:
        """The corpus's definition of an actor so far, else this article's."""
        if actor_id not in self._actor_cache:
            row = self.db.execute("SELECT json FROM merged WHERE kind = ? AND key = ?", (ACTOR, actor_id)).fetchone()
            self._actor_cache[actor_id] = json.loads(row[0]) if row else None
        return self._actor_cache[actor_id] or own.get(actor_id)

    def _event_words(self, e: Record, own: dict[str, Record]) -> str:
        return _event_words(e, {x: self._actor(x, own) for x in e.get("actors", [])})

    # -- merged tables ------------------------------------------------------------------------------------

    def finish(self) -> None:
        """Bring the statement counts, the merged actors, issues, organisations and latest stances up to
        date for what changed, and index again the statements and events of an actor whose words changed.
        Each costs a few index look-ups a key, however many articles repeat it."""
        self._keep_apart()  # first: it writes articles again
        self.db.executemany(
            "INSERT INTO counts VALUES (?, ?) ON CONFLICT(actor) DO UPDATE SET n = n + excluded.n",
            [(actor, n) for actor, n in self.counts.items() if n],
        )
        self.counts.clear()
        self.db.execute(
            "INSERT INTO totals VALUES ('events', ?) ON CONFLICT(kind) DO UPDATE SET n = n + excluded.n", (self.events,)
        )
        self.events = 0
        # Every statement and event of an actor is indexed with the corpus's definition of it at the end
        # of each transaction; those indexed with another (or before it changed) are indexed again.
        actors = self.touched[ACTOR] | set(self.used)
        before = {actor: self._merged_record(ACTOR, actor) for actor in actors}
        for kind, ident in self.apart_gone:
            self.db.execute("DELETE FROM merged WHERE kind = ? AND key = ?", (kind, ident))
        for kind in (ORG, STANCE):
            for key in self.touched[kind]:
                self._merge(kind, key)
        for key in self.touched[ISSUE]:
            self._merge_issue(key)
        for actor in self.touched[ACTOR]:
            self._merge(ACTOR, actor)
            self._merge_apart(ACTOR, actor)
        stale = []
        for actor in actors:
            merged = self._actor_cache[actor] = self._merged_record(ACTOR, actor)
            if merged is None:
                continue
            now, was = _signature(merged), before[actor]
            if self.used.get(actor, set()) - {now} or (was is not None and _signature(was) != now):
                stale.append(actor)
        for actor in stale:
            self._reindex_actor(actor, self._actor_cache[actor])

    def _merged_record(self, kind: str, key: str) -> Record | None:
        row = self.db.execute("SELECT json FROM merged WHERE kind = ? AND key = ?", (kind, key)).fetchone()
        return json.loads(row[0]) if row else None

    def _raw_definitions(self, kind: str, key: str) -> list[str]:
        """Each distinct `occ.def` of an actor or issue id: a skip over the `occ_def` index, a few
        look-ups however many articles repeat it."""
        db, found, last = self.db, [], ""
        where = "FROM occ WHERE kind = ? AND key = ?"
        while row := db.execute(f"SELECT def {where} AND def > ? ORDER BY def LIMIT 1", (kind, key, last)).fetchone():
            last = row[0]
            found.append(last)
        return found

    def _definitions(self, kind: str, key: str) -> list[tuple[str, str, int, str]]:
        """(def, rank, pos, json) of each distinct definition of an actor or issue id (kept apart or not),
        at its first appearance, in that order."""
        first: dict[str, tuple[str, str, int, str]] = {}
        sql = "SELECT rank, pos, json FROM occ WHERE kind = ? AND key = ? AND def = ? ORDER BY rank, pos LIMIT 1"
        for raw in self._raw_definitions(kind, key):
            rank, pos, data = self.db.execute(sql, (kind, key, raw)).fetchone()
            base = raw.removesuffix(APART)
            if base not in first or (rank, pos) < first[base][1:3]:
                first[base] = (base, rank, pos, data)
        return sorted(first.values(), key=lambda d: (d[1], d[2]))

    def _apart(self, kind: str, key: str) -> set[str]:
        """The definitions of an actor or issue id kept apart, as `tui.corpus.merge` would keep them."""
        if (kind, key) not in self._apart_cache:
            found = self._definitions(kind, key)
            if kind == ACTOR:
                self._apart_cache[kind, key] = set(_actors_apart(found))
            else:
                self._apart_cache[kind, key] = (
                    set(_issue_merged([(d, _natural(json.loads(j), key)) for d, _, _, j in found])[1])
                    if found
                    else set()
                )
        return self._apart_cache[kind, key]

    def _keep_apart(self) -> None:
        """Write again the articles whose actors or issues are to be kept apart, or no longer: a file
        redefining an id (or the first to define it going) changes which are. Each is read again from
        its file; one that changed meanwhile is left for the next sync to check."""
        redo: set[int] = set()
        where = "FROM occ WHERE kind = ? AND key = ? AND def = ?"
        for kind in (ACTOR, ISSUE):
            for key in self.touched[kind]:
                raw = self._raw_definitions(kind, key)
                if len(raw) < 2 and not any(d.endswith(APART) for d in raw):
                    continue  # one definition, and not written apart: nothing to do
                apart = self._apart(kind, key)
                for d in raw:
                    if d.endswith(APART) != (d.removesuffix(APART) in apart):
                        redo.update(r[0] for r in self.db.execute(f"SELECT DISTINCT aid {where}", (kind, key, d)))
        for aid in sorted(redo):
            self._rewrite(aid)

    def _rewrite(self, aid: int) -> None:
        db = self.db
        (name,) = db.execute("SELECT file FROM articles WHERE aid = ?", (aid,)).fetchone()
        mtime, size, sha = db.execute("SELECT mtime_ns, size, sha256 FROM files WHERE name = ?", (name,)).fetchone()
        try:
            raw = (self.folder / name).read_bytes()
        except OSError:
            raw = b""
        if hashlib.sha256(raw).hexdigest() != sha:
            db.execute("UPDATE files SET mtime_ns = -1 WHERE name = ?", (name,))  # the next sync checks it
            return
        apart = set()
        for kind, key, definition, pos in db.execute(
            "SELECT kind, key, def, pos FROM occ WHERE aid = ? AND kind IN (?, ?)", (aid, ACTOR, ISSUE)
        ).fetchall():
            if definition.removesuffix(APART) in self._apart(kind, key):
                apart.add((kind, pos))
        from .rows import article_rows

        self.put_article(article_rows(json.loads(raw), FileSig(name, mtime, size, sha), frozenset(apart)))

    def _merge_apart(self, kind: str, key: str) -> None:
        """The records kept apart of an actor or issue id, each under its own id (`source-id/id`), and
        `redefined` listing the ids that have any."""
        db, any_apart = self.db, False
        for d in self._raw_definitions(kind, key):
            if d.endswith(APART):
                any_apart = True
                sql = "SELECT rank, pos, json FROM occ WHERE kind = ? AND key = ? AND def = ?"
                for rank, pos, data in db.execute(sql, (kind, key, d)).fetchall():
                    ident = json.loads(data)["id"]
                    db.execute("INSERT OR REPLACE INTO merged VALUES (?, ?, ?, ?, ?)", (kind, ident, rank, pos, data))
        if any_apart:
            db.execute("INSERT OR IGNORE INTO redefined VALUES (?, ?)", (kind, key))
        else:
            db.execute("DELETE FROM redefined WHERE kind = ? AND key = ?", (kind, key))

    def _merge_issue(self, key: str) -> None:
        """An issue as the corpus has it: the first definition, with the positions that later ones (which
        agree with it) add, in order of first appearance; and those kept apart."""
        definitions = [d for d in self._definitions(ISSUE, key) if d[0] not in self._apart(ISSUE, key)]
        if not definitions:
            self.db.execute("DELETE FROM merged WHERE kind = ? AND key = ?", (ISSUE, key))
        else:
            merged, _ = _issue_merged([(d[0], _natural(json.loads(d[3]), key)) for d in definitions])
            _, rank, pos, _ = definitions[0]
            self.db.execute(
                "INSERT OR REPLACE INTO merged VALUES (?, ?, ?, ?, ?)", (ISSUE, key, rank, pos, _dumps(merged))
            )
        self._merge_apart(ISSUE, key)

    def _merge(self, kind: str, key: str) -> Record | None:
        """The corpus's record of an actor, organisation or (actor, issue) stance from its occurrences:
        the first one's (for a stance, the latest one's, in the first one's place)."""
        db, where = self.db, "FROM occ WHERE kind = ? AND key = ?"
        first = db.execute(f"SELECT rank, pos, json {where} ORDER BY rank, pos LIMIT 1", (kind, key)).fetchone()
        if first is None:
            db.execute("DELETE FROM merged WHERE kind = ? AND key = ?", (kind, key))
            return None
        rank, pos, data = first
        if kind == STANCE:
            data = db.execute(f"SELECT json {where} ORDER BY rank DESC, pos DESC LIMIT 1", (kind, key)).fetchone()[0]
        db.execute("INSERT OR REPLACE INTO merged VALUES (?, ?, ?, ?, ?)", (kind, key, rank, pos, data))
        return json.loads(data)

    def _reindex_actor(self, actor_id: str, actor: Record) -> None:
        db = self.db
        rows = db.execute("SELECT rowid, json FROM statements WHERE actor = ?", (actor_id,)).fetchall()
        db.executemany("DELETE FROM st_fts WHERE rowid = ?", [(r,) for r, _ in rows])
        db.executemany(
            "INSERT INTO st_fts(rowid, words, tags) VALUES (?, ?, ?)",
            [(r, *_statement_fts(json.loads(s), *_speaker(actor)[:2])) for r, s in rows],
        )
        events = db.execute(
            "SELECT e.rowid, e.json FROM event_actors ea JOIN events e ON e.rowid = ea.event WHERE ea.actor = ?",
            (actor_id,),
        ).fetchall()
        db.executemany("DELETE FROM ev_fts WHERE rowid = ?", [(r,) for r, _ in events])
        db.executemany(
            "INSERT INTO ev_fts(rowid, words) VALUES (?, ?)",
            [(r, self._event_words(json.loads(e), {})) for r, e in events],
        )


def _digest(text: str) -> str:
    return hashlib.blake2b(text.encode(), digest_size=8).hexdigest()


def _actor_def(actor: Record) -> str:
    """What two files must agree on for an actor id to be one speaker (as `tui.corpus` compares them),
    as a digest, and whether the actor declares a `key` (two that declare it are one, whatever else)."""
    definition = [actor.get(f) for f in ("name", "kind", "role", "country", "affiliation")]
    return _digest(_dumps(definition)) + ("k" if actor.get("key") else "-")


def _actors_apart(definitions: list[tuple[str, str, int, str]]) -> list[str]:
    """The definitions of an actor id that `tui.corpus.merge` keeps apart: another definition than the
    first appearance's, unless both declare the key."""
    if not definitions:
        return []
    first = definitions[0][0]
    return [d for d, *_ in definitions[1:] if d[:-1] != first[:-1] and not (d[-1] == first[-1] == "k")]


def _issue_merged(definitions: list[tuple[str, Record]]) -> tuple[Record, list[str]]:
    """The merged issue from its definitions in order of first appearance, and those kept apart (another
    title, or a position code that means something else), as `tui.corpus.merge` does it."""
    merged = dict(definitions[0][1])
    positions = list(merged["positions"])
    meaning = {p["code"]: (p["label"], p["polarity"]) for p in positions}
    apart = []
    for digest, issue in definitions[1:]:
        if issue["title"] != merged["title"] or any(
            meaning.get(p["code"], (p["label"], p["polarity"])) != (p["label"], p["polarity"])
            for p in issue["positions"]
        ):
            apart.append(digest)
            continue
        for p in issue["positions"]:
            if p["code"] not in meaning:
                positions.append(p)
                meaning[p["code"]] = (p["label"], p["polarity"])
    merged["positions"] = positions
    return merged, apart


def _speaker(actor: Record | None) -> tuple[str, list[str], str]:
    """(search words, country tags, signature) of an actor, as its statements are indexed with it."""
    return actor_words(actor), [tag("c", c) for c in codes_of(actor)], _signature(actor)


def _natural(record: Record, key: str) -> Record:
    """A record kept apart as it reads under the id it would have had."""
    return {**record, "id": key}


def _signature(actor: Record | None) -> str:
    """What of an actor the search texts and tags use."""
    return _dumps([actor_words(actor), codes_of(actor), actor["name"] if actor else ""])
