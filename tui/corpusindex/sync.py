"""Bring an index up to date with its folder: each file checked by mtime and size, then sha256; only
new or changed files validated and indexed; removed files dropped (backend-independent)."""

from __future__ import annotations

import hashlib
import importlib
import itertools
import os
import sys
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from ..reading import DEFAULT_MAX_BYTES, Problem
from .interface import MAX_ITEMS_PER_ARTICLE, ArticleRows, CorpusIndex, FileSig, Refusal, Writer, batched
from .rows import article_rows

Progress = Callable[[int, int], None]  # (files checked, files to check)
BATCH = 500  # files per commit: what is indexed becomes visible (and the writer lock free) this often
PARALLEL_FROM = 400  # files to check from which worker processes validate them
CHUNK, AHEAD = 16, 256  # files a worker takes at a time; files prepared ahead of the writer at most
WORKER_NICENESS = 10


@dataclass
class SyncReport:
    checked: int = 0  # files read and validated
    indexed: int = 0  # of those, valid and (re)indexed
    unchanged: int = 0  # mtime or size moved, content the same
    removed: int = 0
    refused: list[Refusal] = field(default_factory=list)  # every file that does not validate, old or new


def scan(folder: Path) -> dict[str, tuple[int, int]]:
    """name -> (mtime_ns, size) of the folder's `*.json` entries, listed once (schema.json is no dossier).
    Whatever is so named is listed, so that a FIFO, a folder, a device or a symlink loop is reported
    (reading checks each, and reads only regular files); one that cannot be stat'ed has (0, 0)."""
    out: dict[str, tuple[int, int]] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".json") and entry.name != "schema.json":
                try:
                    st = entry.stat()
                    out[entry.name] = (st.st_mtime_ns, st.st_size)
                except OSError:
                    out[entry.name] = (0, 0)
    return out


def any_dossier(folder: Path) -> bool:
    """Does the folder name a `*.json` file (not schema.json)? Reads its entries only up to the first
    one: the explorer asks before it opens, and a folder of 100,000 files takes a while to list whole."""
    with os.scandir(folder) as entries:
        return any(e.name.endswith(".json") and e.name != "schema.json" for e in entries)


def stale(index: CorpusIndex, on_disk: dict[str, tuple[int, int]]) -> tuple[list[str], list[str]]:
    """(names to check, names gone), each in name order."""
    known = index.files()
    changed = [n for n, (m, s) in on_disk.items() if (k := known.get(n)) is None or (k.mtime_ns, k.size) != (m, s)]
    return sorted(changed), sorted(set(known) - set(on_disk))


def sync(
    index: CorpusIndex, folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None
) -> SyncReport:
    on_disk = scan(folder)
    todo, gone = stale(index, on_disk)
    report = SyncReport(removed=len(gone))
    if gone:
        with index.writing() as w:
            for name in gone:
                w.drop_file(name)
    if todo:
        known = index.files()
        holders = {sig.source_id: name for name, sig in known.items() if sig.source_id}
        backend = getattr(index, "PREPARE", "")
        jobs = [(folder, n, on_disk[n], known[n].sha256 if n in known else "", max_bytes, backend) for n in todo]
        with _preparer(len(todo)) as run:
            prepared = run(jobs)
            for start in range(0, len(todo), BATCH):
                with index.writing() as w:
                    for done in itertools.islice(prepared, BATCH):
                        apply(w, folder, done, known.get(done.name), holders, report)
                if progress is not None:
                    progress(min(start + BATCH, len(todo)), len(todo))
    report.refused = index.refusals()
    return report


@contextmanager
def _preparer(files: int) -> Iterator[Callable[[list[tuple]], Iterator[Prepared]]]:
    """Files are read and validated in worker processes (one a core) when there are many, in this
    process when few (starting the workers costs about a second). Results come back in order, the
    workers keeping at most `AHEAD` files ahead of the writer (so memory stays flat), and working on
    while it writes."""
    workers = min(os.cpu_count() or 1, 4)
    if files < PARALLEL_FROM or workers < 2:
        yield lambda jobs: (prepare(*job) for job in jobs)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    def run(jobs: list[tuple]) -> Iterator[Prepared]:
        pending: deque = deque()
        for chunk in batched(jobs, CHUNK):
            pending.append(pool.submit(_prepare_chunk, chunk))
            if len(pending) * CHUNK >= AHEAD:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()

    # spawn, not fork: the explorer syncs from a thread, and forking a threaded process is unsafe.
    context = multiprocessing.get_context("spawn")
    _start_resource_tracker()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_yield_to_writer) as pool:
        yield run


