"""Drafting a dossier from a news article: attributions, speakers, dated events, each marked for review.

Public face: `draft(text, meta)` for a text already read, `read_article` / `article_from_bytes`
for files, and `command` for the `fact-explorer draft` command line. Loaded on first use, so that
building the command line's parser costs nothing.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

_EXPORTS = {
    "Draft": "build",
    "Meta": "build",
    "draft": "build",
    "Article": "inputs",
    "InputError": "inputs",
    "article_from_bytes": "inputs",
    "read_article": "inputs",
}
__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f".{_EXPORTS[name]}", __name__), name)
