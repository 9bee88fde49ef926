"""Speakers: who each attribution's source words name, as actors with kind, role and country.

Rules, in the order they are tried on a source span:
  - a pronoun ("he", "she", "they") is the nearest fitting speaker mentioned before it;
  - a personal name, possibly after a title ("Polish Foreign Minister Radoslaw Sikorski"), is a person;
    a later surname-only mention ("Sikorski") is the same person, and so is an earlier one when the
    full name comes later; the title before the name, or an apposition after it ("Medvedev, a former
    Russian president who ..."), gives the role, the country and the organisation;
  - an organisation's name or acronym ("NATO") is that organisation; a country's name is its government;
  - anything else ("U.S. officials", "a German government spokesperson") is a group, with the country
    its words give.
A source-less attribution in the paragraph right after a speaker's is given to that speaker, marked inferred.
Nothing outside the article is used: a country only when its words name one.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Protocol

from ..dates import MONTHS, WEEKDAYS
from .nations import Org, country_in, organisation_in


class AttributionLike(Protocol):
    content: tuple[int, int]
    cue: tuple[int, int] | None
    source: tuple[int, int] | None
    mode: str
    rule: str
    confidence: float


@dataclass
class Actor:
    id: str
    name: str
    kind: str  # person, government, organisation, group
    rule: str
    confidence: float
    role: str | None = None
    country: str | None = None
    affiliation: Org | None = None
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class Speaker:
    actor: str  # id
    rule: str
    confidence: float
    inferred: str | None = None  # the statement's inferred_attribution


PRONOUNS = {"he": "person", "she": "person", "him": "person", "her": "person", "they": "plural", "it": "plural"}
# Words that make a run of words before a name a title ("Secretary-General", "senior security official").
ROLE_NOUNS = frozenset(
    """president minister secretary chancellor premier official officials spokesperson spokesman spokeswoman chairman
    chairwoman chair leader chief general ambassador envoy governor mayor senator lawmaker director commander head
    adviser advisor king queen prince pope prosecutor judge ceo founder representative deputy negotiator
    diplomat analyst expert member speaker attorney sheriff coach captain colonel lieutenant admiral marshal
    congressman congresswoman mp mep president-elect vice-president secretary-general
    rep. sen. gov. gen. lt. col. sgt. capt. adm. justice""".split()
)
# Words for unnamed groups, capitalised only at the start of a sentence ("Residents said …").
GROUP_NOUNS = frozenset(
    """critics analysts experts witnesses protesters police residents sources diplomats lawmakers observers
    activists authorities investigators prosecutors doctors scientists researchers economists people others many
    some both several most voters workers students parents officers soldiers leaders members democrats republicans
    proponents opponents supporters""".split()
)
# Capitalised function words that open sentences: never part of a name.
_FUNCTION_WORDS = frozenset(
    """his her their its my our your i i've i'm i’ve i’m we you they he she it everything nothing something
    everyone nobody should would could will can may might must this that these those what why how who which there
    here mr mrs ms dr rep sen gov gen""".split()
)
# Lower-case words that may sit inside a title before a name.
_TITLE_LOWER = ROLE_NOUNS | frozenset(
    """of the for senior former top foreign defense defence security government state national interior
    finance economy trade health deputy acting prime vice military army police intelligence party opposition
    european democrat democratic republican gop labour conservative liberal""".split()
)
# Capitalised words that open sentences and are never part of a title.
_OPENERS = frozenset(
    """Then But And When While After Before Meanwhile However Also In On At As Following Later Earlier Yet So If
    Since Under With Without During Speaking Asked Meanwhile Separately Still Now Today Yesterday Unlike Like
    Despite Although Because""".split()
)
_NUMBERS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen
    eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million dozens""".split()
)
_NOT_NAMES = ROLE_NOUNS | GROUP_NOUNS | _FUNCTION_WORDS | frozenset(WEEKDAYS) | frozenset(MONTHS)
_ADVERB = re.compile(r"(?:ally|ently|antly|ously|ively|edly)$")  # 'Initially said …'
# A name with one of these is an organisation ('New York Times', 'Brookings Institution').
ORG_WORDS = frozenset(
    """times post news journal press network institution institute association university college party committee
    council department ministry agency foundation center centre bank group inc corp company commission office court
    campaign services service administration federation union league bureau board reuters""".split()
)
_PREPOSITIONS = frozenset({"in", "at", "from", "of", "for", "with", "near", "on", "to", "by"})
_PLACE_TAIL = re.compile(r"\s+(?:in|at|from)\s+[A-Z][\w’'.-]*(?:\s+[A-Z][\w’'.-]*)*$")
_ARTICLES = frozenset({"the", "a", "an", "The", "A", "An"})
_WORD = re.compile(r"[\w’'.-]+")
_NAME_TOKEN = re.compile(r"^[A-Z][a-zà-ÿ’'-]*[a-zà-ÿ]$|^[A-Z][a-z]*[A-Z][a-z]+$|^[A-Z]\.$")
_SENTENCE_END = re.compile(r"^[^.]{2,}\.$")  # 'NATO.' but not 'U.S.' or 'J.'
_AGE_AFTER = re.compile(r",\s*\d{1,3}\s*,?\s*$")
_POSSESSIVE = re.compile(r"(?:’s|'s|’|')$")


