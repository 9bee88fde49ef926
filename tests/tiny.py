"""A small format-1.1 dossier of our own making (not the bundled one), for rules that must hold on any file:
the first article of the README's invented story (data/examples/story/, written by scripts/make_examples.py).

It has a direct quote with its speaker named in the text, reported speech, a quotation whose speaker the
article does not name (attributed by position, marked), an editorial headline and dateline, an event as
stance evidence, and a draft item."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

STORY = Path(__file__).resolve().parent.parent / "data" / "examples" / "story"
TINY = STORY / "bridge-2024-06-05.json"
_DATA = json.loads(TINY.read_text(encoding="utf-8"))
TEXT: str = _DATA["source"]["text"]


def tiny() -> dict[str, Any]:
    """A fresh copy each call, to break in one place."""
    return json.loads(json.dumps(_DATA))
