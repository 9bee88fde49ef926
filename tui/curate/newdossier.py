"""An empty dossier for an article: the source and nothing else, ready to curate by hand."""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from .. import model


def empty_dossier(
    text: str,
    *,
    source_id: str,
    reference_date: dt.date,
    headline: str | None = None,
    dateline: str | None = None,
    publisher: str | None = None,
    url: str | None = None,
    language: str = "en",
    reference_date_rule: str | None = None,
) -> dict[str, Any]:
    """The dossier's JSON. A headline not given is a placeholder marked editorial (never cited as the
    article's own words)."""
    source: dict[str, Any] = {"id": source_id}
    if headline:
        source["headline"] = headline
    else:
        source["headline"] = f"Untitled article ({source_id})"
        source["headline_editorial"] = True
    for key, value in (("publisher", publisher), ("url", url), ("dateline", dateline)):
        if value:
            source[key] = value
    source["reference_date"] = reference_date.isoformat()
    if reference_date_rule:
        source["reference_date_rule"] = reference_date_rule
    source["language"] = language
    source["text"] = text
    source["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lists = ("organisations", "actors", "statements", "events", "issues", "stances", "figures", "notes")
    return {"schema_version": model.SCHEMA_VERSION, "source": source, **{name: [] for name in lists}}


class ArticleError(ValueError):
    """An article that cannot be read as text; the message names the reason in one line."""


def article_text(raw: bytes) -> str:
    """An article's bytes as the dossier's text: UTF-8 (a byte order mark dropped), line ends as \\n,
    white space at either end trimmed (spans may not start or end with it anyway)."""
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"not UTF-8: invalid byte at offset {exc.start}") from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ArticleError("the article is empty")
    return text