def _slug(name: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")
    return slug or "actor"


def _is_name_token(token: str) -> bool:
    """A word that may be part of a personal name: capitalised, not a title word, not a country."""
    lower = token.lower()
    if not _NAME_TOKEN.match(token) or lower in _NOT_NAMES or token in _OPENERS or _ADVERB.search(lower):
        return False
    if lower.split("-")[0] in _NUMBERS:
        return False
    return country_in(token) is None and organisation_in(token) is None and token.lower() not in _TITLE_LOWER


def split_name(words: Sequence[tuple[int, int, str]]) -> int:
    """Index where the personal name at the end of `words` starts (len(words) when there is none)."""
    i = len(words)
    while i > 0 and _is_name_token(_POSSESSIVE.sub("", words[i - 1][2])):
        i -= 1
    return i


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, start, end)]


def title_before(text: str, start: int) -> tuple[str | None, int]:
    """The title written just before a name starting at `start` ('U.S. Secretary of State'), if
    the words there contain a role noun, and where it starts."""
    line_start = text.rfind("\n", 0, start) + 1
    chunk_start = max(line_start, start - 120)
    words = _words(text, chunk_start, start)
    i = len(words)
    while i > 0:
        s, e, w = words[i - 1]
        between = text[e : (words[i][0] if i < len(words) else start)]
        if between.strip() or (_SENTENCE_END.search(w) and w.lower() not in ROLE_NOUNS):  # punctuation ends it
            break
        if w in _OPENERS or not (w[:1].isupper() or w.lower() in _TITLE_LOWER):
            break
        i -= 1
    while i < len(words) and (words[i][2] in _ARTICLES or words[i][2].lower() in {"of", "for"}):
        i += 1
    title = words[i:]
    if title and _is_name_token(title[-1][2]):  # 'former President Bill' before 'Hillary Clinton': not her title
        return None, start
    if not title or not any(part in ROLE_NOUNS for _, _, w in title for part in w.lower().split("-") + [w.lower()]):
        return None, start
    return text[title[0][0] : title[-1][1]], title[0][0]


# Ends at a comma, a semicolon, or a full stop that closes a sentence (not the one in 'U.S.').
_APPOSITION = re.compile(r",\s+(?:(?:a|an|the)\s+)?([^,;:“”\"\n]{3,200}?)(?:[,;]|(?<![A-Z])\.(?=\s|$))")


def apposition_after(text: str, end: int) -> str | None:
    """'Medvedev, a former Russian president who …, said', 'Garnier, head of the union, said': the words
    between the commas (or up to the full stop), where they name a role."""
    m = _APPOSITION.match(text, end)
    if m is None:
        return None
    first = m[1].split()[0]
    if not m.group().lstrip(", ").startswith(("a ", "an ", "the ")) and not (
        first[:1].isupper() or first.lower() in _TITLE_LOWER
    ):  # ', who served as …', ', speaking in Prague,': not a role
        return None
    words = {part for w in m[1].lower().split() for part in [w, *w.split("-")]}
    return m[1] if words & ROLE_NOUNS else None


