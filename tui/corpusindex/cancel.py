"""Stopping a query whose answer nobody waits for any more (layer 3: no Textual).

The explorer asks the index from worker threads; a keystroke makes the previous filter's queries
(its count, the Timeline's page) pointless, and on a large corpus they take seconds. A thread says
when its queries should stop (`stop_when`); a backend checks `should_stop()` while a query runs
(SQLite: a progress handler) and ends it with an error, which that thread expects."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_local = threading.local()


@contextmanager
def stop_when(predicate: Callable[[], bool]) -> Iterator[None]:
    """Queries made by this thread inside the block stop (with an error) once `predicate()` is true."""
    before = getattr(_local, "predicate", None)
    _local.predicate = predicate
    try:
        yield
    finally:
        _local.predicate = before


def should_stop() -> bool:
    predicate = getattr(_local, "predicate", None)
    return predicate is not None and predicate()


def current() -> Callable[[], bool] | None:
    """This thread's predicate, for a backend that watches it from another thread (PostgreSQL: the
    query runs on the server, and is cancelled from the client)."""
    return getattr(_local, "predicate", None)
