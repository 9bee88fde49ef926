"""Countries named in an article, by name or nationality adjective, and the organisations it names.

Names and adjectives ("Polish", "Dutch", "South Korean") come from countryinfo's data, which ships
with the package (no network): pycountry has names but no adjectives. Where several territories
share an adjective ("French": France, Réunion, ...), the most populous is meant.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

# Abbreviations news writes with or without dots; countryinfo lists only some of them.
_ABBREVIATIONS = {"US": "US", "USA": "US", "UK": "GB", "UAE": "AE", "DRC": "CD", "PRC": "CN", "ROK": "KR", "DPRK": "KP"}


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    """Exact-case name or adjective -> ISO 3166-1 alpha-2."""
    from countryinfo import all_countries  # deferred: 250 small JSON files, read on first use

    best: dict[str, tuple[int, str]] = {}
    for country in all_countries():
        info = country.info()
        code = (info.get("ISO") or {}).get("alpha2")
        if not code:
            continue
        population = info.get("population") or 0
        words = [info.get("name") or ""]
        words += [w for w in info.get("altSpellings") or [] if len(w) > 3 and w.isascii()]
        words += (info.get("demonym") or "").split(",")
        for word in words:
            word = word.strip()
            if word and (word not in best or best[word][0] < population):
                best[word] = (population, code)
    table = {word: code for word, (_, code) in best.items()}
    table.update(_ABBREVIATIONS)
    return table


_TOKEN = re.compile(r"[A-Z][\w’'-]*(?:\.[A-Z])*\.?|of|and|the")


def country_in(phrase: str) -> str | None:
    """The first country the phrase names ('U.S. Secretary of State' -> 'US', 'Dutch' -> 'NL')."""
    table = _table()
    tokens = [m.group().rstrip("’'").removesuffix("’s").removesuffix("'s") for m in _TOKEN.finditer(phrase)]
    for i in range(len(tokens)):
        for n in (4, 3, 2, 1):
            words = tokens[i : i + n]
            if len(words) < n or not words[0][:1].isupper():
                continue
            key = " ".join(words)
            if key in table:
                return table[key]
            plain = key.replace(".", "")
            if plain in _ABBREVIATIONS:
                return _ABBREVIATIONS[plain]
    return None


@dataclass(frozen=True, slots=True)
class Org:
    code: str
    name: str
    aliases: tuple[str, ...] = ()


# International organisations news names most, by acronym and name. A country is never inferred
# from one (NATO's Secretary-General has no country the article gives).
ORGANISATIONS = (
    Org("NATO", "North Atlantic Treaty Organization", ("North Atlantic Treaty Organization", "Nato")),
    Org("EU", "European Union", ("European Union",)),
    Org("UN", "United Nations", ("United Nations", "U.N.")),
    Org("UNSC", "United Nations Security Council", ("UN Security Council", "U.N. Security Council")),
    Org("WHO", "World Health Organization", ("World Health Organization",)),
    Org("IMF", "International Monetary Fund", ("International Monetary Fund",)),
    Org("WTO", "World Trade Organization", ("World Trade Organization",)),
    Org("OPEC", "Organization of the Petroleum Exporting Countries", ()),
    Org("OSCE", "Organization for Security and Co-operation in Europe", ()),
    Org("IAEA", "International Atomic Energy Agency", ("International Atomic Energy Agency",)),
    Org("ICC", "International Criminal Court", ("International Criminal Court",)),
    Org("OECD", "Organisation for Economic Co-operation and Development", ()),
    Org("G7", "Group of Seven", ("Group of Seven",)),
    Org("G20", "Group of Twenty", ("Group of 20",)),
    Org("AU", "African Union", ("African Union",)),
    Org("ASEAN", "Association of Southeast Asian Nations", ()),
    Org("ECB", "European Central Bank", ("European Central Bank",)),
    Org("EC", "European Commission", ("European Commission",)),
)


def _org_pattern(org: Org) -> re.Pattern[str]:
    names = sorted({org.code, *org.aliases}, key=len, reverse=True)
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")


_ORG_PATTERNS = tuple((org, _org_pattern(org)) for org in ORGANISATIONS)


def organisation_in(phrase: str) -> Org | None:
    """The first organisation the phrase names, by acronym or name."""
    found = [(m.start(), org) for org, pattern in _ORG_PATTERNS if (m := pattern.search(phrase))]
    return min(found, key=lambda pair: pair[0])[1] if found else None


def organisations_named(text: str) -> list[Org]:
    """Every organisation the text names, in table order."""
    return [org for org, pattern in _ORG_PATTERNS if pattern.search(text)]
