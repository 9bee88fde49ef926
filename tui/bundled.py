"""Where the bundled dossier lives: inside the installed package, or in data/ of a source checkout."""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

SEED_NAME = "kharkiv-2024-05-31.json"


def data_dir() -> Path:
    packaged = Path(str(files("tui").joinpath("_data")))
    return packaged if packaged.is_dir() else Path(__file__).resolve().parent.parent / "data"


def seed_path() -> Path:
    return data_dir() / SEED_NAME