def _start_resource_tracker() -> None:
    """multiprocessing's resource tracker, which the pool's locks need, started with a real standard
    error: it hands `sys.stderr`'s file to its process, and under Textual `sys.stderr` is a stand-in
    with none (fileno -1: "ValueError: bad value(s) in fds_to_keep"). Its messages go nowhere then."""
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (AttributeError, OSError, ValueError):
        usable = False
    if usable:
        resource_tracker.ensure_running()
        return
    with open(os.devnull, "w", encoding="utf-8") as nowhere:
        shown, sys.stderr = sys.stderr, nowhere
        try:
            resource_tracker.ensure_running()
        finally:
            if sys.stderr is nowhere:  # unless Textual restored its own meanwhile, closing
                sys.stderr = shown


def _yield_to_writer() -> None:
    """Workers run at a lower priority: the one writer is the path every file waits on, and with a
    worker a core, three processes share the cores (and the explorer's screen shares the writer's)."""
    if hasattr(os, "nice"):
        os.nice(WORKER_NICENESS)


def _prepare_chunk(jobs: list[tuple]) -> list[Prepared]:
    return [prepare(*job) for job in jobs]


@dataclass
class Prepared:
    """One file read, hashed and (unless its bytes are the ones indexed) validated: what to write."""

    name: str
    sig: FileSig
    unchanged: bool = False
    rows: ArticleRows | None = None
    problems: list[Problem] = field(default_factory=list)


def prepare(
    folder: Path, name: str, stat: tuple[int, int], known_sha: str, max_bytes: int, backend: str = ""
) -> Prepared:
    """The work on one file that needs no index: run in worker processes on a large build. `backend`:
    the index's `PREPARE` function, if any, run on the rows here too."""
    from ..reading import read_json
    from ..validation import check

    data, problem, raw, clean = read_json(folder / name, max_bytes, regular_only=True)
    sig = FileSig(name, stat[0], stat[1], hashlib.sha256(raw).hexdigest())
    if known_sha == sig.sha256 and problem is None:
        return Prepared(name, sig, unchanged=True)
    result = check(data, raw, clean) if problem is None else None
    if result is None or result.dossier is None:
        problems = [problem] if problem is not None else [p for p in result.problems if p.level == "error"]
        return Prepared(name, sig, problems=problems)
    most = max(len(result.dossier.statements), len(result.dossier.events))
    if most > MAX_ITEMS_PER_ARTICLE:
        too_many = f"{most} statements or events; a corpus index takes {MAX_ITEMS_PER_ARTICLE} an article"
        return Prepared(name, sig, problems=[Problem("$.statements", too_many)])
    rows = article_rows(data, sig)
    if backend:
        module, _, function = backend.partition(":")
        rows.prepared = getattr(importlib.import_module(module), function)(rows)
    return Prepared(name, sig, rows=rows)


def apply(
    w: Writer, folder: Path, done: Prepared, known: FileSig | None, holders: dict[str, str], report: SyncReport
) -> None:
    """Write one prepared file: its article, or why it is refused (a source id another file holds)."""
    name, sig, problems = done.name, done.sig, done.problems
    if done.unchanged:
        w.touch(FileSig(name, sig.mtime_ns, sig.size, sig.sha256, known.source_id if known else ""))
        report.unchanged += 1
        return
    report.checked += 1
    if known is not None and known.source_id:
        holders.pop(known.source_id, None)
    if done.rows is not None:
        sid = done.rows.sig.source_id
        if holders.get(sid, name) == name:
            holders[sid] = name
            w.put_article(done.rows)
            report.indexed += 1
            return
        problems = [Problem("$.source.id", f"source id {sid!r} is used by another file")]
    w.put_refusal(Refusal(sig, tuple(p.line(str(folder / name)) for p in problems)))


def _check_one(
    w: Writer,
    folder: Path,
    name: str,
    stat: tuple[int, int],
    known: FileSig | None,
    holders: dict[str, str],
    max_bytes: int,
    report: SyncReport,
) -> None:
    """Prepare and write one file, here."""
    done = prepare(folder, name, stat, known.sha256 if known else "", max_bytes)
    apply(w, folder, done, known, holders, report)
