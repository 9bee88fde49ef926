"""A folder of dossiers as one corpus (layer 3).

Each file is checked on its own; one that fails is reported and skipped, the rest open. The same
actor across articles (same id and definition, or the same declared `key`) is one speaker; one redefined
under the same id stays apart (`source-id/id`), listed in `Store.conflicts`. Statement, event, figure
and note ids are namespaced by source (`source-id/s1`), so each keeps its link to its own article.
The stance matrix holds each actor's latest stance per issue; `Store.history` keeps them all.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from .model import SCHEMA_VERSION, Actor, Dossier, Issue, Organisation, Source, Stance
from .reading import DEFAULT_MAX_BYTES, Problem, no_gc
from .store import StanceRecord, Store
from .validation import Result, read_dossier

Progress = Callable[[int, int], None]


@dataclass
class CorpusLoad:
    """What loading a folder gave."""

    folder: Path
    loaded: list[tuple[Path, Dossier]] = field(default_factory=list)
    skipped: list[tuple[Path, Result]] = field(default_factory=list)


def dossier_files(folder: Path) -> list[Path]:
    """The dossier files of a folder, in name order (JSON Schema files are not dossiers). Whatever is
    named `*.json` is listed, so that a FIFO, a folder or a device is reported as skipped (reading
    checks each, and reads only regular files)."""
    return sorted(p for p in folder.glob("*.json") if p.name != "schema.json")


def load_folder(folder: Path, max_bytes: int = DEFAULT_MAX_BYTES, progress: Progress | None = None) -> CorpusLoad:
    files = dossier_files(folder)
    out = CorpusLoad(folder)
    seen: set[str] = set()
    with no_gc():
        for n, path in enumerate(files, 1):
            _load_one(path, max_bytes, out, seen)
            if progress is not None:
                progress(n, len(files))
    return out


def _load_one(path: Path, max_bytes: int, out: CorpusLoad, seen: set[str]) -> None:
    result = read_dossier(path, max_bytes, regular_only=True)
    if result.dossier is None:
        out.skipped.append((path, result))
    elif result.dossier.source.id in seen:
        duplicate = Problem("$.source.id", f"source id {result.dossier.source.id!r} is used by another file")
        out.skipped.append((path, Result(None, [duplicate])))
    else:
        seen.add(result.dossier.source.id)
        out.loaded.append((path, result.dossier))


def merge(dossiers: list[Dossier], name: str = "corpus") -> Store:
    """One store over many dossiers, in date order of their articles."""
    with no_gc():
        return _merge(dossiers, name)


SEPARATOR = "/"  # between a source id and an id of its dossier: no id may hold it, so none can collide


def _definition(actor: Actor) -> tuple:
    """What an actor must share with another of the same id to be taken for the same speaker."""
    return (actor.name, actor.kind, actor.role, actor.country, actor.affiliation)


def _issue_conflict(known: Issue, issue: Issue) -> bool:
    """Same id, another question: another title, or a position code that means something else."""
    meaning = {p.code: (p.label, p.polarity) for p in known.positions}
    return known.title != issue.title or any(
        meaning.get(p.code, (p.label, p.polarity)) != (p.label, p.polarity) for p in issue.positions
    )


def _apart(ident: str, sid: str, taken: dict) -> str:
    """The id a conflicting actor or issue keeps in the corpus: its source's id in front."""
    new = f"{sid}{SEPARATOR}{ident}"
    while new in taken:  # only if an actor's free-form key spelled it already
        new += "'"
    return new


