"""The shared corpus index suite against PostgreSQL (a real server: see tests/pg.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.corpusindex_suite import *  # noqa: F401,F403
from tests.pg import scratch_database, server_url


@pytest.fixture(scope="module")
def pg_database() -> Iterator[str]:
    with scratch_database(server_url()) as url:
        yield url


@pytest.fixture(params=["as it is", "every word common", "every word common, first pages in days"])
def make_index(pg_database: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch):
    """A fresh, empty archive per test: the schema dropped, and created again by the first open. Run
    three times: as it is; with every search word taken as common, so that pages are walked in order
    rather than found and sorted (on these small corpora every word is rare); and so again, a first
    page of a few speakers' walks asked for a day of articles at a time (`PostgresIndex._windows`)."""
    import psycopg

    from tui.corpusindex import postgres
    from tui.corpusindex.postgres import open_postgres

    if request.param.startswith("every word common"):
        monkeypatch.setattr(postgres, "RARE", 0)
    if request.param.endswith("in days"):
        monkeypatch.setattr(postgres, "WINDOW_FILL", 1e-9)

    with psycopg.connect(pg_database, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS fact_explorer CASCADE")
    opened = []

    def make(folder: Path):
        index = open_postgres(pg_database, folder)
        opened.append(index)
        return index

    yield make
    for index in opened:
        index.close()
