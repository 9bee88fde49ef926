"""Make dossier text safe to show: control, bidi and zero-width characters become visible escapes.

The validator refuses control characters, but the app and the CLI never rely on that alone: any text
headed for a terminal passes through `inert`, so it cannot move the cursor, write the clipboard or
reorder a line.
"""

from __future__ import annotations

import re

HIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb]")


def inert(text: str, keep_newlines: bool = True) -> str:
    """`text` with every character that acts on a terminal, or hides, replaced by a visible ⟨U+XXXX⟩."""
    out = HIDDEN.sub(lambda m: f"⟨U+{ord(m.group()):04X}⟩", text)
    return out if keep_newlines else out.replace("\n", " ").replace("\t", " ")


def markup_escape(text: str) -> str:
    """`text` for a place that reads Textual content markup (the command palette's titles and help):
    every `[` escaped, so `Content.from_markup` gives back exactly `text`, unstyled. Textual's own
    `escape` leaves an unclosed `[/` or `[b` as it is, which the parser then refuses."""
    return text.replace("[", "\\[")
