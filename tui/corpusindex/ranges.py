"""Date ranges as ISO strings, open ends as the widest strings: as `tui.store` works them out from the
models, here from a dossier's JSON (so that backends compare and sort them as text)."""

from __future__ import annotations

from typing import Any

from ..dates import parse_edtf
from ..filters import Filter

OPEN_START, OPEN_END = "", "9999-12-31"


def event_range(when: dict[str, Any]) -> tuple[str, str]:
    """(earliest, latest) an event may fall on, from its `when` object."""
    try:
        covered = parse_edtf(when["value"])
    except ValueError:
        earliest, latest = when.get("earliest"), when.get("latest")
    else:
        earliest = when.get("earliest") or (covered.earliest.isoformat() if covered.earliest else None)
        latest = when.get("latest") or (covered.latest.isoformat() if covered.latest else None)
    return earliest or OPEN_START, latest or OPEN_END


def sort_key(lo: str, hi: str) -> tuple[str, str]:
    """Date order of an event (then corpus order): by the earliest date, then the latest; one with no
    known start before every dated one (as `Store.event_sort_key`)."""
    return lo, hi


def dated(f: Filter) -> tuple[str, str] | None:
    """The filter's date range as ISO strings, or None when it has none."""
    if not (f.date_from or f.date_to):
        return None
    return (
        f.date_from.isoformat() if f.date_from else OPEN_START,
        f.date_to.isoformat() if f.date_to else OPEN_END,
    )
