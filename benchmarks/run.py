"""Benchmarks with budgets (issue: speed and scale). Not tests: figures, printed and written to
benchmarks/RESULTS.md.  Usage: python benchmarks/run.py [--quick] [--sizes 10,100,1000,5000]
"""

from __future__ import annotations

import argparse
import asyncio
import fcntl
import gc
import os
import platform
import pty
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from tui.app.main_screen import SIDE_PANES_DELAY  # noqa: E402

BUDGETS = {
    "first_frame_ratio": 1.3,
    "load_validate_1000_s": 2.0,
    "keystroke_p95_ms": 50.0,
    "query_ms": 10.0,
    "corpus_first_frame_s": 1.5,
    "corpus_peak_mb": 400.0,
}


def in_terminal(args: list[str], timeout: float = 120) -> dict[str, float]:
    """Run `first_frame.py ARGS` on a 120x40 pseudo-terminal; return what it recorded."""
    out = Path(tempfile.mkstemp(suffix=".txt")[1])
    out.write_text("")
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 120, 0, 0))
    env = {
        **os.environ,
        "FIRST_FRAME_OUT": str(out),
        "TERM": "xterm-256color",
        "FACT_EXPLORER_STATE": str(out.with_suffix(".state.json")),
    }
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
    deadline = time.monotonic() + timeout
    while proc.poll() is None and time.monotonic() < deadline:
        try:  # drain the terminal so the app never blocks on a full pipe
            os.read(master, 65536)
        except OSError:
            time.sleep(0.01)
    if proc.poll() is None:
        proc.kill()
    os.close(master)
    figures = {}
    for line in out.read_text().splitlines():
        key, value = line.split()
        figures[key] = float(value)
    return figures


def first_frames(runs: int) -> dict[str, float]:
    bare = [in_terminal(["bare"])["first_frame"] for _ in range(runs)]
    ours = [in_terminal(["explorer"]) for _ in range(runs)]
    return {
        "bare_s": statistics.median(bare),
        "explorer_s": statistics.median(r["first_frame"] for r in ours),
        "explorer_ready_s": statistics.median(r["ready"] for r in ours),
    }


def load_and_query(folder: Path) -> dict[str, float]:
    """In this process: load + validate, merge + index, and queries on the corpus."""
    from tui.corpus import load_folder, merge
    from tui.filters import Filter

    t0 = time.perf_counter()
    loaded = load_folder(folder)
    t1 = time.perf_counter()
    store = merge([d for _, d in loaded.loaded], folder.name)
    t2 = time.perf_counter()
    gc.freeze()  # as the app does once loaded: the collector no longer rescans the corpus mid-query
    filters = [Filter(text=t) for t in ("s", "sa", "san", "sanc", "sanctions", "air def", "peace talks")]
    filters += [Filter(countries=frozenset({c})) for c in ("PL", "DE", "NATO", "US")]
    filters += [Filter(countries=frozenset({"PL"}), text="weap")]
    single, combined = [], []
    for f in filters * 3:
        store._ids_cache.clear()  # each filter as if new
        a = time.perf_counter()
        store.statements(f)
        b = time.perf_counter()
        store.events(f), store.actors(f), store.stances(f)
        c = time.perf_counter()
        single.append((b - a) * 1000)
        combined.append((c - a) * 1000)
    gc.unfreeze()
    return {
        "files": len(loaded.loaded),
        "statements": len(store.dossier.statements),
        "load_validate_s": t1 - t0,
        "merge_index_s": t2 - t1,
        "query_p50_ms": statistics.median(single),
        "query_p95_ms": statistics.quantiles(single, n=20)[18],
        "all_queries_p95_ms": statistics.quantiles(combined, n=20)[18],
    }


def keystrokes(folder: Path) -> dict[str, float]:
    """Keystroke to updated panes, in the app (headless, 120x40), on the corpus: from the key press to
    the screen refreshed with the new Quotes pane, detail and header; and, once typing pauses, the
    time the other three panes take to follow."""
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    async def run() -> tuple[list[float], list[float]]:
        app = ExplorerApp(path=folder, state=UserState(Path(tempfile.mkdtemp()) / "state.json"))
        latencies: list[float] = []
        side: list[float] = []
        pressed: list[float] = []
        async with app.run_test(size=(120, 40)) as pilot:
            while not app.opened:
                await pilot.pause(0.05)
            show_view, show_side = app.main._show_view, app.main._show_side_panes
            done: dict[str, float] = {}

            def timed_view(view) -> None:
                show_view(view)
                app.call_after_refresh(lambda: done.__setitem__(view.filter.text, time.perf_counter()))

            def timed_side(view, detail: bool = False) -> None:
                start = time.perf_counter()
                show_side(view, detail)
                app.call_after_refresh(lambda: side.append((time.perf_counter() - start) * 1000))

            app.main._show_view = timed_view  # type: ignore[method-assign]
            app.main._show_side_panes = timed_side  # type: ignore[method-assign]
            await pilot.press("slash")
            for word in ("sanctions", "peace", "air", "kharkiv", "weapons"):
                typed = ""
                for key in [*word, *["backspace"] * len(word)]:
                    typed = typed[:-1] if key == "backspace" else typed + key
                    start = time.perf_counter()
                    pressed.append(start)
                    await pilot.press(key)
                    while done.get(typed, 0) < start:
                        if time.perf_counter() - start > 5:
                            raise RuntimeError(f"no update for {typed!r}: filter {app.main.filter.text!r}")
                        await pilot.pause(0.001)
                    latencies.append((done[typed] - start) * 1000)
                    await pilot.pause(0.02)  # a fast typist: 40 ms a key in all
            await pilot.pause(0.5)
        gaps = [(b - a) * 1000 for a, b in zip(pressed, pressed[1:], strict=False)]
        return latencies, side, statistics.median(gaps)

    latencies, side, gap = asyncio.run(run())
    return {
        "keystroke_p50_ms": statistics.median(latencies),
        "keystroke_p95_ms": statistics.quantiles(latencies, n=20)[18],
        "keystrokes": len(latencies),
        "side_panes_ms": statistics.median(side) if side else float("nan"),
        "key_gap_ms": gap,
    }


