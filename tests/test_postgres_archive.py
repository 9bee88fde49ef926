"""The shared archive on a real PostgreSQL: the `index` command, connection failures in one line with no
password shown, the reader and loader roles, a lost connection, and a loader beside readers."""

from __future__ import annotations

import html
import json
import secrets
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from tests.pg import scratch_database, server_url
from tui.cli import main
from tui.filters import Filter

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))

from generate import generate  # noqa: E402


@pytest.fixture
def db() -> Iterator[str]:
    with scratch_database(server_url()) as url:
        yield url


def with_login(url: str, user: str, password: str) -> str:
    parts = urlsplit(url)
    host = f"{parts.hostname}:{parts.port}" if parts.port else parts.hostname
    return urlunsplit(parts._replace(netloc=f"{user}:{password}@{host}"))


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def one_line_error(capsys: pytest.CaptureFixture[str], argv: list[str], secret: str | None = None) -> str:
    """Run the CLI expecting exit 2 and exactly one line on stderr, no traceback, no `secret`."""
    assert main(argv) == 2
    out, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith("fact-explorer: "), err
    assert "Traceback" not in err
    if secret:
        assert secret not in out + err
    return err


# -- the index command -------------------------------------------------------------------------------------


def test_index_loads_skips_unchanged_files_and_prunes_only_when_asked(db, tmp_path, capsys) -> None:
    folder = tmp_path / "news"
    generate(folder, 6, seed=11, statements=4)
    assert main(["index", str(folder), "--db", db]) == 0
    assert capsys.readouterr().out == "6 files: 6 indexed, 0 unchanged, 0 refused; the archive holds 6 articles\n"
    assert main(["index", str(folder), "--db", db]) == 0
    assert capsys.readouterr().out == "6 files: 0 indexed, 6 unchanged, 0 refused; the archive holds 6 articles\n"

    (folder / "story-00002.json").unlink()
    assert main(["index", str(folder), "--db", db]) == 0
    assert capsys.readouterr().out.endswith("the archive holds 6 articles\n")  # kept without --prune
    assert main(["index", str(folder), "--db", db, "--prune"]) == 0
    assert (
        capsys.readouterr().out
        == "5 files: 0 indexed, 5 unchanged, 0 refused, 1 removed; the archive holds 5 articles\n"
    )


def test_an_invalid_file_is_reported_and_skipped_and_the_rest_load(db, tmp_path, capsys) -> None:
    folder = tmp_path / "news"
    generate(folder, 3, seed=12, statements=3)
    (folder / "broken.json").write_text('{"schema_version": "1.0"', encoding="utf-8")
    assert main(["index", str(folder), "--db", db]) == 1
    out, err = capsys.readouterr()
    assert err.startswith(f"{folder / 'broken.json'}: $: not JSON")
    assert out == "4 files: 3 indexed, 0 unchanged, 1 refused; the archive holds 3 articles\n"


def test_a_single_file_loads_beside_its_folder(db, tmp_path, capsys) -> None:
    folder = tmp_path / "news"
    generate(folder, 2, seed=13, statements=3)
    assert main(["index", str(folder / "story-00001.json"), "--db", db]) == 0
    assert capsys.readouterr().out == "1 files: 1 indexed, 0 unchanged, 0 refused; the archive holds 1 articles\n"
    assert main(["index", str(folder), "--db", db]) == 0
    assert capsys.readouterr().out == "2 files: 1 indexed, 1 unchanged, 0 refused; the archive holds 2 articles\n"


