"""A dossier open for curation (tui/curate/session.py): undo and redo, the journal of unsaved edits,
and saving — validated, atomic, the same bytes for everything not edited, never over a file changed
on disk without asking."""

from __future__ import annotations

import difflib
import json
import os
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tui.bundled import seed_path
from tui.curate import CurationError, Ref, Session, ops
from tui.curate.jsonfile import Original


@pytest.fixture
def copy_of_seed(tmp_path: Path) -> Path:
    path = tmp_path / "k.json"
    shutil.copyfile(seed_path(), path)
    return path


@pytest.fixture
def journal(tmp_path: Path) -> Path:
    return tmp_path / "journal"


def _diff(a: bytes, b: bytes) -> list[str]:
    lines = difflib.unified_diff(a.decode().splitlines(), b.decode().splitlines(), lineterm="", n=0)
    return [line for line in lines if line[:1] in "+-" and not line.startswith(("+++", "---"))]


def test_edit_one_field_and_save_changes_only_that_line(copy_of_seed, journal):
    before = copy_of_seed.read_bytes()
    session = Session.open(copy_of_seed, journal)
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    assert session.dirty
    result = session.save()
    assert result.outcome == "saved", result
    assert _diff(before, copy_of_seed.read_bytes()) == ['-      "mode": "indirect",', '+      "mode": "paraphrase",']
    assert not session.dirty


def test_a_file_in_its_own_style_keeps_it(tmp_path, journal):
    """Not the style json.dumps gives: unchanged objects keep their bytes; the edited one is written
    in the file's indent."""
    data = json.loads(seed_path().read_bytes())
    raw = json.dumps(data, indent=4, ensure_ascii=False).replace('"aliases": []', '"aliases": [ ]') + "\n"
    path = tmp_path / "odd.json"
    path.write_text(raw, encoding="utf-8")
    assert not Original(raw.encode()).canonical
    session = Session.open(path, journal)
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    assert session.save().outcome == "saved"
    changed = _diff(raw.encode(), path.read_bytes())
    assert changed == ['-            "mode": "indirect",', '+            "mode": "paraphrase",']
    assert path.read_text(encoding="utf-8").count('"aliases": [ ]') == raw.count('"aliases": [ ]')


def test_undo_and_redo_every_kind_of_step(copy_of_seed, journal):
    session = Session.open(copy_of_seed, journal)
    original = session.data
    text = original["source"]["text"]
    at = text.index("Russia is currently attacking")
    steps = [
        ops.edit(original, Ref("statement", "s3"), {"mode": "paraphrase"}),
        ops.remove(original, Ref("statement", "s5")),
        ops.add_statement(
            original,
            actor="blinken",
            mode="indirect",
            content={"start": at, "end": at + 29, "exact": "Russia is currently attacking"},
        ),
        ops.reanchor(original, "s3", "cue", {"start": at, "end": at + 6, "exact": "Russia"}),
        ops.edit(original, Ref("actor", "blinken"), {"id": "antony-blinken"}),
    ]
    for step in steps:
        session.do(step)
        assert session.undo() is step and session.data == original
        assert session.redo() is step and session.data != original
        assert session.undo() is step
    assert session.undo() is None and session.redo() is steps[-1]
    assert not session.redo_stack


def test_an_invalid_dossier_is_not_written(copy_of_seed, journal):
    before = copy_of_seed.read_bytes()
    session = Session.open(copy_of_seed, journal)
    text = session.data["source"]["text"]
    at = text.index("Russia is currently")
    span = {"start": at, "end": at + 6, "exact": "Russia"}
    session.do(ops.add_statement(session.data, actor="nobody", mode="indirect", content=span))
    result = session.save()
    assert result.outcome == "invalid"
    assert any("no actor has id 'nobody'" in p.message for p in result.problems)
    assert copy_of_seed.read_bytes() == before


def test_a_file_changed_on_disk_is_not_overwritten_without_asking(copy_of_seed, journal):
    session = Session.open(copy_of_seed, journal)
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    changed = copy_of_seed.read_bytes().replace(b'"Prague"', b'"Praha"', 1)
    copy_of_seed.write_bytes(changed)
    result = session.save()
    assert result.outcome == "changed-on-disk" and "changed on disk" in result.message
    assert copy_of_seed.read_bytes() == changed
    assert session.save(overwrite=True).outcome == "saved"
    assert b'"paraphrase"' in copy_of_seed.read_bytes()


