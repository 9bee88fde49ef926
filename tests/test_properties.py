"""Property-based tests (hypothesis): generated dossiers validate, round-trip through JSON, filter as a
plain-Python reference does, and open in the app; mutated ones never make the validator raise."""

from __future__ import annotations

import asyncio
import calendar
import copy
import datetime as dt
import hashlib
import json
import re
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from tui.bundled import seed_path
from tui.dates import parse_edtf
from tui.filters import Filter
from tui.model import Dossier
from tui.reading import Problem, screen_json
from tui.render.inert import HIDDEN
from tui.store import Store
from tui.validation import Result, _string_problems, check, grapheme_boundary, inside_quotes

Data = dict[str, Any]

SEED: Data = json.loads(seed_path().read_text(encoding="utf-8"))
COUNTRIES = ["US", "UA", "RU", "DE", "NL", "PL", "CZ", "FR", "JP", "BR"]
ORGANISATIONS = ["NATO", "EU", "UN", "OSCE"]
LETTERS = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéüßøçñåžłőЖждлбλπ"
EMOJI = ["🙂", "🇺🇦", "👍🏽", "🕊️"]
PUNCTUATION = [".", "!", "?", "…", ",", ";"]
UNWORDED = re.compile(r"\w+")

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FEW = settings(max_examples=10, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# -- building valid dossiers ------------------------------------------------------------------------------------

# Names, titles, notes: any printable text, markup included; no controls, surrogates, format or unassigned
# characters, line separators, or the invisible characters the validator warns about (HIDDEN: fillers, tags).
label = st.text(
    alphabet=st.characters(exclude_categories=("Cc", "Cs", "Cf", "Cn", "Zl", "Zp")), min_size=1, max_size=24
).filter(lambda s: s.strip() and not HIDDEN.search(s))
word = st.one_of(st.text(alphabet=st.sampled_from(LETTERS), min_size=1, max_size=8), st.sampled_from(EMOJI))


@st.composite
def sentence(draw) -> str:
    words = draw(st.lists(word, min_size=1, max_size=8))
    body = " ".join(words)
    body = body[0].upper() + body[1:]
    end = draw(st.sampled_from(PUNCTUATION[:4]))
    if draw(st.booleans()):
        return f"“{body}{end}”"
    return body + end


@st.composite
def paragraph(draw) -> str:
    return " ".join(draw(st.lists(sentence(), min_size=1, max_size=3)))


def _iso(day: dt.date) -> str:
    return day.isoformat()


@st.composite
def time_expression(draw, earlier_events: list[str]) -> tuple[Data, str | None]:
    """A TIMEX3 date that agrees with itself, and the phrase that names it (None: no phrase)."""
    day = draw(st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2030, 12, 31)))
    kind = draw(st.sampled_from(["day", "month", "year", "week", "interval", "open"]))
    phrase: str | None = None
    given: tuple[dt.date | None, dt.date | None] = (None, None)
    if kind == "day":
        value, precision, given = _iso(day), "day", (day, day)
        weekday, month = calendar.day_name[day.weekday()], calendar.month_name[day.month]
        phrase = draw(
            st.sampled_from(
                [None, "recently", f"on {weekday}", f"on {day.day} {month}", f"on {weekday}, {month} {day.day}"]
            )
        )
    elif kind == "month":
        last = calendar.monthrange(day.year, day.month)[1]
        value, precision = f"{day:%Y-%m}", "month"
        given = (day.replace(day=1), day.replace(day=last))
        phrase = draw(st.sampled_from([None, f"in {calendar.month_name[day.month]} {day.year}"]))
    elif kind == "year":
        value, precision, given = str(day.year), "year", (dt.date(day.year, 1, 1), dt.date(day.year, 12, 31))
        phrase = draw(st.sampled_from([None, f"in {day.year}", "last year"]))
    elif kind == "week":
        year, week, _ = day.isocalendar()
        monday = dt.date.fromisocalendar(year, week, 1)
        value, precision, given = f"{year}-W{week:02d}", "week", (monday, monday + dt.timedelta(days=6))
        phrase = draw(st.sampled_from([None, "that week", "last week"]))
    elif kind == "interval":
        end = day + dt.timedelta(days=draw(st.integers(0, 60)))
        value, given = f"{_iso(day)}/{_iso(end)}", (day, end)
        precision = draw(st.sampled_from(["day", "week", "month", "year"]))
        phrase = draw(st.sampled_from([None, "in recent weeks", "over the spring"]))
    else:
        value, precision, given = f"../{_iso(day)}", "day", (None, day)
        phrase = draw(st.sampled_from([None, "previously", "before that"]))
    when: Data = {"value": value, "precision": precision}
    if draw(st.booleans()):  # earliest/latest are optional; where given they agree with the value
        when["earliest"] = given[0].isoformat() if given[0] else None
        when["latest"] = given[1].isoformat() if given[1] else None
    when["anchor"] = draw(st.sampled_from(["reference_date", "explicit", *earlier_events]))
    when["rule"] = draw(label)
    return when, phrase


