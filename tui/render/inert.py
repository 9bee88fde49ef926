"""Make outside text safe to show: control, bidi, zero-width and other invisible characters become
visible escapes.

Every string from outside the program — dossier text, file and folder names, environment values,
state-file contents, exception messages quoting any of them — passes through here before it reaches a
terminal: `inert` for text shown in the app and in a query's table, `one_line` and `say` for the lines
the CLI and the app print. The validator refuses control characters, but nothing relies on that alone.
"""

from __future__ import annotations

import re
import sys
from typing import TextIO

# C0/C1 controls (but tab and newline), bidi controls, zero-width characters, lone surrogates (a file
# name that is not UTF-8 decodes to them), invisible fillers (Hangul fillers U+115F/U+1160/U+3164/
# U+FFA0, Mongolian vowel separator U+180E, combining grapheme joiner U+034F, braille blank U+2800),
# line and paragraph separators U+2028/U+2029, and Unicode tag characters U+E0000–U+E007F.
INVISIBLE = (
    "\u034f\u115f\u1160\u180e\u2028\u2029\u2800\u3164\uffa0\U000e0000-\U000e007f"
    "\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufff9-\ufffb\ud800-\udfff"
)
HIDDEN = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{INVISIBLE}]")
_HIDDEN_OR_LINES = re.compile(f"[\x00-\x1f\x7f-\x9f{INVISIBLE}]")


def _visible(match: re.Match[str]) -> str:
    return f"⟨U+{ord(match.group()):04X}⟩"


def inert(text: str, keep_newlines: bool = True) -> str:
    """`text` with every character that acts on a terminal, or hides, replaced by a visible ⟨U+XXXX⟩."""
    out = HIDDEN.sub(_visible, text)
    return out if keep_newlines else out.replace("\n", " ").replace("\t", " ")


def one_line(text: object) -> str:
    """`text` as one inert line: tabs and line breaks are shown as ⟨U+000A⟩ too, so a file name cannot
    forge a line of output."""
    return _HIDDEN_OR_LINES.sub(_visible, str(text))


def say(*lines: object, file: TextIO | None = None) -> None:
    """Print each of `lines` as one inert line (on standard error unless `file` is given): the one
    way the CLI and the app print a message. A stream that is closed, full or gone is let be (there is
    nowhere left to say so); characters the stream's encoding lacks are written as escapes."""
    stream = sys.stderr if file is None else file
    if stream is None:  # started with the descriptor closed
        return
    text = "".join(one_line(line) + "\n" for line in lines)
    try:
        write(stream, text)
        stream.flush()
    except (OSError, ValueError):
        pass


def write(stream: TextIO, text: str) -> bool:
    """Write `text`; where the stream's encoding (a non-UTF-8 locale) lacks a character, as an escape.
    True when it had to."""
    try:
        stream.write(text)
        return False
    except UnicodeEncodeError:
        encoding = getattr(stream, "encoding", None) or "ascii"
        stream.write(text.encode(encoding, "backslashreplace").decode(encoding))
        return True


def markup_escape(text: str) -> str:
    """`text` for a place that reads Textual content markup (the command palette's titles and help):
    every `[` escaped, so `Content.from_markup` gives back exactly `text`, unstyled. Textual's own
    `escape` leaves an unclosed `[/` or `[b` as it is, which the parser then refuses."""
    return text.replace("[", "\\[")
