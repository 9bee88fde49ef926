"""The help screen's table, rendered as Rich renders it in the help box (no app started)."""

from __future__ import annotations

import io

from rich.console import Console

from tui.app.commands import help_sections
from tui.screens.help import bindings_table, keys_of


def rendered(width: int) -> list[str]:
    console = Console(file=io.StringIO(), width=width, color_system=None, legacy_windows=False)
    console.print(bindings_table(help_sections()))
    return [line.rstrip() for line in console.file.getvalue().splitlines()]


def test_every_key_is_shown_as_typed_not_by_its_textual_name() -> None:
    shown = {key for _, bindings in help_sections() for binding in bindings for key in keys_of(binding)}
    assert {"[", "]", "(", ")", "+", "-"} <= shown
    assert not [key for key in shown if "_" in key or key in ("plus", "minus")]


def test_at_80x24_a_section_title_does_not_squeeze_the_descriptions() -> None:
    # At 80x24 the help box is 80% of 80 columns: 60 inside its border and padding.
    lines = rendered(60)
    assert any(line.strip() == "Curating a dossier file (a folder opens read-only)" for line in lines)
    assert any(line.startswith("esc ") and line.endswith("Clear search, then filter") for line in lines), lines
    assert max(map(len, lines)) <= 60
