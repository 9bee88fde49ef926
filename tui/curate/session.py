"""A dossier open for curation: its document, unlimited undo and redo, the journal, and saving.

Saving validates first (nothing invalid is written), writes atomically with the same bytes for
everything not edited, and will not overwrite a file changed on disk since it was opened unless told
to. Every step is journalled before it is shown as done, so a crash loses no edit.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..reading import Problem
from ..validation import Result, check
from .items import CurationError, Ref, drafts
from .journal import Journal, Pending, replay
from .jsonfile import Original, write_atomically
from .ops import Step
from .patch import apply, revert

Outcome = Literal["saved", "unchanged", "invalid", "changed-on-disk", "failed"]


@dataclass(frozen=True)
class SaveResult:
    outcome: Outcome
    problems: list[Problem] = field(default_factory=list)
    message: str = ""


def _sha(raw: bytes) -> str:
    return hashlib.sha256(raw).hexdigest()


class Session:
    def __init__(self, path: Path, raw: bytes, journal: Journal | None) -> None:
        self.path = Path(path)
        self._base(raw)
        self.data: dict[str, Any] = self.original.data
        self.undo_stack: list[Step] = []
        self.redo_stack: list[Step] = []
        self.journal = journal
        self.warnings: list[str] = []
        self.pending: Pending | None = journal.read() if journal is not None else None

    @classmethod
    def open(cls, path: Path | str, journal_folder: Path | None = None) -> Session:
        """Open `path` (already checked to be a valid dossier) for editing; edits are journalled in
        `journal_folder` (None: not journalled). `pending` then holds unsaved edits from before."""
        path = Path(path)
        journal = Journal(journal_folder, path) if journal_folder is not None else None
        return cls(path, path.read_bytes(), journal)

    def _base(self, raw: bytes) -> None:
        self.original = Original(raw)
        self.base_sha256 = _sha(raw)
        self.saved_data = self.original.data

    # -- state
    @property
    def dirty(self) -> bool:
        return self.data is not self.saved_data and self.data != self.saved_data

    def drafts(self) -> list[Ref]:
        return drafts(self.data)

    def validate(self) -> Result:
        return check(self.data)

    # -- edits
    def do(self, step: Step) -> Step:
        """Apply a step (journalled first), clearing what could be redone."""
        if self.pending is not None:
            raise CurationError("restore or discard the unsaved edits from before first")
        data = apply(self.data, step.changes)
        self._journal("do", step)
        self.data = data
        self.undo_stack.append(step)
        self.redo_stack.clear()
        return step

    def undo(self) -> Step | None:
        if not self.undo_stack:
            return None
        step = self.undo_stack[-1]
        data = revert(self.data, step.changes)
        self._journal("undo", step)
        self.data = data
        self.redo_stack.append(self.undo_stack.pop())
        return step

    def redo(self) -> Step | None:
        if not self.redo_stack:
            return None
        step = self.redo_stack[-1]
        data = apply(self.data, step.changes)
        self._journal("redo", step)
        self.data = data
        self.undo_stack.append(self.redo_stack.pop())
        return step

    def _journal(self, kind, step: Step) -> None:
        if self.journal is None:
            return
        try:
            if not self.journal.exists():
                self.journal.start(self.original.text.encode("utf-8"))
            self.journal.append(kind, step)
        except OSError as exc:
            warning = f"edits are not journalled ({exc.strerror or exc}): save often"
            if warning not in self.warnings:
                self.warnings.append(warning)

    # -- recovery
    def restore(self) -> list[str]:
        """Put back the journalled edits (onto the bytes they were made to); their names, in order."""
        pending = self.pending
        if pending is None:
            raise CurationError("no unsaved edits to restore")
        if pending.base_sha256 != self.base_sha256:
            self._base(pending.base)
        try:
            data, undo, redo = replay(self.original.data, pending.entries)
        except (ValueError, KeyError, IndexError, TypeError) as exc:
            raise CurationError(f"the journal cannot be replayed on this file: {exc}") from None
        self.data, self.undo_stack, self.redo_stack = data, undo, redo
        self.pending = None
        return [f"{e.kind} {e.step.name}" if e.kind != "do" else e.step.name for e in pending.entries]

    def discard(self) -> None:
        """Drop the journalled edits for good."""
        if self.journal is not None:
            self.journal.clear()
        self.pending = None

    # -- saving
    def changed_on_disk(self) -> bool:
        try:
            return _sha(self.path.read_bytes()) != self.base_sha256
        except FileNotFoundError:
            return True

    def save(self, overwrite: bool = False) -> SaveResult:
        """Validate, then write atomically; `overwrite` writes over a file changed on disk since."""
        result = self.validate()
        if result.errors:
            return SaveResult("invalid", result.errors)
        if not self.dirty and not self.changed_on_disk():
            return SaveResult("unchanged", message="no unsaved edits")
        if not overwrite and self.changed_on_disk():
            return SaveResult(
                "changed-on-disk", message=f"{self.path} has changed on disk since it was opened; overwrite it?"
            )
        raw = self.original.render(self.data)
        try:
            write_atomically(self.path, raw)
        except OSError as exc:
            return SaveResult("failed", message=f"{self.path}: not saved: {exc.strerror or exc}")
        self._base(raw)
        self.data = self.saved_data
        if self.journal is not None:
            self.journal.clear()
        warnings = [p for p in result.problems if p.level == "warning"]
        return SaveResult("saved", warnings, f"saved {self.path}")
