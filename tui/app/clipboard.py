"""The system clipboard, beside the terminal's (OSC 52): used where a clipboard tool is present."""

from __future__ import annotations

import os
import shutil
import sys

# The tools pyperclip drives, per platform; checking first means we never pop up an error or hang.
_TOOLS = {
    "linux": ("wl-copy", "xclip", "xsel"),
    "darwin": ("pbcopy",),
    "win32": ("clip.exe", "clip"),
}
DISABLE_ENV = "FACT_EXPLORER_NO_SYSTEM_CLIPBOARD"


def system_tool() -> str | None:
    """The clipboard tool present on this machine, or None."""
    if os.environ.get(DISABLE_ENV):
        return None
    tools = _TOOLS.get(sys.platform, ())
    if sys.platform.startswith("linux") and "microsoft" in os.uname().release.lower():
        tools = ("clip.exe", *tools)
    if sys.platform.startswith("linux") and not (os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY")):
        tools = tuple(t for t in tools if t == "clip.exe")
    return next((tool for tool in tools if shutil.which(tool)), None)


def copy_to_system(text: str) -> str | None:
    """Copy with pyperclip; the tool's name on success, None where there is none or it failed."""
    tool = system_tool()
    if tool is None:
        return None
    try:
        import pyperclip

        pyperclip.copy(text)
    except Exception:  # pyperclip raises its own and OS errors; a failed copy must never stop the app
        return None
    return tool