def _span(text: str, start: int, end: int) -> Data | None:
    """A span of text[start:end] moved in to start and end on non-space characters; with prefix and
    suffix where its words occur more than once."""
    end = min(end, len(text))
    while start < end and not grapheme_boundary(text, start):  # never inside a flag or a letter+accent
        start += 1
    while end > start and not grapheme_boundary(text, end):
        end -= 1
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return None
    exact = text[start:end]
    span: Data = {"start": start, "end": end, "exact": exact}
    if text.find(exact, text.find(exact) + 1) != -1:  # twice, overlapping or not, as the validator counts
        span["prefix"] = text[max(0, start - 12) : start]
        span["suffix"] = text[end : end + 12]
    return span


@st.composite
def dossiers(draw) -> Data:
    """A valid dossier: validates with no problem at all."""
    organisations = [
        {"code": code, "name": draw(label)}
        for code in draw(st.lists(st.sampled_from(ORGANISATIONS), max_size=2, unique=True))
    ]
    org_codes = [o["code"] for o in organisations]
    actors: list[Data] = []
    for n in range(draw(st.integers(1, 5))):
        kind = draw(st.sampled_from(["person", "government", "organisation", "group"]))
        actor: Data = {"id": f"a{n}", "name": draw(label), "kind": kind}
        country = draw(st.sampled_from([*COUNTRIES, None])) if org_codes else draw(st.sampled_from(COUNTRIES))
        affiliation = draw(st.sampled_from([None, *org_codes])) if org_codes else None
        if country is None and affiliation is None:
            affiliation = org_codes[0]
        if country:
            actor["country"] = country
        if affiliation:
            actor["affiliation"] = affiliation
        if kind == "person" or draw(st.booleans()):
            actor["role"] = draw(label)
        if n and draw(st.booleans()):
            actor["speaks_for"] = f"a{draw(st.integers(0, n - 1))}"
        actor["aliases"] = draw(st.lists(label, max_size=2))
        actors.append(actor)
    issues = []
    for n in range(draw(st.integers(0, 3))):
        positions = [
            {"code": f"p{k}", "label": draw(label), "polarity": draw(st.sampled_from(["FAVOR", "AGAINST", "NONE"]))}
            for k in range(draw(st.integers(1, 3)))
        ]
        issues.append({"id": f"i{n}", "title": draw(label), "question": draw(label), "positions": positions})

    # Events first: their phrases become sentences of the text.
    events, phrases = [], []
    for n in range(draw(st.integers(0, 4))):
        when, phrase = draw(time_expression([e["id"] for e in events]))
        events.append({"id": f"e{n}", "title": draw(label), "when": when})
        phrases.append(phrase)
        if draw(st.booleans()):
            events[-1]["place"] = draw(label)
    paragraphs = draw(st.lists(paragraph(), min_size=1, max_size=5))
    text, phrase_at = "", {}
    for n, phrase in enumerate(phrases):
        if phrase is not None:
            paragraphs.insert(draw(st.integers(0, len(paragraphs))), (n, phrase))
    for item in paragraphs:
        text += "\n" if text else ""
        if isinstance(item, tuple):
            n, phrase = item
            text += "It happened "
            phrase_at[n] = (len(text), len(text) + len(phrase))
            text += phrase + "."
        else:
            text += item
    for n, event in enumerate(events):
        if n in phrase_at:
            event["when"]["phrase"] = _span(text, *phrase_at[n])

    statements = []
    for n in range(draw(st.integers(0, 8))):
        start = draw(st.integers(0, len(text) - 1))
        content = _span(text, start, start + draw(st.integers(1, 80)))
        if content is None:
            continue
        actor = draw(st.sampled_from(actors))["id"]
        direct = inside_quotes(text, content["start"], content["end"])
        mode = "direct" if direct and draw(st.booleans()) else draw(st.sampled_from(["indirect", "paraphrase"]))
        statement: Data = {"id": f"s{n}", "actor": actor, "mode": mode, "content": content}
        if draw(st.booleans()):
            cue_start = draw(st.integers(0, len(text) - 1))
            cue = _span(text, cue_start, cue_start + draw(st.integers(1, 15)))
            if cue is not None:
                statement["cue"] = cue
        if events and draw(st.booleans()):
            statement["when"] = draw(st.sampled_from(events))["id"]
        statement["issues"] = draw(st.lists(st.sampled_from([i["id"] for i in issues] or ["-"]), unique=True))
        statement["issues"] = [i for i in statement["issues"] if i != "-"]
        statements.append(statement)
    ids = [s["id"] for s in statements]
    for event in events:
        event["actors"] = draw(st.lists(st.sampled_from([a["id"] for a in actors]), unique=True, max_size=2))
        event["evidence"] = draw(st.lists(st.sampled_from(ids), unique=True, max_size=3)) if ids else []

    # Stances: each cites statements of its actor on its issue.
    stances = []
    for s in statements:
        for issue_id in s["issues"]:
            if any((st_["actor"], st_["issue"]) == (s["actor"], issue_id) for st_ in stances):
                continue
            if not draw(st.booleans()):
                continue
            issue = next(i for i in issues if i["id"] == issue_id)
            evidence = [t["id"] for t in statements if t["actor"] == s["actor"] and issue_id in t["issues"]]
            stance: Data = {
                "actor": s["actor"],
                "issue": issue_id,
                "position": draw(st.sampled_from([p["code"] for p in issue["positions"]])),
                "evidence": evidence,
            }
            if draw(st.booleans()):
                stance["conditions"] = draw(label)
            if draw(st.booleans()):
                stance["note"] = draw(label)
            stances.append(stance)

    every_id = [a["id"] for a in actors] + ids + [e["id"] for e in events] + [i["id"] for i in issues]
    notes = [
        {
            "id": f"n{n}",
            "about": draw(st.lists(st.sampled_from(every_id), unique=True, max_size=3)),
            "text": draw(label),
        }
        for n in range(draw(st.integers(0, 2)))
    ]
    return {
        "schema_version": "1.0",
        "source": {
            "id": "generated",
            "headline": draw(label),
            "reference_date": draw(st.dates(dt.date(2000, 1, 1), dt.date(2030, 12, 31))).isoformat(),
            "language": "en",
            "text": text,
            "text_sha256": hashlib.sha256(text.encode("utf-8")).hexdigest(),
        },
        "organisations": organisations,
        "actors": actors,
        "statements": statements,
        "events": events,
        "issues": issues,
        "stances": stances,
        "notes": notes,
    }


