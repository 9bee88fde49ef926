"""Spans of the article's text worked out by the tool, never typed: W3C selectors with exact offsets
(code points, end exclusive), `exact`, and `prefix`/`suffix` where the words occur more than once;
selections snapped to whole words; cursor motion by word and sentence."""

from __future__ import annotations

import re
from typing import Any

# A word: letters or digits, joined by an apostrophe, hyphen or dot inside (Ukraine’s, long-range,
# U.S); an abbreviation keeps its last dot (U.S., e.g.).
WORD = re.compile(r"\w+(?:[’'\-.]\w+)*(?:(?<=\.\w)\.)?")
CONTEXT = 20  # characters of prefix/suffix, as in the bundled dossier
ABBREVIATIONS = frozenset({"mr", "mrs", "ms", "dr", "st", "gen", "sen", "rep", "gov", "lt", "col", "jr", "sr", "no"})
OPENING = "“‘\"'(«"
CLOSING = "”’\"')»"


def words(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    return [m.span() for m in WORD.finditer(text, start, len(text) if end is None else end)]


def make_span(text: str, start: int, end: int) -> dict[str, Any]:
    """The span of text[start:end] with white space trimmed; prefix and suffix added when the same words
    occur elsewhere, long enough to tell this place from the others."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if not 0 <= start < end <= len(text):
        raise ValueError(f"no text at {start}..{end}")
    exact = text[start:end]
    span: dict[str, Any] = {"start": start, "end": end, "exact": exact}
    if text.find(exact) != start or text.find(exact, start + 1) != -1:
        span.update(_context(text, start, end))
    return span


def _context(text: str, start: int, end: int) -> dict[str, str]:
    exact = text[start:end]
    others = [m.start() for m in re.finditer(re.escape(exact), text) if m.start() != start]
    width = CONTEXT
    while True:
        prefix, suffix = text[max(0, start - width) : start], text[end : end + width]
        clash = any(text.endswith(prefix, 0, o) and text.startswith(suffix, o + len(exact)) for o in others)
        if not clash or (start - width <= 0 and end + width >= len(text)):
            return {"prefix": prefix, "suffix": suffix}
        width *= 2


def snap(text: str, start: int, end: int) -> tuple[int, int]:
    """[start, end) widened to whole words: from the start of the word at or after `start` to the end of
    the word at or before `end`; a selection with no word in it stays empty (start == end)."""
    lo, hi = min(start, end), max(start, end)
    inside = words(text, _word_start(text, lo), _word_end(text, hi))
    inside = [(a, b) for a, b in inside if b > lo and a < max(hi, lo + 1)]
    if not inside:
        return lo, lo
    return inside[0][0], inside[-1][1]


def _word_start(text: str, pos: int) -> int:
    while pos > 0 and not text[pos - 1].isspace():
        pos -= 1
    return pos


def _word_end(text: str, pos: int) -> int:
    while pos < len(text) and not text[pos].isspace():
        pos += 1
    return pos


def next_word(text: str, pos: int) -> int:
    """The start of the next word after `pos` (the end of the text after the last)."""
    return next((m.start() for m in WORD.finditer(text, pos) if m.start() > pos), len(text))


def previous_word(text: str, pos: int) -> int:
    """The start of the word before `pos` (or of the word `pos` is inside)."""
    before = [a for a, _ in words(text, max(0, pos - 200), pos) if a < pos]
    if before:
        return before[-1]
    found = [a for a, _ in words(text, 0, pos) if a < pos]
    return found[-1] if found else 0


def grow(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection with the next word added at its end."""
    after = WORD.search(text, end)
    return (start, after.end()) if after else (start, end)


def shrink(text: str, start: int, end: int) -> tuple[int, int]:
    """The selection without its last word (never fewer than one word)."""
    inside = words(text, start, end)
    return (start, inside[-2][1]) if len(inside) > 1 else (start, end)


_SENTENCE_END = re.compile(r"(?<=[.!?])[”’\"')\]]*\s+|\n+")


def sentence_starts(text: str) -> list[int]:
    """Where each sentence begins: after . ! ? (and closing quotes) and white space, or a line break;
    not after an abbreviation (Mr., U.S.) followed by a capital-led name."""
    starts = [0]
    for m in _SENTENCE_END.finditer(text):
        if m.end() >= len(text):
            break
        if "\n" not in m.group() and _abbreviation_before(text, m.start()):
            continue
        starts.append(m.end())
    return starts


def _abbreviation_before(text: str, dot_end: int) -> bool:
    found = list(WORD.finditer(text, max(0, dot_end - 12), dot_end))
    word = found[-1] if found else None
    if word is None or word.end() < dot_end - 1:
        return False
    token = word.group().rstrip(".")
    return "." in token or token.lower() in ABBREVIATIONS


def next_sentence(text: str, pos: int) -> int:
    return next((s for s in sentence_starts(text) if s > pos), len(text))


def previous_sentence(text: str, pos: int) -> int:
    before = [s for s in sentence_starts(text) if s < pos]
    return before[-1] if before else 0


def sentence_around(text: str, pos: int) -> tuple[int, int]:
    starts = sentence_starts(text)
    start = max((s for s in starts if s <= pos), default=0)
    end = next((s for s in starts if s > pos), len(text))
    return start, end


def strip_quotes(text: str, start: int, end: int) -> tuple[int, int]:
    """A selection that took in the quotation marks around a quote (and the comma before the closing
    one) without them: the content of a direct statement is the words inside."""
    while start < end and (text[start] in OPENING or text[start].isspace()):
        start += 1
    while end > start and (text[end - 1] in CLOSING or text[end - 1] in ",;:" or text[end - 1].isspace()):
        end -= 1
    return start, end


class Cursor:
    """A cursor in the text and, once `v` starts one, a selection from its anchor to the cursor, snapped
    to whole words. Keys of the source view map to these moves (no Textual here)."""

    def __init__(self, text: str, pos: int = 0) -> None:
        self.text = text
        self.pos = max(0, min(pos, len(text) - 1))
        self.anchor: int | None = None

    def move(self, how: str) -> None:
        text, pos = self.text, self.pos
        moves = {
            "left": lambda: max(0, pos - 1),
            "right": lambda: min(len(text) - 1, pos + 1),
            "word": lambda: min(len(text) - 1, next_word(text, pos)),
            "back": lambda: previous_word(text, pos),
            "sentence": lambda: min(len(text) - 1, next_sentence(text, pos)),
            "sentence_back": lambda: previous_sentence(text, pos),
            "line": lambda: _next_line(text, pos),
            "line_back": lambda: _previous_line(text, pos),
        }
        self.pos = moves[how]()

    def toggle(self) -> None:
        """`v`: start a selection at the cursor, or drop the one there is."""
        self.anchor = self.pos if self.anchor is None else None

    def selection(self) -> tuple[int, int] | None:
        """The selection snapped to words, or None (none started, or no word in it)."""
        if self.anchor is None:
            return None
        start, end = snap(self.text, min(self.anchor, self.pos), max(self.anchor, self.pos) + 1)
        return (start, end) if start < end else None

    def grow(self) -> None:
        span = self.selection() or (self.pos, self.pos)
        start, end = grow(self.text, *span)
        self.anchor, self.pos = start, max(start, end - 1)

    def shrink(self) -> None:
        span = self.selection()
        if span is not None:
            start, end = shrink(self.text, *span)
            self.anchor, self.pos = start, max(start, end - 1)


def _next_line(text: str, pos: int) -> int:
    """The start of the next line with text (blank lines between paragraphs are not shown)."""
    at = text.find("\n", pos)
    while 0 <= at and at + 1 < len(text) and text[at + 1] == "\n":
        at += 1
    return pos if at < 0 or at + 1 >= len(text) else at + 1


def _previous_line(text: str, pos: int) -> int:
    """The start of the previous line with text."""
    start = text.rfind("\n", 0, pos)
    while start > 0 and text[start - 1] == "\n":
        start -= 1
    if start < 0:
        return 0
    return text.rfind("\n", 0, start) + 1
