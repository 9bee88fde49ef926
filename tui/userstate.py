"""The user's state file: a TinyDB JSON file under the user's data directory (layer 3, no Textual).

For now it remembers the theme; writes never raise, so a read-only or broken state location only
means the choice is not remembered.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

ENV = "FACT_EXPLORER_STATE"


def default_state_path() -> Path:
    if override := os.environ.get(ENV):
        return Path(override)
    from platformdirs import user_data_path

    return user_data_path("fact-explorer", appauthor=False) / "state.json"


class UserState:
    """Settings kept across sessions, keyed by name."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or default_state_path()

    def _table(self):
        from tinydb import TinyDB

        self.path.parent.mkdir(parents=True, exist_ok=True)
        return TinyDB(self.path, indent=1, ensure_ascii=False).table("settings")

    def get(self, key: str, default: Any = None) -> Any:
        try:
            from tinydb import Query

            db = self._table()
            row = db.get(Query().key == key)
            db.storage.close()
        except Exception:  # a missing, unreadable or corrupt file only means nothing is remembered
            return default
        return row["value"] if row else default

    def set(self, key: str, value: Any) -> bool:
        """Remember `value`; False when the state file cannot be written."""
        try:
            from tinydb import Query

            db = self._table()
            db.upsert({"key": key, "value": value}, Query().key == key)
            db.storage.close()
        except Exception:
            return False
        return True
