"""Reading and checking a dossier (layer 2). Returns problems; never raises on bad data."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from .dates import GRANULARITY, month_day_named, parse_edtf, weekday_named
from .model import Dossier, Span
from .reading import (
    BIDI,
    DEFAULT_MAX_BYTES,
    INVISIBLE,
    SEPARATORS,
    SPAN_TEXT_KEYS,
    SUSPECT,
    ZERO_WIDTH,
    Problem,
    no_gc,
    not_an_object,
    read_json,
)

MAX_REPORTED = 50


@dataclass
class Result:
    """What reading a file gave: a dossier when it is valid, and every problem found."""

    dossier: Dossier | None
    problems: list[Problem]
    unreadable: bool = False  # not readable, not UTF-8 or not JSON: exit 2 rather than 1

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.level == "error"]

    @property
    def exit_code(self) -> int:
        return 2 if self.unreadable else (1 if self.errors else 0)


def read_dossier(path: Path | str, max_bytes: int = DEFAULT_MAX_BYTES, regular_only: bool = False) -> Result:
    """Read, parse and check one file (only a regular one with `regular_only`, for a folder's files)."""
    data, problem, raw, clean = read_json(path, max_bytes, regular_only)
    if problem:
        return Result(None, [problem], unreadable=True)
    with no_gc():
        return check(data, raw, strings_clean=clean)


def check(data: Any, raw: bytes | None = None, strings_clean: bool = False) -> Result:
    """Check parsed JSON against the schema and every rule of docs/format.md; `raw`, where given, is the
    JSON `data` was parsed from (it saves encoding it again); `strings_clean`, that the parser found
    no string that could have a problem (it saves walking them all again)."""
    if (problem := not_an_object(data)) is not None:
        return Result(None, [problem])
    problems = [] if strings_clean else list(_string_problems(data, "$"))
    try:
        # Strict JSON mode, as data/schema.json reads: "77" is not an integer, true not a number,
        # "2024-05-28T00:00" not a date (lax mode would convert each silently).
        if raw is None:
            # ASCII, so a lone surrogate (which JSON's \ud800 escapes can give) is refused by the
            # parser as in a file, rather than failing to encode.
            raw = json.dumps(data, default=str).encode("ascii")
        dossier = Dossier.model_validate_json(raw, strict=True)
    except ValidationError as exc:
        problems += _schema_problems(exc)
        return Result(None, _capped(problems))
    except RecursionError:
        return Result(None, [Problem("$", "nested too deeply to check")])
    problems += rules(dossier)
    errors = any(p.level == "error" for p in problems)
    return Result(None if errors else dossier, _capped(problems))


def _capped(problems: list[Problem]) -> list[Problem]:
    """At most MAX_REPORTED errors and as many warnings, in their order; what is left out is counted
    apart, so no number of warnings can push an error out of the report (nor out of the exit status)."""
    kept: list[Problem] = []
    counts = {"error": 0, "warning": 0}
    for problem in problems:
        counts[problem.level] += 1
        if counts[problem.level] <= MAX_REPORTED:
            kept.append(problem)
    left = [(level, n - MAX_REPORTED) for level, n in counts.items() if n > MAX_REPORTED]
    return kept + [Problem("$", f"… and {n} more {level}s", level) for level, n in left]


def json_path(loc: tuple[int | str, ...]) -> str:
    out = "$"
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            out += f".{part}"
        else:
            out += f"[{json.dumps(part)}]"
    return out


def _schema_problems(exc: ValidationError) -> list[Problem]:
    out = []
    for err in exc.errors(include_url=False, include_input=False):
        loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
        message = err["msg"]
        if err["type"] == "extra_forbidden":
            message = "unknown field"
        elif err["type"] == "missing":
            message = "required field is missing"
        out.append(Problem(json_path(loc), _printable(message)))
    return out


_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")
_CONTROL_BUT_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_BIDI_RE = re.compile(f"[{BIDI}]")
_ZERO_WIDTH_RE = re.compile(f"[{ZERO_WIDTH}]")
_SURROGATE = re.compile("[\ud800-\udfff]")
_INVISIBLE_RE = re.compile(f"[{INVISIBLE}]")
_SEPARATOR_RE = re.compile(f"[{SEPARATORS}]")


def _string_problems(value: Any, path: str) -> Iterator[Problem]:
    """Walk every string; refuse control characters, warn of bidi controls. One regex search per
    string; locations are linked pairs, spelled out as paths only for a string with a problem."""
    stack: list[tuple[Any, Any]] = [(value, None)]
    pop, push = stack.pop, stack.append
    while stack:
        item, loc = pop()
        if type(item) is str:
            if SUSPECT.search(item):
                yield from _suspect_string(item, _unlink(loc))
        elif type(item) is dict:
            for key, sub in item.items():
                if type(sub) is not int:
                    push((sub, (loc, key)))
        elif type(item) is list:
            for i, sub in enumerate(item):
                push((sub, (loc, i)))


def _unlink(loc: Any) -> tuple[int | str, ...]:
    parts = []
    while loc is not None:
        loc, key = loc
        parts.append(key)
    return tuple(reversed(parts))


def _suspect_string(item: str, loc: tuple[int | str, ...]) -> Iterator[Problem]:
    # Line breaks and tabs belong in the text and in what is quoted from it, nowhere else.
    lines_allowed = loc == ("source", "text") or (bool(loc) and loc[-1] in SPAN_TEXT_KEYS)
    bad = (_CONTROL_BUT_LINES if lines_allowed else _CONTROL).search(item)
    if bad is not None:
        yield Problem(json_path(loc), f"contains control character U+{ord(bad.group()):04X}")
    if (half := _SURROGATE.search(item)) is not None:  # from a \ud800 escape: not Unicode text
        yield Problem(json_path(loc), f"contains a lone surrogate U+{ord(half.group()):04X}, which is not a character")
    if _BIDI_RE.search(item):
        yield Problem(
            json_path(loc), "contains a bidirectional control character, which can reorder what is shown", "warning"
        )
    elif _ZERO_WIDTH_RE.search(item):
        yield Problem(json_path(loc), "contains a zero-width character", "warning")
    if (hidden := _INVISIBLE_RE.search(item)) is not None:
        what = "a Unicode tag character" if hidden.group() >= "\U000e0000" else "an invisible filler"
        yield Problem(
            json_path(loc), f"contains {what} (U+{ord(hidden.group()):04X}), which shows as nothing", "warning"
        )
    if not lines_allowed and (sep := _SEPARATOR_RE.search(item)) is not None:
        yield Problem(json_path(loc), f"contains a line or paragraph separator (U+{ord(sep.group()):04X})", "warning")


def _printable(text: str) -> str:
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


def rules(d: Dossier) -> list[Problem]:
    """The cross-field rules of docs/format.md, on a dossier that matches the schema."""
    return [
        *_id_rules(d),
        *_source_rules(d),
        *_actor_rules(d),
        *_reference_rules(d),
        *_span_rules(d),
        *_stance_rules(d),
        *_date_rules(d),
        *_version_rules(d),
        *_review_count(d),
    ]


def _id_rules(d: Dossier) -> Iterator[Problem]:
    groups = {
        "organisations": [o.code for o in d.organisations],
        "actors": [a.id for a in d.actors],
        "statements": [s.id for s in d.statements],
        "events": [e.id for e in d.events],
        "issues": [i.id for i in d.issues],
        "figures": [f.id for f in d.figures],
        "notes": [n.id for n in d.notes],
    }
    for name, ids in groups.items():
        counts = Counter(ids)
        for index, ident in enumerate(ids):
            if counts[ident] > 1 and ids.index(ident) != index:
                yield Problem(f"$.{name}[{index}]", f"duplicate id {ident!r}")
    for index, issue in enumerate(d.issues):
        codes = [p.code for p in issue.positions]
        for j, code in enumerate(codes):
            if codes.index(code) != j:
                yield Problem(f"$.issues[{index}].positions[{j}].code", f"duplicate position {code!r}")
    seen: set[tuple[str, str]] = set()  # a set, not pairs.index: 60,000 stances took 32 s that way
    for index, st in enumerate(d.stances):
        if (st.actor, st.issue) in seen:
            yield Problem(f"$.stances[{index}]", f"second stance of {st.actor!r} on {st.issue!r}")
        seen.add((st.actor, st.issue))


def _source_rules(d: Dossier) -> Iterator[Problem]:
    digest = hashlib.sha256(d.source.text.encode("utf-8")).hexdigest()
    if digest != d.source.text_sha256:
        yield Problem("$.source.text_sha256", f"does not match the text (its SHA-256 is {digest})")


def _actor_rules(d: Dossier) -> Iterator[Problem]:
    import pycountry  # deferred: only validation needs the ISO tables

    orgs = {o.code for o in d.organisations}
    actors = {a.id for a in d.actors}
    for index, actor in enumerate(d.actors):
        where = f"$.actors[{index}]"
        country = pycountry.countries.get(alpha_2=actor.country) if actor.country is not None else None
        if actor.country is not None and (country is None or country.alpha_2 != actor.country):  # 'us' is not 'US'
            yield Problem(f"{where}.country", f"{actor.country!r} is not an ISO 3166-1 alpha-2 country code")
        if actor.affiliation is not None and actor.affiliation not in orgs:
            yield Problem(f"{where}.affiliation", f"{actor.affiliation!r} is not a declared organisation")
        # A draft may not know them yet (the article may not say): a warning for the curator, not an error.
        level = "warning" if actor.review == "draft" else "error"
        if actor.country is None and actor.affiliation is None:
            yield Problem(where, "has neither a country nor an affiliation with a declared organisation", level)
        if actor.kind == "person" and not actor.role:
            yield Problem(f"{where}.role", "a person needs a role", level)
        if actor.speaks_for is not None and (actor.speaks_for not in actors or actor.speaks_for == actor.id):
            yield Problem(f"{where}.speaks_for", f"{actor.speaks_for!r} is not another actor")
    speaks_for = {a.id: a.speaks_for for a in d.actors if a.speaks_for in actors and a.speaks_for != a.id}
    for index, actor in enumerate(d.actors):
        if (loop := _cycle(actor.id, speaks_for)) is not None:
            yield Problem(f"$.actors[{index}].speaks_for", f"speaks for itself in a circle: {' → '.join(loop)}")


def _cycle(start: str, link: dict[str, str | None]) -> list[str] | None:
    """The circle that following `link` from `start` comes back to `start` by, if it does."""
    path, seen, at = [start], {start}, link.get(start)
    while at is not None and at not in seen:
        path.append(at)
        seen.add(at)
        at = link.get(at)
    return [*path, start] if at == start else None


def _reference_rules(d: Dossier) -> Iterator[Problem]:
    actors = {a.id for a in d.actors}
    statements = {s.id for s in d.statements}
    events = {e.id for e in d.events}
    issues = {i.id for i in d.issues}
    anything = actors | statements | events | issues | {f.id for f in d.figures}
    citable = statements | events  # once, not for each stance: 60,000 stances made that quadratic

    def missing(ids: list[str] | str | None, known: set[str], where: tuple[str, int, str], kind: str) -> list[Problem]:
        """Problems for ids not `known`; the path (`where`: list, index, field) is spelled out only for
        those, as nearly every reference is sound."""
        if isinstance(ids, str):
            return [] if ids in known else [Problem("$.{}[{}].{}".format(*where), f"no {kind} has id {ids!r}")]
        if not ids or known.issuperset(ids):
            return []
        path = "$.{}[{}].{}".format(*where)
        return [Problem(f"{path}[{n}]", f"no {kind} has id {x!r}") for n, x in enumerate(ids) if x not in known]

    for i, s in enumerate(d.statements):
        yield from missing(s.actor, actors, ("statements", i, "actor"), "actor")
        yield from missing(s.when, events, ("statements", i, "when"), "event")
        yield from missing(s.issues, issues, ("statements", i, "issues"), "issue")
    for i, e in enumerate(d.events):
        yield from missing(e.actors, actors, ("events", i, "actors"), "actor")
        yield from missing(e.evidence, statements, ("events", i, "evidence"), "statement")
        anchor = e.when.anchor
        if anchor not in ("reference_date", "explicit") and (anchor not in events or anchor == e.id):
            yield Problem(
                f"$.events[{i}].when.anchor", f"{anchor!r} is not 'reference_date', 'explicit' or another event"
            )
    anchors = {e.id: e.when.anchor for e in d.events if e.when.anchor in events and e.when.anchor != e.id}
    for i, e in enumerate(d.events):
        if (loop := _cycle(e.id, anchors)) is not None:
            yield Problem(f"$.events[{i}].when.anchor", f"is anchored on itself in a circle: {' → '.join(loop)}")
    for i, st in enumerate(d.stances):
        yield from missing(st.actor, actors, ("stances", i, "actor"), "actor")
        yield from missing(st.issue, issues, ("stances", i, "issue"), "issue")
        yield from missing(st.evidence, citable, ("stances", i, "evidence"), "statement or event")
    for i, n in enumerate(d.notes):
        yield from missing(n.about, anything, ("notes", i, "about"), "actor, statement, event, issue or figure")


def spans_of(d: Dossier) -> Iterator[tuple[str, Span]]:
    """Every anchored span with its JSON path."""
    for i, s in enumerate(d.statements):
        yield f"$.statements[{i}].content", s.content
        if s.cue:
            yield f"$.statements[{i}].cue", s.cue
        if s.source:
            yield f"$.statements[{i}].source", s.source
    for i, e in enumerate(d.events):
        if e.when.phrase:
            yield f"$.events[{i}].when.phrase", e.when.phrase
    for i, f in enumerate(d.figures):
        yield f"$.figures[{i}].span", f.span
    for i, n in enumerate(d.notes):
        if n.span:
            yield f"$.notes[{i}].span", n.span


def _span_rules(d: Dossier) -> Iterator[Problem]:
    text = d.source.text
    unanchored: list[tuple[str, Span]] = []  # found, with neither prefix nor suffix: is it ambiguous?
    for path, span in spans_of(d):
        found = list(check_span(text, span, path, ambiguity=False))
        yield from found
        if not found and span.prefix is None and span.suffix is None:
            unanchored.append((path, span))
    times = occurrences(text, [span for _, span in unanchored])
    for (path, span), n in zip(unanchored, times, strict=True):
        if n > 1:
            yield Problem(path, f"{_clip(span.exact)!r} occurs {n} times; give a prefix or suffix")
    for i, s in enumerate(d.statements):
        if s.mode == "direct" and not inside_quotes(text, s.content.start, s.content.end):
            yield Problem(
                f"$.statements[{i}].content", "a direct statement should sit inside quotation marks", "warning"
            )


def check_span(text: str, span: Span, path: str, ambiguity: bool = True) -> Iterator[Problem]:
    """The problems of one span; `ambiguity`: also whether its text repeats (alone, O(len(text)) per
    span: `_span_rules` works that out for all spans at once instead)."""
    if not 0 <= span.start < span.end <= len(text):
        yield Problem(path, f"span {span.start}..{span.end} is outside the text (0..{len(text)})")
        return
    found = text[span.start : span.end]
    if found != span.exact:
        if found[:20] == span.exact[:20]:  # same start: the ends tell where it is off
            where = f"ends …{found[-25:]!r}, but exact ends …{span.exact[-25:]!r}"
        else:
            where = f"is {_clip(found)!r}, not {_clip(span.exact)!r}"
        yield Problem(f"{path}.exact", f"text at {span.start}..{span.end} {where}")
        return
    if span.exact != span.exact.strip():
        yield Problem(path, "span starts or ends with white space")
    for name, at in (("start", span.start), ("end", span.end)):
        if not grapheme_boundary(text, at):
            yield Problem(path, f"{name} {at} is inside a character as shown (a letter and its accent, a flag…)")
    # endswith/startswith with bounds: no copy of the text before or after the span.
    if span.prefix is not None and not text.endswith(span.prefix, 0, span.start):
        yield Problem(f"{path}.prefix", "does not match the text before the span")
    if span.suffix is not None and not text.startswith(span.suffix, span.end):
        yield Problem(f"{path}.suffix", "does not match the text after the span")
    if ambiguity and span.prefix is None and span.suffix is None and text.count(span.exact) > 1:
        yield Problem(path, f"{_clip(span.exact)!r} occurs {text.count(span.exact)} times; give a prefix or suffix")


_KEY = 32  # characters of each span's text that the automaton looks for


def occurrences(text: str, spans: list[Span]) -> list[int]:
    """How often each span's text occurs in `text` (at least once: each was found at its offsets).

    One pass of an Aho-Corasick automaton over the text finds where the first characters of every
    span occur; only texts whose start occurs more than once are then compared, once for each length
    at each such place. Linear in the text and the spans where `str.count` for each span is quadratic
    (100,000 spans of a 9.7 MB article took 4 minutes that way)."""
    import ahocorasick  # deferred: only validation needs it

    keys = {span.exact[:_KEY] for span in spans}
    if not keys:
        return []
    automaton = ahocorasick.Automaton()
    for key in keys:
        automaton.add_word(key, len(key))
    automaton.make_automaton()
    starts: dict[str, list[int]] = {}
    for end, size in automaton.iter(text):
        starts.setdefault(text[end - size + 1 : end + 1], []).append(end - size + 1)
    # For a start found in several places: the text of each length there, counted once per length.
    texts: dict[tuple[str, int], Counter[str]] = {}
    out = []
    for span in spans:
        key, size = span.exact[:_KEY], len(span.exact)
        places = starts.get(key, ())
        if len(places) <= 1 or size <= _KEY:
            out.append(len(places))
            continue
        if (key, size) not in texts:
            texts[key, size] = Counter(text[p : p + size] for p in places)
        out.append(texts[key, size][span.exact])
    return out


def grapheme_boundary(text: str, at: int) -> bool:
    """True when `at` falls between two grapheme clusters (user-perceived characters, UAX #29), not
    inside one: a span must not split a letter from its accent, or a flag in two."""
    if at <= 0 or at >= len(text):
        return True
    # Nearly always: neither character can join the other (a test of two characters, no segmenting).
    if not _JOINS_PREVIOUS.match(text, at) and not _JOINS_NEXT.match(text, at - 1):
        return True
    lo = max(text.rfind("\n", 0, at) + 1, at - 64)  # clusters never cross a line; none is that long
    for cluster in _regex().finditer(r"\X", text, pos=lo, endpos=min(len(text), at + 64)):
        if cluster.end() >= at:
            return cluster.end() == at or cluster.start() == at
    return True


def _regex():
    import regex  # deferred: only validation needs it; \X is the grapheme cluster

    return regex


class _Lazy:
    """A pattern of the `regex` module, compiled when first used."""

    def __init__(self, pattern: str) -> None:
        self.pattern, self.compiled = pattern, None

    def match(self, text: str, pos: int):
        if self.compiled is None:
            self.compiled = _regex().compile(self.pattern)
        return self.compiled.match(text, pos)


# Characters that join the one before them, or the one after, into one cluster (Grapheme_Cluster_Break).
_JOINS_PREVIOUS = _Lazy(r"[\n\p{GCB=Extend}\p{GCB=ZWJ}\p{GCB=SpacingMark}\p{GCB=V}\p{GCB=T}\p{GCB=RI}]")
_JOINS_NEXT = _Lazy(r"[\r\p{GCB=Prepend}\p{GCB=ZWJ}\p{GCB=Extend}\p{GCB=L}\p{GCB=LV}\p{GCB=LVT}\p{GCB=V}\p{GCB=RI}]")


def _clip(text: str, width: int = 40) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def inside_quotes(text: str, start: int, end: int) -> bool:
    """True when [start, end) lies inside a quotation on its line (curly or straight quotes)."""
    line_start = text.rfind("\n", 0, start) + 1
    before = text[line_start:start]
    curly_open = before.count("“") - before.count("”")
    straight_open = before.count('"') % 2 == 1
    inside_span = text[start:end]
    if curly_open > 0:
        return inside_span.count("”") <= inside_span.count("“")
    return straight_open and '"' not in inside_span


def _stance_rules(d: Dossier) -> Iterator[Problem]:
    issues = {i.id: i for i in d.issues}
    statements = {s.id: s for s in d.statements}
    events = {e.id: e for e in d.events}
    speaks_for = {a.id: a.speaks_for for a in d.actors}
    for i, st in enumerate(d.stances):
        issue = issues.get(st.issue)
        if issue and st.position not in {p.code for p in issue.positions}:
            codes = ", ".join(p.code for p in issue.positions)
            yield Problem(
                f"$.stances[{i}].position", f"{st.position!r} is not a position of issue {st.issue!r} ({codes})"
            )
        for j, ident in enumerate(st.evidence):
            where = f"$.stances[{i}].evidence[{j}]"
            if (s := statements.get(ident)) is not None:
                if st.actor not in (s.actor, speaks_for.get(s.actor)):
                    yield Problem(
                        where, f"statement {ident!r} is by {s.actor!r}, not by {st.actor!r} or one speaking for it"
                    )
                elif st.issue not in s.issues:
                    yield Problem(where, f"statement {ident!r} is not tagged with issue {st.issue!r}", "warning")
            elif (e := events.get(ident)) is not None:
                # An action is evidence of its actors' stance (format 1.1), as a statement is of its speaker's.
                if not any(st.actor in (a, speaks_for.get(a)) for a in e.actors):
                    yield Problem(
                        where, f"event {ident!r} has no actor {st.actor!r} or one speaking for it among its actors"
                    )


def _date_rules(d: Dossier) -> Iterator[Problem]:
    for i, e in enumerate(d.events):
        where = f"$.events[{i}].when"
        when = e.when
        try:
            covered = parse_edtf(when.value)
        except ValueError as exc:
            yield Problem(f"{where}.value", str(exc))
            continue
        if covered.interval:
            if GRANULARITY[covered.granularity] > GRANULARITY[when.precision]:
                yield Problem(f"{where}.precision", f"{when.precision!r} is finer than the value {when.value!r} gives")
        elif covered.granularity != when.precision:
            yield Problem(f"{where}.precision", f"{when.value!r} is a {covered.granularity}, not a {when.precision}")
        if when.earliest and when.latest and when.earliest > when.latest:
            yield Problem(f"{where}.earliest", "is after latest")
        for name in ("earliest", "latest"):
            given, implied = getattr(when, name), getattr(covered, name)
            if given is not None and given != implied:
                yield Problem(
                    f"{where}.{name}", f"{given} does not agree with the value {when.value!r} ({implied or 'open'})"
                )
        if when.phrase and covered.earliest == covered.latest and covered.earliest is not None:
            day = covered.earliest
            named = weekday_named(when.phrase.exact)
            if named is not None and named != day.weekday():
                yield Problem(f"{where}.phrase", f"names a {_weekday(named)} but {day} is a {_weekday(day.weekday())}")
            md = month_day_named(when.phrase.exact)
            if md is not None and md != (day.month, day.day):
                yield Problem(f"{where}.phrase", f"names {md[1]}/{md[0]} (day/month) but the value is {day}")


def _weekday(index: int) -> str:
    return ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")[index]


# Fields format 1.1 added, by list: a file that says "1.0" cannot use them (a 1.0 reader refuses them).
NEW_IN_1_1 = {
    "actors": ("review", "origin"),
    "statements": ("review", "origin", "source", "inferred_attribution"),
    "events": ("review", "origin"),
    "stances": ("review", "origin"),
}


def _version_rules(d: Dossier) -> Iterator[Problem]:
    """A 1.1 feature in a file that says 1.0. A field at its default (false, null) means what its
    absence means, so a 1.0 dossier dumped with every field still reads."""
    if d.schema_version != "1.0":
        return
    for name in ("headline_editorial", "dateline_editorial"):
        if getattr(d.source, name):
            yield Problem(f"$.source.{name}", 'is new in format 1.1: set schema_version to "1.1"')
    for collection, names in NEW_IN_1_1.items():
        for i, item in enumerate(getattr(d, collection)):
            for name in names:
                if getattr(item, name) is not None:
                    yield Problem(f"$.{collection}[{i}].{name}", 'is new in format 1.1: set schema_version to "1.1"')
    events = {e.id for e in d.events} - {s.id for s in d.statements}
    for i, st in enumerate(d.stances):
        for j, ident in enumerate(st.evidence):
            if ident in events:
                yield Problem(
                    f"$.stances[{i}].evidence[{j}]",
                    'an event as evidence is new in format 1.1: set schema_version to "1.1"',
                )


def drafts(d: Dossier) -> int:
    """How many actors, statements, events and stances still await review."""
    return sum(item.review == "draft" for name in NEW_IN_1_1 for item in getattr(d, name))


def _review_count(d: Dossier) -> Iterator[Problem]:
    if n := drafts(d):
        yield Problem("$", f"{n} item{'s' if n != 1 else ''} await{'' if n != 1 else 's'} review", "warning")
