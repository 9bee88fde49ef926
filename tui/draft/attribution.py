"""Find who is quoted or reported as saying what in a news article, with rules alone.

`find_attributions(text)` returns PARC-style attributions (content, cue, source) as code-point
spans into `text`. Direct quotations come from pairing quotation marks paragraph by paragraph;
reported speech from verbs of saying and "according to". Every span is in bounds; the function
never raises on any string. Conventions (those of the curated dossiers):

- a direct quote's content is the words inside the marks, without a comma that only leads into
  the cue ("…,” he said") but with a sentence's own closing stop ("…as needed.”");
- reported speech's content starts after "that" and ends before the sentence's full stop;
- the source is the words naming the speaker as written ("he", "U.S. officials"), or None.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Literal

from .attribution_parsed import NOMINAL_CUES, load_parser, parsed_reported

Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class Attribution:
    content: Span  # code-point offsets, end exclusive; a direct quote: the words inside the marks
    cue: Span | None  # "said", "told reporters", "according to"
    source: Span | None  # the words naming the speaker as written; None when the text names none
    mode: Literal["direct", "indirect"]
    rule: str  # one line: which rule proposed it
    confidence: float  # 0..1


# --- verbs ---------------------------------------------------------------------------------

# Verbs of saying (speech acts), as news writes them. Each entry: base form, or
# "base|3rd person|past|participle|-ing" for the irregular ones.
_SAYING = """
say|says|said|said|saying  tell|tells|told|told|telling  write|writes|wrote|written|writing
add state warn emphasize emphasise confirm insist note argue claim announce explain declare
report acknowledge admit assert contend suggest tweet reply respond recall predict promise
vow pledge deny stress reiterate maintain allege complain concede conclude observe
testify ask answer repeat caution counter boast joke quip mention indicate reveal disclose
urge propose agree continue demand charge complain describe declare estimate point|points|pointed|pointed|pointing
tweet post lament muse recount retort scoff snap shout yell exclaim whisper sigh chant
""".split()
# Verbs of thought and perception that PARC also counts as attribution cues (lower confidence).
_THINKING = """
believe think|thinks|thought|thought|thinking feel|feels|felt|felt|feeling fear hope expect
know|knows|knew|known|knowing worry|worries|worried|worried|worrying doubt
""".split()


def _forms(entry: str) -> tuple[str, ...]:
    if "|" in entry:
        return tuple(entry.split("|"))
    base = entry
    if base.endswith("e"):
        stem = base[:-1]
        return base, base + "s", stem + "ed", stem + "ed", stem + "ing"
    if base.endswith("y") and base[-2] not in "aeiou":
        return base, base[:-1] + "ies", base[:-1] + "ied", base[:-1] + "ied", base + "ing"
    if base.endswith(("sh", "ch", "ss", "x")):
        return base, base + "es", base + "ed", base + "ed", base + "ing"
    if re.fullmatch(r"[^aeiou]*[aeiou][bdgmnpt]", base):  # one-syllable CVC: "quip" -> "quipped"
        return base, base + "s", base + base[-1] + "ed", base + base[-1] + "ed", base + base[-1] + "ing"
    return base, base + "s", base + "ed", base + "ed", base + "ing"


def _finite(entries: list[str]) -> set[str]:
    out: set[str] = set()
    for entry in entries:
        base, third, past, _participle, _ing = _forms(entry)
        out.update((base, third, past))
    return out


def _gerunds(entries: list[str]) -> set[str]:
    return {_forms(e)[4] for e in entries}


SAYING_FINITE = _finite(_SAYING)
THINKING_FINITE = _finite(_THINKING)
SAYING_GERUNDS = _gerunds(_SAYING)


def _alt(words: set[str]) -> str:
    return "|".join(sorted((re.escape(w) for w in words), key=len, reverse=True))


# A finite verb of saying, with what may sit between subject and verb ("has also said").
_AUX = r"(?:(?:has|have|had|also|later|then|previously|again|once|repeatedly|publicly|would|will|did)\s+){0,3}"
_CUE_TAIL = r"(?:\s+(?:reporters|journalists|the\s+press|(?:the\s+)?[A-Z][\w.&’']*(?:\s+[A-Z][\w.&’']*){0,3}))?"
_SAY_VERB = rf"(?:{_alt(SAYING_FINITE)})"
_THINK_VERB = rf"(?:{_alt(THINKING_FINITE)})"

# --- quotation marks ---------------------------------------------------------------------------

_LETTER = re.compile(r"\w", re.UNICODE)


def _is_letter(ch: str) -> bool:
    return bool(ch) and bool(_LETTER.match(ch))


Mark = tuple[int, str, int]  # position, "o" (opens) or "c" (closes), width in code points


@dataclass(slots=True)
class _Quote:
    open: Mark
    close: Mark
    paragraphs: int = 1

    @property
    def start(self) -> int:  # where the opening mark begins
        return self.open[0]

    @property
    def end(self) -> int:  # just after the closing mark
        return self.close[0] + self.close[2]

    @property
    def inner(self) -> Span:
        return self.open[0] + self.open[2], self.close[0]


def _paragraphs(text: str) -> list[Span]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        if m.start() > start:
            spans.append((start, m.start()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def _double_marks(text: str, start: int, end: int) -> list[Mark]:
    """Double quotation marks in a paragraph: “…”, «…», „…“, "…" and the two-apostrophe ''…''
    of some newspapers' archives. A straight mark closes whatever quotation is open, whatever its
    style (“…" is a common typo), and opens one otherwise."""
    marks: list[Mark] = []
    german_open = False
    i = start
    while i < end:
        ch = text[i]
        width = 2 if text.startswith("''", i) and i + 1 < end else 1
        is_open = bool(marks) and marks[-1][1] == "o"
        if ch == "„":
            marks.append((i, "o", 1))
            german_open = True
        elif ch == "“":
            marks.append((i, "c" if german_open else "o", 1))
            german_open = False
        elif ch in "”»":
            marks.append((i, "c", 1))
            german_open = False
        elif ch == "«":
            marks.append((i, "o", 1))
        elif ch == '"' or width == 2:
            marks.append((i, "c" if is_open else "o", width))
        i += width
    return marks


def _single_marks(text: str, start: int, end: int) -> list[Mark]:
    """Single marks that can only be quotation marks: ‘ at a word's start, ’ or ' at a word's
    end not followed by a letter (never an apostrophe inside a word: "it’s")."""
    marks: list[Mark] = []
    for i in range(start, end):
        ch = text[i]
        if ch not in "‘’'‚":
            continue
        before = text[i - 1] if i > start else ""
        after = text[i + 1] if i + 1 < end else ""
        if ch in "‘‚" and not _is_letter(before) and (_is_letter(after) or after in "“\"'"):
            marks.append((i, "o", 1))
        elif ch in "’'" and not _is_letter(after) and before and not before.isspace():
            marks.append((i, "c", 1))
        elif ch == "'" and not _is_letter(before) and _is_letter(after):
            marks.append((i, "o", 1))
    return marks


def _pair_singles(text: str, marks: list[Mark]) -> list[Mark]:
    """A closing single mark may be an apostrophe ("the voters’ choice"): each opening mark
    keeps one close, the last one after punctuation before the next opening, else the last one."""
    out: list[Mark] = []
    closes: list[Mark] = []

    def settle() -> None:
        if out and out[-1][1] == "o" and closes:
            after_stop = [c for c in closes if text[c[0] - 1] in ",.?!;:…"]
            out.append((after_stop or closes)[-1])
        closes.clear()

    for mark in marks:
        if mark[1] == "o":
            settle()
            out.append(mark)
        elif out and out[-1][1] == "o":
            closes.append(mark)
    settle()
    return out


def _pair(marks: list[Mark]) -> tuple[list[_Quote], Mark | None] | None:
    """Pair top-level marks. Returns (quotes, the mark of a quote left open at the end) or None
    when the marks do not pair (a close with nothing open, or two opens in a row)."""
    quotes: list[_Quote] = []
    open_at: Mark | None = None
    for mark in marks:
        if mark[1] == "o":
            if open_at is not None:
                return None
            open_at = mark
        else:
            if open_at is None:
                return None
            quotes.append(_Quote(open_at, mark))
            open_at = None
    return quotes, open_at


def _direct_quotes(text: str) -> list[_Quote]:
    """Top-level quotations: double marks of any style; single marks where a paragraph has
    no double ones (headlines, British style). A paragraph whose marks do not pair is skipped;
    one that opens a quote and does not close it continues into the next paragraph when that
    paragraph opens again (the news convention for long quotations)."""
    out: list[_Quote] = []
    pending: Mark | None = None  # the opening of a quotation running over paragraphs
    paragraphs = 1
    for p_start, p_end in _paragraphs(text):
        marks = _double_marks(text, p_start, p_end) or _pair_singles(text, _single_marks(text, p_start, p_end))
        if pending is not None:
            reopens = bool(marks) and marks[0][:2] == (_first_nonspace(text, p_start, p_end), "o")
            reopens = reopens and _mark_text(text, marks[0]) == _mark_text(text, pending)  # the same style
            if not reopens:
                pending = None  # it never closed: drop it, read this paragraph afresh
            elif len(marks) == 1:
                paragraphs += 1
                continue
            elif marks[1][1] == "c":
                out.append(_Quote(pending, marks[1], paragraphs + 1))
                pending, marks = None, marks[2:]
            else:
                pending = None
                continue
        result = _pair(marks)
        if result is None:
            continue  # the marks do not pair: skip this paragraph
        quotes, pending = result
        paragraphs = 1
        out.extend(quotes)
    return out


def _mark_text(text: str, mark: Mark) -> str:
    return text[mark[0] : mark[0] + mark[2]]


def _first_nonspace(text: str, start: int, end: int) -> int:
    i = start
    while i < end and text[i].isspace():
        i += 1
    return i


# --- sentences -----------------------------------------------------------------------------

_ABBREV = {
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "col", "lt", "sgt", "st", "jr", "sr", "prof",
    "rev", "hon", "pres", "u.s", "u.k", "u.n", "e.u", "jan", "feb", "mar", "apr", "aug", "sept", "sep",
    "oct", "nov", "dec", "inc", "corp", "co", "ltd", "no", "vs", "etc", "d.c", "calif", "fla", "mass",
    "ariz", "penn", "va", "n.y", "wash", "ill", "mich", "minn", "wis", "ore", "tenn", "ky", "ga", "ala",
}  # fmt: skip
_SENT_END = re.compile(r"[.?!…]+[”\"’')\]]*(?=\s+[“\"‘'(\[]{0,2}[A-Z0-9]|\s*$)|\n")


def _sentence_ends(text: str, start: int, end: int):
    """Matches of _SENT_END in text[start:end] that end a sentence (not "Mr." nor "U.S.")."""
    for m in _SENT_END.finditer(text, start, end):
        if m.group() != "\n":
            word = re.search(r"([\w.]+)\.*$", text[max(start, m.start() - 12) : m.start()])
            w = word.group(1).lower().rstrip(".") if word else ""
            if m.group()[0] == "." and (w in _ABBREV or (len(w) == 1 and w.isalpha())):
                continue
        yield m


def _sentences(text: str, start: int, end: int) -> list[Span]:
    out: list[Span] = []
    s = start
    for m in _sentence_ends(text, start, end):
        e = m.end() if m.group() != "\n" else m.start()
        if e > s:
            out.append((s, e))
        s = m.end()
    if s < end:
        out.append((s, end))
    return [(a, b) for a, b in (_strip(text, a, b) for a, b in out) if b > a]


def _strip(text: str, a: int, b: int) -> Span:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


# --- source noun phrases -------------------------------------------------------------------

_PRONOUN = r"(?:he|she|they|we|I|it|you)"
_NOUN_WORD = r"[\w.’'&-]+"
# A noun phrase naming a speaker: a pronoun, or up to eight words ending in a name or noun.
_SOURCE_NP = rf"(?:\b{_PRONOUN}\b|(?:{_NOUN_WORD}\s+){{0,7}}{_NOUN_WORD})"
_NOT_SOURCE_END = {
    "is", "was", "are", "were", "be", "been", "being", "it", "that", "which", "who", "this", "to", "not",
    "also", "has", "have", "had", "and", "or", "but", "as", "what", "when", "where", "if", "than", "so",
    "there", "would", "will", "could", "should", "can", "may", "might", "must", "do", "does", "did",
}  # fmt: skip
# Nouns that name no one who could speak ("U.S. policy will continue to …"): never a source.
ABSTRACT_NOUNS = frozenset(
    "policy policies strategy strategies approach decision decisions move moves situation stance position".split()
)
_CLAUSE_OPENERS = {
    "and", "but", "that", "while", "because", "as", "when", "after", "before", "since", "though",
    "although", "if", "so", "where", "which", "who", "whom", "then", "yet", "or", "nor",
}  # fmt: skip


def _source_before(text: str, sent_start: int, verb_start: int) -> Span | None:
    """The noun phrase ending right before a verb of saying: back from the verb to the clause
    boundary, over an apposition set off by commas ("Medvedev, a former president, said")."""
    head = text[sent_start:verb_start]
    m = re.search(rf"\s*{_AUX}$", head)
    end = sent_start + (m.start() if m else len(head))
    # apposition or participle clause set off by commas: "Stoltenberg, speaking in Prague, said"
    if text[sent_start:end].rstrip().endswith(","):
        segs = _comma_segments(text, sent_start, end)
        for a, b in reversed(segs[:-1]):
            a, b = _strip(text, a, b)
            words = text[a:b].split()
            if words and (words[0][:1].isupper() or re.fullmatch(_PRONOUN, words[0])) and len(words) <= 6:
                return _trim_source(text, a, b)
        return None
    if re.search(r"\b(?:and|but)\s*$", text[sent_start:end]):
        return _subject(text, sent_start, end)  # "Smith defended the route and said …"
    relative = re.search(r",?\s*\b(?:who|which)\s*$", text[sent_start:end])
    if relative:  # "Smith, who led the talks, said" is handled above; "Smith, who said …"
        return _trim_source(text, *_clause_tail(text, sent_start, sent_start + relative.start()))
    return _trim_source(text, *_clause_tail(text, sent_start, end))


_SUBJECT = re.compile(
    rf"(?:{_PRONOUN}\b|(?:The\s+|A\s+)?(?:[A-Z][\w.’'-]*\s+(?:\([^)]{{1,12}}\)\s+)?|(?:of|for|the)\s+){{0,6}}[A-Z][\w.’'-]*)"
)


def _subject(text: str, start: int, end: int) -> Span | None:
    """The capitalised name or pronoun that opens a sentence: the subject of its later verbs."""
    m = _SUBJECT.match(text, start, end)
    if not m or m.end() == m.start():
        return None
    return _trim_source(text, m.start(), m.end())


def _comma_segments(text: str, start: int, end: int) -> list[Span]:
    segs, s = [], start
    for m in re.finditer(r",", text[start:end]):
        segs.append((s, start + m.start()))
        s = start + m.end()
    segs.append((s, end))
    return segs


def _clause_tail(text: str, start: int, end: int) -> Span:
    """The last clause of text[start:end]: after the last comma, colon, quote mark or clause word."""
    chunk = text[start:end]
    cut = 0
    for m in re.finditer(r"[,;:“”\"«»—–]|\s-\s|''", chunk):
        cut = m.end()
    words = list(re.finditer(r"\S+", chunk[cut:]))
    for w in reversed(words):
        if w.group().lower() in _CLAUSE_OPENERS:
            cut = cut + w.end()
            break
    return _strip(text, start + cut, end)


def _trim_source(text: str, a: int, b: int) -> Span | None:
    a, b = _strip(text, a, b)
    words = list(re.finditer(r"\S+", text[a:b]))
    if not words or len(words) > 10:
        if len(words) > 10:  # too long for a subject: keep the last words that look like a name
            words = words[-4:]
            a = a + words[0].start()
        else:
            return None
    last = words[-1].group().lower().strip(",.")
    if last in _NOT_SOURCE_END or last in ABSTRACT_NOUNS or not re.search(r"\w", last):
        return None
    # leading time or place phrase: "On Friday Smith said", "In Prague Smith said"
    m = re.match(r"(?:(?:on|in|at|last|this|earlier|later)\s+[A-Z]?\w+\s+)(?=[A-Z])", text[a:b])
    if m and len(words) > 2:
        a += m.end()
    return a, b


_NP_AFTER = re.compile(r"\s*((?:[\w.’'&-]+\s+){0,6}[\w.’'&-]+?)(?=[,.;:!?”\"]|\s*$|\s+(?:on|in|at|during|after)\s)")


def _source_after(text: str, start: int, end: int) -> Span | None:
    """The noun phrase right after an inverted cue ("…, said Smith, a spokesman"): up to a comma or stop."""
    m = _NP_AFTER.match(text, start, end)
    if not m or not m.group(1):
        return None
    a, b = _strip(text, m.start(1), m.end(1))
    word = text[a:b].split()[0].lower()
    if word in _NOT_SOURCE_END or word in _CLAUSE_OPENERS:
        return None
    return (a, b) if b > a else None


# --- rules ----------------------------------------------------------------------------------

_TRAIL_LEADIN = ",;:—– "  # punctuation that only leads into a cue, outside the quoted words


def _content_of_quote(text: str, q: _Quote) -> Span:
    a, b = _strip(text, *q.inner)
    while b > a and text[b - 1] in _TRAIL_LEADIN:
        b -= 1
    return a, b


# cue after the closing mark: "…,” he said." / "…,” said Smith." / "…,” Smith told reporters."
# an age set off by commas between a name and its verb: "Lena Okafor, 61, said"
_AGE = r"(?:,\s+\d{1,3},)?"
_AFTER_SRC_VERB = re.compile(rf"^\s*,?\s*(?P<src>{_SOURCE_NP}?){_AGE}\s+{_AUX}(?P<cue>{_SAY_VERB}{_CUE_TAIL})\b")
_AFTER_VERB_SRC = re.compile(rf"^\s*,?\s*(?P<cue>{_SAY_VERB})\s+(?P<rest>.*)", re.DOTALL)
# cue before the opening mark: "Smith said: “…" / "he told reporters, “…" / "Smith said that “…"
_BEFORE = re.compile(rf"{_AUX}(?P<cue>{_SAY_VERB}{_CUE_TAIL})(?:\s+(?:on|in)\s+\w+)?(?:\s+that)?\s*[:,]?\s*$")


@dataclass(slots=True)
class _Cue:
    cue: Span
    source: Span | None
    rule: str
    confidence: float


def _cue_after(text: str, q: _Quote, para_end: int) -> _Cue | None:
    after = q.end
    # the cue clause runs to the next sentence end or quote mark
    stop = next((m.start() for m in _sentence_ends(text, after + 1, para_end)), para_end)
    opening = re.compile(r"[“\"«„]|''").search(text, after, stop)
    stop = opening.start() if opening else stop
    tail = text[after:stop]
    ended = text[q.inner[0] : q.inner[1]].rstrip().endswith(tuple(".?!"))
    if ended and opening and re.search(r"[,:]\s*$", tail):
        return None  # “… kidding.” To which she said, “…”: the cue leads into the next quotation
    m = _AFTER_SRC_VERB.match(tail)
    if m and m.group("src"):
        src = _trim_source(text, after + m.start("src"), after + m.end("src"))
        words = text[after + m.start("src") : after + m.end("src")].split()
        if src and len(words) <= 8:
            return _Cue((after + m.start("cue"), after + m.end("cue")), src, "quote, then “X said”", 0.9)
    m = _AFTER_VERB_SRC.match(tail)
    if m:
        src = _source_after(text, after + m.start("rest"), stop)
        if src:
            return _Cue((after + m.start("cue"), after + m.end("cue")), src, "quote, then “said X”", 0.9)
    m = re.match(r"^\s*,?\s*[Aa]ccording\s+to\s+", tail)
    if m:
        src = _source_after(text, after + m.end(), stop)
        cue = _strip(text, after + m.start(), after + m.end())
        return _Cue(cue, src, "quote, then “according to X”", 0.85)
    return None


def _cue_before(text: str, q: _Quote, sent: Span) -> _Cue | None:
    head_start = sent[0]
    head = text[head_start : q.start]
    m = _BEFORE.search(head)
    if m:
        cue = (head_start + m.start("cue"), head_start + m.end("cue"))
        src = _source_before(text, head_start, head_start + m.start())
        return _Cue(cue, src, "“X said:” before the quote", 0.85)
    m = re.search(r"[Aa]ccording\s+to\s+(?P<src>[^,“\"]+),\s*$", head)
    if m:
        cue = _strip(text, head_start + m.start(), head_start + m.start("src"))
        src = _strip(text, head_start + m.start("src"), head_start + m.end("src"))
        return _Cue(cue, src, "according to X, “…”", 0.85)
    # a verb of saying earlier in the sentence: "Medvedev said that …, and “…”"
    verbs = list(re.finditer(rf"\b(?:{_SAY_VERB}|{_alt(SAYING_GERUNDS)})\b", head))
    for k in range(len(verbs) - 1, -1, -1):
        m = verbs[k]
        if m.group().endswith("ing"):  # "…, saying, “…”": the sentence's subject speaks
            src = _subject(text, head_start, head_start + m.start())
            earlier = [v for v in verbs[:k] if not v.group().endswith("ing")]
            if src is None and earlier:  # "“…,” Smith said, adding, “…”": the one who said it
                src = _source_before(text, head_start, head_start + earlier[-1].start())
        else:
            src = _source_before(text, head_start, head_start + m.start())
        if src:
            return _Cue((head_start + m.start(), head_start + m.end()), src, "quote inside a sentence of saying", 0.7)
    return None


def _sentence_of(sents: list[Span], pos: int) -> Span:
    for s in sents:
        if s[0] <= pos < s[1]:
            return s
    return (pos, pos)


def _direct(text: str, quotes: list[_Quote]) -> list[Attribution]:
    out: list[Attribution] = []
    paragraphs = _paragraphs(text)
    prev: Attribution | None = None
    prev_para: Span | None = None
    for q in quotes:
        content = _content_of_quote(text, q)
        if content[1] <= content[0]:
            continue
        para = next((p for p in paragraphs if p[0] <= q.close[0] < p[1]), (q.start, len(text)))
        open_para = next((p for p in paragraphs if p[0] <= q.start < p[1]), para)
        if _embedded(text, open_para[0], q, para[1]):
            continue  # words quoted inside the article's own sentence: part of reported speech
        sents = _sentences(text, open_para[0], open_para[1])
        sent = _sentence_of(sents, q.start)
        found = _cue_after(text, q, para[1]) or _cue_before(text, q, sent)
        words = len(text[content[0] : content[1]].split())
        if found is None:
            starts = _starts_sentence(text, open_para[0], q.start)
            whole_sentence = starts and words >= 4
            # right after the previous quotation's own cue (“…,” she said. “…”) even a short one continues it
            split = starts and prev is not None and prev.cue is not None and prev.content[1] < prev.cue[0]
            if prev is not None and prev_para == para and (whole_sentence or split):
                # the second part of a quote split by its cue: “…,” he said. “…”
                found = _Cue(prev.cue, prev.source, "quote continued after its cue", 0.85) if prev.cue else None
            elif whole_sentence and words >= 6:
                # a quotation standing alone: the speaker is the one named before it
                out.append(Attribution(content, None, None, "direct", "quotation with no cue", 0.5))
                continue
        if found is None:
            continue
        att = Attribution(content, found.cue, found.source, "direct", found.rule, found.confidence)
        out.append(att)
        prev, prev_para = att, para
    return out


def _embedded(text: str, para_start: int, q: _Quote, para_end: int) -> bool:
    """A quotation inside a sentence of the article's ("he called it “a disaster” and left"),
    not one that is a clause of its own: after a sentence's start, a colon or a comma it stands
    alone; after "and", "but", "that" or a verb of saying ("chanted “What curfew?”") it does when
    it runs to the end of the sentence."""
    before = text[para_start : q.start].rstrip()
    if not before or before[-1] in _CLAUSE_PUNCT:
        return False
    if re.search(r"\b(?:and|but|that)$", before) or _SAID_BEFORE.search(before):
        inner = text[q.inner[0] : q.inner[1]].rstrip()
        after = text[q.end : para_end]
        return not (inner.endswith(tuple(".?!…")) or re.match(r"\s*(?:[.?!…]|$)", after))
    return True


# a verb of saying right before the quotation: the quoted words are what was said ("chanted “…”")
_SAID_BEFORE = re.compile(rf"\b(?:{_SAY_VERB}|{_alt(SAYING_GERUNDS)})$")
_CLAUSE_PUNCT = ".?!:,;—–…”\"’'"


def _starts_sentence(text: str, para_start: int, pos: int) -> bool:
    before = text[para_start:pos].rstrip()
    return not before or before[-1] in '.?!:”"’…'


# reported speech ---------------------------------------------------------------------------

_REPORTED = re.compile(rf"(?<![\w-])(?P<cue>(?P<verb>{_SAY_VERB}|{_THINK_VERB}){_CUE_TAIL})\b")
_NEXT_CUE = re.compile(
    rf",\s+(?:and\s+|but\s+)?(?:{_PRONOUN}|[A-Z][\w.’'-]*(?:\s+[A-Z][\w.’'-]*){{0,3}})\s+{_AUX}{_SAY_VERB}\b"
)
# "that" a few words after the cue starts the content: "told voters in Ohio on Sunday that …"
_THAT_AHEAD = re.compile(r"(?:\s+(?:[^\s,.;:“”\"«»—–()]+|\([^()\n]{1,40}\))){0,8}?\s+that\b")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|yesterday|today|tonight|recently)"
# an occasion right after the cue, before the clause said: "told reporters after the vote the bill …"
_OCCASION = (
    r"(?:after|before|following|during)\s+(?:the|an?|his|her|their|its|this|that|last)\s+(?:[\w-]+\s+)??[\w-]+"
    r"(?=\s*,?\s+(?:that|the|an?|it|he|she|they|we|I|there|his|her|their|its|[A-Z][\w’'-]*)\s)"
)
# what may stand between a cue and its content: a time, a setting, an occasion, a date in brackets
_SETTING = re.compile(
    rf"(?:\s+(?:(?:on|last|this|earlier|late|early|in|at|during)\s+)?{_WEEKDAY}(?:\s+(?:night|morning|afternoon|evening))?"
    r"|\s+(?:in|at|during)\s+(?:an?|the|his|her|their)\s+(?:\w+\s+){0,2}?"
    r"(?:interview|statement|speech|press\s+conference|news\s+conference|email|letter|tweet|post|op-ed|briefing)"
    rf"|\s+{_OCCASION}|\s*\([^()\n]{{1,40}}\))*"
    r"\s*[:,]?"
)


