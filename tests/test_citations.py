"""Issue 13: every citation the tool produces says only what the source says, attributed to whoever said it,
with what is inferred or editorial marked. Each rule on the bundled dossier and on one of our own (tiny)."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from tui.cli import main
from tui.dates import parse_edtf
from tui.model import Dossier
from tui.render import export, text
from tui.render.cite import UNREVIEWED, citation, source_reference
from tui.render.inert import inert
from tui.store import Store
from tui.userstate import Bookmark
from tui.widgets.detail import detail_text

from .conftest import write_json
from .test_properties import FAST, dossiers
from .tiny import tiny

QUOTES = "“”\"‘’'«»„"


def stores(seed: Dossier) -> list[Store]:
    return [Store(seed), Store(Dossier.model_validate(tiny()))]


def every_output(store: Store, statements: list[Any]) -> list[str]:
    """Every text the tool can give for these statements, as strings (JSON and CSV as their values)."""
    records = export.quote_records(store, statements)
    out = [r["citation"] for r in records]
    out.append(export.quotes_markdown(store, statements))
    out.append(text.quotes_plain(store, statements))
    rows = csv.reader(io.StringIO(export.to_csv(records, export.COLUMNS["quotes"])))
    out += [cell for row in rows for cell in row]
    marks = [Bookmark(store.source_id_of(s.id), store.local_id(s.id), s.content.exact, "old") for s in statements]
    out.append(export.bookmarks_markdown(export.refreshed(marks, store)))
    out += [detail_text(store, s).plain for s in statements]
    return out


def wrapped(content: str, outputs: list[str]) -> bool:
    """Whether `content` stands in quotation marks anywhere in `outputs`."""
    return any(f"{o}{content}{c}" in out for out in outputs for o in QUOTES for c in QUOTES)


# -- 1. reported speech is never dressed as the speaker's words ------------------------------------------------


def test_reported_speech_is_never_in_quotation_marks(seed: Dossier) -> None:
    for store in stores(seed):
        reported = [s for s in store.dossier.statements if s.mode != "direct"]
        assert reported
        for s in reported:
            outputs = every_output(store, [s])
            assert not wrapped(s.content.exact, outputs), s.id
            assert "not a quotation" in citation(store, s)


def test_a_direct_quote_is_in_quotation_marks_beside_its_speaker(seed: Dossier) -> None:
    for store in stores(seed):
        for s in (s for s in store.dossier.statements if s.mode == "direct"):
            cited = citation(store, s)
            name = store.actor[s.actor].name
            assert cited.startswith(f"“{s.content.exact}” — ") and name in cited.split(" — ", 1)[1]


def test_the_issue_example_reads_as_the_articles_words(store: Store) -> None:
    cited = citation(store, store.statement["s9"])
    assert cited.startswith(
        "Jens Stoltenberg, NATO Secretary-General (NATO), as paraphrased by the article, not a quotation: "
        "Stoltenberg rejected Russian President Putin’s warning"
    )
    assert "“Stoltenberg" not in cited


# -- 2. inferred attribution is said ---------------------------------------------------------------------------------


def test_inferred_attribution_is_said_everywhere(seed: Dossier) -> None:
    for store in stores(seed):
        inferred = [s for s in store.dossier.statements if s.inferred_attribution]
        assert inferred  # s25 in the bundled dossier, t3 in ours
        for s in inferred:
            for output in every_output(store, [s])[:3] + [detail_text(store, s).plain]:
                assert s.inferred_attribution in output


def test_the_closing_quotation_is_attributed_by_position(store: Store) -> None:
    s25 = store.statement["s25"]
    assert s25.inferred_attribution == "attribution inferred from its position; the article names no speaker"
    assert "— attributed to Radoslaw Sikorski" in citation(store, s25)


def test_a_draft_statement_is_unreviewed_everywhere(seed: Dossier) -> None:
    d = tiny()
    d["statements"][1]["review"] = "draft"
    store = Store(Dossier.model_validate(d))
    draft = store.statement["t2"]
    for output in every_output(store, [draft])[:3] + [detail_text(store, draft).plain]:
        assert UNREVIEWED in output
    assert UNREVIEWED not in citation(store, store.statement["t1"])


# -- 3. only what the article says, or marked ---------------------------------------------------------------------


def test_no_country_or_name_the_article_does_not_give(store: Store) -> None:
    assert store.actor["stoltenberg"].country is None
    assert store.organisation["NATO"] == "NATO"
    assert all("Norway" not in citation(store, s) for s in store.dossier.statements)


def test_an_editorial_headline_is_never_quoted(seed: Dossier) -> None:
    for store in stores(seed):
        source = store.dossier.source
        assert source.headline_editorial and source.dateline_editorial
        outputs = every_output(store, store.dossier.statements)
        assert not wrapped(source.headline, outputs)
        records = export.quote_records(store, store.dossier.statements)
        assert all(f"title given by the curator: {source.headline}" in r["citation"] for r in records)
        title = json.loads(export.timelinejs(store, store.dossier.events))["title"]["text"]
        assert title["headline"].endswith("(title given by the curator)")
        assert "(dateline given by the curator)" in title["text"]


def test_a_headline_the_article_gives_is_quoted_with_its_publisher() -> None:
    d = tiny()
    d["source"].update(headline_editorial=False, publisher="The Gazette", url="https://example.org/a")
    source = Dossier.model_validate(d).source
    assert source_reference(source) == "“Bridge to reopen”, 5 June 2024, The Gazette, https://example.org/a"


def test_unknown_publisher_and_url_are_named(seed: Dossier) -> None:
    for store in stores(seed):
        assert all("publisher unknown, URL unknown" in citation(store, s) for s in store.dossier.statements)


def test_event_titles_are_the_articles_words(seed: Dossier) -> None:
    for store in stores(seed):
        article = store.dossier.source.text.casefold()
        for e in store.dossier.events:
            for part in e.title.split(" … "):
                assert part.casefold() in article, (e.id, part)


# -- 4. stances as strong as their evidence ---------------------------------------------------------------------------


def test_over_strong_stances_are_regraded_or_marked(store: Store) -> None:
    def stance(actor: str, issue: str) -> Any:
        return store.stance_of(actor, issue)

    assert stance("nato", "border-strikes").position != "permitted"  # it only echoed a limited approval
    assert stance("stoltenberg", "border-strikes").position != "permitted"
    assert stance("medvedev", "escalation").position == "unclear"  # never mentions the weapons decision
    assert stance("sikorski", "deep-strikes").position == "unclear"
    for actor, issue in [("nato", "border-strikes"), ("stoltenberg", "border-strikes"), ("sikorski", "border-strikes")]:
        assert stance(actor, issue).note.startswith("Inferred")
    assert not {"s19", "s20", "s21", "s22"} & set(stance("russia", "escalation").evidence)


def test_actions_are_evidence(store: Store) -> None:
    biden, ukraine = store.stance_of("biden", "border-strikes"), store.stance_of("ukraine", "border-strikes")
    assert biden.evidence == ["e-approval"] and ukraine.evidence == ["e-ukraine-request"]
    assert store.position_label(biden)[1] == store.position_label(ukraine)[1] == "FAVOR"


def test_stance_notes_are_shown_in_text_and_markdown(seed: Dossier) -> None:
    for store in stores(seed):
        stances = store.dossier.stances
        noted = [st for st in stances if st.note]
        assert noted
        plain, markdown = text.stances_plain(store, stances), export.stances_markdown(store, stances)
        table = _rendered(text.stances_table(store, stances))
        for stance in noted:
            assert stance.note in plain and export.md(stance.note) in markdown
            assert stance.note.split()[0] in table


def _rendered(renderable: Any) -> str:
    from rich.console import Console

    console = Console(file=io.StringIO(), width=400, color_system=None)
    console.print(renderable)
    return console.file.getvalue()


# -- 5. dates: the year rule, approximate starts, no open start drawn at its end -------------------------------------


def test_the_year_is_the_first_after_february_2022_with_a_friday_31_may(store: Store) -> None:
    first = next(y for y in range(2022, 2100) if dt.date(y, 5, 31).weekday() == 4)
    source = store.dossier.source
    assert source.reference_date == dt.date(first, 5, 31) == dt.date(2024, 5, 31)
    assert "first year after February 2022" in source.reference_date_rule
    assert "2019, 2024 and 2030" not in json.dumps(store.dossier.model_dump(mode="json"))


def test_recent_weeks_has_an_approximate_start(store: Store) -> None:
    when = store.event["e-ukraine-request"].when
    assert parse_edtf(when.value).qualified and when.value.startswith("2024-05-10~")


@pytest.mark.parametrize("which", ["bundled", "tiny"])
def test_no_timeline_draws_an_open_start_at_its_latest_date(seed: Dossier, which: str) -> None:
    if which == "bundled":
        store = Store(seed)
    else:
        d = tiny()
        d["events"].append(
            {
                "id": "e-before",
                "title": "Mayor Ana Lima said",
                "when": {"value": "../2024-06-04", "precision": "day", "anchor": "e-approval", "rule": "before it"},
            }
        )
        store = Store(Dossier.model_validate(d))
    open_start = {e.id for e in store.dossier.events if parse_edtf(e.when.value).earliest is None}
    assert open_start
    drawn = {e["unique_id"] for e in json.loads(export.timelinejs(store, store.dossier.events))["events"]}
    assert drawn == {e.id for e in store.dossier.events} - open_start
    order = [e.id for e in store.events()]
    assert set(order[: len(open_start)]) == open_start  # before every dated event, not at their latest date


# -- 6. symbols read one way ------------------------------------------------------------------------------------------


def test_a_tick_always_sides_with_letting_ukraine_strike(store: Store) -> None:
    for actor in ("russia", "putin"):
        assert all(store.position_label(st)[1] != "FAVOR" for st in store.dossier.stances if st.actor == actor)
    for actor in ("nato", "stoltenberg", "bruins-slot"):
        assert all(store.position_label(st)[1] != "AGAINST" for st in store.dossier.stances if st.actor == actor)
    markdown = export.stances_markdown(store, store.dossier.stances)
    assert "✔ yes, ✘ no, ○ no clear position, in answer to each issue's question." in markdown


# -- 7. editorial notes reach the command line ----------------------------------------------------------------------


def test_notes_query(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    assert main(["notes", "--format", "json"]) == 0
    notes = json.loads(capsys.readouterr().out)
    assert len(notes) == 13 and notes[0]["id"] == "n-year"
    assert main(["notes", "--actor", "sikorski", "--format", "json"]) == 0
    assert [n["id"] for n in json.loads(capsys.readouterr().out)] == ["n-sikorski-restrictions", "n-sikorski-quote"]
    assert main(["notes", str(write_json(tmp_path / "t.json", tiny()))]) == 0
    assert capsys.readouterr().out.startswith("n-invented\t\tAn invented article")


@pytest.mark.parametrize(("ident", "note"), [("s1", "n-inside-ukraine"), ("s10", "n-friday-attachment")])
def test_note_markers_on_statements(store: Store, ident: str, note: str) -> None:
    s = store.statement[ident]
    assert f"note {note}" in text.quotes_plain(store, [s]) or f", {note}" in text.quotes_plain(store, [s])
    assert f"*Editorial note* ({export.md(note)})" in export.quotes_markdown(store, [s])


def test_note_markers_on_events(seed: Dossier) -> None:
    store = Store(seed)
    event = store.event["e-full-scale-invasion"]
    assert "· note n-february-2022" in text.timeline_plain(store, [event])
    assert export.timeline_markdown(store, [event]).splitlines()[-1].endswith("| n-february-2022 |")
    d = tiny()
    d["notes"].append({"id": "n-mine", "about": ["e-monday"], "text": "Which Monday?"})
    mine = Store(Dossier.model_validate(d))
    assert text.timeline_plain(mine, mine.dossier.events).splitlines()[0].endswith("· note n-mine")


# -- the property: no output ever quotes reported speech -------------------------------------------------------------


@FAST
@given(dossiers(), st.data())
def test_no_output_quotes_a_reported_statement(data: dict[str, Any], draw: st.DataObject) -> None:
    data["schema_version"] = "1.1"
    data["source"]["headline_editorial"] = draw.draw(st.booleans())
    for s in data["statements"]:
        if draw.draw(st.booleans()):
            s["inferred_attribution"] = "attribution inferred from its position"
        if draw.draw(st.booleans()):
            s["review"] = "draft"
    store = Store(Dossier.model_validate(data))
    d = store.dossier
    # Words the tool rightly quotes: direct quotes, the article's cues and date phrases (the detail pane), a
    # headline the article gives; and the article's own quotation marks. A reported statement whose words
    # are among those (generated text repeats) is not a case of quoting it.
    quoted = [s.content.exact for s in d.statements if s.mode == "direct"]
    quoted += [s.cue.exact for s in d.statements if s.cue] + [e.when.phrase.exact for e in d.events if e.when.phrase]
    quoted += [d.source.headline]
    for s in d.statements:
        if s.mode == "direct":
            continue
        outputs = every_output(store, [s])
        assume(not any(s.content.exact in q for q in quoted))
        assume(not wrapped(s.content.exact, [d.source.text]))
        for form in (s.content.exact, export.md(s.content.exact), inert(s.content.exact, keep_newlines=False)):
            assert not wrapped(form, outputs), (s.id, form)


def test_a_stance_citing_an_action_scopes_to_the_statements_reporting_it(store: Store) -> None:
    from tui.app.selection import StanceRef, scoped

    quotes = scoped(store, store.dossier.statements, StanceRef("biden", "border-strikes"))
    assert [s.id for s in quotes] == store.event["e-approval"].evidence == ["s1", "s5"]
    assert (
        "Evidence: 0 statement(s), 1 event(s)"
        in detail_text(store, quotes[0], store.stance_of("biden", "border-strikes")).plain
    )
