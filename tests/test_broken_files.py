"""Broken files through every entry point: `validate`, the queries and the explorer itself.

Each gives a clear one-line error per problem and a non-zero exit, in seconds, never a traceback. A
file that cannot be read, is not JSON, or is JSON but not an object never starts the app; one that is
a JSON object but does not validate starts it, which closes at once and prints the problems.
"""

from __future__ import annotations

import hashlib
import re
import time
from pathlib import Path
from typing import Any

import pytest
from textual.app import App

from tui.app.explorer import ExplorerApp
from tui.app.main_screen import MainScreen
from tui.bundled import seed_path
from tui.cli import main

from .conftest import write_json
from .test_validation import FILE_CASES

Data = dict[str, Any]
LINE = r": \$[^ ]*: \S.*"


@pytest.fixture
def no_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """The explorer must not start."""

    def refuse(*args: object, **kwargs: object) -> int:
        raise AssertionError("the app was started")

    monkeypatch.setattr("tui.app.main.run_app", refuse)


@pytest.fixture
def headless(monkeypatch: pytest.MonkeyPatch) -> None:
    """The explorer runs without a terminal (it loads, finds the problems and closes)."""
    monkeypatch.setattr(ExplorerApp, "run", lambda self, **kw: App.run(self, headless=True, size=(80, 24)))
    monkeypatch.setattr("tui.cli.terminal_problem", lambda stdout, stderr: None)  # as if on a UTF-8 terminal


def _lines(capsys: pytest.CaptureFixture[str], file: Path) -> list[str]:
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert out == ""
    lines = err.splitlines()
    for line in lines:
        assert re.fullmatch(re.escape(str(file)) + LINE, line), line
    return lines


def _timed(argv: list[str]) -> int:
    started = time.perf_counter()
    code = main(argv)
    assert time.perf_counter() - started < 10
    return code


# -- files that are not dossiers at all: every entry point refuses them at once -------------------------------


@pytest.mark.parametrize(("content", "code", "fragment"), FILE_CASES)
@pytest.mark.parametrize("entry", ["tui", "quotes", "timeline", "validate"])
@pytest.mark.usefixtures("no_app")
def test_unreadable_files(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str, content: bytes, code: int, fragment: str
) -> None:
    path = tmp_path / "dossier.json"
    path.write_bytes(content)
    argv = [str(path)] if entry == "tui" else [entry, str(path)]
    assert _timed(argv) == code
    (line,) = _lines(capsys, path)
    assert fragment in line


@pytest.mark.parametrize("entry", ["tui", "quotes", "validate"])
@pytest.mark.usefixtures("no_app")
def test_over_the_size_limit(capsys: pytest.CaptureFixture[str], entry: str) -> None:
    path = seed_path()
    argv = [str(path), "--max-size", "0.001"]
    assert _timed(argv if entry == "tui" else [entry, *argv]) == 2
    (line,) = _lines(capsys, path)
    assert line.endswith("over the 0.000999 MB limit (raise it with --max-size)")


@pytest.mark.parametrize("entry", ["tui", "quotes", "validate"])
@pytest.mark.usefixtures("no_app")
def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], entry: str) -> None:
    path = tmp_path / "nowhere.json"
    assert _timed([str(path)] if entry == "tui" else [entry, str(path)]) == 2
    (line,) = _lines(capsys, path)
    assert "cannot read: No such file or directory" in line


