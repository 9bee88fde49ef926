"""Write data/schema.json from the typed models (tests fail when it is stale)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tui.model import json_schema  # noqa: E402


def schema_text() -> str:
    return json.dumps(json_schema(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":
    (ROOT / "data" / "schema.json").write_text(schema_text(), encoding="utf-8")
    print("wrote data/schema.json")
