"""An archive's first answers, asked for in a helper process while the explorer starts (layer 3).

A thread opening the archive could not hide its cost: importing the driver (psycopg: about 45 ms) and
Textual are both Python work under one interpreter lock, so they took turns. A process forked as the
explorer starts (`tui.loading.archive_soon`) imports the driver, connects and asks what the first frame
shows on another core, through a `Recorder`, and sends every answer back. Here an `EarlyIndex` gives
those answers, each once, to the same questions asked in the same order; anything else goes to the
archive itself, opened when first needed (the driver imported then) or once the first frame is on
screen (`EarlyIndex.warm`). Nothing here imports the driver.
"""

from __future__ import annotations

import contextlib
import threading
from typing import Any

Calls = dict[str, list[Any]]  # a question (its method and arguments) -> its answers, in the order given


def question(name: str, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str:
    return repr((name, args, sorted(kwargs.items())))


class Recorder:
    """An index whose answers are written down as they are given (in the helper process)."""

    def __init__(self, index: Any) -> None:
        self._index = index
        self.calls: Calls = {}

    def __getattr__(self, name: str) -> Any:
        found = getattr(self._index, name)
        if name.startswith("_") or not callable(found):
            return found

        def asked(*args: Any, **kwargs: Any) -> Any:
            answer = found(*args, **kwargs)
            self.calls.setdefault(question(name, args, kwargs), []).append(answer)
            return answer

        return asked

    def answers(self) -> dict[str, Any]:
        """What an `EarlyIndex` needs: the answers, and the archive's name and page size."""
        index = self._index
        conflicts = getattr(index, "conflicts", list)()
        return {"calls": self.calls, "location": index.location, "name": index.name, "page": index.PAGE} | {
            "conflicts": conflicts
        }


class EarlyIndex:
    """The archive at `conninfo` (read-only), answering first from `answers` (`Recorder.answers`)."""

    def __init__(self, conninfo: str, answers: dict[str, Any]) -> None:
        self._conninfo = conninfo
        self._calls: Calls = answers["calls"]
        self._conflicts: list[str] = answers["conflicts"]
        self.location: str = answers["location"]
        self.name: str = answers["name"]
        self.PAGE: int = answers["page"]
        self.folder, self.read_only = "", True
        self._index: Any = None
        self._lock = threading.Lock()
        self._on_failure: Any = None

    @property
    def on_failure(self) -> Any:
        return self._on_failure

    @on_failure.setter
    def on_failure(self, told: Any) -> None:
        self._on_failure = told
        if self._index is not None:
            self._index.on_failure = told

    def conflicts(self) -> list[str]:
        return list(self._conflicts)

    def archive(self) -> Any:
        """The archive itself (a `PostgresIndex`), made when first needed: it connects when asked."""
        with self._lock:
            if self._index is None:
                from .postgres import PostgresIndex

                self._index = PostgresIndex(self._conninfo, "", read_only=True)
                self._index.on_failure = self._on_failure
            return self._index

    def warm(self) -> None:
        """The driver imported and a connection made now, on a thread: the first frame is on screen,
        and the next question should not wait for them."""

        def connect() -> None:
            with contextlib.suppress(Exception):  # a failure is told when a question meets it
                self.archive().run(lambda conn: None)

        threading.Thread(target=connect, name="archive", daemon=True).start()

    def close(self) -> None:
        if self._index is not None:
            self._index.close()

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        if name.startswith("_"):
            return getattr(self.archive(), name)

        def ask(*args: Any, **kwargs: Any) -> Any:
            answers = self._calls.get(question(name, args, kwargs))
            if answers:
                return answers.pop(0)
            return getattr(self.archive(), name)(*args, **kwargs)

        return ask


__all__ = ["EarlyIndex", "Recorder"]
