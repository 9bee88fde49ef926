"""The command line: every query in every format, the headline Poland query, and its errors."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from typing import Any

import pytest

from tui import __version__
from tui.cli import main

from .conftest import write_json

QUERIES = ["quotes", "timeline", "stances", "speakers", "notes"]
FORMATS = ["text", "md", "json", "csv"]

# README, "JSON output": keys may be added, never renamed or removed.
KEYS = {
    "quotes": {
        "id",
        "actor",
        "name",
        "role",
        "country",
        "organisation",
        "mode",
        "text",
        "cue",
        "date",
        "date_value",
        "event",
        "issues",
        "start",
        "end",
        "citation",
    },
    "timeline": {
        "id",
        "date",
        "value",
        "precision",
        "earliest",
        "latest",
        "phrase",
        "anchor",
        "rule",
        "title",
        "place",
        "actors",
        "statements",
    },
    "stances": {
        "actor",
        "name",
        "issue",
        "issue_title",
        "position",
        "label",
        "polarity",
        "symbol",
        "conditions",
        "evidence",
        "note",
    },
    "speakers": {"id", "name", "kind", "role", "country", "organisation", "group", "statements", "speaks_for"},
    "notes": {"id", "about", "text", "span", "start", "end", "source"},
}

BOX_DRAWING = re.compile("[\u2500-\u257f]")


@pytest.fixture(autouse=True)
def _not_a_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rich decides on a table or plain lines from the environment too; make it see a pipe."""
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def ok(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    code, out, err = run(capsys, *argv)
    assert (code, err) == (0, ""), err
    assert out.strip()
    return out


def as_json(capsys: pytest.CaptureFixture[str], *argv: str) -> Any:
    return json.loads(ok(capsys, *argv, "--format", "json"))


# -- every query in every format ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("query", QUERIES)
def test_json_has_the_documented_keys(capsys: pytest.CaptureFixture[str], query: str) -> None:
    records = as_json(capsys, query)
    assert isinstance(records, list) and records
    for record in records:
        assert KEYS[query] <= set(record), KEYS[query] - set(record)


@pytest.mark.parametrize("query", QUERIES)
def test_csv_has_a_header_and_a_row_per_record(capsys: pytest.CaptureFixture[str], query: str) -> None:
    records = as_json(capsys, query)
    out = ok(capsys, query, "--format", "csv")
    reader = csv.DictReader(io.StringIO(out))
    assert reader.fieldnames is not None and KEYS[query] <= set(reader.fieldnames)
    rows = list(reader)
    assert len(rows) == len(records)
    key = "actor" if query == "stances" else "id"
    assert [row[key] for row in rows] == [r[key] for r in records]
    if query != "speakers":
        lists = {"quotes": "issues", "timeline": "actors", "stances": "evidence", "notes": "about"}[query]
        assert [row[lists] for row in rows] == [";".join(r[lists]) for r in records]


@pytest.mark.parametrize("query", QUERIES)
def test_text_is_plain_when_not_a_terminal(capsys: pytest.CaptureFixture[str], query: str) -> None:
    out = ok(capsys, query)
    assert not BOX_DRAWING.search(out)
    assert "\x1b" not in out
    assert out.endswith("\n")


@pytest.mark.parametrize("query", QUERIES)
def test_text_is_a_table_on_a_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, query: str
) -> None:
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("COLUMNS", "120")
    out = ok(capsys, query)
    assert BOX_DRAWING.search(out)


def test_text_lists_every_quote(capsys: pytest.CaptureFixture[str], seed_data: dict) -> None:
    out = ok(capsys, "quotes")
    for s in seed_data["statements"]:
        assert s["content"]["exact"] in out


def test_speakers_text_groups_by_country(capsys: pytest.CaptureFixture[str]) -> None:
    lines = ok(capsys, "speakers").splitlines()
    assert "Poland" in lines
    assert lines[lines.index("Poland") + 1].startswith("  Radoslaw Sikorski, Polish Foreign Minister")


