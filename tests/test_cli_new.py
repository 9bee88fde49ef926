"""`fact-explorer new ARTICLE`: an empty, valid dossier for an article, to curate by hand."""

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
    code = main(["new", str(article), "--date", "2024-05-31", "--headline", "US lets Ukraine", "--dateline", "Prague"])
    out = capsys.readouterr().out
    assert code == 0, out
    made = tmp_path / "story.json"
    assert f"{made}: an empty dossier" in out
    result = read_dossier(made)
    assert result.dossier is not None, result.problems
    data = json.loads(made.read_text(encoding="utf-8"))
    assert data["source"]["text"] == ARTICLE.read_text(encoding="utf-8").strip()
    assert data["source"]["id"] == "story" and data["source"]["dateline"] == "Prague"
    assert data["statements"] == [] and data["actors"] == []


def test_without_headline_or_date_both_are_marked_as_not_the_articles(tmp_path, capsys):
    code = main(["new", str(ARTICLE), "-o", str(tmp_path / "k.json")])
    err = capsys.readouterr().err
    assert code == 0, err
    source = json.loads((tmp_path / "k.json").read_text(encoding="utf-8"))["source"]
    assert source["headline_editorial"] is True
    assert "not given" in source["reference_date_rule"]
    assert "no --date" in err


def test_new_reads_standard_input(tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Ein Satz über Kiew.".encode())))
    code = main(
        ["new", "-", "-o", str(tmp_path / "s.json"), "--headline", "H", "--date", "2024-01-02", "--language", "de"]
    )
    assert code == 0, capsys.readouterr()
    assert read_dossier(tmp_path / "s.json").dossier.source.language == "de"


@pytest.mark.parametrize(
    "argv, message, status",
    [
        (["new", "-"], "standard input needs -o FILE", 2),
        (["new", "{tmp}/missing.txt"], "missing.txt: cannot read: No such file or directory", 2),
        (["new", "{tmp}/bad.txt"], "bad.txt: not UTF-8: invalid byte at offset 3", 2),
        (["new", "{tmp}/empty.txt"], "empty.txt: the article is empty", 2),
        (["new", "{tmp}/bell.txt", "-o", "{tmp}/bell.json"], "bell.txt: $.source.text: contains control character", 1),
        (["new", "{tmp}/taken.txt"], "taken.json exists; give --force", 1),
        (["new", "{tmp}/ok.txt", "--id", "no spaces allowed"], "$.source.id: String should match pattern", 1),
        (["new", "{tmp}/ok.txt", "--date", "31/05/2024"], "is not a date (YYYY-MM-DD)", 2),
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


def test_force_replaces(tmp_path, capsys):
    out = tmp_path / "k.json"
    out.write_text("{}")
    assert main(["new", str(ARTICLE), "-o", str(out), "--force", "--headline", "H", "--date", "2024-05-31"]) == 0
    assert read_dossier(out).dossier is not None
    assert Path(out).read_text().startswith("{\n")
