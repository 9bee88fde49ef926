"""Bring an index up to date with its folder: each file checked by mtime and size, then sha256; only
new or changed files validated and indexed; removed files dropped (backend-independent)."""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..reading import DEFAULT_MAX_BYTES, Problem
from .interface import MAX_ITEMS_PER_ARTICLE, CorpusIndex, FileSig, Refusal, Writer
from .rows import article_rows

Progress = Callable[[int, int], None]  # (files checked, files to check)
BATCH = 200  # files per commit: what is indexed becomes visible (and the writer lock free) this often


@dataclass
class SyncReport:
    checked: int = 0  # files read and validated
    indexed: int = 0  # of those, valid and (re)indexed
    unchanged: int = 0  # mtime or size moved, content the same
    removed: int = 0
    refused: list[Refusal] = field(default_factory=list)  # every file that does not validate, old or new


def scan(folder: Path) -> dict[str, tuple[int, int]]:
    """name -> (mtime_ns, size) of the folder's dossier files, listed once (schema.json is no dossier)."""
    out: dict[str, tuple[int, int]] = {}
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.name.endswith(".json") and entry.name != "schema.json" and entry.is_file():
                st = entry.stat()
                out[entry.name] = (st.st_mtime_ns, st.st_size)
    return out


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
        for start in range(0, len(todo), BATCH):
            with index.writing() as w:
                for name in todo[start : start + BATCH]:
                    _check_one(w, folder, name, on_disk[name], known.get(name), holders, max_bytes, report)
            if progress is not None:
                progress(min(start + BATCH, len(todo)), len(todo))
    report.refused = index.refusals()
    return report


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
    from ..reading import read_json
    from ..validation import check

    path = folder / name
    data, problem, raw, clean = read_json(path, max_bytes)
    sig = FileSig(name, stat[0], stat[1], hashlib.sha256(raw).hexdigest())
    if known is not None and known.sha256 == sig.sha256 and problem is None:
        w.touch(FileSig(name, sig.mtime_ns, sig.size, sig.sha256, known.source_id))
        report.unchanged += 1
        return
    report.checked += 1
    result = check(data, raw, clean) if problem is None else None
    problems = [problem] if problem is not None else [p for p in result.problems if p.level == "error"]
    if result is not None and result.dossier is not None:
        sid = result.dossier.source.id
        holder = holders.get(sid)
        most = max(len(result.dossier.statements), len(result.dossier.events))
        if most > MAX_ITEMS_PER_ARTICLE:
            too_many = f"{most} statements or events; a corpus index takes {MAX_ITEMS_PER_ARTICLE} an article"
            problems = [Problem("$.statements", too_many)]
        elif holder is None or holder == name:
            if known is not None and known.source_id and known.source_id != sid:
                holders.pop(known.source_id, None)
            holders[sid] = name
            w.put_article(article_rows(data, sig))
            report.indexed += 1
            return
        else:
            problems = [Problem("$.source.id", f"source id {sid!r} is used by another file")]
    if known is not None and known.source_id:
        holders.pop(known.source_id, None)
    w.put_refusal(Refusal(sig, tuple(p.line(str(path)) for p in problems)))