@dataclass
class _Resolver:
    text: str
    actors: list[Actor] = field(default_factory=list)
    mentions: list[tuple[int, str]] = field(default_factory=list)  # (offset, actor id) of named mentions

    def add(self, actor: Actor) -> Actor:
        taken = {a.id for a in self.actors}
        base, n = actor.id, 2
        while actor.id in taken:
            actor.id, n = f"{base}-{n}", n + 1
        self.actors.append(actor)
        return actor

    def person(self, name_start: int, name_end: int) -> tuple[Actor, str]:
        name = _POSSESSIVE.sub("", self.text[name_start:name_end])
        tokens = name.split()
        for actor in self.actors:
            if actor.kind == "person" and actor.name.split()[-len(tokens) :] == tokens:
                return actor, f"'{name}' is {actor.name}, named earlier"
        full_start, full_end = name_start, name_end
        if len(tokens) == 1:  # the full name may be written elsewhere: its first such mention
            pattern = re.compile(r"\b((?:[A-Z][\w’'-]+\s+){1,3})" + re.escape(name) + r"\b")
            for m in pattern.finditer(self.text):
                words = _words(self.text, m.start(), m.end())
                first = split_name(words)
                if first < len(words) - 1:
                    full_start, full_end = words[first][0], m.end()
                    break
        full = self.text[full_start:full_end]
        title, _ = title_before(self.text, full_start)
        apposition = None
        for m in re.finditer(re.escape(full) + "|" + re.escape(full.split()[-1]), self.text):
            apposition = apposition or apposition_after(self.text, m.end())
            # a title before the surname alone may be another's ('President Obama' beside 'Michelle Obama')
            if title is None and (m.group() == full or " " not in full):
                title, _ = title_before(self.text, m.start())
        described = " ".join(x for x in (title, apposition) if x)
        org = organisation_in(described) if described else None
        role = title if not apposition else (f"{title} ({apposition})" if title else apposition)
        said = [f"'{full}' is a person"]
        if title:
            said.append(f"role from the title '{title}'")
        if apposition:
            said.append("from the apposition after the name" if title is None else "and the apposition")
        actor = Actor(
            id=_slug(full),
            name=full,
            kind="person",
            rule="; ".join(said),
            confidence=0.85 if role else 0.7,
            role=role,
            country=country_in(described) if described else None,
            affiliation=org,
            aliases=[full.split()[-1]] if len(full.split()) > 1 else [],
        )
        if len(full.split()) > 2 and actor.aliases:  # 'Hanke Bruins Slot' is 'Bruins Slot' as often as 'Slot'
            actor.aliases.insert(0, " ".join(full.split()[1:]))
        return self.add(actor), f"'{name}' names a person" + ("" if full == name else f", {full} in full")

    def group(self, source: str) -> tuple[Actor, str]:
        words = source.split()
        while words and words[0] in _ARTICLES:
            words = words[1:]
        name = _PLACE_TAIL.sub("", " ".join(words)) or source  # 'spokesperson in Berlin': the place is not the name
        org = organisation_in(name)
        country = country_in(name)
        for actor in self.actors:
            if actor.name.casefold() == name.casefold():
                return actor, f"'{source}' is {actor.name}, as before"
        if org is not None and name in (org.code, org.name, *org.aliases):
            kind, rule = "organisation", f"'{name}' names the organisation {org.code}"
        elif country is not None and len(words) <= 3 and all(w[:1].isupper() for w in words):
            kind, rule = "government", f"'{name}' names a country: its government"
        elif all(w[:1].isupper() for w in words) and (
            words != source.split() or any(w.lower() in ORG_WORDS for w in words)
        ):
            kind, rule = "organisation", f"'{name}': a capitalised name after an article or of an institution"
        else:
            kind, rule = "group", f"'{name}' names no person: a group or unnamed source"
        role_words = [w for w in words if w.lower() in _TITLE_LOWER and w.lower() not in {"of", "the", "and", "for"}]
        role = " ".join(role_words) if kind == "group" and any(w.lower() in ROLE_NOUNS for w in role_words) else None
        if role is not None and " " not in role and role.endswith("s"):  # 'officials' says no more than the name
            role = None
        actor = Actor(_slug(name), name, kind, rule, 0.7, role=role, country=country, affiliation=org)
        return self.add(actor), rule

    def named(self, start: int, end: int) -> tuple[Actor, str]:
        source = self.text[start:end]
        if source.endswith(")") and "(" in source:  # 'Rep. Gregory Meeks (D-N.Y.)': the party is not the name
            end = start + len(source[: source.rindex("(")].rstrip()) or end
        age = _AGE_AFTER.search(source)
        if age and age.start() > 0:  # 'Marie Garnier, 54': the age is not the name
            end = start + age.start()
        words = _words(self.text, start, end)
        first = split_name(words)
        # 'a spokesperson in Berlin': a name after a preposition is a place, not the speaker;
        # 'the Kremlin', 'a Responsible Federal Budget': a name after an article is an institution; so is
        # 'Brookings Institution'
        if (
            first < len(words)
            and not (first > 0 and words[first - 1][2] in _PREPOSITIONS | _ARTICLES)
            and not any(w.lower() in ORG_WORDS for _, _, w in words[first:])
        ):
            name_start = words[first][0]
            if first == 0:  # the source span may cut a name short ('Ryan' of 'Paul D. Ryan')
                before = _words(self.text, max(0, name_start - 60), name_start)
                while before and _is_name_token(before[-1][2]) and not self.text[before[-1][1] : name_start].strip():
                    name_start = before.pop()[0]
            return self.person(name_start, words[-1][1])
        return self.group(self.text[start:end])


