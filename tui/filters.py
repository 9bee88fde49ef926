"""What the user narrowed to: one `Filter` for every pane and query (no model imports, so the app's
first frame does not wait for them)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace

from .index import query_words


@dataclass(frozen=True)
class Filter:
    """Empty fields do not narrow."""

    countries: frozenset[str] = frozenset()  # ISO alpha-2 or organisation codes, resolved
    actors: frozenset[str] = frozenset()
    issues: frozenset[str] = frozenset()
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    @property
    def active(self) -> bool:
        return bool(self.countries or self.actors or self.issues or self.text.strip() or self.date_from or self.date_to)

    def with_countries(self, codes: Iterable[str]) -> Filter:
        return replace(self, countries=frozenset(codes))

    @property
    def words(self) -> list[str]:
        """The words searched for, as the index splits them: punctuation alone searches nothing."""
        return query_words(self.text)


NO_FILTER = Filter()


def remembered_filter(view: dict, known: Iterable[str]) -> Filter:
    """The filter of a view as the state file remembers it (`MainScreen.remembered`): its countries
    among the `known` codes, and its search."""
    codes = set(known)
    countries = frozenset(c for c in view.get("countries", []) if c in codes)
    search = view.get("search") if isinstance(view.get("search"), str) else ""
    return Filter(countries=countries, text=search)