def _merge(dossiers: list[Dossier], name: str) -> Store:
    dossiers = sorted(dossiers, key=lambda d: (d.source.reference_date, d.source.id))
    organisations: dict[str, Organisation] = {}
    actors: dict[str, Actor] = {}
    issues: dict[str, Issue] = {}
    sources: dict[str, Source] = {}
    source_of: dict[str, str] = {}
    defined_in: dict[str, str] = {}  # actor or issue id -> the source that defined it first
    conflicts: list[str] = []
    statements, events, figures, notes = [], [], [], []
    history: dict[tuple[str, str], list[StanceRecord]] = {}

    for d in dossiers:
        sid = d.source.id
        sources[sid] = d.source

        def ns(ident: str, sid: str = sid) -> str:
            return f"{sid}{SEPARATOR}{ident}"

        for org in d.organisations:
            organisations.setdefault(org.code, org)
        actor_id: dict[str, str] = {}
        for a in d.actors:
            merged = a.key or a.id
            known = actors.get(merged)
            if known is not None and not (a.key and a.key == known.key) and _definition(known) != _definition(a):
                merged = _apart(a.id, sid, actors)
                conflicts.append(
                    f"actor {a.id!r} of {sid!r} ({a.name}) is not the one of {defined_in[known.id]!r} ({known.name}): "
                    f"kept apart as {merged!r}"
                )
            actor_id[a.id] = merged
            if merged not in actors:
                actors[merged] = a.model_copy(update={"id": merged})
                defined_in[merged] = sid
        for a in d.actors:  # speaks_for may name an actor listed after
            if a.speaks_for and actors[actor_id[a.id]].speaks_for == a.speaks_for:
                actors[actor_id[a.id]] = actors[actor_id[a.id]].model_copy(
                    update={"speaks_for": actor_id.get(a.speaks_for, a.speaks_for)}
                )
        issue_id: dict[str, str] = {}
        for issue in d.issues:
            merged = issue.id
            known = issues.get(merged)
            if known is None:
                issues[merged] = issue
                defined_in["issue " + merged] = sid
            elif _issue_conflict(known, issue):
                merged = _apart(issue.id, sid, issues)
                issues[merged] = issue.model_copy(update={"id": merged})
                conflicts.append(
                    f"issue {issue.id!r} of {sid!r} ({issue.title}) is not the one of "
                    f"{defined_in['issue ' + issue.id]!r} ({known.title}): kept apart as {merged!r}"
                )
            else:
                codes = {p.code for p in known.positions}
                extra = [p for p in issue.positions if p.code not in codes]
                if extra:
                    issues[merged] = known.model_copy(update={"positions": [*known.positions, *extra]})
            issue_id[issue.id] = merged
        event_ids = {e.id for e in d.events}
        for s in d.statements:
            new = s.model_copy(
                update={
                    "id": ns(s.id),
                    "actor": actor_id.get(s.actor, s.actor),
                    "when": ns(s.when) if s.when else None,
                    "issues": [issue_id.get(i, i) for i in s.issues],
                }
            )
            statements.append(new)
            source_of[new.id] = sid
        for e in d.events:
            anchor = ns(e.when.anchor) if e.when.anchor in event_ids else e.when.anchor
            new = e.model_copy(
                update={
                    "id": ns(e.id),
                    "actors": [actor_id.get(a, a) for a in e.actors],
                    "evidence": [ns(x) for x in e.evidence],
                    "when": e.when.model_copy(update={"anchor": anchor}),
                }
            )
            events.append(new)
            source_of[new.id] = sid
        for f in d.figures:
            figures.append(f.model_copy(update={"id": ns(f.id)}))
            source_of[ns(f.id)] = sid
        local = {*(s.id for s in d.statements), *event_ids, *(f.id for f in d.figures)}
        for note in d.notes:
            about = [ns(x) if x in local else actor_id.get(x, issue_id.get(x, x)) for x in note.about]
            notes.append(note.model_copy(update={"id": ns(note.id), "about": about}))
            source_of[ns(note.id)] = sid
        for st in d.stances:
            new = st.model_copy(
                update={
                    "actor": actor_id.get(st.actor, st.actor),
                    "issue": issue_id.get(st.issue, st.issue),
                    "evidence": [ns(x) for x in st.evidence],
                }
            )
            history.setdefault((new.actor, new.issue), []).append(StanceRecord(new, d.source))

    latest: list[Stance] = [records[-1].stance for records in history.values()]
    newest = max((d.source.reference_date for d in dossiers), default=dt.date.today())
    headline = f"{name}: {len(dossiers):,} articles"
    summary = Source.model_construct(
        id=f"corpus:{name}",
        headline=headline,
        reference_date=newest,
        language="en",
        text=headline,
        text_sha256="0" * 64,
        publisher=None,
        url=None,
        dateline=None,
        reference_date_rule=None,
    )
    merged = Dossier.model_construct(
        schema_version=SCHEMA_VERSION,
        source=summary,
        organisations=list(organisations.values()),
        actors=list(actors.values()),
        statements=statements,
        events=events,
        issues=list(issues.values()),
        stances=latest,
        figures=figures,
        notes=notes,
    )
    store = Store(merged, sources=sources, source_of=source_of, history=history)
    store.conflicts = conflicts
    return store
