"""Benchmarks with budgets (issue 15: speed and scale). Not tests: figures, printed and written to
benchmarks/RESULTS.md.

    python benchmarks/run.py [--sizes 1000,10000,100000] [--runs 7] [--corpora DIR] [--reuse] [--baseline DIR]

Start-up is timed to FIRST CONTENT: the moment the dossier's text ("Blinken"; for a corpus, its first
quote) reaches a 120x40 pseudo-terminal, read as the app writes it, from the moment the process is
started. Each batch interleaves the explorer with a bare Textual app (Header + Static + Footer, same
Python), so a busy machine slows both alike; figures are medians, budgets ratios to the bare app.
`--baseline DIR`: a checkout of the code before this work, timed in the same batch for the CLI budget.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
import fcntl
import json
import os
import platform
import pty
import re
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from first_frame import BARE_TEXT  # noqa: E402
from generate import generate  # noqa: E402

from tui.filters import Filter  # noqa: E402

BUDGETS = {
    "first_content_ratio": 1.5,  # aim 1.3
    "cli_vs_before": 0.5,
    "build_s": {1000: 4.0, 10000: 40.0, 100000: 420.0},
    "peak_mb": 300.0,
    "reopen_ratio": 1.5,
    "first_page_p95_ms": 20.0,  # at 100k
    "keystroke_p95_ms": 50.0,  # at 100k
    "reindex_one_s": 0.5,  # at 10k
}
ESCAPES = re.compile(rb"\x1b(\[[0-9;?<>=]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)|[@-Z\\-_])")
FILTERS = [Filter(text=t) for t in ("s", "sa", "san", "sanc", "sanctions", "air def", "peace talks", "w", "the")]
FILTERS += [Filter(countries=frozenset({c})) for c in ("PL", "DE", "NATO", "US")]
FILTERS += [Filter(countries=frozenset({"PL"}), text="weap"), Filter(issues=frozenset({"escalation"}))]


def environment(tmp: Path) -> dict[str, str]:
    """Everything the runs write goes under `tmp`: the validation cache, the state file. Python may
    write bytecode, as an installed copy has it (pip compiles on install): a start that compiled the
    tool from source each time would time something no user waits for."""
    compileall.compile_dir(ROOT / "tui", quiet=1)
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    return {
        **env,
        "TERM": "xterm-256color",
        "FACT_EXPLORER_CACHE": str(tmp / "cache"),
        "FACT_EXPLORER_STATE": str(tmp / "state.json"),
        "PYTHONPATH": str(ROOT),
    }


def on_screen(args: list[str], marker: str, env: dict[str, str], timeout: float = 900) -> dict[str, float]:
    """Run `first_frame.py ARGS` on a 120x40 pseudo-terminal: seconds from starting it to `marker` on
    the screen, and the process's peak memory (MB)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    start = time.perf_counter()
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "first_frame.py"), *args],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        cwd=ROOT,
        close_fds=True,
    )
    os.close(slave)
    wanted, seen, screen = marker.encode(), None, b""
    deadline, usage = start + timeout, None

    def exited() -> bool:  # reaped here, not by Popen, to have its resource usage
        nonlocal usage
        if usage is None:
            pid, _, rusage = os.wait4(proc.pid, os.WNOHANG)
            usage = rusage if pid else None
        return usage is not None

    while time.perf_counter() < deadline:
        ready, _, _ = select.select([master], [], [], 0.01)
        if not ready:
            if exited():
                break
            continue
        try:
            chunk = os.read(master, 65536)
        except OSError:
            break
        if not chunk:
            break
        if seen is None:
            screen += chunk
            if wanted in ESCAPES.sub(b"", screen):
                seen = time.perf_counter() - start
    if not exited():
        if time.perf_counter() >= deadline:
            proc.kill()
        _, _, usage = os.wait4(proc.pid, 0)
    proc.returncode = 0
    os.close(master)
    assert usage is not None
    return {"content_s": float("nan") if seen is None else seen, "peak_mb": usage.ru_maxrss / 1024}


