"""Validation in linear time: one large dossier (about 30 MB, 100,000 statements, 60,000 stances) is
read and checked within a budget, and the time grows in proportion to its size.

Budget (issue 14): a 30 MB file with 100k statements validates in 5 s or less on the project's
2-core machine. The run also checks a tenth of the size and reports the ratio of the two times,
which linear time keeps near 10 (a quadratic step makes it near 100). Usage:

    python benchmarks/validation.py [--statements N] [--runs R]

Prints one line per size (median of R runs) and exits 1 when the budget or the ratio fails.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.model import Dossier  # noqa: E402
from tui.validation import read_dossier  # noqa: E402

BUDGET_SECONDS = 5.0
WORDS = "allies weapons border strikes range policy officials ministers talks sanctions aid front".split()


def big_dossier(statements: int) -> dict:
    """One article of `statements` sentences, each quoted once (unique, no prefix), a cue that repeats
    (so it carries a prefix) on every fifth, an event per ten statements and a stance per actor on each
    of two issues: about 30 MB for 100,000 statements."""
    parts, records, length = [], [], 0
    actors = [f"a{n}" for n in range(max(2, statements * 3 // 10))]  # 60,000 stances for 100,000 statements
    for k in range(statements):
        actor = actors[k % len(actors)]
        words = " ".join(WORDS[(k * 7 + j) % len(WORDS)] for j in range(4))
        claim = f"{words} ({k})"
        sentence = f"Minister {actor} said that {claim}. "
        start = length
        parts.append(sentence)
        length += len(sentence)
        records.append((actor, start + len(f"Minister {actor} said that "), claim, start))
    text = "".join(parts).rstrip()
    statements_out, events = [], []
    for k, (actor, c_start, claim, s_start) in enumerate(records):
        statement = {
            "id": f"s{k}",
            "actor": actor,
            "mode": "indirect",
            "content": {"start": c_start, "end": c_start + len(claim), "exact": claim},
            "issues": ["i0"] if (k // len(actors)) % 2 == 0 else ["i1"],
        }
        if k % 5 == 0:  # a cue on every fifth: "said" repeats, so it needs a prefix
            cue_start = s_start + len(f"Minister {actor} ")
            prefix = text[max(0, cue_start - 12) : cue_start]
            statement["cue"] = {"start": cue_start, "end": cue_start + 4, "exact": "said", "prefix": prefix}
        statements_out.append(statement)
        if k % 10 == 0:
            events.append(
                {
                    "id": f"e{k}",
                    "title": f"Event {k}",
                    "when": {"value": "2024-05-31", "precision": "day", "anchor": "reference_date", "rule": "given"},
                    "evidence": [f"s{k}"],
                }
            )
    # Actor n said statements n, n + A, n + 2A, ...; round r = k // A is tagged i0 when even, i1 when
    # odd, so statement n backs its stance on i0 and statement n + A its stance on i1.
    stances = [
        {"actor": actor, "issue": issue, "position": "yes", "evidence": [f"s{n + r * len(actors)}"]}
        for n, actor in enumerate(actors)
        for r, issue in enumerate(("i0", "i1"))
    ]
    return {
        "schema_version": "1.0",
        "source": {
            "id": "big",
            "headline": "A long article",
            "reference_date": "2024-05-31",
            "text": text,
            "text_sha256": hashlib.sha256(text.encode()).hexdigest(),
        },
        "actors": [
            {"id": a, "name": f"Minister {a}", "kind": "person", "role": "Minister", "country": "PL"} for a in actors
        ],
        "statements": statements_out,
        "events": events,
        "issues": [
            {"id": i, "title": i, "question": "?", "positions": [{"code": "yes", "label": "Yes", "polarity": "FAVOR"}]}
            for i in ("i0", "i1")
        ],
        "stances": stances,
    }


def timed(path: Path, runs: int) -> tuple[float, float, int]:
    """Median seconds to read and check the file, and to parse it into the models alone (the baseline:
    what no rule can make faster, measured in the same batch so that a busy machine shows in both)."""
    times, baseline, problems = [], [], 0
    raw = path.read_bytes()
    for _ in range(runs):
        began = time.perf_counter()
        result = read_dossier(path, max_bytes=1 << 30)
        times.append(time.perf_counter() - began)
        problems = len(result.errors)
        began = time.perf_counter()
        Dossier.model_validate_json(raw, strict=True)
        baseline.append(time.perf_counter() - began)
    return statistics.median(times), statistics.median(baseline), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--statements", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args(argv)
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.statements // 10, args.statements):
            path = Path(tmp) / f"big-{n}.json"
            path.write_text(json.dumps(big_dossier(n)), encoding="utf-8")
            seconds, baseline, errors = timed(path, args.runs)
            results[n] = seconds
            size = path.stat().st_size / 1e6
            print(
                f"{n:>7} statements, {size:5.1f} MB: {seconds:6.2f} s (median of {args.runs}); parsing into the "
                f"models alone {baseline:.2f} s, so checking costs {seconds / baseline:.1f}x that; {errors} errors"
            )
            if errors:
                print("the benchmark dossier does not validate", file=sys.stderr)
                return 1
    small, large = results[args.statements // 10], results[args.statements]
    ratio = large / small
    print(f"ratio for 10x the size: {ratio:.1f} (linear: about 10); budget {BUDGET_SECONDS} s at full size")
    return 0 if large <= BUDGET_SECONDS and ratio < 20 else 1


if __name__ == "__main__":
    sys.exit(main())