def test_index_without_an_archive_or_a_driver_says_so(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.delenv("FACT_EXPLORER_DB", raising=False)
    assert "needs --db URL" in one_line_error(capsys, ["index", str(tmp_path)])
    assert "no such file or folder" in one_line_error(capsys, ["index", str(tmp_path / "nope"), "--db", "x"])
    # The name as typed, made inert: an escape in it reaches the terminal as ⟨U+001B⟩, never raw.
    err = one_line_error(capsys, ["index", str(tmp_path / "\x1b]0;title\x07[red]x"), "--db", "x"])
    assert "\x1b" not in err and "⟨U+001B⟩]0;title⟨U+0007⟩[red]x: no such file or folder" in err


# -- connecting -------------------------------------------------------------------------------------------


def test_a_stopped_server_a_wrong_password_and_a_bad_url_each_give_one_line(db, tmp_path, capsys) -> None:
    generate(tmp_path, 1, seed=14, statements=2)
    password = "pw-" + secrets.token_hex(8)
    stopped = f"postgresql://someone:{password}@127.0.0.1:{closed_port()}/archive"
    err = one_line_error(capsys, ["index", str(tmp_path), "--db", stopped], password)
    assert "cannot connect to the archive at someone@127.0.0.1:" in err and "refused" in err

    wrong = with_login(db, "postgres", password)
    err = one_line_error(capsys, ["index", str(tmp_path), "--db", wrong], password)
    assert "password authentication failed" in err

    garbage = f"postgresql://u:{password}@[::1"  # not a URL libpq can parse: its message would quote it
    err = one_line_error(capsys, ["index", str(tmp_path), "--db", garbage], password)
    assert "neither a postgresql:// URL nor a libpq connection string" in err


def test_the_password_is_in_no_description_or_error(db, tmp_path) -> None:
    from tui.corpusindex.postgres import ArchiveError, describe, open_archive, open_postgres

    password = "pw/" + secrets.token_hex(8)  # '/' is %2F in a URL: neither spelling may appear
    url = f"postgresql://reader:{password.replace('/', '%2F')}@127.0.0.1:{closed_port()}/news"
    assert describe(url) == f"reader@127.0.0.1:{urlsplit(url).port}/news"
    with pytest.raises(ArchiveError) as caught:
        open_archive(url)
    assert password not in str(caught.value) and "%2F" not in str(caught.value)
    open_postgres(db, tmp_path).close()
    index = open_archive(db)
    assert urlsplit(db).password not in index.location
    index.close()


def test_a_reader_refuses_a_missing_an_older_and_a_newer_archive(db, monkeypatch) -> None:
    import psycopg

    from tui.corpusindex import postgres
    from tui.corpusindex.postgres import ArchiveError, open_archive, open_postgres

    with pytest.raises(ArchiveError, match="no fact-explorer archive in .*: load one with `fact-explorer index"):
        open_archive(db)
    open_postgres(db, Path(".")).close()
    monkeypatch.setattr(postgres, "VERSION", postgres.VERSION + 1)
    with pytest.raises(ArchiveError, match=f"has schema version {postgres.VERSION - 1}, older than .* index --db URL"):
        open_archive(db)
    monkeypatch.undo()
    with psycopg.connect(db, autocommit=True) as conn:
        conn.execute("UPDATE fact_explorer.meta SET schema_version = 99")
    with pytest.raises(ArchiveError, match="newer fact-explorer"):
        open_archive(db)
    with pytest.raises(ArchiveError, match="newer fact-explorer"):
        open_postgres(db, Path("."))


def test_an_archive_of_the_first_schema_is_migrated_and_loads(db, tmp_path, capsys) -> None:
    import psycopg

    from tui.corpusindex.postgres import MIGRATIONS, VERSION

    with psycopg.connect(db, autocommit=True) as conn:  # an archive as the first version made it
        conn.execute("CREATE SCHEMA fact_explorer")
        conn.execute("CREATE TABLE fact_explorer.meta (schema_version integer NOT NULL)")
        conn.execute("INSERT INTO fact_explorer.meta VALUES (1)")
        conn.execute(MIGRATIONS[0])
    generate(tmp_path, 3, seed=22, statements=3)
    assert main(["index", str(tmp_path), "--db", db]) == 0
    assert capsys.readouterr().out.endswith("the archive holds 3 articles\n")
    with psycopg.connect(db) as conn:
        assert conn.execute("SELECT schema_version FROM fact_explorer.meta").fetchone() == (VERSION,)


def test_the_totals_are_counted_when_migrated_and_kept_by_each_write(db, tmp_path, capsys) -> None:
    """An archive of schema 3 (before the totals) with articles in it: migrating counts them; then each
    file added or removed moves them, and the explorer's counts come from them."""
    import psycopg

    from tui.corpusindex.postgres import open_archive

    folder = tmp_path / "news"
    paths = generate(folder, 8, seed=23, statements=3)
    for path in paths[6:]:  # added later
        path.rename(tmp_path / path.name)
    assert main(["index", str(folder), "--db", db]) == 0
    with psycopg.connect(db, autocommit=True) as conn:  # as schema 3 left it
        conn.execute("DROP TABLE fact_explorer.totals")
        conn.execute("UPDATE fact_explorer.meta SET schema_version = 3")
    assert main(["index", "--db", db]) == 0
    paths[0].unlink()
    for path in paths[6:]:
        (tmp_path / path.name).rename(path)
    assert main(["index", str(folder), "--db", db, "--prune"]) == 0
    assert capsys.readouterr().out.endswith("the archive holds 7 articles\n")
    with psycopg.connect(db) as conn:
        totals = dict(conn.execute("SELECT kind, n FROM fact_explorer.totals").fetchall())
        counted = conn.execute(
            "SELECT (SELECT count(*) FROM fact_explorer.articles), (SELECT count(*) FROM fact_explorer.events)"
        ).fetchone()
    assert (totals["articles"], totals["events"]) == counted
    assert counted[0] == 7 and counted[1] > 0
    index = open_archive(db)
    assert (index.article_count(), index.count_events(Filter())) == counted
    index.close()


def test_migrating_twice_changes_nothing(db) -> None:
    import psycopg

    from tui.corpusindex.postgres import VERSION, migrate

    with psycopg.connect(db, autocommit=True) as conn:
        assert migrate(conn) == (0, VERSION)
        assert migrate(conn) == (VERSION, VERSION)


# -- roles -------------------------------------------------------------------------------------------------


@pytest.fixture
def roles(db) -> Iterator[tuple[str, str]]:
    """A loader and a reader role on `db`, as the README sets them up: (loader URL, reader URL)."""
    import psycopg

    suffix = secrets.token_hex(4)
    loader, reader = f"fe_loader_{suffix}", f"fe_reader_{suffix}"
    password = secrets.token_hex(8)
    dbname = urlsplit(db).path.lstrip("/")
    with psycopg.connect(db, autocommit=True) as conn:
        for role in (loader, reader):
            conn.execute(f"CREATE ROLE {role} LOGIN PASSWORD '{password}'")
        conn.execute(f"GRANT CONNECT, CREATE ON DATABASE {dbname} TO {loader}")
        conn.execute(f"GRANT CONNECT ON DATABASE {dbname} TO {reader}")
    try:
        yield with_login(db, loader, password), with_login(db, reader, password)
    finally:
        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("DROP SCHEMA IF EXISTS fact_explorer CASCADE")
        with psycopg.connect(server_url(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {dbname} WITH (FORCE)")
            for role in (loader, reader):
                conn.execute(f"DROP ROLE IF EXISTS {role}")


def test_a_read_only_role_is_enough_to_read_and_cannot_write(roles, tmp_path, capsys) -> None:
    import psycopg

    from tui.corpusindex.postgres import ArchiveError, open_archive, open_postgres

    loader_url, reader_url = roles
    generate(tmp_path, 4, seed=15, statements=3)
    assert main(["index", str(tmp_path), "--db", loader_url]) == 0
    capsys.readouterr()
    reader = urlsplit(reader_url).username
    with pytest.raises(ArchiveError, match=f"^{reader} may not read the archive at .*: the loader role grants it"):
        open_archive(reader_url)
    with psycopg.connect(loader_url, autocommit=True) as conn:  # the README's grants, by the loader
        conn.execute(f"GRANT USAGE ON SCHEMA fact_explorer TO {reader}")
        conn.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA fact_explorer TO {reader}")

    index = open_archive(reader_url)
    assert index.article_count() == 4
    assert len(index.statement_ids(Filter())) == 12
    index.close()
    with pytest.raises(ArchiveError, match="permission denied"):
        open_postgres(reader_url, tmp_path)
    err = one_line_error(capsys, ["index", str(tmp_path), "--db", reader_url], urlsplit(reader_url).password)
    assert "permission denied" in err


def test_a_reader_session_cannot_write_even_as_a_superuser(db, tmp_path) -> None:
    from tui.corpusindex.postgres import ArchiveError, open_archive, open_postgres

    open_postgres(db, tmp_path).close()
    index = open_archive(db)
    with pytest.raises(ArchiveError, match="read-only"):
        index.run(lambda conn: conn.execute("DELETE FROM fact_explorer.articles"))
    index.close()


def test_a_reader_plans_each_question_for_its_own_values(db, tmp_path) -> None:
    """psycopg prepares a query asked five times; PostgreSQL may then plan it once for all values,
    and a plan for any speaker, word or dates walked millions of rows at a million articles (a first
    page's 2 ms became 800 ms on its sixth asking). A reader's session has every plan made afresh."""
    from tui.corpusindex.postgres import open_archive, open_postgres

    open_postgres(db, tmp_path).close()
    index = open_archive(db)
    for _ in range(12):  # prepared, and asked past the point where a plan for all values may be used
        mode = index.run(lambda conn: conn.execute("SELECT current_setting(%s)", ("plan_cache_mode",)).fetchone()[0])
    assert mode == "force_custom_plan"
    index.close()


# -- a lost connection -------------------------------------------------------------------------------------


def test_a_lost_connection_is_opened_again_and_a_dead_server_reported(db, tmp_path) -> None:
    import psycopg

    from tui.corpusindex.postgres import ArchiveError, open_archive, open_postgres
    from tui.corpusindex.sync import sync

    generate(tmp_path, 3, seed=16, statements=3)
    writer = open_postgres(db, tmp_path)
    sync(writer, tmp_path)
    writer.close()
    index = open_archive(db)
    before = index.statement_ids(Filter(text="the"))
    pid = index.run(lambda conn: conn.info.backend_pid)
    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    assert index.statement_ids(Filter(text="the")) == before  # asked again on a new connection
    assert index.run(lambda conn: conn.info.backend_pid) != pid

    pid = index.run(lambda conn: conn.info.backend_pid)
    index._conninfo = f"postgresql://postgres:x@127.0.0.1:{closed_port()}/gone"  # the server went away
    with psycopg.connect(server_url(), autocommit=True) as admin:
        admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
    with pytest.raises(ArchiveError, match="cannot connect to the archive"):
        index.statement_ids(Filter())
    told: list[str] = []
    index.on_failure = told.append  # as the explorer asks: told, and an empty answer
    assert index.statement_ids(Filter()) == [] and index.count_statements(Filter()) == 0
    assert len(told) == 2 and told[0].startswith("cannot connect to the archive")


# -- a loader beside readers -------------------------------------------------------------------------------


def test_readers_beside_a_loader_only_ever_see_whole_articles(db, tmp_path) -> None:
    """Two versions of each article (4 statements, then 2, then 4 …) are written while two readers
    count each article's statements in every answer: a count other than 0, 2 or 4 is half an article."""
    from tui.corpusindex.postgres import open_archive, open_postgres
    from tui.corpusindex.sync import sync

    folder = tmp_path / "news"
    generate(folder, 12, seed=17, statements=4)
    versions = {n: json.loads(p.read_text(encoding="utf-8")) for n, p in enumerate(sorted(folder.glob("*.json")))}
    for data in versions.values():  # a second version of each: the same article, half its statements
        data["statements"] = data["statements"][:2]
        keep = {s["id"] for s in data["statements"]}
        data["stances"] = [st for st in data["stances"] if set(st["evidence"]) <= keep]
        for e in data["events"]:
            e["evidence"] = [x for x in e["evidence"] if x in keep]
        data["notes"] = [
            note
            for note in data.get("notes", [])
            if set(note["about"]) <= keep | {a["id"] for a in data["actors"]} | {e["id"] for e in data["events"]}
        ]
    originals = {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.json"))}
    writer = open_postgres(db, folder)
    sync(writer, folder)

    done = threading.Event()
    seen: list[dict[str, int]] = []
    failures: list[BaseException] = []

    def read() -> None:
        index = open_archive(db)
        try:
            while not done.is_set():
                counts: dict[str, int] = {}
                for sid in index.statement_ids(Filter()):
                    counts[sid.split("/")[0]] = counts.get(sid.split("/")[0], 0) + 1
                seen.append(counts)
        except BaseException as exc:  # noqa: BLE001 - reported by the main thread
            failures.append(exc)
        finally:
            index.close()

    readers = [threading.Thread(target=read) for _ in range(2)]
    for thread in readers:
        thread.start()
    try:
        for round_ in range(4):
            for n, path in enumerate(sorted(folder.glob("*.json"))):
                text = json.dumps(versions[n]) if round_ % 2 == 0 else originals[path.name]
                path.write_text(text, encoding="utf-8")
            report = sync(writer, folder)
            assert report.indexed == 12 and not report.refused, report.refused
    finally:
        done.set()
        for thread in readers:
            thread.join()
        writer.close()
    assert not failures, failures
    assert len(seen) >= 4
    assert all(set(counts.values()) <= {2, 4} and len(counts) == 12 for counts in seen), seen[:3]


def test_the_merged_tables_kept_on_each_write_equal_a_rebuild_from_every_row(db, tmp_path) -> None:
    """Articles added out of date order, changed, made invalid and removed: the speakers, first
    occurrences and latest stances the writer keeps up to date are what a rebuild from all rows gives."""
    import psycopg

    from tui.corpusindex.postgres import open_postgres, rebuild_merged
    from tui.corpusindex.sync import sync

    folder = tmp_path / "news"
    paths = generate(folder, 16, seed=18, statements=5)
    late = paths[8:]
    for path in late:  # the later half first, so earlier articles then take over first occurrences
        path.rename(path.with_suffix(".later"))
    index = open_postgres(db, folder)
    sync(index, folder)
    for path in late:
        path.with_suffix(".later").rename(path)
    sync(index, folder)
    other = generate(tmp_path / "other", 1, seed=19, statements=2)[0]  # the same source id, other speakers
    data = json.loads(other.read_text(encoding="utf-8"))
    data["actors"][0]["name"] = "Renamed Speaker"
    paths[0].write_text(json.dumps(data), encoding="utf-8")
    paths[3].unlink()
    paths[5].write_text("{", encoding="utf-8")
    report = sync(index, folder)
    assert (report.indexed, report.removed, len(report.refused)) == (1, 1, 1)
    index.close()

    tables = {
        "speakers": "SELECT * FROM fact_explorer.speakers ORDER BY id",
        "latest_stances": "SELECT * FROM fact_explorer.latest_stances ORDER BY actor, issue",
        "firsts": "SELECT * FROM fact_explorer.firsts ORDER BY kind, key",
        "totals": "SELECT * FROM fact_explorer.totals ORDER BY kind",
    }
    with psycopg.connect(db, autocommit=True) as conn:
        kept = {name: conn.execute(sql).fetchall() for name, sql in tables.items()}
        rebuild_merged(conn)
        rebuilt = {name: conn.execute(sql).fetchall() for name, sql in tables.items()}
    assert all(kept[name] for name in tables)
    assert kept == rebuilt


# -- reading: the queries and the explorer on --db -----------------------------------------------------


@pytest.fixture
def loaded(db, tmp_path, seed_data) -> tuple[str, Path]:
    """An archive loaded by `index` from a folder: generated articles and the bundled dossier."""
    folder = tmp_path / "news"
    generate(folder, 30, seed=21, statements=6)
    (folder / "kharkiv.json").write_text(json.dumps(seed_data, ensure_ascii=False), encoding="utf-8")
    assert main(["index", str(folder), "--db", db]) == 0
    return db, folder


QUERY_ARGS = [
    [],
    ["--country", "PL"],
    ["--country", "NATO", "--search", "sanc"],
    ["--search", "the war", "--format", "json"],
    ["--issue", "sanctions", "--format", "csv"],
    ["--since", "2024-03-01", "--until", "2024-06-30", "--format", "md"],
]


@pytest.mark.parametrize("command", ["quotes", "timeline", "stances", "speakers"])
def test_every_query_on_the_archive_prints_what_the_folder_prints(loaded, capsys, command, tmp_path) -> None:
    db, folder = loaded
    capsys.readouterr()
    for args in QUERY_ARGS:
        assert main([command, str(folder), "--index", str(tmp_path / "local.sqlite"), *args]) == 0
        local = capsys.readouterr().out
        assert main([command, "--db", db, *args]) == 0
        # Only the corpus's own name differs: the folder's locally, the database's on the server.
        remote = capsys.readouterr().out.replace(f"corpus:{urlsplit(db).path[1:]}", f"corpus:{folder.name}")
        assert remote == local, args
        assert local.strip(), args  # something was compared


def test_bookmarks_on_the_archive_are_cited_as_on_the_folder(loaded, capsys, tmp_path, monkeypatch) -> None:
    from tui.userstate import Bookmark, UserState

    db, folder = loaded
    state = tmp_path / "state.json"
    kept = UserState(state)
    for source in ("kharkiv-2024-05-31", "not-loaded"):  # the second's citation stays as it was saved
        kept.set_note(Bookmark(source, "s2", "text", "as saved"), f"note on {source}")
    capsys.readouterr()
    assert main(["bookmarks", str(folder), "--state", str(state), "--format", "json"]) == 0
    local = capsys.readouterr().out
    assert main(["bookmarks", "--db", db, "--state", str(state), "--format", "json"]) == 0
    assert capsys.readouterr().out == local
    cited = json.loads(local)
    assert cited[0]["citation"].startswith("Antony Blinken") and cited[1]["citation"].startswith("as saved [")
    monkeypatch.setenv("FACT_EXPLORER_DB", db)  # read when no FILE is named, as by the queries
    assert main(["bookmarks", "--state", str(state), "--format", "json"]) == 0
    assert capsys.readouterr().out == local
    assert "give a FILE or --db, not both" in one_line_error(capsys, ["bookmarks", str(folder), "--db", db])


def test_fact_explorer_db_in_the_environment_is_read_when_no_file_is_named(loaded, capsys, monkeypatch) -> None:
    db, folder = loaded
    monkeypatch.setenv("FACT_EXPLORER_DB", db)
    capsys.readouterr()
    assert main(["speakers", "--format", "json"]) == 0
    from_env = capsys.readouterr().out
    assert main(["speakers", "--db", db, "--format", "json"]) == 0
    assert capsys.readouterr().out == from_env
    assert "give a FILE or --db, not both" in one_line_error(capsys, ["quotes", str(folder), "--db", db])


def test_queries_on_a_bad_archive_give_one_line(db, capsys) -> None:
    password = "pw-" + secrets.token_hex(8)
    err = one_line_error(capsys, ["quotes", "--db", with_login(db, "postgres", password)], password)
    assert "password authentication failed" in err
    err = one_line_error(capsys, ["timeline", "--db", db])
    assert "no fact-explorer archive" in err


def text_of(app) -> str:
    """The screen's text, from its SVG screenshot (Rich writes spaces there as no-break spaces)."""
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


async def _opened(app, pilot) -> None:
    for _ in range(600):
        if app.opened or app.return_code is not None:
            return
        await pilot.pause(0.05)
    raise AssertionError("the explorer did not open")


async def test_the_explorer_opens_the_archive_as_the_folder_and_shows_no_password(loaded) -> None:
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    db, folder = loaded
    app = ExplorerApp(state=UserState(folder.parent / "state.json"), db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _opened(app, pilot)
        assert app.return_code is None, app.loaded.problem_lines()
        password = urlsplit(db).password
        shown = text_of(app)
        assert password not in shown and password not in app.title + app.sub_title
        assert app.title.startswith(f"{urlsplit(db).path[1:]}: 31 articles")
        archive_ids = list(app.store.index.statement_ids(app.main.view.filter, 0, 40))
    local = ExplorerApp(path=folder, state=UserState(folder.parent / "state2.json"), index=str(folder.parent / "l.db"))
    async with local.run_test(size=(120, 40)) as pilot:
        await _opened(local, pilot)
        assert list(local.store.index.statement_ids(local.main.view.filter, 0, 40)) == archive_ids


def test_a_helper_process_asks_the_first_questions_and_the_answers_are_the_archives(
    loaded, monkeypatch, tmp_path
) -> None:
    """`archive_soon` forks a process to import the driver and ask what the first frame shows (it
    takes turns with Textual's import on a thread); its answers are the archive's own, given here
    without the driver, and every later question goes to the archive itself."""
    from tui import loading
    from tui.loading import archive, archive_soon

    db, _ = loaded
    early, direct = archive_soon(db, fork=True)(), archive(db)
    assert type(early.store.index).__name__ == "EarlyIndex"
    stores = (early.store, direct.store)
    first = [([s.id for s in store.statements()[:40]], len(store.statements())) for store in stores]
    assert early.store.index._index is None  # all answered by the helper: the archive not opened here
    assert first[0] == first[1]
    assert early.store.dossier.source.headline == direct.store.dossier.source.headline
    assert [a.id for a in early.store.actor.values()] == [a.id for a in direct.store.actor.values()]
    assert list(early.store.issue) == list(direct.store.issue) and early.store.organisation == direct.store.organisation
    search = Filter(countries=frozenset({"PL"}), text="sanc")
    assert [s.id for s in early.store.statements(search)] == [s.id for s in direct.store.statements(search)]
    assert early.store.index._index is not None

    # A view the state file remembers: its filter's first page is asked by the helper too.
    from tui.app.main import remembered
    from tui.userstate import UserState

    state = tmp_path / "state.json"
    UserState(state).set_view(direct.store.dossier.source.id, {"countries": ["PL", "XX"], "search": "sanc"})
    early = archive_soon(db, fork=True, view=remembered(state))()
    assert [s.id for s in early.store.statements(search)[:40]] == [s.id for s in direct.store.statements(search)[:40]]
    assert early.store.index._index is None

    password = urlsplit(db).password
    stopped = archive_soon(f"postgresql://x:{password}@127.0.0.1:{closed_port()}/a", fork=True)()
    assert stopped.exit_code == 2 and stopped.problem_lines()[0].startswith("fact-explorer: cannot connect")
    assert password not in stopped.problem_lines()[0]

    def broken(db: str) -> dict:
        raise RuntimeError("the helper fails")

    monkeypatch.setattr(loading, "first_answers", broken)  # the helper dies: the archive is opened here
    early_failure = archive_soon(db, fork=True)()
    assert type(early_failure.store.index).__name__ == "PostgresIndex"


@pytest.mark.parametrize("fork", [True, False], ids=["helper process", "thread"])
async def test_an_archive_opened_while_textual_was_imported_is_in_the_first_frame(loaded, tmp_path, fork) -> None:
    """`fact-explorer --db URL` asks the archive its first questions as Textual is imported
    (`loading.archive_soon`): the app has the corpus before it runs, and its first frame shows it."""
    from tui.app.explorer import ExplorerApp
    from tui.loading import archive_soon
    from tui.userstate import UserState

    db, _ = loaded
    app = ExplorerApp(state=UserState(tmp_path / "state.json"), db=archive_soon(db, fork=fork))
    assert app.store is not None and app.title.startswith(f"{urlsplit(db).path[1:]}: 31 articles")
    first = app.store.index.statements(app.store.index.statement_ids(Filter(), 0, 1))[0]["content"]["exact"]
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.opened and first[:30] in text_of(app)
    stopped = f"postgresql://someone@127.0.0.1:{closed_port()}/archive"
    app = ExplorerApp(state=UserState(tmp_path / "state.json"), db=archive_soon(stopped, fork=fork))
    assert app.store is None  # what failed is said as the app closes
    async with app.run_test(size=(120, 40)) as pilot:
        await _opened(app, pilot)
    assert app.return_code == 2
    assert app.loaded.problem_lines()[0].startswith("fact-explorer: cannot connect to the archive")


async def test_the_explorer_on_a_stopped_server_closes_with_one_line(db, tmp_path) -> None:
    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    password = "pw-" + secrets.token_hex(8)
    stopped = f"postgresql://someone:{password}@127.0.0.1:{closed_port()}/archive"
    app = ExplorerApp(state=UserState(tmp_path / "state.json"), db=stopped)
    async with app.run_test(size=(120, 40)) as pilot:
        await _opened(app, pilot)
    assert app.return_code == 2
    [line] = app.loaded.problem_lines()  # printed as the app closes
    assert line.startswith("fact-explorer: cannot connect to the archive at someone@127.0.0.1:")
    assert password not in line


async def test_the_explorer_keeps_what_it_shows_when_the_server_goes_away(loaded) -> None:
    import psycopg

    from tui.app.explorer import ExplorerApp
    from tui.userstate import UserState

    db, folder = loaded
    app = ExplorerApp(state=UserState(folder.parent / "state.json"), db=db)
    async with app.run_test(size=(120, 40)) as pilot:
        await _opened(app, pilot)
        index = app.store.index
        pid = index.run(lambda conn: conn.info.backend_pid)
        index._conninfo = f"postgresql://postgres:{secrets.token_hex(4)}@127.0.0.1:{closed_port()}/gone"
        with psycopg.connect(server_url(), autocommit=True) as admin:
            admin.execute("SELECT pg_terminate_backend(%s)", (pid,))
        await pilot.press("slash", *"sanc")
        for _ in range(100):
            told = [(n.title, n.message) for n in app._notifications]  # as tests/test_app.py reads them
            if told:
                break
            await pilot.pause(0.05)
        assert told[0][0] == "The archive is not answering"
        assert told[0][1].startswith("cannot connect to the archive at postgres@127.0.0.1:")
        assert app.return_code is None and app.main.view is not None  # still running, on what it showed
        while any(not w.is_finished for w in app.workers):  # its count too, which got no answer
            await pilot.pause(0.05)


def test_a_query_nobody_waits_for_any_more_is_cancelled_on_the_server(db, tmp_path) -> None:
    """The explorer's worker for an old keystroke stops its query (tui.corpusindex.cancel): on the
    server too, not left running to slow the next keystroke's; any other thread's query runs on."""
    import time

    from tui.corpusindex.cancel import stop_when
    from tui.corpusindex.postgres import Stopped, open_postgres

    index = open_postgres(db, tmp_path)
    start = time.monotonic()
    with stop_when(lambda: time.monotonic() > start + 0.3), pytest.raises(Stopped):
        index.run(lambda conn: conn.execute("SELECT pg_sleep(20)").fetchall())
    assert time.monotonic() - start < 5
    assert index.run(lambda conn: conn.execute("SELECT 1").fetchone()) == (1,)  # the connection still serves
    with stop_when(lambda: False):
        assert index.run(lambda conn: conn.execute("SELECT pg_sleep(0.3), 2").fetchone())[1] == 2
    index.close()
