"""Opening a dossier file, or a folder of them as one corpus: the one way the CLI and the app load
(layer 3). Problems come back as lines to print, never printed here."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .corpus import Progress, dossier_files, load_folder, merge
from .reading import DEFAULT_MAX_BYTES
from .store import Store
from .validation import Result, read_dossier

PROG = "fact-explorer"


@dataclass
class Loaded:
    """What opening a path gave: a store, unless nothing in it is valid, and the files refused."""

    path: Path
    store: Store | None
    refused: list[tuple[Path, Result]] = field(default_factory=list)
    files: int = 1  # files read

    @property
    def exit_code(self) -> int:
        """0 when something opened; else 2 when a file could not be read, 1 when it did not validate."""
        if self.store is not None:
            return 0
        return max((result.exit_code for _, result in self.refused), default=1) or 1

    def problem_lines(self) -> list[str]:
        """Every error of every refused file, `FILE: $.path: message`, then for a folder what was skipped."""
        lines = [p.line(str(path)) for path, result in self.refused for p in result.errors]
        if self.path.is_dir() and self.refused:
            if self.store is None:
                lines.append(f"{PROG}: {self.path}: no valid dossier among {self.files} JSON files")
            else:
                lines.append(f"{PROG}: skipped {len(self.refused)} of {self.files} files that do not validate")
        return lines

    def notice_lines(self) -> list[str]:
        """What merging a corpus kept apart: the same id with another definition."""
        return [f"{PROG}: {conflict}" for conflict in self.store.conflicts] if self.store is not None else []


def load(path: Path, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None) -> Loaded:
    """Read and check the file, or every file of the folder; build the store over what is valid."""
    if not path.is_dir():
        result = read_dossier(path, max_bytes)
        store = Store(result.dossier) if result.dossier is not None else None
        return Loaded(path, store, [] if store is not None else [(path, result)])
    loaded = load_folder(path, max_bytes, progress=progress)
    files = len(dossier_files(path))
    store = merge([d for _, d in loaded.loaded], path.resolve().name) if loaded.loaded else None
    return Loaded(path, store, list(loaded.skipped), files)
