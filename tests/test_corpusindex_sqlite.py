"""The SQLite backend of the corpus index: the shared query tests, and what is its own (damage, locking)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpusindex_suite import *  # noqa: F403 - the shared tests run against this backend
from tui.corpusindex import open_index


@pytest.fixture
def make_index(tmp_path_factory: pytest.TempPathFactory):
    made = []

    def make(folder: Path):
        index = open_index(folder, str(tmp_path_factory.mktemp("index") / "corpus.sqlite"))
        made.append(index)
        return index

    yield make
    for index in made:
        index.close()