def timed(command: list[str], env: dict[str, str]) -> float:
    """Seconds to run `command` in the folder its PYTHONPATH names (`-m` looks in the working folder first)."""
    start = time.perf_counter()
    cwd = env.get("PYTHONPATH", str(ROOT))
    subprocess.run(command, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start


def startup(runs: int, env: dict[str, str]) -> dict[str, float]:
    """Bundled dossier, already validated once (as every start but the first): bare and explorer,
    interleaved. Also one start with an empty validation cache, for comparison."""
    shutil.rmtree(env["FACT_EXPLORER_CACHE"], ignore_errors=True)
    cold = on_screen(["explorer", "--fresh"], "Blinken", env)["content_s"]
    bare, ours = [], []
    for _ in range(runs):
        bare.append(on_screen(["bare"], BARE_TEXT, env)["content_s"])
        ours.append(on_screen(["explorer", "--fresh"], "Blinken", env)["content_s"])
    return {"bare_s": statistics.median(bare), "explorer_s": statistics.median(ours), "cold_s": cold}


def cli(runs: int, env: dict[str, str], baseline: Path | None) -> dict[str, float]:
    """`quotes --country poland --format md` beside `python -c 'import rich'`, interleaved; and the
    same command from `baseline` (the code before), when given."""
    query = ["quotes", "--country", "poland", "--format", "md"]
    commands = {
        "rich": [sys.executable, "-c", "import rich"],
        "quotes": [sys.executable, "-m", "tui", *query],
    }
    envs = {"rich": env, "quotes": env}
    if baseline is not None:
        commands["before"] = [sys.executable, "-m", "tui", *query]
        envs["before"] = {**env, "PYTHONPATH": str(baseline)}
    for name in commands:  # warm: caches written, files in the page cache
        timed(commands[name], envs[name])
    times: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):
        for name in commands:
            times[name].append(timed(commands[name], envs[name]))
    return {f"{name}_s": statistics.median(values) for name, values in times.items()}


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants (the build's worker processes), in MB."""
    total, todo = 0.0, [pid]
    while todo:
        current = todo.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            total += next(int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")) / 1024
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, StopIteration, ValueError):
            continue
    return total


def built(folder: Path, location: Path) -> bool:
    """Is there a whole index of `folder` at `location` (every file indexed)?"""
    if not location.exists():
        return False
    from tui.corpusindex import open_index
    from tui.corpusindex.sync import scan, stale

    index = open_index(folder, str(location))
    try:
        return stale(index, scan(folder)) == ([], [])
    finally:
        index.close()


def build(folder: Path, location: Path, env: dict[str, str]) -> dict[str, float]:
    """A first build of the index, in its own process: seconds, and the peak of the memory it and its
    worker processes hold together (sampled every 50 ms)."""
    for extra in ("", "-wal", "-shm", ".lock"):
        Path(f"{location}{extra}").unlink(missing_ok=True)
    code = (
        "import sys; from pathlib import Path; from tui.corpusindex import open_index; "
        "from tui.corpusindex.sync import sync; folder = Path(sys.argv[1]); "
        "sync(open_index(folder, sys.argv[2]), folder)"
    )
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code, str(folder), str(location)], env=env, cwd=ROOT)
    peak = 0.0
    while proc.poll() is None:
        peak = max(peak, tree_rss_mb(proc.pid))
        time.sleep(0.05)
    assert proc.returncode == 0, f"build of {folder} failed"
    return {"build_s": time.perf_counter() - start, "build_peak_mb": peak}


def first_quote(location: Path, folder: Path) -> str:
    from tui.corpusindex import open_index

    index = open_index(folder, str(location))
    first = index.statements(index.statement_ids(Filter(), 0, 1))[0]
    index.close()
    return first["content"]["exact"][:14]


