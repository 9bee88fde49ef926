"""Country and organisation names and codes: ISO 3166-1 through pycountry, organisations from the dossier.

pycountry takes ~100 ms to load its tables, so the names it gives are remembered in the user cache
directory (per tool version): a dossier seen before shows its countries without loading them."""

from __future__ import annotations

import json
import os
from functools import cache, lru_cache
from pathlib import Path


def _memo_path() -> Path:
    from . import __version__
    from .bundled import cache_dir

    return cache_dir() / f"country-names-{__version__}.json"


@cache
def _memo() -> dict[str, str]:
    try:
        names = json.loads(_memo_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(names, dict):
        return {}
    return {k: v for k, v in names.items() if isinstance(k, str) and isinstance(v, str)}


def _remember(code: str, name: str) -> None:
    memo = _memo()
    memo[code] = name
    path = _memo_path()
    try:  # a cache that cannot be written only costs the next start-up
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_text(json.dumps(memo, ensure_ascii=False), encoding="utf-8")
        os.replace(temporary, path)
    except OSError:
        pass


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """A readable name for an ISO 3166-1 alpha-2 code ('PL' -> 'Poland'); the code itself if unknown."""
    if code in _memo():
        return _memo()[code]
    import pycountry  # deferred: the ISO tables load on first use, not at start-up

    country = pycountry.countries.get(alpha_2=code)
    name = code if country is None else getattr(country, "common_name", None) or country.name
    _remember(code, name)
    return name


@lru_cache(maxsize=512)
def lookup_country(token: str) -> str | None:
    """The alpha-2 code for a code or name in any case ('poland', 'PL', 'POL'), or None."""
    import pycountry

    token = token.strip()
    if not token:
        return None
    try:
        return pycountry.countries.lookup(token).alpha_2
    except LookupError:
        pass
    folded = token.casefold()
    for country in pycountry.countries:
        names = (country.name, getattr(country, "common_name", ""), getattr(country, "official_name", ""))
        if any(name and name.casefold() == folded for name in names):
            return country.alpha_2
    try:  # 'russia' -> 'Russian Federation'; only a match that starts with the words given counts
        matches = pycountry.countries.search_fuzzy(token)
    except LookupError:
        return None
    return next((c.alpha_2 for c in matches if c.name.casefold().startswith(folded)), None)