def skip_setting(text: str, start: int, end: int) -> int:
    """Where reported words start once a leading occasion is left out: the parse hangs "after the
    vote" of "told reporters after the vote the bill …" on the clause said; it belongs to neither."""
    m = _OCCASION_FIRST.match(text, start, end)
    return m.end() if m and m.end() < end else start


_OCCASION_FIRST = re.compile(_OCCASION + r"\s*,?\s*")
_INVERTED = re.compile(
    rf",\s+(?:(?P<src1>{_SOURCE_NP})\s+{_AUX}(?P<cue1>{_SAY_VERB}{_CUE_TAIL})|(?P<cue2>{_SAY_VERB})\s+(?P<src2>[^,.;]+?))"
    r"(?P<tail>(?:\s+(?:on|in|at|to|during|after|last|this|before|while)\b[^.,;]{0,60})?(?:\s*,[^.;]{0,100})?)"
    r"[.?!]?\s*$"
)


_FINITE_AUX = re.compile(r"\b(?:would|will|could|should|can|may|might|must|is|was|are|were|has|have|had)\b")


def _reported(text: str, direct: list[Attribution], quoted: list[Span]) -> list[Attribution]:
    """Reported speech, sentence by sentence; never a cue inside quoted words (the speaker's own)."""
    taken = [d.content for d in direct]
    out: list[Attribution] = []
    for p_start, p_end in _paragraphs(text):
        for s_start, s_end in _sentences(text, p_start, p_end):
            found = _reported_in_sentence(text, s_start, s_end, taken)
            out.extend(a for a in found if not _cue_taken(text, a, direct) and not _inside(a.cue, quoted))
    return out


