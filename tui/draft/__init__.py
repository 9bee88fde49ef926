"""Drafting a dossier from a news article: attributions, speakers, dated events, each marked for review.

Public face: `draft(text, meta)` for a text already read, `read_article` / `article_from_bytes`
for files, and `command` for the `fact-explorer draft` command line.
"""

from .build import Draft, Meta, draft
from .inputs import Article, InputError, article_from_bytes, read_article

__all__ = ["Article", "Draft", "InputError", "Meta", "article_from_bytes", "draft", "read_article"]
