"""Start-up fast path: a file validated once opens later as plain JSON, without pydantic; changed bytes,
a new version or a damaged cache mean full validation again."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import ROOT, write_json
from tui import fastload
from tui.fastload import known_valid, read_dossier
from tui.fastload.records import Record
from tui.model import Dossier
from tui.store import Store


def test_the_second_read_of_the_same_bytes_skips_validation(tmp_path: Path, seed_data: dict[str, Any]) -> None:
    path = write_json(tmp_path / "d.json", seed_data)
    first, refused = read_dossier(path)
    assert refused is None and isinstance(first, Dossier)
    second, refused = read_dossier(path)
    assert refused is None and isinstance(second, Record)
    # the same answers from either
    a, b = Store(first), Store(second)
    assert [s.id for s in a.statements()] == [s.id for s in b.statements()]
    assert [e.id for e in a.events()] == [e.id for e in b.events()]
    assert b.dossier.source.reference_date == first.source.reference_date
    assert b.dossier.statements[0].content.exact == first.statements[0].content.exact
    assert b.dossier.actors[0].aliases == list(first.actors[0].aliases)


def test_records_have_every_attribute_of_the_models(seed_data: dict[str, Any]) -> None:
    from tui.fastload.records import dossier

    def same(light: Any, model: Any, where: str) -> None:
        if hasattr(type(model), "model_fields"):
            for name in type(model).model_fields:
                same(getattr(light, name), getattr(model, name), f"{where}.{name}")
        elif isinstance(model, list):
            assert len(light) == len(model), where
            for n, (x, y) in enumerate(zip(light, model, strict=True)):
                same(x, y, f"{where}[{n}]")
        else:
            assert (light, type(light)) == (model, type(model)), where

    same(dossier(seed_data), Dossier.model_validate(seed_data), "$")


def test_changed_bytes_are_validated_again(tmp_path: Path, seed_data: dict[str, Any]) -> None:
    path = write_json(tmp_path / "d.json", seed_data)
    read_dossier(path)
    seed_data["statements"][0]["content"]["end"] += 1  # now broken
    write_json(path, seed_data)
    dossier, refused = read_dossier(path)
    assert dossier is None and refused.errors


@pytest.mark.parametrize("damage", ["garbage", "other-version", "empty"])
def test_a_damaged_cache_entry_is_not_trusted(tmp_path: Path, seed_data: dict[str, Any], damage: str) -> None:
    path = write_json(tmp_path / "d.json", seed_data)
    read_dossier(path)
    import hashlib

    digest = hashlib.sha256(path.read_bytes()).hexdigest()
    entry = fastload._entry(digest)
    text = {"garbage": "\x00\xff", "other-version": json.dumps({"sha256": digest, "version": "0.0.1"}), "empty": ""}
    entry.write_text(text[damage], encoding="latin-1")
    assert not known_valid(digest)
    dossier, _ = read_dossier(path)
    assert isinstance(dossier, Dossier)  # validated in full, and the entry written again
    assert known_valid(digest)


def test_a_known_file_opens_without_pydantic(tmp_path: Path, seed_data: dict[str, Any]) -> None:
    path = write_json(tmp_path / "d.json", seed_data)
    read_dossier(path)
    code = (
        "import sys; from pathlib import Path; from tui.cli import load; from tui.render.cite import citation; "
        f"store = load(Path({str(path)!r}), 50 * 2**20); print(citation(store, store.dossier.statements[0])); "
        "heavy = ('pydantic', 'tui.model', 'tui.validation', 'importlib.resources', 'pycountry'); "
        "print(sorted(m for m in heavy if m in sys.modules))"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True).stdout
    assert "Blinken" in out or "—" in out
    assert out.strip().endswith("[]")
