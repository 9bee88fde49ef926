"""A dossier awaiting review, made from the bundled one: the first statements, two actors and an event
marked as a tool's proposals, one of them (s6) given the wrong speaker, and one quote (s4) left out
for the curator to add from the source.
(Used until `fact-explorer draft` is on main; see tests/test_curation_journey.py.)"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from tui.bundled import seed_path
from tui.curate import Ref, ops
from tui.curate.patch import apply

ORIGIN = {"by": "tests/drafted.py", "rule": "marked as a proposal for the test", "confidence": 0.5}
MISSING_QUOTE = "s4"  # “In the past few weeks, Ukraine came to us …,” Blinken said.
WRONG_SPEAKER = ("s6", "us-gov")  # Blinken's words, proposed as the U.S. government's


def drafted() -> dict[str, Any]:
    doc = json.loads(seed_path().read_text(encoding="utf-8"))
    doc = apply(doc, ops.remove(doc, Ref("statement", MISSING_QUOTE)).changes)
    doc["schema_version"] = "1.1"
    statement, actor = WRONG_SPEAKER
    next(s for s in doc["statements"] if s["id"] == statement)["actor"] = actor
    for item in (*doc["statements"][:6], *doc["actors"][:2], doc["events"][0]):
        item["review"] = "draft"
        item["origin"] = dict(ORIGIN)
    return doc


def write_drafted(path: Path) -> Path:
    path.write_text(json.dumps(drafted(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
