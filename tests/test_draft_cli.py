"""`fact-explorer draft` from the command line: inputs, bad inputs, output safety, folder mode, and the
bundled article end to end against its curated dossier."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tui.cli import main
from tui.validation import read_dossier

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ROOT / "data" / "kharkiv-2024-05-31.txt"
CURATED = ROOT / "data" / "kharkiv-2024-05-31.json"
PAGE = ROOT / "tests" / "fixtures" / "draft" / "saved-page.html"
SHORT = (
    "Harbour vote ends months of argument\n"
    "The council approved the harbour plan on Thursday.\n"
    "“This harbour has waited forty years,” Mayor Elena Varga said.\n"
)


def draft(*argv: str) -> int:
    return main(["draft", *argv])


def valid(path: Path) -> dict:
    result = read_dossier(path)
    assert result.exit_code == 0, [p.line(str(path)) for p in result.problems]
    assert main(["validate", "-q", str(path)]) == 0
    return json.loads(path.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def kharkiv(tmp_path_factory) -> dict:
    out = tmp_path_factory.mktemp("k") / "kharkiv.json"
    assert draft(str(ARTICLE), "-o", str(out)) == 0
    return valid(out)


def test_text_is_kept_byte_for_byte(kharkiv):
    assert kharkiv["source"]["text"] == ARTICLE.read_text(encoding="utf-8")
    assert kharkiv["schema_version"] == "1.1"


def test_every_item_is_a_draft_with_its_origin(kharkiv):
    for name in ("actors", "statements", "events"):
        assert kharkiv[name]
        for item in kharkiv[name]:
            assert item["review"] == "draft"
            assert item["origin"]["by"].startswith("fact-explorer draft ")
            assert item["origin"]["rule"] and 0 <= item["origin"]["confidence"] <= 1
    assert "stances" not in kharkiv and "issues" not in kharkiv  # the curator's judgement, not the draft's


def test_reference_date_from_the_text(kharkiv):
    source = kharkiv["source"]
    assert source["reference_date"] == "2024-05-31"
    assert "31 May was a Friday in 2024" in source["reference_date_rule"]
    assert source["headline_editorial"] is True  # the first line is a sentence, not a title


def test_all_nine_direct_quotations_with_the_curated_spans_and_speakers(kharkiv):
    curated = json.loads(CURATED.read_text(encoding="utf-8"))
    want = {
        (s["content"]["start"], s["content"]["end"]): s["actor"] for s in curated["statements"] if s["mode"] == "direct"
    }
    assert len(want) == 9
    names = {a["id"]: a["name"] for a in curated["actors"]}
    got_names = {a["id"]: a["name"] for a in kharkiv["actors"]}
    got = {(s["content"]["start"], s["content"]["end"]): s for s in kharkiv["statements"] if s["mode"] == "direct"}
    assert set(got) == set(want)
    for span, actor in want.items():
        assert got_names[got[span]["actor"]] == names[actor], span
    sikorski = got[(3972, 4127)]  # no speaker named: inferred from the paragraph before
    assert "inferred_attribution" in sikorski and "source" not in sikorski


def test_every_curated_speaker_is_right_including_he(kharkiv):
    """Each curated direct or indirect statement found by the draft has the curated speaker."""
    curated = json.loads(CURATED.read_text(encoding="utf-8"))
    names = {a["id"]: a["name"] for a in curated["actors"]}
    got_names = {a["id"]: a["name"] for a in kharkiv["actors"]}
    by_start = {s["content"]["start"]: s for s in kharkiv["statements"]}
    he = 0
    for s in curated["statements"]:
        found = by_start.get(s["content"]["start"])
        if s["mode"] == "paraphrase" or found is None:
            continue
        if names[s["actor"]] == "President Putin":
            assert got_names[found["actor"]] == "Putin"
        else:
            assert got_names[found["actor"]] == names[s["actor"]], s["id"]
        he += found.get("source", {}).get("exact", "").lower() == "he"
    assert he >= 5  # Blinken's "He stated", two "he said", Stoltenberg's two "he told reporters"


def test_actors_get_role_and_country_from_the_text(kharkiv):
    actors = {a["name"]: a for a in kharkiv["actors"]}
    assert actors["Antony Blinken"]["role"] == "U.S. Secretary of State" and actors["Antony Blinken"]["country"] == "US"
    assert actors["Radoslaw Sikorski"]["country"] == "PL"
    assert actors["Hanke Bruins Slot"]["country"] == "NL"
    assert actors["Jens Stoltenberg"]["affiliation"] == "NATO" and "country" not in actors["Jens Stoltenberg"]
    assert actors["Dmitry Medvedev"]["country"] == "RU" and "Deputy Chairman" in actors["Dmitry Medvedev"]["role"]
    assert actors["U.S. officials"]["kind"] == "group"
    assert {o["code"] for o in kharkiv["organisations"]} == {"NATO"}


def test_friday_thursday_tuesday_events(kharkiv):
    by_phrase = {(e["when"]["phrase"]["exact"], e["when"]["value"]) for e in kharkiv["events"]}
    assert ("on Friday (May 31)", "2024-05-31") in by_phrase
    assert ("on Thursday", "2024-05-30") in by_phrase
    assert ("on Tuesday", "2024-05-28") in by_phrase
    assert ("in recent weeks", "2024-05-10/2024-05-31") in by_phrase
    assert ("February 2022", "2022-02") in by_phrase and ("last year", "2023") in by_phrase
    thursday = next(e for e in kharkiv["events"] if e["when"]["phrase"]["exact"] == "on Thursday")
    officials = next(a["id"] for a in kharkiv["actors"] if a["name"] == "U.S. officials")
    assert officials in thursday["actors"]


def test_repeated_spans_carry_prefix_and_suffix(kharkiv):
    text = kharkiv["source"]["text"]
    fridays = [e["when"]["phrase"] for e in kharkiv["events"] if e["when"]["phrase"]["exact"] == "on Friday"]
    assert len(fridays) > 1
    for phrase in fridays:
        assert phrase["prefix"] and text[: phrase["start"]].endswith(phrase["prefix"])


async def test_opens_in_the_explorer(kharkiv):
    from tui.app.explorer import ExplorerApp
    from tui.model import Dossier

    app = ExplorerApp(Dossier.model_validate(kharkiv))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause(0.5)
        shown = app.export_screenshot()
    assert "Medvedev" in shown and "Sikorski" in shown


def test_saved_page(tmp_path, capsys):
    out = tmp_path / "page.json"
    assert draft(str(PAGE), "-o", str(out)) == 0
    d = valid(out)
    source = d["source"]
    assert source["headline"] == "Council approves harbour expansion after long debate"
    assert "headline_editorial" not in source
    assert source["publisher"] == "The Coastal Ledger"
    assert source["url"] == "https://ledger.example/news/harbour-expansion"
    assert source["reference_date"] == "2023-03-17" and "metadata" in source["reference_date_rule"]
    assert "Most read" not in source["text"] and "Privacy" not in source["text"]
    varga = [s for s in d["statements"] if s["mode"] == "direct"]
    assert varga and {a["name"] for a in d["actors"] if a["id"] == varga[0]["actor"]} == {"Elena Varga"}
    thursday = [e for e in d["events"] if e["when"]["phrase"]["exact"] == "on Thursday"]
    assert thursday[0]["when"]["value"] == "2023-03-16"


def test_stdin_and_title_line(tmp_path, monkeypatch, capsys):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(SHORT.encode())))
    assert draft("-", "--date", "2021-07-09") == 0
    d = json.loads(capsys.readouterr().out)
    assert d["source"]["headline"] == "Harbour vote ends months of argument"
    assert d["source"]["text"] == SHORT
    assert d["source"]["reference_date"] == "2021-07-09" and d["source"]["reference_date_rule"] == "given with --date"


def test_a_dateline_first_line_is_not_taken_for_the_headline(tmp_path, capsys):
    """'Portmere, Tuesday 3 June 2025' above the text is where and when, not a title: cited as the article's
    headline in quotation marks, it was a title the article never gave."""
    src = tmp_path / "a.txt"
    src.write_text("Portmere, Tuesday 3 June 2025\n\n" + SHORT.partition("\n")[2], encoding="utf-8")
    assert draft(str(src)) == 0
    d = valid(tmp_path / "a.json")
    assert d["source"]["headline_editorial"] is True and "Portmere" not in d["source"]["headline"]
    assert d["source"]["reference_date"] == "2025-06-03"
    assert "no headline given or found" in capsys.readouterr().err


@pytest.mark.parametrize("name", ["story.json", "story.txt"])
def test_the_draft_never_replaces_its_own_article(tmp_path, capsys, name):
    """`draft story.json --force` (or `-o` naming the article) wrote the draft over the article it read, as
    `new` refuses to."""
    src = tmp_path / name
    src.write_text(SHORT, encoding="utf-8")
    assert draft(str(src), "--force", "-o", str(src)) == 1
    assert draft(str(src), "--force") == (1 if name.endswith(".json") else 0)
    assert f"{src} is the article itself; give -o another file" in capsys.readouterr().err
    assert src.read_text(encoding="utf-8") == SHORT


def test_options_override(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(SHORT, encoding="utf-8")
    assert draft(str(src), "--headline", "H", "--publisher", "P", "--url", "https://x.example/a", "--id", "my-id") == 0
    d = valid(tmp_path / "a.json")  # default output: beside the article
    assert (d["source"]["headline"], d["source"]["publisher"], d["source"]["id"]) == ("H", "P", "my-id")
    assert d["source"]["url"] == "https://x.example/a"


def test_labels_with_tabs_and_line_breaks_are_put_on_one_line(tmp_path):
    """A title line with a tab in it, or a --publisher with one, made a dossier the validator refused."""
    src = tmp_path / "a.txt"
    src.write_text("Harbour\tvote ends\n" + SHORT, encoding="utf-8")
    assert draft(str(src), "--publisher", "The\tHarbour\nGazette") == 0
    d = valid(tmp_path / "a.json")
    assert (d["source"]["headline"], d["source"]["publisher"]) == ("Harbour vote ends", "The Harbour Gazette")


def test_output_into_an_existing_folder(tmp_path):
    src = tmp_path / "a.txt"
    src.write_text(SHORT, encoding="utf-8")
    (tmp_path / "out").mkdir()
    assert draft(str(src), "-o", str(tmp_path / "out")) == 0
    valid(tmp_path / "out" / "a.json")


def test_no_date_says_relative_dates_stay_unresolved(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(SHORT, encoding="utf-8")
    assert draft(str(src)) == 0
    err = capsys.readouterr().err
    assert err.count("relative dates stay unresolved") == 1 and "'on Thursday'" in err
    d = valid(tmp_path / "a.json")
    assert d["events"] == []


def test_no_quotations_gives_a_valid_dossier_and_says_so(tmp_path, capsys):
    src = tmp_path / "calm.txt"
    src.write_text("The lake froze early this winter.\nSkaters came from far away.\n", encoding="utf-8")
    assert draft(str(src), "--date", "2022-01-05") == 0
    assert "no statements" in capsys.readouterr().err
    assert valid(tmp_path / "calm.json")["statements"] == []


def test_existing_output_is_never_overwritten_without_force(tmp_path, capsys):
    src = tmp_path / "a.txt"
    src.write_text(SHORT, encoding="utf-8")
    out = tmp_path / "a.json"
    out.write_text("my own work", encoding="utf-8")
    assert draft(str(src)) == 1
    assert "exists; use --force" in capsys.readouterr().err
    assert out.read_text(encoding="utf-8") == "my own work"
    assert draft(str(src), "--force") == 0
    valid(out)
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]


BAD = [
    ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00IHDR", "binary"),
    ("empty.txt", b"", "empty"),
    ("blank.txt", b"  \n\n \t", "empty"),
    ("latin1.txt", "Caf\u00e9 owners said that prices rose.".encode("latin-1"), "not UTF-8"),
    ("nothing.html", b"<html><body><nav><a href='/'>Home</a></nav></body></html>", "no article text"),
]


@pytest.mark.parametrize(("name", "raw", "says"), BAD, ids=[b[0] for b in BAD])
def test_bad_input_one_line_nonzero_nothing_written(tmp_path, capsys, name, raw, says):
    src = tmp_path / name
    src.write_bytes(raw)
    assert draft(str(src)) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith(str(src)) and says in err[0], err
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_over_the_size_limit(tmp_path, capsys):
    src = tmp_path / "big.txt"
    src.write_text("Word " * 300_000, encoding="utf-8")
    assert draft(str(src), "--max-size", "1") == 1
    err = capsys.readouterr().err
    assert "over the size limit" in err and len(err.strip().splitlines()) == 1
    assert not (tmp_path / "big.json").exists()


def test_folder_with_no_articles(tmp_path, capsys):
    (tmp_path / "notes.md").write_text("nothing here", encoding="utf-8")
    assert draft(str(tmp_path), "-o", str(tmp_path / "out")) == 2
    assert "a folder with no articles" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_folder_mode_carries_on_past_failures(tmp_path, capsys):
    articles = tmp_path / "in"
    articles.mkdir()
    (articles / "one.txt").write_text(SHORT, encoding="utf-8")
    (articles / "two.html").write_bytes(PAGE.read_bytes())
    (articles / "broken.txt").write_bytes(b"\xff\xfe\x00broken")
    (articles / "kharkiv.txt").write_bytes(ARTICLE.read_bytes())
    out = tmp_path / "out"
    assert draft(str(articles), "-o", str(out), "--date", "2024-05-31") == 1  # one failed
    err = capsys.readouterr().err
    assert f"{articles / 'broken.txt'}: a binary file" in err
    assert "3 of 4 articles drafted" in err and "1 failed" in err
    assert sorted(p.name for p in out.iterdir()) == ["kharkiv.json", "one.json", "two.json"]
    for path in out.iterdir():
        valid(path)
    assert main(["validate", "-q", str(out)]) == 0


def test_single_input_options_refused_for_a_folder(tmp_path, capsys):
    (tmp_path / "a.txt").write_text(SHORT, encoding="utf-8")
    assert draft(str(tmp_path), "--headline", "H") == 2
    assert "--headline" in capsys.readouterr().err


def test_an_actors_name_and_role_with_a_tab_are_put_on_one_line(tmp_path):
    """A tab inside an apposition ('a\tformer minister') made a role the validator refused."""
    src = tmp_path / "a.txt"
    text = "Vote ends\n\nJan Kowalski, a\tformer Polish\tminister, said the harbour would stay open.\n"
    src.write_text(text, encoding="utf-8")
    assert draft(str(src), "--date", "2021-07-09") == 0
    d = valid(tmp_path / "a.json")
    assert d["source"]["text"] == text
    assert [(a["name"], a.get("role")) for a in d["actors"]] == [("Jan Kowalski", "former Polish minister")]
