"""A bare Textual app, or the explorer, run in a terminal for `benchmarks/run.py`, which times when
their text reaches the screen (it reads the pseudo-terminal; nothing here is timed).

`python benchmarks/first_frame.py bare` shows Header + Static + Footer and quits 0.3 s later.
`python benchmarks/first_frame.py explorer [ARGS...]` runs `fact-explorer ARGS` and quits once the
dossier is shown and its loading thread (a folder's index sync) has finished.
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
    """`fact-explorer ARGV`, its main screen patched (below) as the app imports it, not before: importing
    it here would import Textual before `fact-explorer` starts, a start-up no user has (a folder's index
    or an archive is opened on a thread begun before Textual's import, to overlap it)."""
    from tui.cli import main

    when_imported("tui.app.main_screen", lambda module: patch(module.MainScreen))
    sys.exit(main(argv))


def when_imported(name: str, then) -> None:
    """`then(module)` once the module `name` is imported (by whoever imports it first)."""
    import importlib.abc
    import importlib.util

    class Finder(importlib.abc.MetaPathFinder):
        def find_spec(self, fullname, path, target=None):
            if fullname != name:
                return None
            sys.meta_path.remove(self)
            spec = importlib.util.find_spec(fullname)
            run = spec.loader.exec_module

            def exec_module(module) -> None:
                run(module)
                then(module)

            spec.loader.exec_module = exec_module
            return spec

    sys.meta_path.insert(0, Finder())


def patch(MainScreen) -> None:  # noqa: N803
    """Quit once the dossier is shown and its loading thread has finished."""
    mounted = MainScreen.on_mount

    def quit_when_loaded(self) -> None:
        if self.loading:
            self.set_timer(0.05, lambda: quit_when_loaded(self))
        else:
            self.set_timer(0.3, self.exit)

    def shown(self) -> None:
        mounted(self)
        if self.store is not None:  # the panes are filled
            quit_when_loaded(self.app)

    MainScreen.on_mount = shown


if __name__ == "__main__":
    bare() if sys.argv[1] == "bare" else explorer(sys.argv[2:])
