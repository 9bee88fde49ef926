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
    publisher: str | None = None,
    url: str | None = None,
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
    for key, value in (("publisher", publisher), ("url", url)):
        if value:
            source[key] = value
    source["reference_date"] = reference_date.isoformat()
    if reference_date_rule:
        source["reference_date_rule"] = reference_date_rule
    source["language"] = "en"  # as `draft` writes: the rules read English
    source["text"] = text
    source["text_sha256"] = hashlib.sha256(text.encode("utf-8")).hexdigest()
    lists = ("organisations", "actors", "statements", "events", "issues", "stances", "figures", "notes")
    return {"schema_version": model.SCHEMA_VERSION, "source": source, **{name: [] for name in lists}}