def _valid(data: Data) -> Dossier:
    result = check(data)
    assert result.problems == [], [p.line("generated") for p in result.problems]
    assert result.dossier is not None
    return result.dossier


# -- (1) and (2): generated dossiers validate, and survive JSON -----------------------------------------------


@FAST
@given(dossiers())
def test_generated_dossiers_validate(data: Data) -> None:
    _valid(data)


@FAST
@given(dossiers())
def test_json_round_trip(data: Data) -> None:
    dossier = _valid(data)
    assert _valid(json.loads(json.dumps(data, ensure_ascii=False))) == dossier
    assert _valid(json.loads(dossier.model_dump_json())) == dossier
    assert _valid(json.loads(json.dumps(dossier.model_dump(mode="json")))) == dossier


# -- (3): the store's filters agree with a plain-Python reference ------------------------------------------------


def _words(text: str) -> list[str]:
    return UNWORDED.findall(text.casefold())


def _date_range(event) -> tuple[dt.date, dt.date]:
    if event is None:
        return dt.date.min, dt.date.max
    covered = parse_edtf(event.when.value)
    lo = event.when.earliest or covered.earliest or dt.date.min
    hi = event.when.latest or covered.latest or dt.date.max
    return lo, hi


def reference_statements(d: Dossier, f: Filter) -> list[str]:
    """Ids of the statements a filter keeps, by the README's rules, one statement at a time."""
    actors = {a.id: a for a in d.actors}
    events = {e.id: e for e in d.events}
    wanted = _words(f.text)
    out = []
    for s in d.statements:
        actor = actors[s.actor]
        if f.countries and not {actor.country, actor.affiliation} & f.countries:
            continue
        if f.actors and s.actor not in f.actors:
            continue
        if f.issues and not set(s.issues) & f.issues:
            continue
        if wanted:  # every word of the search starts a word of the quote, its cue, or its speaker's names
            searched = [s.content.exact, s.cue.exact if s.cue else "", actor.name, actor.role or "", *actor.aliases]
            have = _words(" ".join(searched))
            if not all(any(h.startswith(w) for h in have) for w in wanted):
                continue
        if f.date_from or f.date_to:  # the statement's event may fall in the range (undated: may be any)
            lo, hi = _date_range(events.get(s.when or ""))
            if hi < (f.date_from or dt.date.min) or lo > (f.date_to or dt.date.max):
                continue
        out.append(s.id)
    return out