def _content_end(text: str, start: int, end: int) -> int:
    while end > start and (text[end - 1] in ".?!…" or text[end - 1].isspace()):
        end -= 1
    return end


def _reported_in_sentence(text: str, s: int, e: int, taken: list[Span]) -> list[Attribution]:
    sentence = text[s:e]
    found: list[Attribution] = []
    # inverted or trailing cue: "…, officials said." / "…, said Smith." / "…, according to X."
    m = _INVERTED.search(sentence)
    if m:
        content = _strip(text, s, s + m.start())
        if m.group("cue1"):
            cue = (s + m.start("cue1"), s + m.end("cue1"))
            src = _trim_source(text, s + m.start("src1"), s + m.end("src1"))
        else:
            cue = (s + m.start("cue2"), s + m.end("cue2"))
            src = _source_after(text, s + m.start("src2"), s + m.end("src2"))
        tail = m.group("tail").split(",")[0]
        short = len(text[src[0] : src[1]].split()) <= 7 and len(tail.split()) <= 5 if src else False
        clause = src is not None and _FINITE_AUX.search(text, *src)  # "Okafor, 61, said the clinic would …"
        if src and short and not clause and content[1] - content[0] > 10 and not re.search(r"\bthat\b", tail):
            found.append(Attribution(content, cue, src, "indirect", "“…, X said.”", 0.75))
            return _keep(found, taken)
    m = re.search(r",\s+according\s+to\s+(?P<src>[^,.;]+?)(?:,[^.]*)?[.?!]?\s*$", sentence)
    if m:
        content = _strip(text, s, s + m.start())
        cue = _strip(text, s + m.start() + 1, s + m.start("src"))
        src = _strip(text, s + m.start("src"), s + m.end("src"))
        found.append(Attribution(content, cue, src, "indirect", "“…, according to X.”", 0.75))
        return _keep(found, taken)
    m = re.match(r"\s*[Aa]ccording\s+to\s+(?P<src>[^,]+?),\s*", sentence)
    if m:
        content = (s + m.end(), _content_end(text, s + m.end(), e))
        cue = _strip(text, s + m.start(), s + m.start("src"))
        src = _strip(text, s + m.start("src"), s + m.end("src"))
        found.append(Attribution(content, cue, src, "indirect", "“According to X, …”", 0.75))
        return _keep(found, taken)
    # "X said (that) …", "X told reporters …", "X warned on Friday that …"
    last_source: Span | None = None
    participles = list(re.finditer(rf",\s+(?P<cue>{_alt(SAYING_GERUNDS)})\s+that\s+", sentence))
    # a reported clause stops where a participle cue or a direct quotation begins
    stops = [s + p.start() for p in participles] + [a - 1 for a, _b in taken if s < a <= e]
    for m in _REPORTED.finditer(sentence):
        verb_start = s + m.start()
        if any(a <= verb_start < b for a, b in (f.content for f in found)):
            continue  # inside a content already found: attributions do not nest
        before = text[max(s, verb_start - 12) : verb_start].lower()
        if re.search(r"\b(?:is|was|are|were|be|been|being|to)\s+$", before):
            continue  # passive or infinitive: "is said to", "to say"
        if not _verb_here(text, s, verb_start, m.group("verb")):
            continue
        src = _source_before(text, s, verb_start)
        if src is None:
            continue
        start = s + m.end()
        that = _THAT_AHEAD.match(text, start, e)
        thinking = m.group("verb") in THINKING_FINITE
        if that:
            start = that.end()
        elif thinking:
            continue
        else:
            start = _SETTING.match(text, start, e).end()
        end = _content_end(text, start, e)
        # a following clause with its own cue ends this content: "…, and she added that …"
        nxt = _NEXT_CUE.search(text, start, end)
        if nxt:
            end = nxt.start()
        end = min([end] + [x for x in stops if x > start])
        end = start + len(re.sub(r"(?:[\s,;:—–]+(?:and|but)?)+$", "", text[start:end]))
        content = _strip(text, start, end)
        if content[1] - content[0] < 8:
            continue
        cue = (verb_start, s + m.end("cue"))
        rule = "“X thinks that …”" if thinking else ("“X said that …”" if that else "“X said …”")
        found.append(Attribution(content, cue, src, "indirect", rule, 0.55 if thinking else 0.7))
        last_source = src
    # participle cue: "…, warning that …" takes the sentence's speaker
    for m in participles:
        content = (s + m.end(), _content_end(text, s + m.end(), e))
        if content[1] - content[0] >= 8:
            cue = (s + m.start("cue"), s + m.end("cue"))
            found.append(Attribution(content, cue, last_source, "indirect", "“…, saying that …”", 0.6))
    return _keep(found, taken)


