"""Output where it can fail: a non-UTF-8 locale, Markdown that would change a quote, a limit of
infinity, a full disk, closed standard streams, an export with nowhere to go, and the explorer
started with no terminal."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from tui.cli import terminal_problem
from tui.render.export import md

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, env: dict[str, str] | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, **(env or {})},
        cwd=ROOT,
        **kwargs,
    )


@pytest.mark.parametrize("fmt", ["text", "md", "json", "csv"])
def test_a_latin1_locale_gets_what_it_can_encode_and_a_notice(fmt: str) -> None:
    proc = run("quotes", "--format", fmt, env={"PYTHONIOENCODING": "iso-8859-1"}, encoding="iso-8859-1")
    assert proc.returncode == 0, proc.stderr
    assert "Traceback" not in proc.stderr
    assert "cannot encode" in proc.stderr and "PYTHONIOENCODING=utf-8" in proc.stderr
    assert "Warsaw has never imposed such restrictions" in proc.stdout


def test_utf8_by_choice_in_a_latin1_locale() -> None:
    proc = run("quotes", "--format", "md", env={"LC_ALL": "C", "PYTHONIOENCODING": "utf-8"})
    assert proc.returncode == 0 and "“" in proc.stdout and proc.stderr == ""


def test_the_explorer_needs_a_utf8_terminal() -> None:
    class Tty(io.TextIOWrapper):
        def isatty(self) -> bool:
            return True

    latin1 = Tty(io.BytesIO(), encoding="iso-8859-1")
    utf8 = Tty(io.BytesIO(), encoding="utf-8")
    assert "UTF-8" in (terminal_problem(latin1, latin1) or "")
    assert terminal_problem(utf8, utf8) is None


@pytest.mark.parametrize(
    "text",
    [
        "Tom & Jerry &amp; &copy; friends",
        "~~struck~~ and ~tilde~",
        "see https://evil.example/x and www.evil.example now",
        "<b>bold</b> *star* _under_ `code` [link](x) # hash | bar",
    ],
)
def test_markdown_shows_the_text_as_it_is(text: str) -> None:
    html = MarkdownIt("commonmark").enable("strikethrough").render(md(text))
    assert "<a " not in html and "<s>" not in html and "<del>" not in html and "<em>" not in html
    from html import unescape

    assert unescape(html.removeprefix("<p>").removesuffix("</p>\n")) == text
    assert "://" not in md(text) and "www." not in md(text)  # no bare URL for an autolinker


@pytest.mark.parametrize("value", ["inf", "nan", "1e400"])
def test_max_size_must_be_a_finite_number(value: str) -> None:
    proc = run("validate", "--max-size", value)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert proc.stderr.splitlines() == [
        f"fact-explorer validate: argument --max-size: {value!r} is not a finite number of megabytes"
        " (fact-explorer validate --help lists the options)"
    ]


def test_a_full_disk_is_one_line_and_an_exit_status() -> None:
    with open("/dev/full", "w") as full:
        args = [sys.executable, "-m", "tui", "quotes", "--format", "json"]
        proc = subprocess.run(args, stdout=full, stderr=subprocess.PIPE, text=True, timeout=60, cwd=ROOT)
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr and "Exception" not in proc.stderr
    assert proc.stderr.strip().splitlines() == ["fact-explorer: cannot write the output (No space left on device)"]


def test_a_closed_stdout_is_one_line_and_an_exit_status() -> None:
    proc = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, sys; os.close(1); sys.argv[1:] = ['quotes']; from tui.cli import entry; entry()",
        ],
        capture_output=False,
        stderr=subprocess.PIPE,
        text=True,
        timeout=60,
        cwd=ROOT,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr, proc.stderr
    assert proc.stderr.strip().splitlines() == ["fact-explorer: cannot write the output (Bad file descriptor)"]


def test_a_closed_stderr_still_gives_the_exit_status(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("[]")
    proc = subprocess.run(
        f"{sys.executable} -m tui validate {bad} 2>&-", shell=True, capture_output=False, timeout=60, cwd=ROOT
    )
    assert proc.returncode == 1


def test_the_explorer_with_no_terminal_says_so_and_exits_2(tmp_path: Path) -> None:
    out = tmp_path / "out"
    with open(out, "w") as handle:
        try:
            proc = subprocess.run(
                [sys.executable, "-m", "tui"],
                stdout=handle,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                timeout=30,
                cwd=ROOT,
            )
        except subprocess.TimeoutExpired:
            pytest.fail("the explorer ran with no terminal, writing escape codes into a file")
    text = out.read_text()
    assert proc.returncode == 2 and "\x1b" not in text
    assert "needs a terminal" in text and "fact-explorer quotes" in text


async def test_export_with_every_name_taken_says_so(tmp_path: Path, monkeypatch, seed) -> None:
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    monkeypatch.chdir(tmp_path)
    name = "fact-explorer-kharkiv-2024-05-31"
    for n in range(1, 1000):
        (tmp_path / (f"{name}.md" if n == 1 else f"{name}-{n}.md")).write_text("mine")
    app = ExplorerApp(seed, state=UserState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.main.export_markdown() is None
        await pilot.pause()
        notice = list(app._notifications)[-1]
        assert notice.severity == "error" and "taken" in notice.message
    assert {p.read_text() for p in tmp_path.glob("*.md")} == {"mine"}


async def test_export_with_the_working_directory_deleted_says_so(tmp_path: Path, monkeypatch, seed) -> None:
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    gone = tmp_path / "gone"
    gone.mkdir()
    monkeypatch.chdir(gone)
    gone.rmdir()
    app = ExplorerApp(seed, state=UserState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.main.export_markdown() is None
        await pilot.pause()
        notice = list(app._notifications)[-1]
        assert notice.severity == "error" and "Could not write" in notice.message
