"""Write the small files the README's examples use, under data/examples/ (a test checks they are what this
script writes): a broken copy of the bundled dossier, a two-article story folder, and a state file with one
bookmark. Run from the repo root: python scripts/make_examples.py

The story's two articles are invented for the documentation (a town, a mayor and a bridge that do not exist),
so that the examples put no words in any real person's mouth.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.model import Dossier, to_data  # noqa: E402

EXAMPLES = ROOT / "data" / "examples"
SEED = ROOT / "data" / "kharkiv-2024-05-31.json"
INVENTED = "An invented article, for the documentation only: the town, its people and the bridge are fictional."
INFERRED = "attribution inferred from its position; the article names no speaker"


def span(text: str, exact: str, nth: int = 0) -> dict[str, Any]:
    """The `nth` occurrence of `exact` (code points, end exclusive), with context where it repeats."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(exact, start + 1)
    out: dict[str, Any] = {"start": start, "end": start + len(exact), "exact": exact}
    if text.count(exact) > 1:
        end = start + len(exact)
        out["prefix"], out["suffix"] = text[max(0, start - 8) : start], text[end : end + 8]
    return out


def day(value: str, phrase: dict[str, Any] | None, rule: str, anchor: str = "reference_date") -> dict[str, Any]:
    out: dict[str, Any] = {"value": value, "precision": "day", "earliest": value, "latest": value}
    if phrase:
        out["phrase"] = phrase
    return {**out, "anchor": anchor, "rule": rule}


def source(ident: str, headline: str, date: str, text: str, **more: Any) -> dict[str, Any]:
    digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
    return {"id": ident, "headline": headline, **more, "reference_date": date, "text": text, "text_sha256": digest}


ORGANISATIONS = [{"code": "CITY", "name": "The city"}]
ACTORS = [
    {"id": "lima", "name": "Ana Lima", "kind": "person", "role": "Mayor", "affiliation": "CITY"},
    {"id": "officials", "name": "City officials", "kind": "group", "affiliation": "CITY"},
    {"id": "council", "name": "The council", "kind": "government", "affiliation": "CITY"},
]
ISSUES = [
    {
        "id": "open",
        "title": "Reopening",
        "question": "Should the bridge reopen now?",
        "positions": [
            {"code": "OPEN", "label": "Reopen it", "polarity": "FAVOR"},
            {"code": "SHUT", "label": "Keep it shut", "polarity": "AGAINST"},
        ],
    }
]

FIRST = (
    "Mayor Ana Lima said on Monday: “We will open the bridge.”\n"
    "City officials said the bridge was safe, and the council approved the repairs on Tuesday.\n"
    "“Nobody will pay a toll.”"
)
SECOND = (
    "Mayor Ana Lima said on Tuesday that the bridge will stay shut until the inspectors report.\n"
    "“Safety comes first,” Lima told reporters."
)


def first() -> dict[str, Any]:
    """A 1.1 dossier with every 1.1 feature: editorial headline and dateline, a speaker's words as a span,
    an inferred attribution, an event as stance evidence, and a draft item from a tool."""
    t = FIRST
    return {
        "schema_version": "1.1",
        "source": source(
            "bridge-2024-06-05",
            "Bridge to reopen",
            "2024-06-05",
            t,
            headline_editorial=True,
            dateline="Lisbon",
            dateline_editorial=True,
        ),
        "organisations": ORGANISATIONS,
        "actors": ACTORS,
        "statements": [
            {
                "id": "t1",
                "actor": "lima",
                "mode": "direct",
                "content": span(t, "We will open the bridge."),
                "cue": span(t, "said", 0),
                "source": span(t, "Mayor Ana Lima"),
                "when": "e-monday",
                "issues": ["open"],
            },
            {
                "id": "t2",
                "actor": "officials",
                "mode": "indirect",
                "content": span(t, "the bridge was safe"),
                "cue": span(t, "said", 1),
                "source": span(t, "City officials"),
                "issues": ["open"],
            },
            {
                "id": "t3",
                "actor": "lima",
                "mode": "direct",
                "content": span(t, "Nobody will pay a toll."),
                "inferred_attribution": INFERRED,
                "issues": ["open"],
            },
        ],
        "events": [
            {
                "id": "e-monday",
                "title": "Mayor Ana Lima said",
                "when": day("2024-06-03", span(t, "on Monday"), "the Monday before the reference date"),
                "actors": ["lima"],
                "evidence": ["t1"],
            },
            {
                "id": "e-approval",
                "title": "the council approved the repairs",
                "when": day("2024-06-04", span(t, "on Tuesday"), "the Tuesday before the reference date"),
                "actors": ["council"],
                "review": "draft",
                "origin": {
                    "by": "fact-explorer draft 0.5.0",
                    "rule": "verb 'approved' with a dated subject",
                    "confidence": 0.7,
                },
            },
        ],
        "issues": ISSUES,
        "stances": [
            {"actor": "lima", "issue": "open", "position": "OPEN", "evidence": ["t1", "t3"]},
            {
                "actor": "council",
                "issue": "open",
                "position": "OPEN",
                "evidence": ["e-approval"],
                "note": "Inferred: it approved the repairs; it is not reported on reopening.",
            },
        ],
        "notes": [{"id": "n-invented", "about": [], "text": INVENTED}],
    }