def corpus_in_terminal(folder: Path) -> dict[str, float]:
    return in_terminal(["explorer", str(folder)])


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
    parser.add_argument("--sizes", default="10,100,1000,5000")
    parser.add_argument("--runs", type=int, default=5, help="start-up runs to take the median of")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    sizes = [int(n) for n in args.sizes.split(",")]
    lines = [f"Machine: {machine()}", f"Textual frame rate: TEXTUAL_FPS={os.environ.get('TEXTUAL_FPS')}", ""]

    def say(line: str = "") -> None:
        print(line, flush=True)
        lines.append(line)

    frames = first_frames(args.runs)
    ratio = frames["explorer_s"] / frames["bare_s"]
    say(f"## Start-up, bundled dossier (median of {args.runs}, 120x40 pseudo-terminal)")
    say(f"- bare Textual app (header + footer), first frame: {frames['bare_s']:.3f} s")
    say(
        f"- fact-explorer, first frame: {frames['explorer_s']:.3f} s — ratio {ratio:.2f}, "
        f"{verdict(ratio, BUDGETS['first_frame_ratio'])}"
    )
    say(
        f"- fact-explorer, dossier checked and shown in every pane: {frames['explorer_ready_s']:.3f} s "
        f"(ratio {frames['explorer_ready_s'] / frames['bare_s']:.2f})"
    )
    say()
    say("## Corpus: how each figure grows")
    say(
        "| dossiers | statements | load + validate | merge + index | statements query p50 | p95 | first frame | "
        "panes shown | peak memory |"
    )
    say("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    detail: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in sizes:
            folder = Path(tmp) / f"corpus-{n}"
            generate(folder, n)
            figures = {**load_and_query(folder), **corpus_in_terminal(folder)}
            detail[n] = figures
            say(
                f"| {n:,} | {figures['statements']:,} | {figures['load_validate_s']:.2f} s | "
                f"{figures['merge_index_s']:.2f} s | {figures['query_p50_ms']:.1f} ms | "
                f"{figures['query_p95_ms']:.1f} ms | {figures.get('first_frame', float('nan')):.2f} s | "
                f"{figures.get('ready', float('nan')):.2f} s | {figures.get('peak_mb', float('nan')):.0f} MB |"
            )
        say()
        say("Per 1,000 dossiers (linear growth keeps these level):")
        for name, key in (("load + validate", "load_validate_s"), ("merge + index", "merge_index_s")):
            per = ", ".join(f"{n:,}: {detail[n][key] * 1000 / n:.2f} s" for n in sizes if n >= 100)
            say(f"- {name}: {per}")
        floor = detail[min(sizes)]["peak_mb"]  # the interpreter, Textual and the app, with almost no data
        per = ", ".join(f"{n:,}: {(detail[n]['peak_mb'] - floor) * 1000 / n:.0f} MB" for n in sizes if n >= 100)
        say(f"- peak memory above the {min(sizes):,}-dossier run's ({floor:.0f} MB): {per}")
        if 1000 in sizes:
            keys = keystrokes(Path(tmp) / "corpus-1000")
            big = detail[1000]
            say()
            say("## Budgets on 1,000 dossiers")
            say(f"- load + validate: {big['load_validate_s']:.2f} s, {verdict(big['load_validate_s'], 2.0)} s")
            say(
                f"- in-process query, the statements matching a filter or search (what a keystroke waits for), "
                f"p95: {big['query_p95_ms']:.1f} ms, {verdict(big['query_p95_ms'], 10)} ms; with the actors, events "
                f"and stances for the other panes too: p95 {big['all_queries_p95_ms']:.1f} ms"
            )
            say(
                f"- keystroke to the Quotes pane and header redrawn on screen ({keys['keystrokes']} keystrokes "
                f"typing and erasing searches, headless, a key every {keys['key_gap_ms']:.0f} ms as Pilot sends "
                f"them): p50 {keys['keystroke_p50_ms']:.1f} ms, "
                f"p95 {keys['keystroke_p95_ms']:.1f} ms, {verdict(keys['keystroke_p95_ms'], 50)} ms"
            )
            say(
                f"- the detail, Speakers, Timeline and Stances follow {SIDE_PANES_DELAY * 1000:.0f} ms after typing "
                f"pauses and take {keys['side_panes_ms']:.0f} ms (median) to redraw"
            )
            say(
                f"- first frame: {big['first_frame']:.2f} s, {verdict(big['first_frame'], 1.5)} s; "
                f"every pane filled: {big['ready']:.2f} s"
            )
            say(f"- peak memory: {big['peak_mb']:.0f} MB, {verdict(big['peak_mb'], 400)} MB")
    if not args.no_write:
        text = "# Benchmark results\n\nMade by `python benchmarks/run.py`; figures from one run.\n\n" + "\n".join(lines)
        (HERE / "RESULTS.md").write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
