"""Print seconds from process start to the first frame painted, for the bare app or the explorer.

Run as `python benchmarks/first_frame.py bare|explorer [FILE]` inside a terminal (or under tmux);
the figure goes to the file named by FIRST_FRAME_OUT. Used by benchmarks/run.py.
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


def report_and_exit(app) -> None:
    with open(os.environ["FIRST_FRAME_OUT"], "w") as out:
        out.write(f"{since_process_start():.4f}\n")
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

    original = module.ExplorerApp.on_mount

    def on_mount(self) -> None:
        original(self)
        self.call_after_refresh(report_and_exit, self)

    module.ExplorerApp.on_mount = on_mount
    main(argv)


if __name__ == "__main__":
    time.perf_counter()
    bare() if sys.argv[1] == "bare" else explorer(sys.argv[2:])