@st.composite
def dossier_and_filter(draw) -> tuple[Dossier, Filter]:
    dossier = _valid(draw(dossiers()))
    codes = sorted({c for a in dossier.actors for c in (a.country, a.affiliation) if c})
    words = sorted(
        {w for s in dossier.statements for w in _words(s.content.exact)}
        | {w for a in dossier.actors for w in _words(a.name)}
    )
    prefix = st.sampled_from(words).flatmap(lambda w: st.integers(1, len(w)).map(lambda n: w[:n])) if words else None
    texts = [st.just(""), st.text(alphabet=st.sampled_from(LETTERS + " "), max_size=6)]
    if prefix is not None:
        texts.append(st.lists(prefix, min_size=1, max_size=2).map(" ".join))
        texts.append(prefix.map(str.upper))
    day = st.dates(dt.date(1999, 6, 1), dt.date(2031, 6, 1))

    def some(strategy, empty):  # each facet narrows one time in three
        return draw(strategy) if draw(st.integers(0, 2)) == 0 else empty

    def several(choices: list[str]) -> frozenset[str]:
        return frozenset(some(st.lists(st.sampled_from(choices), min_size=1, max_size=2), []))

    f = Filter(
        countries=several([*codes, "GB"]),
        actors=several([a.id for a in dossier.actors]),
        issues=several([i.id for i in dossier.issues] or ["none"]),
        text=some(st.one_of(*texts), ""),
        date_from=some(day, None),
        date_to=some(day, None),
    )
    # A search of punctuation alone is not a word search: see test_a_search_without_words_is_no_search.
    assume(not f.text.strip() or _words(f.text))
    return dossier, f


@settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(dossier_and_filter())
def test_store_filters_agree_with_the_reference(case: tuple[Dossier, Filter]) -> None:
    dossier, f = case
    store = Store(dossier)
    expected = reference_statements(dossier, f)
    assert [s.id for s in store.statements(f)] == expected
    assert [s.id for s in store.statements(f)] == expected  # again, from the cache


# -- (4): the app opens every generated dossier -------------------------------------------------------------


async def _open(dossier: Dossier) -> None:
    from tui.app.explorer import ExplorerApp

    app = ExplorerApp(dossier)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("j", "tab", "j", "tab", "j", "tab", "j", "c", "slash", "a", "escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None


@FEW
@given(dossiers())
def test_the_app_opens_generated_dossiers(data: Data) -> None:
    asyncio.run(_open(_valid(data)))


# -- (5): mutated dossiers: the validator only ever answers ------------------------------------------------------


def _paths(value: Any, path: tuple = ()) -> list[tuple]:
    out = [path]
    if isinstance(value, dict):
        for key, item in value.items():
            out += _paths(item, (*path, key))
    elif isinstance(value, list):
        for n, item in enumerate(value):
            out += _paths(item, (*path, n))
    return out


SEED_PATHS = _paths(SEED)[1:]


def _at(value: Any, path: tuple) -> Any:
    for key in path:
        value = value[key]
    return value


# Anything: controls, bidi, zero-width, and lone surrogates (which JSON's \\ud800 escapes give).
ANY_CHAR = st.one_of(
    st.characters(), st.characters(categories=["Cs"]), st.sampled_from(["\x1b", "\x9b", "\u202e", "\u200b", "\n", "["])
)
ANY_STRING = st.lists(ANY_CHAR, max_size=20).map("".join)
ANY_JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | ANY_STRING,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(ANY_STRING, inner, max_size=3),
    max_leaves=6,
)


