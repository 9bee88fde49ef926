"""Country and organisation names and codes: ISO 3166-1 through pycountry, organisations from the dossier."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=512)
def country_name(code: str) -> str:
    """A readable name for an ISO 3166-1 alpha-2 code ('PL' -> 'Poland'); the code itself if unknown."""
    import pycountry  # deferred: the ISO tables load on first use, not at start-up

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    return getattr(country, "common_name", None) or country.name


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
