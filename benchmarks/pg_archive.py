"""Build a large archive on PostgreSQL quickly, for the shared-archive benchmarks (benchmarks/postgres.py).

`fact-explorer index` loads TEMPLATE generated files the normal way (validated, one transaction a file);
then every article row is copied REPLICAS - 1 more times inside the database, each copy under a new
source id (`story-00042-r007`; every namespaced id, `story-00042-r007/s3`, and reference renamed to
match, dates and text kept), the indexes rebuilt and the merged tables worked out again from all
rows. The copies are what generating and loading that many files would give, but for the words:
TEMPLATE distinct articles, each present REPLICAS times, so a search finds REPLICAS times as many
matches as in the template.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import psycopg

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from generate import generate  # noqa: E402

from tui.corpusindex.postgres import migrate, rebuild_merged  # noqa: E402

RENAME = """
CREATE OR REPLACE FUNCTION pg_temp.renamed(body jsonb, sid text, sfx text) RETURNS jsonb LANGUAGE sql AS $$
    SELECT replace(replace(body::text, '"' || sid || '"', '"' || sid || sfx || '"'),
                   '"' || sid || '/', '"' || sid || sfx || '/')::jsonb $$;
CREATE OR REPLACE FUNCTION pg_temp.ns(ident text, sid text, sfx text) RETURNS text LANGUAGE sql AS $$
    SELECT CASE WHEN ident LIKE sid || '/%' THEN sid || sfx || substr(ident, length(sid) + 1) ELSE ident END $$;
"""

SFX = "'-r' || lpad(k::text, 3, '0')"
COPIES = {
    "files": f"""SELECT folder, name || {SFX}, mtime_ns, size, sha256, source_id || {SFX}, refusal
                 FROM fact_explorer.files, generate_series(1, %(n)s) k WHERE source_id IS NOT NULL""",
    "articles": f"""SELECT source_id || {SFX}, folder, name || {SFX}, reference_date,
                           pg_temp.renamed(source, source_id, {SFX}), pg_temp.renamed(article, source_id, {SFX})
                    FROM fact_explorer.articles, generate_series(1, %(n)s) k""",
    "organisations": f"""SELECT source_id || {SFX}, ord, code, reference_date, body
                         FROM fact_explorer.organisations, generate_series(1, %(n)s) k""",
    "actors": f"""SELECT source_id || {SFX}, ord, id, reference_date, words, name_words, body
                  FROM fact_explorer.actors, generate_series(1, %(n)s) k""",
    "statements": f"""SELECT pg_temp.ns(id, source_id, {SFX}), source_id || {SFX}, ord, reference_date, actor, issues,
                             lo, hi, pg_temp.ns(event, source_id, {SFX}), words,
                             pg_temp.renamed(body, source_id, {SFX}), late
                      FROM fact_explorer.statements, generate_series(1, %(n)s) k""",
    "events": f"""SELECT pg_temp.ns(id, source_id, {SFX}), source_id || {SFX}, ord, reference_date, lo, hi,
                         actors, ARRAY(SELECT pg_temp.ns(x, source_id, {SFX}) FROM unnest(evidence) x),
                         words, pg_temp.renamed(body, source_id, {SFX})
                  FROM fact_explorer.events, generate_series(1, %(n)s) k""",
    "issues": f"""SELECT source_id || {SFX}, ord, id, reference_date, body
                  FROM fact_explorer.issues, generate_series(1, %(n)s) k""",
    "stances": f"""SELECT source_id || {SFX}, ord, reference_date, actor, issue,
                          ARRAY(SELECT pg_temp.ns(x, source_id, {SFX}) FROM unnest(evidence) x),
                          pg_temp.renamed(body, source_id, {SFX})
                   FROM fact_explorer.stances, generate_series(1, %(n)s) k""",
    "notes": f"""SELECT source_id || {SFX}, ord, reference_date,
                        ARRAY(SELECT pg_temp.ns(x, source_id, {SFX}) FROM unnest(about) x),
                        pg_temp.renamed(body, source_id, {SFX})
                 FROM fact_explorer.notes, generate_series(1, %(n)s) k""",
}


def fresh(url: str) -> None:
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("DROP SCHEMA IF EXISTS fact_explorer CASCADE")
        migrate(conn)


def index_folder(url: str, folder: Path) -> float:
    """Seconds `fact-explorer index FOLDER --db URL` takes, run as a user would."""
    start = time.perf_counter()
    subprocess.run([sys.executable, "-m", "tui", "index", str(folder), "--db", url], check=True, cwd=ROOT)
    return time.perf_counter() - start


def replicate(url: str, replicas: int, log=print) -> float:
    """Copy every article `replicas - 1` more times (see the module's doc); seconds taken."""
    start = time.perf_counter()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '512MB'")
        indexes = conn.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'fact_explorer' "
            "AND indexname NOT LIKE '%%pkey' AND indexname NOT LIKE '%%_key'"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f"DROP INDEX fact_explorer.{name}")
        conn.execute(RENAME)
        for table, select in COPIES.items():
            t = time.perf_counter()
            conn.execute(f"INSERT INTO fact_explorer.{table} {select}", {"n": replicas - 1})
            log(f"  copied {table} in {time.perf_counter() - t:.0f} s")
        t = time.perf_counter()
        for _, definition in indexes:
            conn.execute(definition)
        log(f"  indexes in {time.perf_counter() - t:.0f} s")
        rebuild_merged(conn)
        conn.execute("VACUUM ANALYZE")
    return time.perf_counter() - start


def build(url: str, articles: int, template: int, work: Path, statements: int = 20, log=print) -> dict[str, float]:
    """An archive of `articles` articles: `template` generated files (`statements` each) loaded, then copied."""
    assert articles % template == 0
    folder = work / f"template-{template}x{statements}"
    if not folder.exists():
        generate(folder, template, statements=statements)
    fresh(url)
    loaded = index_folder(url, folder)
    log(f"  indexed {template:,} files in {loaded:.1f} s")
    copied = replicate(url, articles // template, log) if articles > template else 0.0
    with psycopg.connect(url) as conn:
        size = conn.execute("SELECT pg_database_size(current_database())").fetchone()[0]
    return {"template_load_s": loaded, "replicate_s": copied, "db_mb": size / 1e6}
