"""What a user waits for in `fact-explorer draft`: a folder of articles in batch mode, per article, and a
single article from the command line (start-up included), against `fact-explorer validate` on the same
dossiers as the baseline measured in the same run. Not a test: figures, printed.

Usage: python benchmarks/draft_batch.py [--copies 40] [--runs 5] [--articles DIR]
  --articles DIR: draft the *.txt/*.html in DIR instead of copies of the bundled article and the
  saved-page fixture (read where they lie; nothing is copied into the repository).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BUDGET_S_PER_ARTICLE = 1.0


def timed(argv: list[str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "tui", *argv], cwd=ROOT, capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if done.returncode not in (0, 1):  # 1: some articles failed, which the summary line reports
        raise SystemExit(f"{argv[0]} failed ({done.returncode}): {done.stderr.strip()[-500:]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=40)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--articles", type=Path)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="draft-bench-"))
    try:
        if args.articles:
            source = args.articles
        else:
            source = work / "in"
            source.mkdir()
            for n in range(args.copies):
                shutil.copy(ROOT / "data" / "kharkiv-2024-05-31.txt", source / f"k{n:03d}.txt")
                shutil.copy(ROOT / "tests" / "fixtures" / "draft" / "saved-page.html", source / f"p{n:03d}.html")
        count = sum(1 for p in source.iterdir() if p.suffix.lower() in (".txt", ".html", ".htm"))
        first = next(p for p in sorted(source.iterdir()) if p.suffix.lower() in (".txt", ".html", ".htm"))
        out = work / "out"
        batch, single, baseline = [], [], []
        for _ in range(args.runs):
            batch.append(timed(["draft", str(source), "-o", str(out), "--force"]))
            single.append(timed(["draft", str(first), "-o", str(work / "one.json"), "--force"]))
            baseline.append(timed(["validate", "-q", str(out)]))
        per = statistics.median(batch) / count
        print(f"articles: {count} ({'from ' + str(source) if args.articles else 'bundled article + saved page'})")
        print(f"batch, whole folder (median of {args.runs}): {statistics.median(batch):.2f} s")
        print(f"batch, per article: {per * 1000:.0f} ms (budget {BUDGET_S_PER_ARTICLE * 1000:.0f} ms)")
        print(f"one article, process start to end (first article's cost): {statistics.median(single) * 1000:.0f} ms")
        print(f"baseline, validate the {count} dossiers: {statistics.median(baseline):.2f} s")
        print(f"ratio, draft / validate, whole folder: {statistics.median(batch) / statistics.median(baseline):.1f}")
        print("within budget" if per <= BUDGET_S_PER_ARTICLE else "OVER BUDGET")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
