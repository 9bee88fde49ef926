"""The README's examples run as shown: every ```console block's `$ fact-explorer …` command (of those that
need no server or file of your own), run from the repo root on the files that ship, prints exactly what the
block shows (stderr, then stdout).

`python -m tests.test_readme --update` rewrites the blocks with what the commands print now.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
import shlex
import sys
from pathlib import Path

import pytest

from tui.cli import main

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
BLOCK = re.compile(r"```console\n\$ (?P<command>[^\n]+)\n(?P<output>.*?)```", re.S)


# The commands that run on the files that ship; `index` needs a server and `draft` an article of your own.
RUNNABLE = ("quotes", "timeline", "stances", "speakers", "notes", "validate", "bookmarks")


def runnable(command: str) -> bool:
    words = command.split()
    return words[0] == "fact-explorer" and len(words) > 1 and words[1] in RUNNABLE


def examples(text: str) -> list[re.Match[str]]:
    return [m for m in BLOCK.finditer(text) if runnable(m["command"])]


def run(command: str) -> str:
    """What the command prints, stderr first, as in a terminal piped to `cat` (plain text, no colour)."""
    args = shlex.split(command.removesuffix(" | cat"))[1:]
    out, err = io.StringIO(), io.StringIO()
    cwd = os.getcwd()
    env = {k: os.environ.pop(k) for k in ("COLUMNS", "FORCE_COLOR") if k in os.environ}
    try:
        os.chdir(ROOT)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            main(args)
    finally:
        os.chdir(cwd)
        os.environ.update(env)
    return err.getvalue() + out.getvalue()


def test_the_json_key_tables_list_every_key() -> None:
    """README, "JSON output": each query's row names every key its records have, in order."""
    from tui.bundled import seed_path
    from tui.render import export
    from tui.store import Store
    from tui.validation import read_dossier

    rows = dict(re.findall(r"^\| `(\w+)` \| (`.*`) \|$", README.read_text(encoding="utf-8"), re.M))
    store = Store(read_dossier(seed_path()).dossier)
    records = {
        "quotes": export.quote_records(store, store.dossier.statements[:1]),
        "timeline": export.timeline_records(store, store.dossier.events[:1]),
        "stances": export.stance_records(store, store.dossier.stances[:1]),
        "speakers": export.speaker_records(store, store.dossier.actors[:1]),
        "notes": export.note_records(store, store.dossier.notes[:1]),
    }
    for query, (record,) in records.items():
        assert re.findall(r"`(\w+)`", rows[query]) == list(record) == export.COLUMNS[query], query


def test_the_examples_are_what_make_examples_writes() -> None:
    import runpy

    files = runpy.run_path(str(ROOT / "scripts" / "make_examples.py"))["files"]()
    for name, text in files.items():
        assert (ROOT / "data" / "examples" / name).read_text(encoding="utf-8") == text, (
            f"data/examples/{name} differs from what scripts/make_examples.py writes: run it"
        )


CASES = [m["command"] for m in examples(README.read_text(encoding="utf-8"))]


def test_the_readme_has_examples() -> None:
    assert len(CASES) >= 8


@pytest.mark.parametrize("command", CASES)
def test_readme_example_runs_as_shown(command: str) -> None:
    shown = next(m["output"] for m in examples(README.read_text(encoding="utf-8")) if m["command"] == command)
    assert run(command) == shown


if __name__ == "__main__" and "--update" in sys.argv:
    text = README.read_text(encoding="utf-8")
    text = BLOCK.sub(
        lambda m: f"```console\n$ {m['command']}\n{run(m['command']) if runnable(m['command']) else m['output']}```",
        text,
    )
    README.write_text(text, encoding="utf-8")
    print(f"updated {len(examples(text))} examples in README.md")