def second() -> dict[str, Any]:
    """A week later: the mayor's stance has changed (the corpus keeps both); publisher and URL known."""
    t = SECOND
    return {
        "schema_version": "1.1",
        "source": source(
            "bridge-2024-06-12",
            "Bridge stays shut",
            "2024-06-12",
            t,
            publisher="The Example Gazette (invented)",
            url="https://example.org/bridge-stays-shut",
        ),
        "organisations": ORGANISATIONS,
        "actors": ACTORS[:1],
        "statements": [
            {
                "id": "t1",
                "actor": "lima",
                "mode": "indirect",
                "content": span(t, "the bridge will stay shut until the inspectors report"),
                "cue": span(t, "said"),
                "source": span(t, "Mayor Ana Lima"),
                "when": "e-tuesday",
                "issues": ["open"],
            },
            {
                "id": "t2",
                "actor": "lima",
                "mode": "direct",
                "content": span(t, "Safety comes first,"),
                "cue": span(t, "told reporters"),
                "source": span(t, "Lima", 1),
                "when": "e-tuesday",
                "issues": ["open"],
            },
        ],
        "events": [
            {
                "id": "e-tuesday",
                "title": "Mayor Ana Lima said on Tuesday that the bridge will stay shut",
                "when": day("2024-06-11", span(t, "on Tuesday"), "the Tuesday before the reference date"),
                "actors": ["lima"],
                "evidence": ["t1", "t2"],
            }
        ],
        "issues": ISSUES,
        "stances": [
            {
                "actor": "lima",
                "issue": "open",
                "position": "SHUT",
                "conditions": "until the inspectors report",
                "evidence": ["t1", "t2"],
            }
        ],
        "notes": [{"id": "n-invented", "about": [], "text": INVENTED}],
    }


def broken() -> dict[str, Any]:
    """The bundled dossier with one span's end one character short: `validate` names the field."""
    data = json.loads(SEED.read_text(encoding="utf-8"))
    content = next(s for s in data["statements"] if s["id"] == "s7")["content"]
    content["end"] += 1
    return data


def state() -> dict[str, Any]:
    """A state file (TinyDB's layout) with one bookmarked statement of the bundled dossier and a note."""
    mark = {
        "source": "kharkiv-2024-05-31",
        "statement": "s24",
        "text": "Warsaw has never imposed such restrictions",
        "citation": "(replaced by today's citation when the bundled dossier is read)",
        "note": "Which restrictions? Check the Polish MFA statement.",
        "created": "2024-06-01T09:00:00+00:00",
    }
    return {"bookmarks": {"1": mark}}


def files() -> dict[str, str]:
    """Each example's path under data/examples/ and its text."""
    out = {}
    for name, data in (("story/bridge-2024-06-05.json", first()), ("story/bridge-2024-06-12.json", second())):
        out[name] = json.dumps(to_data(Dossier.model_validate(data)), ensure_ascii=False, indent=2) + "\n"
    out["broken.json"] = json.dumps(broken(), ensure_ascii=False, indent=2) + "\n"
    out["state.json"] = json.dumps(state(), ensure_ascii=False, indent=1) + "\n"
    return out


if __name__ == "__main__":
    for name, text in files().items():
        path = EXAMPLES / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(ROOT)}")