def _paragraph_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in re.finditer(r"\n", text)]


def resolve_speakers(text: str, attributions: Sequence[AttributionLike]) -> tuple[list[Actor], list[Speaker | None]]:
    """An actor for each attribution (None where none can be given), and the actors they make."""
    from bisect import bisect_right

    resolver = _Resolver(text)
    speakers: list[Speaker | None] = [None] * len(attributions)
    pronouns: list[int] = []
    for i, a in enumerate(attributions):
        if a.source is None:
            continue
        start, end = a.source
        word = text[start:end].strip().lower()
        if word in PRONOUNS:
            pronouns.append(i)
            continue
        actor, rule = resolver.named(start, end)
        resolver.mentions.append((start, actor.id))
        speakers[i] = Speaker(actor.id, rule, 0.9 if actor.kind == "person" else 0.75)

    # Every later mention of a known speaker's name (outside quotations) is a candidate for a pronoun.
    quoted = [a.content for a in attributions if a.mode == "direct"]
    by_id = {a.id: a for a in resolver.actors}
    for actor in resolver.actors:
        names = {actor.name, *actor.aliases}
        for m in re.finditer("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)), text):
            if not any(s <= m.start() < e for s, e in quoted):
                resolver.mentions.append((m.start(), actor.id))
    resolver.mentions.sort()
    for i in pronouns:
        start, end = attributions[i].source  # type: ignore[misc]
        word = text[start:end].strip().lower()
        fits = ("person",) if PRONOUNS[word] == "person" else ("group", "organisation", "government")
        before = [m for m in resolver.mentions if m[0] < start]
        chosen = next((aid for _, aid in reversed(before) if by_id[aid].kind in fits), None)
        if chosen is not None:
            name = by_id[chosen].name
            speakers[i] = Speaker(chosen, f"'{text[start:end]}': the nearest fitting speaker before it, {name}", 0.75)

    paragraphs = _paragraph_starts(text)
    last_in: dict[int, Speaker] = {}  # paragraph index -> its last resolved speaker
    for i, a in enumerate(attributions):
        paragraph = bisect_right(paragraphs, a.content[0]) - 1
        if speakers[i] is None and a.source is None:
            previous = last_in.get(paragraph) or last_in.get(paragraph - 1)
            if previous is not None:
                name = by_id[previous.actor].name
                where = "the same paragraph" if paragraph in last_in else "the paragraph before"
                speakers[i] = Speaker(
                    previous.actor,
                    f"no source: given to {name}, the last speaker in {where}",
                    0.5,
                    inferred=f"attribution inferred from its position after {name}'s words in {where}; "
                    "the article names no speaker",
                )
        if speakers[i] is not None:
            last_in[paragraph] = speakers[i]  # type: ignore[assignment]
    used = {s.actor for s in speakers if s is not None}
    return [a for a in resolver.actors if a.id in used], speakers
