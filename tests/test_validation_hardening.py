"""Validation and reading against hostile input: errors never capped away, a size limit that counts
the bytes read, dates out of range, cycles, spans inside a grapheme cluster, invisible characters,
and quitting while a long load runs. (Linear time has a budget in benchmarks/validation.py.)"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_json
from tui.cli import main
from tui.render.inert import inert
from tui.validation import check

Data = dict[str, Any]


def many_warnings_then_an_error(seed_data: Data) -> Data:
    strings = [*seed_data["events"], *seed_data["actors"], *seed_data["notes"], *seed_data["stances"]]
    for item in strings:
        key = "title" if "title" in item else "name" if "name" in item else "text" if "text" in item else "note"
        item[key] = (item.get(key) or "") + "\u200b"  # a zero-width space: a warning each
    assert len(strings) > 50
    seed_data["stances"][-1]["position"] = "no-such-position"  # found after every warning
    return seed_data


def test_warnings_never_push_an_error_out(tmp_path: Path, seed_data: Data, capsys) -> None:
    path = write_json(tmp_path / "d.json", many_warnings_then_an_error(seed_data))
    result = check(many_warnings_then_an_error(seed_data))
    assert result.exit_code == 1 and any("no-such-position" in p.message for p in result.errors)
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert "OK" not in out and "no-such-position" in err and "more warnings" in err
    assert main(["quotes", str(path)]) == 1
    assert "no-such-position" in capsys.readouterr().err


def test_the_size_limit_counts_bytes_read_from_a_pipe() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "tui", "validate", "/dev/stdin", "--max-size", "1"],
        input=b" " * (3 * 1024 * 1024) + b"{}",
        capture_output=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert b"over the 1 MB limit" in proc.stderr, proc.stderr


@pytest.mark.parametrize("value", ["9999-W52", "2024-13", "2024-02-30", "0000", "２０２４-05-31", "2024-05-3１"])
def test_an_edtf_value_out_of_range_or_not_ascii_is_an_error(tmp_path: Path, seed_data: Data, value: str, capsys):
    seed_data["events"][0]["when"].update(value=value, earliest=None, latest=None)
    seed_data["events"][0]["when"].pop("phrase", None)
    path = write_json(tmp_path / "d.json", seed_data)
    assert main(["validate", str(path)]) == 1
    err = capsys.readouterr().err
    assert "$.events[0].when.value" in err and "Traceback" not in err
    assert main(["timeline", str(path)]) == 1
    folder = tmp_path / "corpus"
    folder.mkdir()
    write_json(folder / "d.json", seed_data)
    assert main(["speakers", str(folder)]) == 1


def test_an_anchor_cycle_is_an_error(seed_data: Data) -> None:
    first, second = seed_data["events"][0], seed_data["events"][1]
    first["when"]["anchor"], second["when"]["anchor"] = second["id"], first["id"]
    errors = check(seed_data).errors
    assert [p.path for p in errors if "circle" in p.message] == ["$.events[0].when.anchor", "$.events[1].when.anchor"]


def test_a_speaks_for_cycle_is_an_error(seed_data: Data) -> None:
    ids = {a["id"]: a for a in seed_data["actors"]}
    ids["us-gov"]["speaks_for"], ids["blinken"]["speaks_for"] = "blinken", "us-gov"
    errors = check(seed_data).errors
    assert any(p.path.endswith(".speaks_for") and "circle" in p.message for p in errors), errors


def _with_text(seed_data: Data, extra: str) -> tuple[Data, int]:
    text = seed_data["source"]["text"]
    start = len(text) + 1
    seed_data["source"]["text"] = text + "\n" + extra
    seed_data["source"]["text_sha256"] = hashlib.sha256(seed_data["source"]["text"].encode()).hexdigest()
    return seed_data, start


@pytest.mark.parametrize(
    "extra, exact, ok",
    [
        ("Cafe\u0301 talks.", "Cafe", False),  # stops between the e and its accent
        ("Cafe\u0301 talks.", "Cafe\u0301", True),
        ("Flag \U0001f1fa\U0001f1e6 here.", "Flag \U0001f1fa", False),  # half a flag
        ("Flag \U0001f1fa\U0001f1e6 here.", "Flag \U0001f1fa\U0001f1e6", True),
    ],
)
def test_a_span_inside_a_grapheme_cluster_is_an_error(seed_data: Data, extra: str, exact: str, ok: bool) -> None:
    seed_data, start = _with_text(seed_data, extra)
    seed_data["notes"].append(
        {"id": "n-span", "text": "x", "span": {"start": start, "end": start + len(exact), "exact": exact}}
    )
    errors = [p for p in check(seed_data).errors if p.path.startswith(f"$.notes[{len(seed_data['notes']) - 1}]")]
    assert (errors == []) is ok, errors


@pytest.mark.parametrize("char", ["\U000e0041", "\u3164", "\u115f", "\u2028", "\u2029"])
def test_invisible_characters_are_warned_and_shown(seed_data: Data, char: str) -> None:
    seed_data["actors"][0]["name"] += char
    problems = [p for p in check(seed_data).problems if p.path == "$.actors[0].name"]
    assert [p.level for p in problems] == ["warning"]
    assert f"⟨U+{ord(char):04X}⟩" in inert(f"name{char}")


def test_a_line_separator_in_the_article_is_not_warned(seed_data: Data) -> None:
    seed_data, _ = _with_text(seed_data, "One\u2028two.")
    assert not [p for p in check(seed_data).problems if p.path == "$.source.text"]


async def test_copying_invisible_characters_says_so(seed_data: Data, tmp_path: Path) -> None:
    from tui.app.explorer import ExplorerApp
    from tui.model import Dossier
    from tui.userstate import UserState

    seed_data["actors"][1]["name"] += "\U000e0041\u3164"  # Blinken, whose quote is first
    app = ExplorerApp(Dossier.model_validate(seed_data), state=UserState(tmp_path / "s.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("C")
        await pilot.pause()
        notice = list(app._notifications)[-1]
        assert "2 invisible characters" in notice.message, notice.message


QUIT_WHILE_LOADING = """
import sys, time
from pathlib import Path
import tui.app.explorer
import tui.validation
from tui.app.explorer import ExplorerApp
from tui.userstate import UserState

