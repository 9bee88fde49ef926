"""What one valid dossier contributes to a corpus, as plain records with corpus ids: the same renaming
`tui.corpus.merge` does on models, done here on the file's JSON so no backend needs the models."""

from __future__ import annotations

from typing import Any

from .interface import ARTICLE, ArticleRows, FileSig, Record


def corpus_actor_id(actor: Record) -> str:
    """The id an actor has across articles: its declared `key`, else its own id."""
    return actor.get("key") or actor["id"]


def article_rows(data: dict[str, Any], sig: FileSig, apart: frozenset[tuple[str, int]] = frozenset()) -> ArticleRows:
    """`data` is a dossier's JSON that validated. `apart`: ("actor" or "issue", position in the file's
    list) of those another file defines differently, kept apart under `source-id/id` (as
    `tui.corpus.merge` does; which they are is the index's to say: it knows the other files)."""
    sid = data["source"]["id"]

    def ns(ident: str) -> str:
        return f"{sid}/{ident}"  # "/": no id may hold it, so no two namespaced ids collide

    actor_id = {
        a["id"]: ns(a["id"]) if ("actor", n) in apart else corpus_actor_id(a)
        for n, a in enumerate(data.get("actors", []))
    }
    issue_id = {
        i["id"]: ns(i["id"]) if ("issue", n) in apart else i["id"] for n, i in enumerate(data.get("issues", []))
    }
    kept_apart = {
        actor_id[a["id"]]: corpus_actor_id(a) for n, a in enumerate(data.get("actors", [])) if ("actor", n) in apart
    }
    kept_apart |= {issue_id[i["id"]]: i["id"] for n, i in enumerate(data.get("issues", [])) if ("issue", n) in apart}
    actors = []
    for a in data.get("actors", []):
        new = {**a, "id": actor_id[a["id"]]}
        if a.get("speaks_for"):
            new["speaks_for"] = actor_id.get(a["speaks_for"], a["speaks_for"])
        actors.append(new)
    statements = []
    for s in data.get("statements", []):
        new = {**s, "id": ns(s["id"]), "actor": actor_id.get(s["actor"], s["actor"]), ARTICLE: sid}
        if s.get("issues"):
            new["issues"] = [issue_id.get(i, i) for i in s["issues"]]
        if s.get("when"):
            new["when"] = ns(s["when"])
        statements.append(new)
    event_ids = {e["id"] for e in data.get("events", [])}
    events = []
    for e in data.get("events", []):
        when = dict(e["when"])
        if when.get("anchor") in event_ids:
            when["anchor"] = ns(when["anchor"])
        events.append(
            {
                **e,
                "id": ns(e["id"]),
                "actors": [actor_id.get(a, a) for a in e.get("actors", [])],
                "evidence": [ns(x) for x in e.get("evidence", [])],
                "when": when,
                ARTICLE: sid,
            }
        )
    figures = [{**f, "id": ns(f["id"])} for f in data.get("figures", [])]
    local = {*(s["id"] for s in data.get("statements", [])), *event_ids, *(f["id"] for f in data.get("figures", []))}
    notes = [
        {
            **n,
            "id": ns(n["id"]),
            "about": [ns(x) if x in local else actor_id.get(x, issue_id.get(x, x)) for x in n.get("about", [])],
            ARTICLE: sid,
        }
        for n in data.get("notes", [])
    ]
    stances = [
        {
            **st,
            "actor": actor_id.get(st["actor"], st["actor"]),
            "issue": issue_id.get(st["issue"], st["issue"]),
            "evidence": [ns(x) for x in st["evidence"]],
        }
        for st in data.get("stances", [])
    ]
    return ArticleRows(
        sig=FileSig(sig.name, sig.mtime_ns, sig.size, sig.sha256, sid),
        source=data["source"],
        organisations=list(data.get("organisations", [])),
        actors=actors,
        statements=statements,
        events=events,
        issues=[{**i, "id": issue_id[i["id"]]} for i in data.get("issues", [])],
        stances=stances,
        figures=figures,
        notes=notes,
        apart=kept_apart,
    )
