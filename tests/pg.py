"""A PostgreSQL server for tests: `.ci/run` starts one and gives its superuser URL in
FACT_EXPLORER_TEST_PG. Without it the tests that need one skip, saying what is missing; in CI (CI=true)
they fail instead, so a server that did not start cannot pass for green."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from urllib.parse import urlsplit, urlunsplit

import pytest

ENV = "FACT_EXPLORER_TEST_PG"


def _unavailable(why: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"CI must run the PostgreSQL tests, but {why}")
    pytest.skip(why)


def server_url() -> str:
    """The superuser URL of the test server, or a skip (a failure in CI)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        _unavailable("psycopg is not installed (the `postgres` extra: pip install -e '.[test,postgres]')")
    url = os.environ.get(ENV)
    if not url:
        _unavailable(f"no PostgreSQL server: {ENV} is not set (`.ci/run` starts one and sets it)")
    return url


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path="/" + name))


@contextmanager
def scratch_database(url: str) -> Iterator[str]:
    """A new empty database on the server for the block; its URL (with the superuser's password)."""
    import psycopg

    name = "fe_test_" + secrets.token_hex(6)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield with_database(url, name)
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