def _inside(span: Span | None, spans: list[Span]) -> bool:
    return span is not None and any(a <= span[0] and span[1] <= b for a, b in spans)


_BASES = {_forms(e)[0] for e in _SAYING + _THINKING}
_DETERMINERS = set(
    "the a an his her their its our my your this that these those news media recent new some many several no any "
    "such of in for".split()
)
# words after which a base form ("say", "claim") is a verb: plural subjects, auxiliaries
_BEFORE_BASE = set(
    "i we they you do did will would could can may might should must also to not often still people police women "
    "men".split()
)


def _verb_here(text: str, start: int, verb_start: int, verb: str) -> bool:
    """Whether a word that may be a verb of saying is one here: a base form ("report", "claim")
    only after a plural subject or an auxiliary; a form that may be a noun ("reports") not right
    after a determiner ("the reports")."""
    words = text[max(start, verb_start - 40) : verb_start].split()
    prev = words[-1].lower() if words else ""
    nounlike = verb.lower() in _BASES or verb.endswith("s")
    if nounlike and (prev in _DETERMINERS or prev.isdigit()):
        return False
    if verb.lower() in _BASES:
        return prev in _BEFORE_BASE or (prev.endswith("s") and prev[:1].isalpha())
    return True


def _keep(found: list[Attribution], taken: list[Span]) -> list[Attribution]:
    """Drop reported speech whose content is mostly a direct quotation already found."""
    kept = []
    for att in found:
        a, b = att.content
        if b <= a:
            continue
        covered = sum(max(0, min(b, tb) - max(a, ta)) for ta, tb in taken)
        if covered * 2 < b - a:
            kept.append(att)
    return kept