def reopen(folder: Path, location: Path, runs: int, env: dict[str, str]) -> dict[str, float]:
    """The explorer on an unchanged, indexed folder, to its first quote on screen; bare app interleaved."""
    marker = first_quote(location, folder)
    bare, ours, peaks = [], [], []
    for _ in range(runs):
        bare.append(on_screen(["bare"], BARE_TEXT, env)["content_s"])
        run = on_screen(["explorer", str(folder), "--fresh", "--index", str(location)], marker, env)
        ours.append(run["content_s"])
        peaks.append(run["peak_mb"])
    return {"reopen_bare_s": statistics.median(bare), "reopen_s": statistics.median(ours), "reopen_peak_mb": max(peaks)}


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20, method="inclusive")[18]


def queries(folder: Path, location: Path) -> dict[str, float]:
    """In this process: each filter's first page of statements (ids and records, what the Quotes pane
    shows), its count, and the Timeline's first page; three rounds."""
    from tui.corpusindex import open_index

    index = open_index(folder, str(location))
    page, count, events = [], [], []
    for _ in range(3):
        for f in FILTERS:
            a = time.perf_counter()
            index.statements(index.statement_ids(f, 0, 40))
            b = time.perf_counter()
            index.count_statements(f)
            c = time.perf_counter()
            index.event_ids(f, 0, 40)
            d = time.perf_counter()
            page.append((b - a) * 1000)
            count.append((c - b) * 1000)
            events.append((d - c) * 1000)
    statements = index.count_statements(Filter())
    index.close()
    return {
        "statements": statements,
        "page_p50_ms": statistics.median(page),
        "page_p95_ms": p95(page),
        "count_p95_ms": p95(count),
        "events_p95_ms": p95(events),
    }


def reindex_one(folder: Path, location: Path, env: dict[str, str]) -> dict[str, float]:
    """One file changed (its headline), then the index brought up to date: median of three."""
    from tui.corpusindex import open_index
    from tui.corpusindex.sync import sync

    path = folder / "story-00000.json"
    original = path.read_bytes()
    index = open_index(folder, str(location))
    times = []
    try:
        for n in range(3):
            data = json.loads(original)
            data["source"]["headline"] = f"Changed headline {n}"
            path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            start = time.perf_counter()
            report = sync(index, folder)
            times.append(time.perf_counter() - start)
            assert report.indexed == 1
    finally:
        path.write_bytes(original)
        sync(index, folder)
        index.close()
    return {"reindex_one_s": statistics.median(times)}


def keystrokes(folder: Path, location: Path) -> dict[str, float]:
    """Keystroke to the Quotes pane redrawn (headless Pilot, 120x40, on the index): from the key press
    to the refresh after the pane got its new statements."""
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    async def run() -> list[float]:
        state = UserState(Path(tempfile.mkdtemp()) / "state.json")
        app = ExplorerApp(path=folder, state=state, index=str(location), fresh=True)
        latencies: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            screen = app.main
            while app.store is None or screen.view is None or any(not w.is_finished for w in app.workers):
                await pilot.pause(0.05)
            while any(t.name == "load" for t in threading.enumerate()):  # the folder's check after opening
                await pilot.pause(0.05)
            show_view = screen._show_view
            done: dict[str, float] = {}

            def timed_view(results) -> None:
                show_view(results)
                app.call_after_refresh(lambda: done.__setitem__(results.filter.text, time.perf_counter()))

            screen._show_view = timed_view  # type: ignore[method-assign]
            await pilot.press("slash")
            for word in ("sanctions", "peace", "air", "weapons"):
                typed = ""
                for key in [*word, *["backspace"] * len(word)]:
                    typed = typed[:-1] if key == "backspace" else typed + key
                    start = time.perf_counter()
                    await pilot.press(key)
                    while done.get(typed, 0) < start:
                        if time.perf_counter() - start > 30:
                            raise RuntimeError(f"no update for {typed!r}")
                        await pilot.pause(0.001)
                    latencies.append((done[typed] - start) * 1000)
                    await pilot.pause(0.02)
        return latencies

    latencies = asyncio.run(run())
    return {"key_p50_ms": statistics.median(latencies), "key_p95_ms": p95(latencies), "keys": len(latencies)}


