"""A text box that keeps the keys of a burst in order.

Textual types a printable key into an Input at once, but lets an editing key (backspace, the arrows,
enter) bubble up to the app to be matched to the Input's binding. Keys that arrive together — a fast
typist over ssh, a terminal's paste, a held key — are all queued in the Input first, so the letters
overtake the backspaces typed before them: "nuclear", 7 backspaces and "sanctions" gave
"nuclearsa". Here the editing keys run as they arrive, in order.
"""

from __future__ import annotations

from textual import events
from textual.widgets import Input

# Each key of the Input's own bindings, and the action it runs.
EDITING_KEYS = {key.strip(): b.action for b in Input.BINDINGS for key in b.key.split(",")}


class OrderedInput(Input):
    async def on_key(self, event: events.Key) -> None:
        action = EDITING_KEYS.get(event.key)
        if action is not None:
            event.prevent_default()  # not again by Input, nor by the app when the key bubbles
            event.stop()
            await self.run_action(action)
