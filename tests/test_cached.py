"""`tui.cached`: a value worked out once an instance, with no lock shared between instances."""

from __future__ import annotations

import threading

from tui.cached import cached


class Slow:
    def __init__(self, started: threading.Event, release: threading.Event) -> None:
        self.started, self.release, self.calls = started, release, 0

    @cached
    def value(self) -> int:
        self.calls += 1
        self.started.set()
        self.release.wait(10)
        return self.calls


def test_one_instance_working_out_its_value_does_not_hold_up_another() -> None:
    started, release, quick = threading.Event(), threading.Event(), threading.Event()
    slow = Slow(started, release)
    other = Slow(threading.Event(), quick)
    quick.set()
    thread = threading.Thread(target=lambda: slow.value)
    thread.start()
    assert started.wait(10)
    answered = []
    reader = threading.Thread(target=lambda: answered.append(other.value))
    reader.start()
    reader.join(2)  # functools.cached_property (Python 3.11) waits here until `slow` is released
    assert answered == [1]
    release.set()
    thread.join(10)
    assert slow.value == 1 and slow.calls == 1  # kept: not worked out again