real = tui.validation.read_dossier
tui.validation.read_dossier = lambda *a, **k: time.sleep(300) or real(*a, **k)  # a load that takes long


class Quits(ExplorerApp):
    CSS_PATH = str(Path(tui.app.explorer.__file__).with_name(ExplorerApp.CSS_PATH))  # not beside this script

    def on_ready(self) -> None:
        print("ready", flush=True)
        self.set_timer(0.5, lambda: self.run_action("quit"))  # q, once the first frame is drawn


Quits(path=Path(sys.argv[1]), state=UserState(Path(sys.argv[2]))).run(headless=True)
print("closed")
"""


def test_quit_during_a_long_load_does_not_wait_for_it(tmp_path: Path, seed_data: Data) -> None:
    path = write_json(tmp_path / "d.json", seed_data)
    script = tmp_path / "quit_while_loading.py"  # a file: Textual looks for its app's source
    script.write_text(QUIT_WHILE_LOADING)
    args = [sys.executable, str(script), str(path), str(tmp_path / "s.json")]
    try:
        proc = subprocess.run(args, capture_output=True, text=True, timeout=90)  # the load takes 300 s
    except subprocess.TimeoutExpired:
        pytest.fail("the process waited for the load to end")
    assert proc.returncode == 0 and proc.stdout.split() == ["ready", "closed"], proc.stderr


@pytest.mark.filterwarnings(
    "error::pytest.PytestUnhandledThreadExceptionWarning"
)  # a load ending after quitting: no traceback
async def test_ctrl_c_quits_while_loading(tmp_path: Path, seed_data: Data, monkeypatch) -> None:
    import tui.validation
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    release = threading.Event()
    real = tui.validation.read_dossier
    monkeypatch.setattr(tui.validation, "read_dossier", lambda *a, **k: release.wait(30) and real(*a, **k))
    app = ExplorerApp(path=write_json(tmp_path / "d.json", seed_data), state=UserState(tmp_path / "s.json"))
    try:
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert app.return_code == 0  # exit() was called
    finally:
        release.set()
