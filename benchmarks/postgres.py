"""Shared-archive benchmarks (issue 16): figures on a PostgreSQL on loopback, written to RESULTS.md's
own section by hand from what this prints. Not tests.

    python benchmarks/postgres.py --db URL [--sizes 100000,1000000] [--template 10000] [--load 2000]

URL is a superuser's (the archive's schema is dropped and made again for each size). Measures:
- load rate: `fact-explorer index` on LOAD generated files, as a user runs it (validation, one
  transaction a file), and again with nothing changed;
- at each size (an archive built by benchmarks/pg_archive.py): a search's or filter's first page
  (40 ids, then their records, as the Quotes pane asks), p50/p95 over every filter and repetition;
  the count of the same (not budgeted: the explorer asks for it after the page);
- the explorer on `--db`: first content against a bare Textual app, interleaved; peak memory;
  keystroke to the redrawn Quotes pane (`explorer_figures`).
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

import pg_archive  # noqa: E402
from generate import generate  # noqa: E402

from tui.corpusindex.postgres import open_archive  # noqa: E402
from tui.filters import Filter  # noqa: E402

PAGE = 40
FILTERS = [
    Filter(text="sanc"),
    Filter(text="sanctions"),
    Filter(text="the war"),
    Filter(text="nuc"),
    Filter(text="weap"),
    Filter(text="minister"),
    Filter(text="zzzz"),
    Filter(countries=frozenset({"PL"})),
    Filter(countries=frozenset({"NATO", "DE"})),
    Filter(issues=frozenset({"sanctions"})),
    Filter(date_from=dt.date(2024, 3, 1), date_to=dt.date(2024, 3, 20)),
    Filter(countries=frozenset({"US"}), text="weap", date_to=dt.date(2024, 9, 1)),
    Filter(countries=frozenset({"FR"}), text="sanc"),
]


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def load_rate(url: str, files: int, work: Path) -> dict[str, float]:
    folder = work / f"load-{files}"
    if not folder.exists():
        generate(folder, files)
    pg_archive.fresh(url)
    first = pg_archive.index_folder(url, folder)
    again = pg_archive.index_folder(url, folder)
    return {
        "files": files,
        "index_s": first,
        "files_per_s": files / first,
        "statements_per_s": 20 * files / first,
        "unchanged_s": again,
    }


def queries(url: str, repeats: int = 7) -> dict[str, float]:
    index = open_archive(url)
    pages: list[float] = []
    counts: list[float] = []
    undated: list[float] = []  # pages of filters without a date range (see RESULTS.md)
    by_filter: dict[str, list[float]] = {}
    slowest = (0.0, "")
    for _ in range(repeats):
        for f in FILTERS:
            start = time.perf_counter()
            ids = index.statement_ids(f, 0, PAGE)
            index.statements(ids)
            took = (time.perf_counter() - start) * 1000
            pages.append(took)
            if not (f.date_from or f.date_to):
                undated.append(took)
            by_filter.setdefault(describe(f), []).append(took)
            slowest = max(slowest, (took, repr(f)))
            start = time.perf_counter()
            index.count_statements(f)
            counts.append((time.perf_counter() - start) * 1000)
    index.close()
    return {
        "page_p50_ms": statistics.median(pages),
        "page_p95_ms": pct(pages, 95),
        "page_max_ms": max(pages),
        "count_p50_ms": statistics.median(counts),
        "count_p95_ms": pct(counts, 95),
        "undated_page_p95_ms": pct(undated, 95),
        "slowest": slowest[1],
        "median_by_filter_ms": {k: round(statistics.median(v), 1) for k, v in by_filter.items()},
    }


def describe(f: Filter) -> str:
    parts = [f"text={f.text!r}"] if f.text else []
    parts += [f"countries={','.join(sorted(f.countries))}"] if f.countries else []
    parts += [f"issues={','.join(sorted(f.issues))}"] if f.issues else []
    parts += [f"from={f.date_from}"] if f.date_from else []
    parts += [f"to={f.date_to}"] if f.date_to else []
    return " ".join(parts)


def explorer_figures(db: str, runs: int = 5) -> dict[str, float]:
    """First content (the first quote on screen) of the explorer on the archive against a bare Textual
    app's text, interleaved, medians, timed by benchmarks/run.py's pseudo-terminal timer; the explorer
    process's peak memory; keystroke to redrawn Quotes pane."""
    import run
    from first_frame import BARE_TEXT

    index = open_archive(db)
    marker = index.statements(index.statement_ids(Filter(), 0, 1))[0]["content"]["exact"][:14]
    index.close()
    env = run.environment(Path(tempfile.mkdtemp(prefix="fact-explorer-pg-bench-")))
    bare, ours, peaks = [], [], []
    for _ in range(runs):
        bare.append(run.on_screen(["bare"], BARE_TEXT, env)["content_s"])
        shown = run.on_screen(["explorer", "--db", db, "--fresh"], marker, env)
        ours.append(shown["content_s"])
        peaks.append(shown["peak_mb"])
    figures = {
        "bare_s": statistics.median(bare),
        "first_content_s": statistics.median(ours),
        "ratio": statistics.median(ours) / statistics.median(bare),
        "peak_mb": max(peaks),
    }
    print("  explorer:", figures, flush=True)
    try:
        return figures | keystrokes(db)
    except RuntimeError as exc:  # run.keystrokes gives up on a key not answered within 30 s
        return figures | {"keystrokes": str(exc)}


def keystrokes(db: str) -> dict[str, float]:
    """Keystroke to the Quotes pane redrawn, exactly as benchmarks/run.py times it on a folder's index
    (its `keystrokes`), but with the explorer opened on the archive."""
    import run

    from tui.app import explorer

    folder_app = explorer.ExplorerApp

    class OnArchive(folder_app):  # what run.keystrokes opens: the archive, whatever folder it names
        CSS_PATH = str(Path(explorer.__file__).parent / folder_app.CSS_PATH)

        def __init__(self, *args, state=None, fresh=False, **kwargs) -> None:
            super().__init__(state=state, fresh=fresh, db=db)

    explorer.ExplorerApp = OnArchive
    try:
        return run.keystrokes(Path("."), Path("."))
    finally:
        explorer.ExplorerApp = folder_app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", required=True)
    parser.add_argument("--sizes", default="100000")
    parser.add_argument("--template", type=int, default=10000)
    parser.add_argument("--load", type=int, default=2000)
    parser.add_argument("--statements", type=int, default=20, help="statements an article (generate.py)")
    parser.add_argument("--no-build", action="store_true", help="measure the archive already at --db")
    parser.add_argument("--no-explorer", action="store_true")
    parser.add_argument("--no-queries", action="store_true")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "fact-explorer-pg-bench")
    args = parser.parse_args(argv)
    args.work.mkdir(parents=True, exist_ok=True)
    if args.load and not args.no_build:
        print("load rate:", load_rate(args.db, args.load, args.work), flush=True)
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"{size:,} articles:", flush=True)
        if not args.no_build:
            built = pg_archive.build(args.db, size, min(size, args.template), args.work, args.statements)
            print("  built:", built, flush=True)
        if not args.no_queries:
            print("  queries:", queries(args.db), flush=True)
        if not args.no_explorer:
            print("  explorer and keystrokes:", explorer_figures(args.db), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