def find_attributions(text: str, *, parser: Literal["auto", "rules"] = "auto") -> list[Attribution]:
    """Every attribution found in `text`, sorted by where its content starts. Direct quotations
    come from the rules; reported speech from the dependency parse when the `draft` extra is
    installed (parser="auto"), else from the rules."""
    if not isinstance(text, str) or not text:
        return []
    quotes = _direct_quotes(text)
    direct = _direct(text, quotes)
    quoted = [q.inner for q in quotes]
    nlp = load_parser() if parser == "auto" else None
    if nlp is not None:
        reported = _unnested(text, _admissible(text, parsed_reported(text, nlp), direct, quoted))
        reported += [a for a in _reported(text, direct, quoted) if not _overlaps_any(a, reported)]
    else:
        reported = _reported(text, direct, quoted)
    out = [a for a in direct + reported if _valid(a, len(text))]
    out.sort(key=lambda a: (a.content[0], a.content[1]))
    return out


def _admissible(
    text: str, found: list[Attribution], direct: list[Attribution], quoted: list[Span]
) -> list[Attribution]:
    """Reported speech that is not a direct quotation found already, nor said inside quoted words."""
    found = [_clip(text, a, direct) for a in found if not _inside(a.cue, quoted)]
    return _keep([a for a in found if not _cue_taken(text, a, direct)], [d.content for d in direct])


