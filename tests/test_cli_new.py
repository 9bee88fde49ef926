"""`fact-explorer new ARTICLE`: an empty, valid dossier for an article, to curate by hand. It reads
articles and their metadata as `draft` does (tui/draft/inputs.py), with the same flags."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from tui.bundled import data_dir
from tui.cli import main
from tui.validation import read_dossier

ARTICLE = data_dir() / "kharkiv-2024-05-31.txt"


def test_new_makes_an_empty_valid_dossier_beside_the_article(tmp_path, capsys):
    article = tmp_path / "story.txt"
    article.write_bytes(b"\xef\xbb\xbf" + ARTICLE.read_bytes().replace(b"\n", b"\r\n"))
    code = main(["new", str(article), "--date", "2024-05-31", "--headline", "US lets Ukraine", "--publisher", "X"])
    out = capsys.readouterr().out
    assert code == 0, out
    made = tmp_path / "story.json"
    assert f"{made}: an empty dossier" in out
    result = read_dossier(made)
    assert result.dossier is not None, result.problems
    data = json.loads(made.read_text(encoding="utf-8"))
    assert data["source"]["text"] == ARTICLE.read_text(encoding="utf-8")  # as draft keeps it: only CRLF -> LF
    assert data["source"]["id"] == "story" and data["source"]["publisher"] == "X"
    assert data["source"]["reference_date_rule"] == "given with --date"
    assert data["schema_version"] == "1.1"
    assert data["statements"] == [] and data["actors"] == []


def test_without_headline_or_date_both_are_worked_out_or_marked(tmp_path, capsys):
    code = main(["new", str(ARTICLE), "-o", str(tmp_path / "k.json")])
    assert code == 0, capsys.readouterr()
    source = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))["source"]
    assert source["headline_editorial"] is True  # the article's first line is a sentence, not a title
    assert source["headline"] == "Untitled article (kharkiv-2024-05-31)"
    assert (
        source["reference_date"] == "2024-05-31"
        and "'on Friday (May 31)' gives no year" in source["reference_date_rule"]
    )
    undated = tmp_path / "undated.txt"
    undated.write_text("Officials said the talks would go on.")
    assert main(["new", str(undated)]) == 0
    source = json.loads((tmp_path / "undated.json").read_text(encoding="utf-8"))["source"]
    assert "not given" in source["reference_date_rule"] and "no --date" in capsys.readouterr().err


def test_a_dateline_gives_the_date_as_draft_reads_it(tmp_path, capsys):
    article = tmp_path / "a.txt"
    article.write_text("Talks resume\nGENEVA, March 3, 2025 — Diplomats met on Monday, officials said.\n")
    assert main(["new", str(article)]) == 0
    source = json.loads((tmp_path / "a.json").read_text(encoding="utf-8"))["source"]
    assert source["reference_date"] == "2025-03-03" and source["headline"] == "Talks resume"
    assert "headline_editorial" not in source


def test_a_saved_page_gives_its_text_and_metadata(tmp_path, capsys):
    page = tmp_path / "page.html"
    words = " ".join(["The minister said the talks would continue next week in Geneva."] * 5)
    page.write_text(
        "<!doctype html><html><head><title>Talks to continue</title>"
        '<meta property="article:published_time" content="2025-03-03"></head>'
        f"<body><article><h1>Talks to continue</h1><p>{words}</p></article></body></html>"
    )
    assert main(["new", str(page)]) == 0, capsys.readouterr()
    source = json.loads((tmp_path / "page.json").read_text(encoding="utf-8"))["source"]
    assert "The minister said the talks" in source["text"] and source["headline"] == "Talks to continue"
    assert "<" not in source["text"]


def test_new_reads_standard_input_to_standard_output(capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Ein Satz über Kiew.".encode())))
    assert main(["new", "-", "--headline", "H", "--date", "2024-01-02"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["source"]["text"] == "Ein Satz über Kiew." and data["source"]["id"] == "article"


@pytest.mark.parametrize(
    "argv, message, status",
    [
        (["new", "{tmp}/missing.txt"], "missing.txt: cannot be read (No such file or directory)", 2),
        (["new", "{tmp}/bad.txt"], "bad.txt: not UTF-8 text (byte 0xff at offset 3)", 2),
        (["new", "{tmp}/empty.txt"], "empty.txt: empty: no article text", 2),
        (["new", "{tmp}/bell.txt", "-o", "{tmp}/bell.json"], "contains control character U+0007", 2),
        (["new", "{tmp}/taken.txt"], "taken.json exists; use --force to overwrite it", 2),
        (["new", "{tmp}/ok.txt", "--id", "no spaces allowed"], "$.source.id: String should match pattern", 1),
        (["new", "{tmp}/ok.txt", "--date", "31/05/2024"], "is not a date (YYYY-MM-DD)", 2),
        (["new", "{tmp}/ok.txt", "-o", "{tmp}/ok.txt"], "is the article itself", 2),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, capsys, argv, message, status):
    (tmp_path / "bad.txt").write_bytes(b"abc\xff")
    (tmp_path / "empty.txt").write_bytes(b"  \n")
    (tmp_path / "bell.txt").write_bytes(b"ring \x07 the bell")
    (tmp_path / "taken.txt").write_text("words")
    (tmp_path / "taken.json").write_text("{}")
    (tmp_path / "ok.txt").write_text("words")
    argv = [a.format(tmp=tmp_path) for a in argv]
    try:
        code = main(argv)
    except SystemExit as exc:  # argparse refuses a malformed option itself
        code = exc.code
    err = capsys.readouterr().err
    assert code == status
    assert message in err and "Traceback" not in err
    assert (tmp_path / "taken.json").read_text() == "{}"
    assert (tmp_path / "ok.txt").read_text() == "words"


def test_force_replaces(tmp_path, capsys):
    out = tmp_path / "k.json"
    out.write_text("{}")
    assert main(["new", str(ARTICLE), "-o", str(out), "--force", "--headline", "H", "--date", "2024-05-31"]) == 0
    assert read_dossier(out).dossier is not None
    assert Path(out).read_text().startswith("{\n")
