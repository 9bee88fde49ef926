"""Seconds from process start to the first frame painted, for a bare app or the explorer.

Run as `python benchmarks/first_frame.py bare|explorer [FILE|DIR]` in a terminal (benchmarks/run.py
gives it a pseudo-terminal). Writes to the file named by FIRST_FRAME_OUT: the first frame, then, for
the explorer, the moment its panes show the dossier, and the peak memory in MB.
"""

from __future__ import annotations

import os
import sys
import time


def since_process_start() -> float:
    """Seconds since this process started, from /proc (Linux)."""
    with open("/proc/self/stat") as f:
        start_ticks = int(f.read().rsplit(")", 1)[1].split()[19])
    with open("/proc/uptime") as f:
        uptime = float(f.read().split()[0])
    return uptime - start_ticks / os.sysconf("SC_CLK_TCK")


def record(line: str) -> None:
    with open(os.environ["FIRST_FRAME_OUT"], "a") as out:
        out.write(line + "\n")


def peak_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def report_and_exit(app) -> None:
    record(f"first_frame {since_process_start():.4f}")
    app.exit()


def bare() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header

    class Bare(App):
        def compose(self):
            yield Header()
            yield Footer()

        def on_mount(self) -> None:
            self.call_after_refresh(report_and_exit, self)

    Bare().run()


def explorer(argv: list[str]) -> None:
    from tui.app import explorer as module
    from tui.cli import main

    on_mount, show = module.ExplorerApp.on_mount, module.ExplorerApp._show_dossier

    def first_frame(self) -> None:
        record(f"first_frame {since_process_start():.4f}")

    def shown(self) -> None:
        record(f"ready {since_process_start():.4f}")
        record(f"peak_mb {peak_mb():.1f}")
        self.exit()

    def patched_mount(self) -> None:
        on_mount(self)
        self.call_after_refresh(first_frame, self)

    def patched_show(self) -> None:
        show(self)
        self.call_after_refresh(shown, self)

    module.ExplorerApp.on_mount = patched_mount
    module.ExplorerApp._show_dossier = patched_show
    main(argv)


if __name__ == "__main__":
    time.perf_counter()
    bare() if sys.argv[1] == "bare" else explorer(sys.argv[2:])
