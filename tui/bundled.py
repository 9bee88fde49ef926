"""Where the bundled dossier lives: inside the installed package, or in data/ of a source checkout."""

from __future__ import annotations

import os
from pathlib import Path

SEED_NAME = "kharkiv-2024-05-31.json"
CACHE_ENV = "FACT_EXPLORER_CACHE"


def data_dir() -> Path:
    # The wheel puts data/ at tui/_data (pyproject.toml); a plain path, not importlib.resources, which
    # costs start-up time and gives the same answer for an installed, unzipped package.
    here = Path(__file__).resolve().parent
    packaged = here / "_data"
    return packaged if packaged.is_dir() else here.parent / "data"


def cache_dir() -> Path:
    """Where the cache lives (validated files' hashes, country names, corpus indexes):
    $FACT_EXPLORER_CACHE, else the user cache directory."""
    if os.environ.get(CACHE_ENV):
        return Path(os.environ[CACHE_ENV])
    from platformdirs import user_cache_dir

    return Path(user_cache_dir("fact-explorer"))


def seed_path() -> Path:
    return data_dir() / SEED_NAME