@pytest.mark.parametrize("query", QUERIES)
def test_markdown(capsys: pytest.CaptureFixture[str], query: str) -> None:
    out = ok(capsys, query, "--format", "md")
    lines = out.splitlines()
    if query == "quotes":
        attributions = [line for line in lines if line.startswith("> — ")]
        assert len(attributions) == len(as_json(capsys, "quotes"))
        assert all(line.startswith((">", "*Editorial note*")) for line in lines if line)
    elif query == "speakers":
        assert "## Poland" in lines
        assert any(line.startswith("- **Radoslaw Sikorski**") for line in lines)
    elif query == "notes":
        assert len(lines) == len(as_json(capsys, query)) and all(line.startswith("- **") for line in lines)
    else:
        table = lines[: lines.index("")] if "" in lines else lines  # stances: the symbols' legend follows
        assert table[0].startswith("| ") and re.fullmatch(r"\|(---\|)+", table[1])
        assert len(table) == 2 + len(as_json(capsys, query))


def test_markdown_escapes_dossier_text(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_data: dict) -> None:
    seed_data["actors"][-1]["role"] = "Foreign *Minister* [of] <Poland>"
    path = write_json(tmp_path / "d.json", seed_data)
    out = ok(capsys, "quotes", str(path), "--country", "PL", "--format", "md")
    assert r"Foreign \*Minister\* \[of\] \<Poland\>" in out


# -- the headline query: Poland in Markdown ----------------------------------------------------------------------------


def test_quotes_poland_markdown_is_sikorski_only(capsys: pytest.CaptureFixture[str], seed_data: dict) -> None:
    out = ok(capsys, "quotes", "--country", "poland", "--format", "md")
    sikorski = [s for s in seed_data["statements"] if s["actor"] == "sikorski"]
    assert len(sikorski) == 2
    blocks = [b for b in out.rstrip("\n").split("\n\n") if b.startswith(">")]  # editorial notes follow each
    assert len(blocks) == 2
    sikorski_line = "Radoslaw Sikorski, Polish Foreign Minister (Poland)"
    for block, statement in zip(blocks, sikorski, strict=True):
        lines = block.splitlines()
        assert len(lines) == 3
        words = statement["content"]["exact"]
        if statement["mode"] == "direct":  # the closing quotation: its speaker is inferred, and says so
            assert lines[0] == f"> “{words}”"
            assert lines[2].startswith(f"> — attributed to {sikorski_line} (attribution inferred from its position")
        else:  # reported speech: the article's words, never in quotation marks
            assert lines[0] == f"> {sikorski_line}, as reported in the article's words, not a quotation: {words}"
            assert lines[2].startswith("> — Fri 31 May 2024; in ")
        assert lines[1] == ">"
        assert "title given by the curator: " + seed_data["source"]["headline"] in lines[2]
        assert lines[2].endswith("publisher unknown, URL unknown")
    # No other speaker is named anywhere (the quotes and the headline themselves name countries, not speakers).
    rest = out
    for s in sikorski:
        rest = rest.replace(s["content"]["exact"], "")
    rest = rest.replace(seed_data["source"]["headline"], "")
    for actor in seed_data["actors"]:
        if actor["id"] != "sikorski":
            for name in [actor["name"], *actor.get("aliases", [])]:
                assert name not in rest, name


@pytest.mark.parametrize("country", ["poland", "PL", "pl", "POL", "Poland"])
def test_quotes_poland_any_spelling(capsys: pytest.CaptureFixture[str], country: str) -> None:
    records = as_json(capsys, "quotes", "--country", country)
    assert [r["id"] for r in records] == ["s24", "s25"]
    assert {r["actor"] for r in records} == {"sikorski"}


def test_quotes_json_text_is_verbatim(capsys: pytest.CaptureFixture[str], seed_data: dict) -> None:
    text = seed_data["source"]["text"]
    records = as_json(capsys, "quotes")
    assert len(records) == len(seed_data["statements"])
    for r in records:
        assert text[r["start"] : r["end"]] == r["text"]
        assert r["text"] in r["citation"]


def test_quotes_nato_includes_stoltenberg(capsys: pytest.CaptureFixture[str]) -> None:
    records = as_json(capsys, "quotes", "--country", "nato")
    assert {r["actor"] for r in records} == {"nato", "stoltenberg"}
    assert all(r["organisation"] == "NATO" for r in records)


def test_filters_combine(capsys: pytest.CaptureFixture[str]) -> None:
    records = as_json(capsys, "quotes", "--country", "RU", "--issue", "escalation", "--search", "nuclear")
    assert [(r["id"], r["actor"]) for r in records] == [("s17", "putin"), ("s19", "medvedev")]
    assert [r["id"] for r in as_json(capsys, "quotes", "--actor", "putin", "--actor", "medvedev")] == [
        "s10",
        "s16",
        "s17",
        "s19",
        "s20",
        "s21",
        "s22",
    ]


