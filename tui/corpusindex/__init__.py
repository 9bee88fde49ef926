"""A folder of dossiers on a persistent index: built incrementally, queried without holding the corpus
in memory (layer 3).

Public face:
- `CorpusIndex` (the query protocol every backend implements), `ArticleRows`, `FileSig`, `Refusal`;
- `open_index(folder, location)`: the backend for `location` (see `BACKENDS`), opened;
- `sync(index, folder, ...)` in `tui.corpusindex.sync`: bring it up to date with the folder;
- `IndexedStore` in `tui.corpusindex.store`: the `tui.store.Store` questions, answered by an index.
- `stop_when(predicate)` in `tui.corpusindex.cancel`: a thread's queries stop once nobody waits for them.

Which backend: `location` is `--index`, else `$FACT_EXPLORER_INDEX`, else a SQLite file in the user's
cache directory named after the folder. A location with a URL scheme picks the backend registered for
that scheme (`postgresql://…`); anything else is a SQLite file path.
"""

from __future__ import annotations

import hashlib
import importlib
import os
from pathlib import Path

from .interface import ArticleRows, CorpusIndex, FileSig, Refusal

__all__ = ["BACKENDS", "ArticleRows", "CorpusIndex", "FileSig", "Refusal", "default_location", "open_index"]

# scheme -> "module:callable"; the callable takes (location, folder) and returns an open CorpusIndex.
# A new backend is one module and one line here.
BACKENDS: dict[str, str] = {
    "sqlite": "tui.corpusindex.sqlite:open_sqlite",
    "postgresql": "tui.corpusindex.postgres:open_postgres",
    "postgres": "tui.corpusindex.postgres:open_postgres",
}

ENV = "FACT_EXPLORER_INDEX"


def default_location(folder: Path) -> str:
    """A SQLite file in the user cache directory, one per folder (by its resolved path)."""
    from ..bundled import cache_dir

    folder = folder.resolve()
    digest = hashlib.sha256(str(folder).encode("utf-8", "surrogateescape")).hexdigest()[:16]
    safe = "".join(c if c.isalnum() or c in "-_." else "_" for c in folder.name)[:40]
    return str(cache_dir() / "index" / f"{safe}-{digest}.sqlite")


def backend_of(location: str) -> str:
    scheme, sep, _ = location.partition("://")
    return scheme.lower() if sep and scheme.lower() in BACKENDS else "sqlite"


def open_index(folder: Path, location: str | None = None) -> CorpusIndex:
    """The index of `folder` at `location` (see the module's doc), opened and ready to sync."""
    location = location or os.environ.get(ENV) or default_location(folder)
    module, _, name = BACKENDS[backend_of(location)].partition(":")
    return getattr(importlib.import_module(module), name)(location, folder)
