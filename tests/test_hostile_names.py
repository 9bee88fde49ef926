"""Outside strings that are not dossier contents — file and folder names, environment values, state
file contents and exception messages quoting them — reach no terminal raw: every output path of the
CLI and the app, walked with a file name that sets the clipboard (OSC 52), the window title (OSC 0),
clears the screen (CSI) and makes a link (OSC 8)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app.explorer import ExplorerApp
from tui.bundled import seed_path
from tui.cli import main
from tui.userstate import UserState

HOSTILE = "\x1b]52;c;cm0gLXJmIH4=\x07\x1b]0;pwned\x07\x1b[2J\x1b]8;;https:evil.example\x07x\x1b]8;;\x07\n"
RAW = ("\x1b", "\x07", "\x9b", "\x9d")


def assert_inert(text: str) -> None:
    assert not any(c in text for c in RAW), repr(text)
    assert "⟨U+001B⟩]52;c;" in text and "⟨U+000A⟩" in text, repr(text)  # the name is there, visibly


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A hostile folder with a hostile broken file and a valid dossier."""
    folder = tmp_path / f"dir{HOSTILE}"
    folder.mkdir()
    (folder / f"bad{HOSTILE}.json").write_text("[]")
    (folder / "good.json").write_bytes(seed_path().read_bytes())
    return folder


@pytest.mark.parametrize(
    "argv",
    [
        ["validate", "{bad}"],
        ["validate", "{good}"],  # the OK line
        ["validate", "{folder}"],
        ["validate", "{empty}"],
        ["quotes", "{bad}"],
        ["quotes", "{folder}"],
        ["speakers", "{broken}"],  # no valid dossier in the folder
        ["{bad}"],  # the explorer refuses a file before opening
        ["{empty}"],
    ],
)
def test_cli_shows_hostile_names_inert(argv: list[str], folder: Path, tmp_path: Path, capsys) -> None:
    good = tmp_path / f"good{HOSTILE}.json"
    good.write_bytes(seed_path().read_bytes())
    empty = tmp_path / f"empty{HOSTILE}"
    empty.mkdir()
    broken = tmp_path / f"broken{HOSTILE}"
    broken.mkdir()
    (broken / f"x{HOSTILE}.json").write_text("{")
    names = {"bad": folder / f"bad{HOSTILE}.json", "good": good, "folder": folder, "empty": empty, "broken": broken}
    main([a.format(**names) for a in argv])
    out, err = capsys.readouterr()
    assert_inert(out + err)


def test_state_file_name_and_contents_are_inert(tmp_path: Path, capsys) -> None:
    state = tmp_path / f"state{HOSTILE}.json"
    state.write_text(f"not json {HOSTILE}")
    main(["bookmarks", "--state", str(state)])
    _, err = capsys.readouterr()
    assert_inert(err)


def test_problems_printed_when_the_explorer_closes_are_inert(folder: Path, capsys) -> None:
    from tui.app.main import report_problems
    from tui.loading import Loaded
    from tui.validation import read_dossier

    bad = folder / f"bad{HOSTILE}.json"
    report_problems(Loaded(folder, None, [(bad, read_dossier(bad))], files=2))
    assert_inert(capsys.readouterr().err)


async def test_app_notices_show_hostile_names_inert(folder: Path, tmp_path: Path, monkeypatch) -> None:
    state = tmp_path / f"state{HOSTILE}.json"
    state.write_text("{")  # moved aside, with a notice naming it
    work = tmp_path / f"cwd{HOSTILE}"
    work.mkdir()
    monkeypatch.chdir(work)
    app = ExplorerApp(path=folder, state=UserState(state))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            if app.store is not None and app.opened:
                break
            await pilot.pause(0.05)
        assert app.opened
        written = app.main.export_markdown()
        await pilot.pause()
        notices = [f"{n.title}\n{n.message}" for n in app._notifications]
        assert written is not None and written.exists()
    text = "\n".join(notices)
    assert not any(c in text for c in RAW), text
    assert sum("⟨U+001B⟩]52" in n for n in notices) >= 3, notices  # skipped file, state file, export


def test_an_environment_value_is_inert(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("FACT_EXPLORER_STATE", str(tmp_path / f"s{HOSTILE}" / "state.json"))
    (tmp_path / f"s{HOSTILE}").write_text("a file where a folder should be")
    main(["bookmarks"])
    _, err = capsys.readouterr()
    assert_inert(err)