def test_stances_and_speakers_filters(capsys: pytest.CaptureFixture[str]) -> None:
    stances = as_json(capsys, "stances", "--country", "PL")
    assert [(r["actor"], r["issue"]) for r in stances] == [("sikorski", "border-strikes"), ("sikorski", "deep-strikes")]
    assert [r["id"] for r in as_json(capsys, "speakers", "--country", "NATO")] == [
        "nato",
        "stoltenberg",
        "nato-countries",
    ]
    speakers = as_json(capsys, "speakers")
    stoltenberg = next(r for r in speakers if r["id"] == "stoltenberg")
    assert stoltenberg["group"] == "NATO"


def test_no_match_is_empty_and_succeeds(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quotes", "--search", "zebra", "--format", "json")
    assert (code, json.loads(out), err) == (0, [], "")


# -- the timeline ------------------------------------------------------------------------------------------------------


def test_since_and_until_narrow_the_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    every = [r["id"] for r in as_json(capsys, "timeline")]
    narrowed = [r["id"] for r in as_json(capsys, "timeline", "--since", "2024-05-28", "--until", "2024-05-30")]
    assert "e-putin-warning" in narrowed and "e-atacms-policy" in narrowed
    assert "e-full-scale-invasion" not in narrowed and "e-prague-remarks" not in narrowed
    assert set(narrowed) < set(every)
    assert [e for e in every if e in narrowed] == narrowed  # still in date order
    since = [r["id"] for r in as_json(capsys, "timeline", "--since", "2024-05-31")]
    assert "e-putin-warning" not in since and "e-sikorski-statement" in since
    until = [r["id"] for r in as_json(capsys, "timeline", "--until", "2023-01-01")]
    assert until == ["e-restrictions-lifted", "e-earlier-refusal", "e-full-scale-invasion"]  # no known start first


def test_timeline_in_date_order(capsys: pytest.CaptureFixture[str]) -> None:
    records = as_json(capsys, "timeline")
    assert [r["earliest"] for r in records[:2]] == [None, None]  # no known start: first, not at their latest
    assert (records[2]["id"], records[2]["date"]) == ("e-full-scale-invasion", "Feb 2022")
    firsts = [r["earliest"] or "" for r in records]
    assert firsts == sorted(firsts)


def test_timelinejs(capsys: pytest.CaptureFixture[str], seed_data: dict) -> None:
    data = json.loads(ok(capsys, "timeline", "--format", "timelinejs"))
    title = data["title"]["text"]
    assert title["headline"] == seed_data["source"]["headline"] + " (title given by the curator)"
    assert title["text"].startswith("Prague (dateline given by the curator). 31 May 2024")
    events = data["events"]
    # Events with no known start are not drawn (at their latest date they would be dated wrongly); the title
    # slide lists them.
    undated = {"e-earlier-refusal", "e-restrictions-lifted"}
    assert {e["unique_id"] for e in events} == {e["id"] for e in seed_data["events"]} - undated
    for e in seed_data["events"]:
        assert (e["title"] in title["text"]) == (e["id"] in undated)
    for event in events:
        start = event["start_date"]
        assert isinstance(start["year"], int) and 1 <= start["month"] <= 12
        assert event["text"]["headline"]
        assert event["display_date"]
    by_id = {e["unique_id"]: e for e in events}
    assert by_id["e-putin-warning"]["start_date"] == {"year": 2024, "month": 5, "day": 28}
    assert by_id["e-putin-warning"]["display_date"] == "Tue 28 May 2024"
    assert by_id["e-full-scale-invasion"]["start_date"] == {"year": 2022, "month": 2}
    # "In recent weeks": an approximate start, drawn from it, not from 31 May.
    assert by_id["e-ukraine-request"]["start_date"] == {"year": 2024, "month": 5, "day": 10}
    assert by_id["e-ukraine-request"]["end_date"] == {"year": 2024, "month": 5, "day": 31}
    assert by_id["e-ukraine-request"]["display_date"] == "≈ 10–31 May 2024"
    assert by_id["e-sikorski-statement"]["group"] == "Radoslaw Sikorski"


def test_timelinejs_only_for_timeline(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["quotes", "--format", "timelinejs"])
    assert caught.value.code == 2
    assert "invalid choice" in capsys.readouterr().err


# -- errors ------------------------------------------------------------------------------------------------------------


def test_unknown_country(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quotes", "--country", "narnia")
    assert (code, out) == (2, "")
    lines = err.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("fact-explorer: unknown country or organisation 'narnia'")
    for known in ("PL (Poland)", "US (United States)", "NATO (NATO)"):
        assert known in lines[0]


@pytest.mark.parametrize(("option", "kind"), [("--actor", "actor"), ("--issue", "issue")])
def test_unknown_actor_or_issue(capsys: pytest.CaptureFixture[str], option: str, kind: str) -> None:
    code, out, err = run(capsys, "stances", option, "nobody")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1
    assert err.startswith(f"fact-explorer: unknown {kind} 'nobody'; this dossier has: ")
    assert ("sikorski" if kind == "actor" else "border-strikes") in err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out == f"fact-explorer {__version__}\n"


@pytest.mark.parametrize(
    ("argv", "line"),
    [
        (["quotes", "--bogus"], "fact-explorer: unrecognized arguments: --bogus"),
        (["--bogus"], "fact-explorer: unrecognized arguments: --bogus"),
        (["timeline", "--since", "[red]31 May"], "fact-explorer timeline: argument --since: '[red]31 May' is not"),
        (["quotes", "--format", "yaml"], "fact-explorer quotes: argument --format: invalid choice: 'yaml'"),
    ],
)
def test_a_malformed_command_line_is_one_line(capsys: pytest.CaptureFixture[str], argv: list[str], line: str) -> None:
    """No usage block before it (and no garbled program name: it read 'fact-explorer [FILE|DIR|--db URL] …
    fact-explorer COMMAND ... quotes: error: …'); the value shown as typed."""
    with pytest.raises(SystemExit) as caught:
        main(argv)
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith(line) and "--help lists the options" in err, err


def test_bad_date(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["timeline", "--since", "31 May"])
    assert caught.value.code == 2
    assert "'31 May' is not a date (YYYY-MM-DD)" in capsys.readouterr().err


@pytest.mark.parametrize("query", QUERIES)
def test_query_on_a_file_that_is_not_json(capsys: pytest.CaptureFixture[str], tmp_path: Path, query: str) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"schema_version": ', encoding="utf-8")
    code, out, err = run(capsys, query, str(path))
    assert (code, out) == (2, "")
    assert re.fullmatch(re.escape(str(path)) + r": \$: not JSON: .+\n", err)


def test_query_on_a_missing_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "nowhere.json"
    code, out, err = run(capsys, "quotes", str(path), "--format", "md")
    assert (code, out) == (2, "")
    assert err == f"{path}: $: cannot read: No such file or directory\n"


def test_query_on_an_invalid_dossier(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_data: dict) -> None:
    seed_data["actors"][0]["country"] = "UK"
    path = write_json(tmp_path / "invalid.json", seed_data)
    code, out, err = run(capsys, "speakers", str(path))
    assert (code, out) == (1, "")
    assert err == f"{path}: $.actors[0].country: 'UK' is not an ISO 3166-1 alpha-2 country code\n"


def test_query_on_a_dossier_with_warnings(capsys: pytest.CaptureFixture[str], tmp_path: Path, seed_data: dict) -> None:
    seed_data["statements"][0]["mode"] = "direct"  # outside quotation marks: a warning only
    path = write_json(tmp_path / "warned.json", seed_data)
    code, out, err = run(capsys, "quotes", str(path), "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out)[0]["mode"] == "direct"


def test_query_over_max_size(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "timeline", "--max-size", "0.001")
    assert (code, out) == (2, "")
    assert err.count("\n") == 1 and "over the 0.000999 MB limit" in err


def test_csv_columns_are_the_record_keys(store):
    """The documented CSV columns (also the header of an empty result) match the JSON records' keys."""
    from tui.render import export

    kinds = {
        "quotes": (export.quote_records, store.statements()),
        "timeline": (export.timeline_records, store.events()),
        "stances": (export.stance_records, store.stances()),
        "speakers": (export.speaker_records, store.actors()),
    }
    for kind, (records, items) in kinds.items():
        assert list(records(store, items)[0]) == export.COLUMNS[kind], kind


def test_empty_csv_still_has_its_header(capsys):
    from tui.render.export import COLUMNS

    assert main(["quotes", "--search", "no-such-words-anywhere", "--format", "csv"]) == 0
    assert capsys.readouterr().out.splitlines() == [",".join(COLUMNS["quotes"])]
