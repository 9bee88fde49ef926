"""Write SVG screenshots of the explorer, driven on the bundled dossier, into screenshots/.

    python scripts/screenshots.py

The real app runs headless at a fixed size and is driven with key presses, as a user would. The output is
deterministic, so rerunning the script changes no file unless a view changed: every screenshot has a fixed
title, the search box's cursor does not blink, each run waits for the side panes (which follow a filter a
moment later), and each screenshot starts from its own empty state file in a temporary folder, so neither
the user's theme nor a view remembered from another screenshot leaks in.
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "screenshots"

WIDE = (120, 40)
NARROW = (80, 24)


@dataclass(frozen=True)
class Shot:
    name: str
    title: str
    size: tuple[int, int]
    keys: tuple[str, ...] = ()
    cell: tuple[str, str] | None = None  # a Stances cell to move the cursor to, after the keys
    draft: bool = False  # open `fact-explorer draft` of the bundled article, to curate, not the dossier


SHOTS = [
    Shot("default.svg", "fact-explorer", WIDE),
    Shot("filtered.svg", "fact-explorer — filtered to Poland", WIDE, ("f", "p", "o", "l", "enter")),
    Shot("stances.svg", "fact-explorer — Putin on escalation", WIDE, ("3",), cell=("putin", "escalation")),
    Shot("source.svg", "fact-explorer — source view", WIDE, ("s",)),
    Shot("help.svg", "fact-explorer — help", WIDE, ("question_mark",)),
    Shot("narrow.svg", "fact-explorer — 80×24", NARROW),
    Shot("curating.svg", "fact-explorer — reviewing a draft", WIDE, ("j", "j", "e"), draft=True),
]


async def _settle(pilot) -> None:
    from tui.app.main_screen import SIDE_PANES_DELAY

    await pilot.pause(SIDE_PANES_DELAY + 0.15)
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def _move_to_cell(pilot, actor: str, issue: str) -> None:
    table = pilot.app.query_one("#stances")
    for key, index, want in (("j", 0, actor), ("l", 1, issue)):
        for _ in range(50):
            if table.current()[index] == want:
                break
            await pilot.press(key)
    if table.current() != (actor, issue):
        raise SystemExit(f"no Stances cell {actor} × {issue}")


async def shoot(shot: Shot, dossier, state_dir: Path) -> str:
    from textual.widgets import Input

    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    state = UserState(state_dir / f"{shot.name}.json")
    app = ExplorerApp(path=_drafted(state_dir), state=state) if shot.draft else ExplorerApp(dossier, state=state)
    async with app.run_test(size=shot.size) as pilot:
        while shot.draft and not (app.opened and app.main.session is not None):
            await pilot.pause(0.05)
        await pilot.pause()
        await pilot.press(*shot.keys)
        for box in app.screen.query(Input):
            box.cursor_blink = False
        if shot.cell:
            await _move_to_cell(pilot, *shot.cell)
        await _settle(pilot)
        return app.export_screenshot(title=shot.title)


def _drafted(folder: Path) -> Path:
    """The draft of the bundled article, made as `fact-explorer draft` makes it, dated as the article."""
    import datetime as dt

    from tui.bundled import data_dir
    from tui.draft.build import Meta, draft

    text = (data_dir() / "kharkiv-2024-05-31.txt").read_text(encoding="utf-8")
    headline = "US lets Ukraine use US weapons against Russian forces near Kharkiv"
    meta = Meta(id="kharkiv-draft", headline=headline, today=dt.date(2024, 5, 31))
    path = folder / "kharkiv-draft.json"
    path.write_text(json.dumps(draft(text, meta).dossier, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path


async def main() -> None:
    with tempfile.TemporaryDirectory(prefix="fact-explorer-screenshots-") as temp:
        # Set before the app is imported: nothing here reads or writes the user's state or clipboard.
        os.environ["FACT_EXPLORER_STATE"] = str(Path(temp) / "state.json")
        os.environ["FACT_EXPLORER_NO_SYSTEM_CLIPBOARD"] = "1"
        from tui.bundled import seed_path
        from tui.model import Dossier

        dossier = Dossier.model_validate(json.loads(seed_path().read_text(encoding="utf-8")))
        OUT.mkdir(exist_ok=True)
        for shot in SHOTS:
            svg = await shoot(shot, dossier, Path(temp))
            path = OUT / shot.name
            path.write_text(svg, encoding="utf-8", newline="\n")
            print(f"{path.relative_to(ROOT)}  {shot.size[0]}×{shot.size[1]}  {shot.title}")


if __name__ == "__main__":
    asyncio.run(main())