def _cue_taken(text: str, att: Attribution, direct: list[Attribution]) -> bool:
    """Whether a direct quotation already has this cue, and is not one that follows a clause
    of reported words ("said that …, and “…”" has both)."""
    a, b = att.content
    clause = len(text[a:b].split()) >= 4 and att.cue is not None and att.cue[1] <= a
    return any(d.cue == att.cue and (d.content[0] < b or not clause) for d in direct)


def _clip(text: str, att: Attribution, direct: list[Attribution]) -> Attribution:
    """Reported speech ends where a direct quotation inside it begins: "said that …, and “…”"
    gives the reported part and the quotation, each once."""
    a, b = att.content
    starts = [d.content[0] for d in direct if a < d.content[0] <= b]
    if not starts:
        return att
    head = re.sub(r"(?:[\s,;:—–“\"'«„‘]+(?:and|but)?)+$", "", text[a : min(starts)])
    end = a + len(head)
    return replace(att, content=(a, end)) if end > a else att


def _overlaps_any(att: Attribution, others: list[Attribution]) -> bool:
    """Whether another proposal has the same cue or shares content with this one: the rules
    fill in only where the parse proposed nothing."""
    a, b = att.content
    return any(o.cue == att.cue or (o.content[0] < b and a < o.content[1]) for o in others)


