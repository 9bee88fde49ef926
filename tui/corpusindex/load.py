"""`fact-explorer index`: files and folders into an index, as one run with one summary (layer 3;
backend-independent, used with the PostgreSQL archive).

Folders go through `sync` (unchanged files skipped by mtime and size, then sha256). Files that are gone
stay in the index unless `prune` is asked for: an archive outlives the folders it was loaded from.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..reading import DEFAULT_MAX_BYTES
from .interface import CorpusIndex, FileSig, Refusal
from .sync import _check_one, scan, sync

Opener = Callable[[Path], CorpusIndex]
Progress = Callable[[int, int], None]


@dataclass
class LoadReport:
    files: int = 0
    checked: int = 0  # read and validated: new or changed
    indexed: int = 0
    removed: int = 0
    refused: list[Refusal] = field(default_factory=list)
    articles: int = 0  # in the index afterwards

    def line(self) -> str:
        unchanged = self.files - self.checked
        parts = [f"{self.indexed:,} indexed", f"{unchanged:,} unchanged", f"{len(self.refused):,} refused"]
        if self.removed:
            parts.append(f"{self.removed:,} removed")
        return f"{self.files:,} files: {', '.join(parts)}; the archive holds {self.articles:,} articles"


class _KeepingGone:
    """An index as `sync` sees it when files that are gone are kept: it knows only those still there."""

    def __init__(self, index: CorpusIndex, folder: Path) -> None:
        self._index, self._folder = index, folder

    def files(self) -> dict[str, FileSig]:
        return {name: sig for name, sig in self._index.files().items() if (self._folder / name).is_file()}

    def __getattr__(self, name: str) -> Any:
        return getattr(self._index, name)


def load(
    open_for: Opener,
    sources: Iterable[Path],
    *,
    prune: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    progress: Progress | None = None,
) -> LoadReport:
    """Each folder synced and each file checked into the index `open_for(folder)` gives."""
    report = LoadReport()
    index: CorpusIndex | None = None
    for source in sources:
        folder = source if source.is_dir() else source.parent
        index = open_for(folder)
        try:
            if source.is_dir():
                report.files += len(scan(folder))
                synced = sync(index if prune else _KeepingGone(index, folder), folder, max_bytes, progress)  # type: ignore[arg-type]
                report.checked += synced.checked
                report.indexed += synced.indexed
                report.removed += synced.removed
                report.refused += synced.refused
            else:
                report.files += 1
                _one_file(index, source, max_bytes, report)
            report.articles = index.article_count()
        finally:
            index.close()
    return report


def _one_file(index: CorpusIndex, path: Path, max_bytes: int, report: LoadReport) -> None:
    """One file named on its own, checked and indexed as `sync` does it."""
    from .sync import SyncReport

    known = index.files()
    holders = {sig.source_id: name for name, sig in known.items() if sig.source_id}
    stat = path.stat()
    synced = SyncReport()
    with index.writing() as w:
        _check_one(
            w,
            path.parent,
            path.name,
            (stat.st_mtime_ns, stat.st_size),
            known.get(path.name),
            holders,
            max_bytes,
            synced,
        )
    report.checked += synced.checked
    report.indexed += synced.indexed
    report.refused += [r for r in index.refusals() if r.sig.name == path.name]