@pytest.fixture(scope="module")
def huge(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A 60 MB JSON object: a dossier's first key, then one long string."""
    path = tmp_path_factory.mktemp("huge") / "huge.json"
    with path.open("wb") as f:
        f.write(b'{"schema_version": "1.0", "padding": "')
        chunk = b"x" * (1024 * 1024)
        for _ in range(60):
            f.write(chunk)
        f.write(b'"}')
    assert path.stat().st_size > 60 * 1024 * 1024
    return path


@pytest.mark.parametrize("entry", ["tui", "quotes", "validate"])
@pytest.mark.usefixtures("no_app")
def test_a_60_mb_file_is_refused_at_once(huge: Path, capsys: pytest.CaptureFixture[str], entry: str) -> None:
    started = time.perf_counter()
    assert main([str(huge)] if entry == "tui" else [entry, str(huge)]) == 2
    assert time.perf_counter() - started < 1  # refused by its size, before it is read
    (line,) = _lines(capsys, huge)
    assert line.endswith(": $: file is 60 MB, over the 50 MB limit (raise it with --max-size)")


def test_max_size_lifts_the_limit(huge: Path, capsys: pytest.CaptureFixture[str]) -> None:
    started = time.perf_counter()
    assert main(["validate", "--max-size", "100", str(huge)]) == 1
    assert time.perf_counter() - started < 15
    lines = _lines(capsys, huge)
    assert lines and not any("limit" in line for line in lines)
    assert f"{huge}: $.padding: unknown field" in lines
    assert f"{huge}: $.source: required field is missing" in lines


# -- JSON objects that are not valid dossiers: the queries refuse them, the app opens and closes ---------------


def _rehash(d: Data) -> None:
    d["source"]["text_sha256"] = hashlib.sha256(d["source"]["text"].encode("utf-8")).hexdigest()


def _wrong_type(d: Data) -> str:
    d["statements"][0]["content"]["start"] = "77"
    return "$.statements[0].content.start: Input should be a valid integer"


def _missing_field(d: Data) -> str:
    del d["actors"][1]["name"]
    return "$.actors[1].name: required field is missing"


def _dangling(d: Data) -> str:
    d["statements"][0]["actor"] = "nobody"
    return "$.statements[0].actor: no actor has id 'nobody'"


def _duplicate_id(d: Data) -> str:
    d["events"][1]["id"] = d["events"][0]["id"]
    return f"$.events[1]: duplicate id {d['events'][0]['id']!r}"


def _span_out_of_range(d: Data) -> str:
    n = len(d["source"]["text"])
    d["statements"][0]["content"]["end"] = n + 5
    return f"$.statements[0].content: span 77..{n + 5} is outside the text (0..{n})"


def _span_off_by_one(d: Data) -> str:
    d["statements"][0]["content"]["end"] += 1
    return "$.statements[0].content.exact: text at 77..251 ends"


def _sha_mismatch(d: Data) -> str:
    d["source"]["text_sha256"] = "0" * 64
    return "$.source.text_sha256: does not match the text (its SHA-256 is "


INVALID = [_wrong_type, _missing_field, _dangling, _duplicate_id, _span_out_of_range, _span_off_by_one, _sha_mismatch]


@pytest.mark.parametrize("breaks", INVALID, ids=lambda f: f.__name__.strip("_"))
@pytest.mark.parametrize("entry", ["quotes", "stances", "validate"])
def test_invalid_dossiers_through_the_cli(
    tmp_path: Path, seed_data: Data, capsys: pytest.CaptureFixture[str], breaks, entry: str
) -> None:
    expected = breaks(seed_data)
    path = write_json(tmp_path / "invalid.json", seed_data)
    assert _timed([entry, str(path)]) == 1
    lines = _lines(capsys, path)
    assert any(line.startswith(f"{path}: {expected}") for line in lines), lines


@pytest.mark.parametrize("breaks", INVALID, ids=lambda f: f.__name__.strip("_"))
async def test_the_app_refuses_an_invalid_dossier(tmp_path: Path, seed_data: Data, breaks) -> None:
    expected = breaks(seed_data)
    path = write_json(tmp_path / "invalid.json", seed_data)
    app = ExplorerApp(path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(50):  # it loads in a thread, then closes
            if app.return_code is not None:
                break
            await pilot.pause(0.05)
    assert app.return_code == 1
    assert app.loaded is not None and app.loaded.store is None
    ((_, refused),) = app.loaded.refused
    assert any(p.line(str(path)).startswith(f"{path}: {expected}") for p in refused.errors)


@pytest.mark.parametrize("breaks", [_dangling, _span_off_by_one], ids=lambda f: f.__name__.strip("_"))
@pytest.mark.usefixtures("headless")
def test_the_explorer_command_prints_the_problems(
    tmp_path: Path, seed_data: Data, capsys: pytest.CaptureFixture[str], breaks
) -> None:
    """`fact-explorer FILE`: the app starts, finds the file invalid, closes; the problems are printed."""
    expected = breaks(seed_data)
    path = write_json(tmp_path / "invalid.json", seed_data)
    assert _timed([str(path)]) == 1
    lines = _lines(capsys, path)
    assert any(line.startswith(f"{path}: {expected}") for line in lines), lines


@pytest.mark.usefixtures("headless")
def test_the_explorer_command_opens_a_valid_file_headless(capsys: pytest.CaptureFixture[str], monkeypatch) -> None:
    """The harness itself: a valid file opens (and is quit at once), exit 0, nothing printed."""

    mounted = MainScreen.on_mount

    def quit_once_filled(self: MainScreen) -> None:  # in the first frame (a small file) or after loading
        mounted(self)
        if self.store is not None:
            self.app.exit()

    monkeypatch.setattr(MainScreen, "on_mount", quit_once_filled)
    assert main([str(seed_path()), "--fresh"]) == 0
    out, err = capsys.readouterr()
    assert (out, err) == ("", "")


@pytest.mark.usefixtures("headless")
def test_deep_nesting_inside_a_valid_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nesting the JSON reader accepts but the checker cannot: one problem, no traceback."""
    path = tmp_path / "deep.json"
    path.write_text('{"schema_version": "1.0", "x": ' + "[" * 900 + "]" * 900 + "}", encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    (line,) = _lines(capsys, path)
    assert "recursion limit exceeded" in line
    assert main([str(path)]) == 1
    assert _lines(capsys, path) == [line]
