"""A bare Textual app, or the explorer, run in a terminal for `benchmarks/run.py`, which times when
their text reaches the screen (it reads the pseudo-terminal; nothing here is timed).

`python benchmarks/first_frame.py bare` shows Header + Static + Footer and quits 0.3 s later.
`python benchmarks/first_frame.py explorer [ARGS...]` runs `fact-explorer ARGS` and quits once the
dossier is shown and every loading worker (a folder's index sync) has finished.
"""

from __future__ import annotations

import sys

BARE_TEXT = "Bare Textual app: first content"


def bare() -> None:
    from textual.app import App
    from textual.widgets import Footer, Header, Static

    class Bare(App):
        def compose(self):
            yield Header()
            yield Static(BARE_TEXT)
            yield Footer()

        def on_mount(self) -> None:
            self.set_timer(0.3, self.exit)

    Bare().run()


def explorer(argv: list[str]) -> None:
    from tui.app.main_screen import MainScreen
    from tui.cli import main

    mounted = MainScreen.on_mount

    def quit_when_loaded(self) -> None:
        if any(w.group == "load" and not w.is_finished for w in self.workers):
            self.set_timer(0.05, lambda: quit_when_loaded(self))
        else:
            self.set_timer(0.3, self.exit)

    def shown(self) -> None:
        mounted(self)
        if self.store is not None:  # the panes are filled
            quit_when_loaded(self.app)

    MainScreen.on_mount = shown
    sys.exit(main(argv))


if __name__ == "__main__":
    bare() if sys.argv[1] == "bare" else explorer(sys.argv[2:])
