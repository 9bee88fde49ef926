"""`cached`: `functools.cached_property` without its lock.

Up to Python 3.11, `cached_property` holds one lock for every instance of a class while it works a
value out: the explorer's worker threads, each counting or filtering its own list on a server, waited
for one another's slow queries behind it, and filled the thread pool so that a keystroke's query
could not start (Python 3.12 dropped the lock for this reason). Here two threads may both work a
value out; the later one's is kept. The value lives in the instance's `__dict__` under the
attribute's name, as `cached_property` keeps it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class cached(Generic[T]):  # noqa: N801 - used as a decorator, like cached_property
    def __init__(self, func: Callable[[Any], T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> T:
        if instance is None:
            return self  # type: ignore[return-value]
        value = instance.__dict__[self.name] = self.func(instance)
        return value
