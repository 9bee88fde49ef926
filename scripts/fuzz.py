"""Fuzz the reader, the validator and every query with Hypothesis, for as long as you give it.

Not a test (it runs for minutes): `python scripts/fuzz.py --minutes 5`. Three targets, in turn:

- reader: arbitrary bytes, and the bundled dossier's bytes with a few flipped, through
  `screen_json` and `check`;
- validator: the bundled dossier with one to four values anywhere replaced by arbitrary JSON (hostile
  strings, numbers out of range, lists, objects) or removed;
- queries: the bundled dossier with hostile text in every free-text field it allows (so it stays
  valid), then every query in every format, alone and merged into a corpus with the original, with
  random filters and searches.

Each example must end in a Result, never an exception; a valid dossier must answer every query, and
no text meant for a terminal may hold a raw control character. Prints the examples run and any
failure with the input that caused it; exits 1 on a failure.
"""

from __future__ import annotations

import argparse
import copy
import json
import sys
import time
import traceback
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from tui.bundled import seed_path  # noqa: E402
from tui.cli import QUERIES, render  # noqa: E402
from tui.corpus import merge  # noqa: E402
from tui.reading import screen_json  # noqa: E402
from tui.render.inert import one_line  # noqa: E402
from tui.store import Filter, Store  # noqa: E402
from tui.validation import check  # noqa: E402

SEED_BYTES = seed_path().read_bytes()
SEED = json.loads(SEED_BYTES)
RAW = "\x1b\x07\x9b\x9d\x00"

# Characters that have broken programs like this one: controls, bidi and zero-width, tag characters,
# fillers, separators, combining marks, flags' halves, surrogates, quotes and markup.
HOSTILE = (
    "\x00\x07\x08\x1b\x7f\x85\x9b\x9d\u034f\u0301\u061c\u115f\u200b\u200d\u2028\u2029\u202e\u2066\u3164"
    "\ufeff\uffa0\U000e0001\U000e0041\U0001f1fa\U0001f1e6\ud800\udfff“”\"'[]/\\|:&~*_`<>#@="
)
text = st.text(alphabet=st.one_of(st.sampled_from(HOSTILE), st.characters()), max_size=40)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False),
    text,
    st.sampled_from(["9999-W52", "2024-13", "２０２４-05-31", "0000", "2024-02-30", "../..", "putin", "s1", "e1"]),
)
values = st.recursive(
    scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3), max_leaves=6
)


def paths(value: Any, here: tuple = ()) -> list[tuple]:
    """Every place in a JSON value, as the keys that lead to it."""
    out = [here] if here else []
    if isinstance(value, dict):
        for key, sub in value.items():
            out += paths(sub, (*here, key))
    elif isinstance(value, list):
        for n, sub in enumerate(value):
            out += paths(sub, (*here, n))
    return out


PATHS = paths(SEED)
# Free text the format allows anything in: hostile text there keeps the dossier valid (with warnings).
FREE = [
    p
    for p in PATHS
    if p[-1] in ("headline", "name", "role", "title", "question", "label", "rule", "conditions")
    or (p[-1] == "text" and p[0] == "notes")
]


def mutate(data: Any, path: tuple, value: Any) -> None:
    *parents, last = path
    for key in parents:
        data = data[key]
    if value is REMOVE:
        del data[last]
    else:
        data[last] = value


REMOVE = object()
stats = {"reader": 0, "validator": 0, "valid": 0, "queries": 0}


def assert_inert(output: str, where: str) -> None:
    raw = [c for c in output if c in RAW]
    assert not raw, f"{where}: raw {raw[:3]!r} in terminal output"


@given(
    st.one_of(
        st.binary(max_size=300),
        st.lists(st.tuples(st.integers(0, len(SEED_BYTES) - 1), st.integers(0, 255)), max_size=8),
    )
)
def fuzz_reader(blob) -> None:
    if isinstance(blob, list):
        raw = bytearray(SEED_BYTES)
        for at, byte in blob:
            raw[at] = byte
        blob = bytes(raw)
    data, problem, clean = screen_json(blob)
    if problem is None:
        check(data, blob, strings_clean=clean)
    stats["reader"] += 1


@given(st.lists(st.tuples(st.sampled_from(PATHS), st.one_of(values, st.just(REMOVE))), min_size=1, max_size=4))
def fuzz_validator(changes) -> None:
    data = copy.deepcopy(SEED)
    for path, value in changes:
        try:
            mutate(data, path, value)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change removed the place
    result = check(data)
    for problem in result.problems:  # as the CLI and the app print them
        assert_inert(one_line(problem.line("f.json")), "problem line")
    stats["validator"] += 1
    if result.dossier is not None:
        stats["valid"] += 1
        run_queries(Store(result.dossier), st_filter=None)


@given(
    st.lists(st.tuples(st.sampled_from(FREE), text), min_size=1, max_size=6),
    st.lists(st.sampled_from(["US", "PL", "NATO", "RU", "DE"]), max_size=2),
    text,
    st.booleans(),
)
def fuzz_queries(changes, countries, search, as_corpus) -> None:
    data = copy.deepcopy(SEED)
    for path, value in changes:
        *parents, last = path
        place = data
        for key in parents:
            place = place[key]
        place[last] = value + place[last]  # hostile text in front: never empty, so the rules still hold
    result = check(data)
    if result.dossier is None:  # a control character or a lone surrogate: refused, as it should be
        reasons = ("control character", "surrogate", "Invalid JSON")  # a lone surrogate gives both
        assert all(any(r in p.message for r in reasons) for p in result.errors), result.errors
        return
    if as_corpus:
        other = copy.deepcopy(SEED)
        other["source"]["id"] = "other"
        store = merge([result.dossier, check(other).dossier], "fuzz")
    else:
        store = Store(result.dossier)
    run_queries(store, Filter(countries=frozenset(countries), text=search))


def run_queries(store: Store, st_filter: Filter | None) -> None:
    for command in QUERIES:
        for fmt in ("text", "md", "json", "csv", *(["timelinejs"] if command == "timeline" else [])):
            output = render(store, command, st_filter or Filter(), fmt)
            if fmt in ("md", "json"):
                assert_inert(output, f"{command} --format {fmt}")
            stats["queries"] += 1


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=5.0)
    args = parser.parse_args(argv)
    deadline = time.monotonic() + args.minutes * 60
    rounds = settings(max_examples=200, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    failures = 0
    targets = [rounds(target) for target in (fuzz_reader, fuzz_validator, fuzz_queries)]
    while time.monotonic() < deadline:
        for target in targets:
            try:
                target()
            except Exception:  # Hypothesis has shrunk it and printed the falsifying example
                failures += 1
                traceback.print_exc()
                if failures >= 5:
                    break
        if failures >= 5:
            break
    print(
        f"fuzzed for {args.minutes:g} min: {stats['reader']} reader inputs, {stats['validator']} validator inputs "
        f"({stats['valid']} valid), {stats['queries']} query runs; {failures} failures"
    )
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