@st.composite
def mutated(draw) -> Data:
    data = copy.deepcopy(SEED)
    for _ in range(draw(st.integers(1, 3))):
        path = draw(st.sampled_from(SEED_PATHS))
        parent: Any = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            value = parent[path[-1]]
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed it
        if not isinstance(parent, dict | list):
            continue  # an earlier mutation made it a string (which indexes too)
        key = path[-1]
        how = draw(st.sampled_from(["delete", "retype", "string", "int", "duplicate", "truncate", "any"]))
        if how == "delete":
            del parent[key]
        elif how == "retype":
            parent[key] = draw(st.sampled_from([None, 0, -1, 1.5, True, "x", "", [], {}]))
        elif how == "string":
            parent[key] = draw(ANY_STRING)
        elif how == "int":
            parent[key] = (
                draw(st.integers(-(2**70), 2**70))
                if not isinstance(value, int)
                else value + draw(st.sampled_from([-1, 1, -(10**9), 10**20]))
            )
        elif how == "duplicate" and isinstance(value, list) and value:
            value.insert(draw(st.integers(0, len(value))), copy.deepcopy(draw(st.sampled_from(value))))
        elif how == "truncate" and isinstance(value, list | str):
            parent[key] = value[: draw(st.integers(0, max(0, len(value) - 1)))]
        else:
            parent[key] = draw(ANY_JSON)
    return data


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(mutated())
def test_mutations_never_make_the_validator_raise(data: Data) -> None:
    result = check(data)
    assert isinstance(result, Result)
    assert all(isinstance(p, Problem) and p.path.startswith("$") for p in result.problems)
    for problem in result.problems:  # each message prints as one inert line
        line = problem.line("F")
        assert "\n" not in line and not HIDDEN.search(line), line
    if result.errors:
        assert result.dossier is None and result.exit_code == 1
    else:
        assert isinstance(result.dossier, Dossier)
        Store(result.dossier)  # a valid dossier always loads


# Characters the parser's screen must see however they are written (escaped or not), and harmless
# ones that look like them (an escaped backslash then n, a format character not reported).
SCREENED_CHAR = st.one_of(
    st.sampled_from(["\n", "\t", "\r", "\b", "\f", "\x00", "\x1f", "\x7f", "\x85", "\x9f", "\u202e", "\u2066"]),
    st.sampled_from(["\u200b", "\ufeff", "\u061c", "\u2060", "\\", '"', "\\n", "“", "a", "\u2061"]),
    st.characters(categories=["Cs"]),
)
STRING_PATHS = [path for path in SEED_PATHS if isinstance(_at(SEED, path), str)]


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(
    mutated(),
    st.lists(st.tuples(st.sampled_from(STRING_PATHS), st.lists(SCREENED_CHAR, min_size=1, max_size=2)), max_size=2),
)
def test_a_file_screened_clean_has_no_string_problem(data: Data, edits: list[tuple[tuple, list[str]]]) -> None:
    """The parser's screen (which spares a clean file the walk over its strings) never calls a file
    clean that the walk would find a problem in, however the file escapes its characters."""
    for path, chars in edits:
        parent: Any = data
        try:
            for key in path[:-1]:
                parent = parent[key]
            if isinstance(parent[path[-1]], str):
                parent[path[-1]] += "".join(chars)
        except (KeyError, IndexError, TypeError):
            continue
    for ascii_only in (True, False):
        raw = json.dumps(data, ensure_ascii=ascii_only).encode("utf-8", "surrogatepass")
        parsed, problem, clean = screen_json(raw)
        if problem is None and clean:
            assert list(_string_problems(parsed, "$")) == []


def test_the_screen_spares_clean_files_and_catches_a_line_break_in_the_wrong_place() -> None:
    raw = seed_path().read_bytes()
    assert screen_json(raw)[2]  # the bundled dossier: no walk needed
    broken = copy.deepcopy(SEED)
    broken["notes"][0]["text"] += "\nsecond line"  # a line break where only the article may have one
    parsed, problem, clean = screen_json(json.dumps(broken).encode())
    assert problem is None and not clean
    assert [p.path for p in check(parsed).problems] == ["$.notes[0].text"]


@FAST
@given(st.recursive(ANY_JSON, lambda inner: st.lists(inner, max_size=2), max_leaves=4))
def test_any_json_value_gives_a_result(value: Any) -> None:
    result = check(value)
    assert result.dossier is None and result.errors


def test_a_search_without_words_is_no_search() -> None:
    """Found by the property test: '!!!' has no words, so it should narrow nothing, as in the reference."""
    store = Store(Dossier.model_validate(SEED))
    f = Filter(text="!!!")
    assert [s.id for s in store.statements(f)] == reference_statements(store.dossier, f)
    assert len(store.actors(f)) == len(store.dossier.actors)
    assert len(store.events(f)) == len(store.dossier.events)
