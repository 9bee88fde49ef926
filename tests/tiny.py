"""A small format-1.1 dossier of our own making (not the bundled one), for rules that must hold on any file.

It has a direct quote with its speaker named in the text, reported speech, a quotation whose speaker the
article does not name (attributed by position, marked), an editorial headline and dateline, an event as
stance evidence, and a draft item."""

from __future__ import annotations

import hashlib
from typing import Any

TEXT = (
    "Mayor Ana Lima said on Monday: “We will open the bridge.”\n"
    "City officials said the bridge was safe, and the council approved the repairs on Tuesday.\n"
    "“Nobody will pay a toll.”"
)
INFERRED = "attribution inferred from its position; the article names no speaker"


def span(exact: str, nth: int = 0, text: str = TEXT) -> dict[str, Any]:
    """The span of the `nth` occurrence of `exact` (code points, end exclusive), with context where ambiguous."""
    start = -1
    for _ in range(nth + 1):
        start = text.index(exact, start + 1)
    out: dict[str, Any] = {"start": start, "end": start + len(exact), "exact": exact}
    if text.count(exact) > 1:
        out["prefix"], out["suffix"] = (
            text[max(0, start - 8) : start],
            text[start + len(exact) : start + len(exact) + 8],
        )
    return out


def tiny() -> dict[str, Any]:
    """A fresh copy each call, to break in one place."""
    return {
        "schema_version": "1.1",
        "source": {
            "id": "bridge",
            "headline": "Bridge to reopen",
            "headline_editorial": True,
            "dateline": "Lisbon",
            "dateline_editorial": True,
            "reference_date": "2024-06-05",
            "text": TEXT,
            "text_sha256": hashlib.sha256(TEXT.encode("utf-8")).hexdigest(),
        },
        "organisations": [{"code": "CITY", "name": "The city"}],
        "actors": [
            {"id": "lima", "name": "Ana Lima", "kind": "person", "role": "Mayor", "affiliation": "CITY"},
            {"id": "officials", "name": "City officials", "kind": "group", "affiliation": "CITY"},
            {"id": "council", "name": "The council", "kind": "government", "affiliation": "CITY"},
        ],
        "statements": [
            {
                "id": "t1",
                "actor": "lima",
                "mode": "direct",
                "content": span("We will open the bridge."),
                "cue": span("said", 0),
                "source": span("Mayor Ana Lima"),
                "when": "e-monday",
                "issues": ["open"],
            },
            {
                "id": "t2",
                "actor": "officials",
                "mode": "indirect",
                "content": span("the bridge was safe"),
                "cue": span("said", 1),
                "source": span("City officials"),
                "issues": ["open"],
            },
            {
                "id": "t3",
                "actor": "lima",
                "mode": "direct",
                "content": span("Nobody will pay a toll."),
                "inferred_attribution": INFERRED,
                "issues": ["open"],
            },
        ],
        "events": [
            {
                "id": "e-monday",
                "title": "Lima speaks",
                "when": {
                    "phrase": span("on Monday"),
                    "value": "2024-06-03",
                    "precision": "day",
                    "earliest": "2024-06-03",
                    "latest": "2024-06-03",
                    "anchor": "reference_date",
                    "rule": "the Monday before the reference date",
                },
                "actors": ["lima"],
                "evidence": ["t1"],
            },
            {
                "id": "e-approval",
                "title": "the council approved the repairs",
                "when": {
                    "phrase": span("on Tuesday"),
                    "value": "2024-06-04",
                    "precision": "day",
                    "earliest": "2024-06-04",
                    "latest": "2024-06-04",
                    "anchor": "reference_date",
                    "rule": "the Tuesday before the reference date",
                },
                "actors": ["council"],
                "review": "draft",
                "origin": {
                    "by": "fact-explorer draft 0.5.0",
                    "rule": "verb 'approved' with a dated subject",
                    "confidence": 0.7,
                },
            },
        ],
        "issues": [
            {
                "id": "open",
                "title": "Reopening",
                "question": "Should the bridge reopen?",
                "positions": [
                    {"code": "OPEN", "label": "Reopen it", "polarity": "FAVOR"},
                    {"code": "SHUT", "label": "Keep it shut", "polarity": "AGAINST"},
                ],
            }
        ],
        "stances": [
            {"actor": "lima", "issue": "open", "position": "OPEN", "evidence": ["t1", "t3"]},
            {
                "actor": "council",
                "issue": "open",
                "position": "OPEN",
                "evidence": ["e-approval"],
                "note": "inferred: an approval of repairs",
            },
        ],
    }