START, END = "<!-- run.py:start -->", "<!-- run.py:end -->"


def write_section(path: Path, text: str) -> None:
    """This run's figures between the markers in RESULTS.md, the other sections (other benchmarks)
    left as they are; at the top when there are no markers yet."""
    old = path.read_text(encoding="utf-8") if path.exists() else "# Benchmark results\n"
    block = f"{START}\n{text}{END}"
    if START in old and END in old:
        new = old[: old.index(START)] + block + old[old.index(END) + len(END) :]
    else:
        head, _, rest = old.partition("\n")
        new = f"{head}\n\n{block}\n{rest}"
    path.write_text(new, encoding="utf-8")


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    system = f"{platform.system()} {platform.machine()}"
    return f"{system}, {os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Python {platform.python_version()}"


def verdict(value: float, budget: float) -> str:
    return f"{'✔ within' if value <= budget else '✘ over'} budget {budget:g}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="corpus sizes, in dossiers (e.g. 1000,10000,100000)")
    parser.add_argument("--runs", type=int, default=7, help="start-ups per batch, medians reported")
    parser.add_argument("--corpora", type=Path, help="where generated corpora are kept between runs (else a temp dir)")
    parser.add_argument("--baseline", type=Path, help="a checkout of the code before, for the CLI budget")
    parser.add_argument("--no-keys", action="store_true", help="skip the keystroke runs")
    parser.add_argument(
        "--reuse", action="store_true", help="keep indexes beside the corpora; one that is whole is not built again"
    )
    parser.add_argument("--no-startup", action="store_true", help="skip the start-up and CLI runs (corpus only)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",") if n]
    tmp = Path(tempfile.mkdtemp(prefix="fact-explorer-bench-"))
    corpora = args.corpora or tmp
    env = environment(tmp)
    lines = [f"Machine: {machine()}", f"Load average at the start: {os.getloadavg()[0]:.1f}", ""]

    def say(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    if not args.no_startup:
        up = startup(args.runs, env)
        ratio = up["explorer_s"] / up["bare_s"]
        batch = f"120x40 pseudo-terminal, medians of {args.runs}, interleaved"
        say(f"## Start-up to first content, bundled dossier ({batch})")
        say(f"- bare Textual app (Header + Static + Footer), its text on screen: {up['bare_s']:.3f} s")
        say(
            f'- fact-explorer, "Blinken" on screen (file validated before): {up["explorer_s"]:.3f} s — ratio '
            f"{ratio:.2f}, {verdict(ratio, BUDGETS['first_content_ratio'])} (aim 1.3)"
        )
        say(f"- the first start ever (full validation, empty cache; one run): {up['cold_s']:.3f} s")
        say()
        c = cli(args.runs, env, args.baseline)
        say(f"## CLI: `fact-explorer quotes --country poland --format md` (medians of {args.runs}, interleaved)")
        say(f"- `python -c 'import rich'`: {c['rich_s']:.3f} s")
        say(f"- the query now: {c['quotes_s']:.3f} s ({c['quotes_s'] / c['rich_s']:.2f}× import rich)")
        if "before_s" in c:
            share = c["quotes_s"] / c["before_s"]
            say(
                f"- the query before this work ({args.baseline}): {c['before_s']:.3f} s "
                f"({c['before_s'] / c['rich_s']:.2f}× import rich); now/before {share:.2f}, "
                f"{verdict(share, BUDGETS['cli_vs_before'])}"
            )
        say()
    rows: dict[int, dict[str, float]] = {}
    for n in sizes:
        folder = corpora / f"corpus-{n}"
        if not folder.is_dir() or len(list(folder.glob("*.json"))) != n:
            shutil.rmtree(folder, ignore_errors=True)
            generate(folder, n)
        location = (corpora if args.reuse else tmp) / f"index-{n}.sqlite"
        figures: dict[str, float] = {}
        steps = [lambda *a: reopen(*a[:2], args.runs, a[2]), lambda f, i, e: queries(f, i)]
        if not (args.reuse and built(folder, location)):
            steps.insert(0, build)
        steps.append(reindex_one)
        if not args.no_keys:
            steps.append(lambda f, i, e: keystrokes(f, i))
        for step in steps:
            figures.update(step(folder, location, env))
            print(json.dumps({n: figures}), flush=True)  # as it goes: a 100,000-dossier run is long
        rows[n] = figures
    if rows:
        say("## Corpus on the index: how each figure grows")
        say(
            "| dossiers | statements | first build | build peak | re-open to first quote | ratio to bare | "
            "explorer peak | first page p50 / p95 | count p95 | timeline page p95 | keystroke p50 / p95 | "
            "one file re-indexed |"
        )
        say("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for n, f in rows.items():
            keys = f"{f['key_p50_ms']:.0f} / {f['key_p95_ms']:.0f} ms" if "key_p95_ms" in f else "—"
            made = f"{f['build_s']:.1f} s | {f['build_peak_mb']:.0f} MB" if "build_s" in f else "reused | —"
            say(
                f"| {n:,} | {f['statements']:,} | {made} | "
                f"{f['reopen_s']:.3f} s | {f['reopen_s'] / f['reopen_bare_s']:.2f} | {f['reopen_peak_mb']:.0f} MB | "
                f"{f['page_p50_ms']:.1f} / {f['page_p95_ms']:.1f} ms | {f['count_p95_ms']:.0f} ms | "
                f"{f['events_p95_ms']:.0f} ms | {keys} | {f['reindex_one_s']:.3f} s |"
            )
        say()
        per = ", ".join(f"{n:,}: {f['build_s'] * 1000 / n:.2f} s" for n, f in rows.items() if "build_s" in f)
        say(f"Per 1,000 dossiers, first build: {per}")
        say()
        say("## Budgets")
        for n, f in rows.items():
            if n in BUDGETS["build_s"] and "build_s" in f:
                say(f"- {n:,}: first build {f['build_s']:.1f} s, {verdict(f['build_s'], BUDGETS['build_s'][n])} s")
            peak = max(f.get("build_peak_mb", 0.0), f["reopen_peak_mb"])
            say(f"- {n:,}: peak memory (build, explorer) {peak:.0f} MB, {verdict(peak, BUDGETS['peak_mb'])} MB")
            r = f["reopen_s"] / f["reopen_bare_s"]
            say(f"- {n:,}: re-open to first content {r:.2f}× bare, {verdict(r, BUDGETS['reopen_ratio'])}")
        biggest = rows[max(rows)]
        say(
            f"- {max(rows):,}: search or filter, first page p95 {biggest['page_p95_ms']:.1f} ms, "
            f"{verdict(biggest['page_p95_ms'], BUDGETS['first_page_p95_ms'])} ms"
        )
        if "key_p95_ms" in biggest:
            say(
                f"- {max(rows):,}: keystroke to the redrawn Quotes pane p95 {biggest['key_p95_ms']:.0f} ms "
                f"({biggest['keys']:.0f} keys), {verdict(biggest['key_p95_ms'], BUDGETS['keystroke_p95_ms'])} ms"
            )
        if 10000 in rows:
            one = rows[10000]["reindex_one_s"]
            say(f"- 10,000: one changed file re-indexed in {one:.3f} s, {verdict(one, BUDGETS['reindex_one_s'])} s")
    say()
    say(f"Load average at the end: {os.getloadavg()[0]:.1f}")
    if not args.no_write:
        made = f"Made by `python benchmarks/run.py {' '.join(argv or sys.argv[1:])}`.\n\n"
        write_section(HERE / "RESULTS.md", made + "\n".join(lines) + "\n")
    shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