def test_save_is_atomic_and_keeps_permissions(copy_of_seed, journal):
    os.chmod(copy_of_seed, 0o600)
    session = Session.open(copy_of_seed, journal)
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    assert session.save().outcome == "saved"
    assert copy_of_seed.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in copy_of_seed.parent.iterdir() if p.name.endswith(".tmp")] == []


def test_unsaved_edits_come_back_after_a_crash(copy_of_seed, journal):
    session = Session.open(copy_of_seed, journal)
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    session.do(ops.remove(session.data, Ref("statement", "s5")))
    session.undo()
    session.do(ops.edit(session.data, Ref("actor", "blinken"), {"role": "Secretary"}))
    expected = session.data
    del session  # a crash: nothing saved, nothing cleaned up

    again = Session.open(copy_of_seed, journal)
    assert again.pending is not None
    assert [e.step.name for e in again.pending.entries] == [
        "edit s3 (mode)",
        "delete s5",
        "delete s5",
        "edit blinken (role)",
    ]
    with pytest.raises(CurationError, match="restore or discard"):
        again.do(ops.edit(again.data, Ref("statement", "s4"), {"mode": "indirect"}))
    names = again.restore()
    assert names[2] == "undo delete s5"
    assert again.data == expected and again.dirty
    assert [s.name for s in again.undo_stack] == ["edit s3 (mode)", "edit blinken (role)"]
    assert again.save().outcome == "saved"
    assert Session.open(copy_of_seed, journal).pending is None


def test_discarded_edits_are_gone(copy_of_seed, journal):
    before = copy_of_seed.read_bytes()
    session = Session.open(copy_of_seed, journal)
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    again = Session.open(copy_of_seed, journal)
    again.discard()
    assert Session.open(copy_of_seed, journal).pending is None
    assert copy_of_seed.read_bytes() == before


def test_a_line_cut_short_by_the_crash_is_left_out(copy_of_seed, journal):
    session = Session.open(copy_of_seed, journal)
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    with open(session.journal.log, "ab") as handle:
        handle.write(b'{"kind": "do", "name": "half')
    pending = Session.open(copy_of_seed, journal).pending
    assert pending.damaged and [e.step.name for e in pending.entries] == ["edit s3 (mode)"]


def test_edits_restored_onto_a_file_changed_since_are_made_to_the_old_bytes(copy_of_seed, journal):
    session = Session.open(copy_of_seed, journal)
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    copy_of_seed.write_bytes(copy_of_seed.read_bytes().replace(b'"indirect"', b'"paraphrase"'))
    again = Session.open(copy_of_seed, journal)
    again.restore()
    assert again.save().outcome == "changed-on-disk"


def test_an_unwritable_journal_is_a_warning_not_a_failure(copy_of_seed, tmp_path):
    blocker = tmp_path / "blocker"
    blocker.write_text("a file where the journal folder would be")
    session = Session.open(copy_of_seed, blocker / "journal")
    session.do(ops.edit(session.data, Ref("statement", "s3"), {"mode": "paraphrase"}))
    assert session.warnings and "not journalled" in session.warnings[0]
    assert session.save().outcome == "saved"


_REFS = [Ref("statement", f"s{n}") for n in range(1, 26)]


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(st.tuples(st.sampled_from(_REFS), st.sampled_from(["indirect", "paraphrase", "remove"])), max_size=8))
def test_any_edits_undone_give_back_the_same_bytes(tmp_path_factory, edits):
    folder = tmp_path_factory.mktemp("prop")
    path = folder / "k.json"
    shutil.copyfile(seed_path(), path)
    session = Session.open(path, folder / "journal")
    for ref, what in edits:
        try:
            step = ops.remove(session.data, ref) if what == "remove" else ops.edit(session.data, ref, {"mode": what})
        except CurationError:
            continue
        session.do(step)
    while session.undo():
        pass
    assert session.original.render(session.data) == seed_path().read_bytes()
