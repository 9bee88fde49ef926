"""A corpus that one file cannot poison: redefined actors and issues stay apart (and are listed),
namespaced ids cannot collide, an actor key may hold any character, and what is not a regular file
in a folder is skipped, never read."""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import write_json
from tui.cli import main
from tui.corpus import load_folder, merge
from tui.filters import Filter
from tui.validation import check

Data = dict[str, Any]


def another(seed_data: Data, source_id: str, date: str = "2024-05-01") -> Data:
    data = copy.deepcopy(seed_data)
    data["source"]["id"] = source_id
    data["source"]["reference_date"] = date
    return data


def loaded_store(folder: Path):
    loaded = load_folder(folder)
    assert not loaded.skipped, loaded.skipped
    return merge([d for _, d in loaded.loaded], "test")


def test_a_redefined_actor_does_not_take_over_anothers_quotes(tmp_path: Path, seed_data: Data, capsys) -> None:
    fake = another(seed_data, "fake-earlier")  # dated earlier: "first wins" would pick it
    for actor in fake["actors"]:
        if actor["id"] == "putin":
            actor.update(name="Joe Biden", role="President of the United States", country="US")
    assert check(fake).errors == []
    write_json(tmp_path / "a.json", seed_data)
    write_json(tmp_path / "b.json", fake)
    store = loaded_store(tmp_path)
    real = [s for s in store.dossier.statements if store.source_id_of(s.id) == "kharkiv-2024-05-31"]
    putin_quotes = [s for s in real if store.local_id(s.id) in ("s10", "s16", "s17")]
    assert {store.actor[s.actor].name for s in putin_quotes} == {"President Putin"}
    assert any("putin" in c for c in store.conflicts), store.conflicts
    main(["quotes", str(tmp_path), "--search", "nuclear war"])
    out, err = capsys.readouterr()
    assert "President Putin" in out and "Joe Biden" not in out.split("nuclear war")[0].splitlines()[-1]
    assert "putin" in err and "apart" in err


def test_a_redefined_issue_keeps_each_files_positions(tmp_path: Path, seed_data: Data) -> None:
    fake = another(seed_data, "fake-issue")
    for issue in fake["issues"]:
        if issue["id"] == "escalation":
            for p in issue["positions"]:
                p["polarity"] = {"FAVOR": "AGAINST", "AGAINST": "FAVOR"}.get(p["polarity"], p["polarity"])
                p["label"] = p["label"] + " (redefined)"
    assert check(fake).errors == []
    write_json(tmp_path / "a.json", seed_data)
    write_json(tmp_path / "b.json", fake)
    store = loaded_store(tmp_path)
    real = [r for rs in store.history.values() for r in rs if r.source.id == "kharkiv-2024-05-31"]
    putin = next(r.stance for r in real if r.stance.actor == "putin" and "escalation" in r.stance.issue)
    position = {p.code: p for p in store.issue[putin.issue].positions}[putin.position]
    assert (position.polarity, position.label) == ("AGAINST", "Escalates the war")
    assert any("escalation" in c for c in store.conflicts), store.conflicts


def test_the_same_actor_in_two_files_is_still_one_speaker(tmp_path: Path, seed_data: Data) -> None:
    write_json(tmp_path / "a.json", seed_data)
    write_json(tmp_path / "b.json", another(seed_data, "same-again"))
    store = loaded_store(tmp_path)
    assert len(store.actor) == 15 and store.conflicts == []


def test_namespaced_ids_cannot_collide(tmp_path: Path, seed_data: Data) -> None:
    first = another(seed_data, "x:y")
    second = json.loads(json.dumps(another(seed_data, "x")).replace('"s1"', '"y:s1"'))
    second["source"]["headline"] = "The other article"
    assert check(second).errors == []
    write_json(tmp_path / "a.json", first)
    write_json(tmp_path / "b.json", second)
    store = loaded_store(tmp_path)
    assert len(store.dossier.statements) == 50
    a, b = store.store_id("x:y", "s1"), store.store_id("x", "y:s1")
    assert a is not None and b is not None and a != b
    assert store.source_of(b).headline == "The other article"
    assert store.source_of(a).headline == seed_data["source"]["headline"]


async def test_an_actor_key_with_a_bar_opens_and_scopes(tmp_path: Path, seed_data: Data) -> None:
    from tui.app.explorer import ExplorerApp
    from tui.app.selection import StanceRef
    from tui.userstate import UserState

    for actor in seed_data["actors"]:
        if actor["id"] == "sikorski":
            actor["key"] = "Q|5 sikorski"
    write_json(tmp_path / "a.json", seed_data)
    write_json(tmp_path / "b.json", another(seed_data, "b", "2024-06-01"))
    app = ExplorerApp(path=tmp_path, state=UserState(tmp_path / "state.json"))
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(400):
            if app.store is not None and app.opened:
                break
            await pilot.pause(0.05)
        app.main.set_scope(StanceRef("Q|5 sikorski", "border-strikes"))  # as the Stances pane sets it
        await pilot.pause()
        assert [s.id for s in app.main.in_view] == ["b/s24"]  # the latest stance's evidence
        assert "Radoslaw Sikorski on" in str(app.main.query_one("#quotes").border_title)


def _specials(folder: Path) -> None:
    os.mkfifo(folder / "fifo.json")
    (folder / "dir.json").mkdir()
    (folder / "loop.json").symlink_to(folder / "loop.json")
    (folder / "zero.json").symlink_to("/dev/zero")
    (folder / "stdin.json").symlink_to("/proc/self/fd/0")  # a terminal or pipe: would wait for input
    (folder / "kmsg.json").symlink_to("/proc/kmsg")  # "regular", size 0, and a read waits for the kernel


@pytest.mark.parametrize("command", ["speakers", "validate"])
def test_special_files_in_a_folder_are_skipped_never_read(tmp_path: Path, seed_data: Data, command: str) -> None:
    write_json(tmp_path / "a.json", seed_data)
    _specials(tmp_path)
    with subprocess.Popen(
        [sys.executable, "-m", "tui", command, str(tmp_path)],
        stdin=subprocess.PIPE,  # never written to: a reader of fd 0 would hang
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as proc:
        try:
            out, err = proc.communicate(timeout=60)
        except subprocess.TimeoutExpired:
            proc.kill()
            pytest.fail("hung on a special file")
    for name in ("fifo.json", "dir.json", "loop.json", "zero.json", "stdin.json", "kmsg.json"):
        assert f"{name}: $: " in err and "skipped, not read" in err.split(name)[1].splitlines()[0], err


def test_load_folder_reports_special_files(tmp_path: Path, seed_data: Data) -> None:
    write_json(tmp_path / "a.json", seed_data)
    os.mkfifo(tmp_path / "fifo.json")
    (tmp_path / "dir.json").mkdir()
    (tmp_path / "loop.json").symlink_to(tmp_path / "loop.json")
    loaded = load_folder(tmp_path)
    assert len(loaded.loaded) == 1
    assert sorted(p.name for p, _ in loaded.skipped) == ["dir.json", "fifo.json", "loop.json"]
    assert len(merge([d for _, d in loaded.loaded], "t").statements(Filter())) == 25
