"""The journal of unsaved edits: every step appended (and fsynced) as it happens, in a folder beside
the user's state file, so a crash or `kill -9` loses nothing. Beside it, the bytes of the file the
edits were made to, so they can be replayed exactly even if the file has changed since.

One journal per dossier file (named by a hash of its full path); it is removed when the edits are
saved or discarded.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from .jsonfile import write_atomically
from .ops import Step
from .patch import Change

Kind = Literal["do", "undo", "redo"]
FORMAT = 1


@dataclass(frozen=True)
class Entry:
    kind: Kind
    step: Step


@dataclass(frozen=True)
class Pending:
    """Unsaved edits found in a journal: the bytes they were made to, and the entries in order."""

    base: bytes
    entries: tuple[Entry, ...]
    damaged: bool  # an unreadable line (a write cut short by the crash) was left out

    @property
    def base_sha256(self) -> str:
        return hashlib.sha256(self.base).hexdigest()


def journal_folder(state_path: Path) -> Path:
    return state_path.parent / "journal"


class Journal:
    def __init__(self, folder: Path, dossier: Path) -> None:
        resolved = str(Path(dossier).resolve())
        name = re.sub(r"[^A-Za-z0-9_.-]", "_", Path(dossier).stem)[:40]
        key = f"{name}-{hashlib.sha256(resolved.encode('utf-8')).hexdigest()[:16]}"
        self.folder = folder
        self.file = resolved
        self.log = folder / f"{key}.jsonl"
        self.base = folder / f"{key}.base"

    def exists(self) -> bool:
        return self.log.exists()

    def start(self, base: bytes) -> None:
        """Begin a journal for edits to `base` (the file's bytes as opened or last saved)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        write_atomically(self.base, base)
        header = {"journal": FORMAT, "file": self.file, "base_sha256": hashlib.sha256(base).hexdigest()}
        write_atomically(self.log, (json.dumps(header, ensure_ascii=True) + "\n").encode("ascii"))

    def append(self, kind: Kind, step: Step) -> None:
        record = {
            "kind": kind,
            "name": step.name,
            "notes": list(step.notes),
            "changes": [c.to_json() for c in step.changes],
        }
        line = (json.dumps(record, ensure_ascii=True) + "\n").encode("ascii")
        with open(self.log, "ab") as handle:
            handle.write(line)
            handle.flush()
            os.fsync(handle.fileno())

    def read(self) -> Pending | None:
        """The unsaved edits, or None when there are none (or no journal)."""
        try:
            lines = self.log.read_bytes().split(b"\n")
            base = self.base.read_bytes()
        except OSError:
            return None
        entries: list[Entry] = []
        damaged = False
        for line in lines[1:]:
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                step = Step(
                    record["name"],
                    tuple(Change.from_json(c) for c in record["changes"]),
                    tuple(record.get("notes", ())),
                )
                entries.append(Entry(record["kind"], step))
            except (ValueError, KeyError, TypeError):
                damaged = True
        return Pending(base, tuple(entries), damaged) if entries else None

    def clear(self) -> None:
        for path in (self.log, self.base):
            try:
                path.unlink(missing_ok=True)
            except OSError:  # no journal folder to clear (it could not be made)
                pass


def replay(data: Any, entries: tuple[Entry, ...]) -> tuple[Any, list[Step], list[Step]]:
    """The document after the journal's entries, with the undo and redo stacks they leave."""
    from .patch import apply, revert

    undo: list[Step] = []
    redo: list[Step] = []
    for entry in entries:
        step = entry.step
        if entry.kind == "undo":
            data = revert(data, step.changes)
            if undo and undo[-1].changes == step.changes:
                undo.pop()
            redo.append(step)
        else:
            data = apply(data, step.changes)
            if entry.kind == "redo" and redo and redo[-1].changes == step.changes:
                redo.pop()
            elif entry.kind == "do":
                redo.clear()
            undo.append(step)
    return data, undo, redo
