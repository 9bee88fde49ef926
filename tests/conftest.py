"""Shared fixtures: the bundled dossier as data, and a way to write variants of it."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from tui.bundled import seed_path
from tui.model import Dossier
from tui.store import Store

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(autouse=True)
def _isolated_state(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No test reads or writes the user's real state file, cache or clipboard."""
    monkeypatch.setenv("FACT_EXPLORER_STATE", str(tmp_path / "state.json"))
    monkeypatch.setenv("FACT_EXPLORER_CACHE", str(tmp_path / "cache"))  # validation cache and corpus indexes
    from tui import countries

    countries.country_name.cache_clear()  # names are remembered in the cache: start each test without
    countries._memo.cache_clear()
    monkeypatch.setenv("FACT_EXPLORER_NO_SYSTEM_CLIPBOARD", "1")


_SEED = json.loads(seed_path().read_text(encoding="utf-8"))


@pytest.fixture
def seed_data() -> dict[str, Any]:
    """A fresh deep copy of the bundled dossier's JSON, to break in one place."""
    return copy.deepcopy(_SEED)


@pytest.fixture(scope="session")
def seed() -> Dossier:
    return Dossier.model_validate(_SEED)


@pytest.fixture(scope="session")
def store(seed: Dossier) -> Store:
    return Store(seed)


def write_json(path: Path, data: Any) -> Path:
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path