def _unnested(text: str, found: list[Attribution]) -> list[Attribution]:
    """PARC attributions do not nest. Where a cue lies inside another's content, that content ends
    before the inner attribution begins ("X said A and said B": A, then B); when nothing of it
    would be left ("X rejected Y's warning that B"), the inner one stands alone."""
    kept: list[Attribution] = []
    for att in sorted(found, key=lambda a: a.content[0] - a.content[1]):
        outer = next((k for k in kept if att.cue is not None and k.content[0] <= att.cue[0] < k.content[1]), None)
        if outer is not None and not _stands_alone(text, att, outer):
            continue
        if outer is not None:
            begins = min(x[0] for x in (att.cue, att.source) if x is not None and x[0] >= outer.content[0])
            head = re.sub(r"(?:[\s,;:—–(]+|\b(?:and|but|or|while|as|that)\b)+$", "", text[outer.content[0] : begins])
            kept.remove(outer)
            if len(head.split()) >= 3:
                kept.append(replace(outer, content=(outer.content[0], outer.content[0] + len(head))))
        kept.append(att)
    return kept


def _stands_alone(text: str, inner: Attribution, outer: Attribution) -> bool:
    """Whether a cue inside another's content starts an attribution of its own: the same speaker
    again ("X said A and said B", "…, adding that B") or a noun of saying with its speaker
    ("X rejected Y's warning that B"); not speech reported inside the words ("X said Y said B")."""
    if inner.cue is None:
        return False
    verb = text[inner.cue[0] : inner.cue[1]].lower()
    if verb in NOMINAL_CUES:
        return inner.source is not None
    if verb in SAYING_GERUNDS:  # a participle clause of its own: "…, adding that B", not "by adding"
        return bool(re.search(r"[,;—–]\s*$", text[outer.content[0] : inner.cue[0]]))
    return verb in SAYING_FINITE and inner.source is not None and inner.source[0] < outer.content[0]


def _valid(att: Attribution, n: int) -> bool:
    spans = [att.content] + [s for s in (att.cue, att.source) if s is not None]
    return all(0 <= a < b <= n for a, b in spans)
