"""Inverted indexes, so a filter or a search on a corpus of tens of thousands
of statements takes milliseconds rather than a scan (layer 3)."""

from __future__ import annotations

import bisect
import re
from collections import defaultdict
from collections.abc import Iterable

_WORD = re.compile(r"\w+")


def tokens(text: str) -> set[str]:
    """The words of a text, case-folded: what a search matches by prefix."""
    return set(_WORD.findall(text.casefold()))


def query_words(text: str) -> list[str]:
    return _WORD.findall(text.casefold())


# Postings are kept as lists, not sets: a list takes a third of the memory, and on 100,000 statements
# appending to lists is much faster than adding to large sets. Queries make sets of what they find.


class Postings:
    """key -> ids, with set operations; ids are strings."""

    def __init__(self) -> None:
        self._by_key: dict[str, list[str]] = defaultdict(list)

    def add(self, key: str, ident: str) -> None:
        self._by_key[key].append(ident)

    def any_of(self, keys: Iterable[str]) -> set[str]:
        by_key = self._by_key
        if isinstance(keys, set | frozenset | dict) and len(keys) > len(by_key):
            keys = [key for key in by_key if key in keys]  # fewer to look at this way round
        out: set[str] = set()
        for key in keys:
            if (found := by_key.get(key)) is not None:  # get(), not [], which would add the key
                out.update(found)
        return out


class TokenIndex:
    """Word -> ids, answering 'every query word is the start of some word of the document'."""

    def __init__(self) -> None:
        self._postings: dict[str, list[str]] = defaultdict(list)
        self._sorted: list[str] | None = None

    def add(self, ident: str, text: str) -> None:
        """Index `text` under `ident` (once for each `ident`)."""
        postings = self._postings
        for token in tokens(text):
            postings[token].append(ident)
        self._sorted = None

    def _prefixed(self, prefix: str) -> set[str]:
        if self._sorted is None:
            self._sorted = sorted(self._postings)
        words = self._sorted
        out: set[str] = set()
        for i in range(bisect.bisect_left(words, prefix), len(words)):
            if not words[i].startswith(prefix):
                break
            out.update(self._postings[words[i]])
        return out

    def search(self, text: str) -> set[str] | None:
        """Ids whose text has every word of `text` as a word prefix; None when `text` has no words."""
        words = query_words(text)
        if not words:
            return None
        result: set[str] | None = None
        for word in sorted(words, key=len, reverse=True):  # the longest word is usually the rarest
            found = self._prefixed(word)
            result = found if result is None else result & found
            if not result:
                return set()
        return result
