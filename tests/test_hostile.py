"""Hostile dossiers: markup, terminal escapes, bidi and zero-width characters in every string.

Control characters are refused by the validator, with the JSON path. Markup, bidi and zero-width
characters are allowed (the last two with a warning), and every place that shows dossier text shows
them literally and inert: the CLI in every format, piped or on a terminal; the app's panes, detail,
header, border titles, notifications, help, source view, country picker and command palette.
"""

from __future__ import annotations

import copy
import hashlib
import html
import io
import json
import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pytest
from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.content import Content

from tui.app.explorer import ExplorerApp
from tui.app.selection import ActorRef, StanceRef
from tui.bundled import seed_path
from tui.cli import main
from tui.model import Dossier
from tui.render.cite import citation
from tui.render.export import md, quotes_markdown
from tui.render.inert import HIDDEN, inert, markup_escape
from tui.render.queries import render
from tui.store import Filter, Store
from tui.validation import check

from .conftest import write_json

Data = dict[str, Any]

MARKUP = ("[bold red]X[/]", "[@click=app.quit]Q[/]", "[link=https://evil.example]L[/link]")
PAYLOADS = {
    "markup": " ".join(MARKUP),
    "invisible": "\u202eevil\u200b",  # a right-to-left override and a zero-width space: warnings
}
QUERIES = ["quotes", "timeline", "stances", "speakers"]
FORMATS = ["text", "md", "json", "csv"]
HOSTILE_ID = "s-hostile"
SGR = re.compile(r"\x1b\[[0-9;]*m")


# -- the hostile dossier --------------------------------------------------------------------------------------


def _poison(value: str | None, payload: str) -> str:
    """The payload first, so a cut-off line still shows it."""
    return f"{payload} {value}" if value else payload


def hostile_data(data: Data, payload: str) -> Data:
    """Every string the app or the CLI shows holds `payload`; one more statement quotes it verbatim."""
    d = copy.deepcopy(data)
    src = d["source"]
    for key in ("headline", "dateline", "reference_date_rule"):
        src[key] = _poison(src.get(key), payload)
    for org in d["organisations"]:
        org["name"] = _poison(org["name"], payload)
    for actor in d["actors"]:
        actor["name"] = _poison(actor["name"], payload)
        actor["role"] = _poison(actor.get("role"), payload)
        actor["aliases"] = [*actor.get("aliases", []), payload]
    for event in d["events"]:
        event["title"] = _poison(event["title"], payload)
        event["place"] = _poison(event.get("place"), payload)
        event["when"]["rule"] = _poison(event["when"]["rule"], payload)
    for issue in d["issues"]:
        issue["title"] = _poison(issue["title"], payload)
        issue["question"] = _poison(issue["question"], payload)
        for position in issue["positions"]:
            position["label"] = _poison(position["label"], payload)
    for stance in d["stances"]:
        stance["conditions"] = _poison(stance.get("conditions"), payload)
        stance["note"] = _poison(stance.get("note"), payload)
    for note in d["notes"]:
        note["text"] = _poison(note["text"], payload)
    for figure in d["figures"]:
        for key in ("label", "unit", "also"):
            figure[key] = _poison(figure.get(key), payload)
    # A quotation of the payload itself, appended to the article (no other offset moves).
    src["text"] += "\n\nA spokesperson said: “"
    start = len(src["text"])
    src["text"] += payload + "”"
    src["text_sha256"] = hashlib.sha256(src["text"].encode("utf-8")).hexdigest()
    statement = {
        "id": HOSTILE_ID,
        "actor": "blinken",
        "mode": "direct",
        "content": {"start": start, "end": start + len(payload), "exact": payload},
        "when": "e-prague-remarks",
        "issues": ["border-strikes"],
    }
    d["statements"].insert(0, statement)  # first, so the app selects it
    return d


@pytest.fixture(params=sorted(PAYLOADS))
def hostile(request: pytest.FixtureRequest, seed_data: Data) -> tuple[Data, Dossier, str]:
    payload = PAYLOADS[request.param]
    data = hostile_data(seed_data, payload)
    result = check(data)
    assert result.errors == [], [p.line("F") for p in result.errors]
    assert result.dossier is not None
    return data, result.dossier, payload


def test_markup_is_valid_without_warnings(seed_data: Data) -> None:
    assert check(hostile_data(seed_data, PAYLOADS["markup"])).problems == []


def test_bidi_and_zero_width_are_warnings_with_their_paths(seed_data: Data) -> None:
    result = check(hostile_data(seed_data, PAYLOADS["invisible"]))
    assert result.dossier is not None and result.exit_code == 0
    levels = {p.level for p in result.problems}
    assert levels == {"warning"}
    assert result.problems[-1].message.endswith("more warnings")  # one per string, capped
    # Each with its path: here three strings only.
    seed_data["source"]["headline"] += "\u202e"
    seed_data["actors"][0]["name"] += "\u200b"
    seed_data["notes"][0]["text"] += "\u2066"
    bidi = "contains a bidirectional control character, which can reorder what is shown"
    assert sorted((p.path, p.level, p.message) for p in check(seed_data).problems) == [
        ("$.actors[0].name", "warning", "contains a zero-width character"),
        ("$.notes[0].text", "warning", bidi),
        ("$.source.headline", "warning", bidi),
    ]


def test_validate_prints_warnings_inert(tmp_path: Path, seed_data: Data, capsys: pytest.CaptureFixture[str]) -> None:
    seed_data["actors"][0]["name"] += PAYLOADS["invisible"]
    path = write_json(tmp_path / "bidi.json", seed_data)
    assert main(["validate", str(path)]) == 0
    out, err = capsys.readouterr()
    assert not HIDDEN.search(out + err)
    bidi = "contains a bidirectional control character, which can reorder what is shown"
    assert err.splitlines() == [f"{path}: $.actors[0].name: warning: {bidi}"]
    assert out == f"{path}: OK (1 warning)\n"


# -- control characters: refused, with the JSON path ---------------------------------------------------------

CONTROLS = [
    pytest.param("\x1b]52;c;SGVsbG8=\x07", 0x1B, id="osc52-clipboard-write"),
    pytest.param("\x1b[2J", 0x1B, id="csi-clear-screen"),
    pytest.param("\x9b", 0x9B, id="c1-csi"),
    pytest.param("\x07", 0x07, id="bell"),
    pytest.param("\x7f", 0x7F, id="delete"),
    pytest.param("line\nbreak", 0x0A, id="newline-outside-the-text"),
    pytest.param("tab\there", 0x09, id="tab-outside-the-text"),
]


@pytest.mark.parametrize(("value", "code_point"), CONTROLS)
def test_control_characters_are_refused_with_their_path(
    tmp_path: Path, seed_data: Data, capsys: pytest.CaptureFixture[str], value: str, code_point: int
) -> None:
    seed_data["actors"][0]["name"] = "Evil " + value
    path = write_json(tmp_path / "control.json", seed_data)
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.splitlines() == [f"{path}: $.actors[0].name: contains control character U+{code_point:04X}"]
    # The queries refuse it too, and say so the same way; nothing of the value reaches the terminal.
    assert main(["quotes", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and err.splitlines() == [
        f"{path}: $.actors[0].name: contains control character U+{code_point:04X}"
    ]
    assert not HIDDEN.search(err)


@pytest.mark.parametrize(
    ("where", "path"),
    [
        (lambda d: d["source"], "$.source.headline"),
        (lambda d: d["issues"][0]["positions"][1], "$.issues[0].positions[1].label"),
        (lambda d: d["notes"][2], "$.notes[2].text"),
    ],
)
def test_control_characters_anywhere_give_their_path(seed_data: Data, where, path: str) -> None:
    item = where(seed_data)
    key = path.rsplit(".", 1)[1]
    item[key] = "\x1b[31m" + item[key]
    result = check(seed_data)
    assert result.dossier is None and result.exit_code == 1
    assert [(p.path, p.message) for p in result.errors] == [(path, "contains control character U+001B")]


def test_even_unchecked_control_characters_are_shown_inert(seed_data: Data) -> None:
    """The validator refuses control characters, but rendering never relies on it alone."""
    seed_data["actors"][1]["name"] = "\x1b]52;c;SGVsbG8=\x07Blinken\x9b2J"
    seed_data["source"]["headline"] = "\x1b[2J" + seed_data["source"]["headline"]
    store = Store(Dossier.model_validate(seed_data))  # the model alone, no validation
    for query in QUERIES:
        for fmt in ("text", "md", "json"):
            out = render(store, query, Filter(), fmt)
            assert isinstance(out, str)
            assert not HIDDEN.search(out), (query, fmt)
    out = render(store, "quotes", Filter(), "text")
    assert "⟨U+001B⟩]52;c;SGVsbG8=⟨U+0007⟩Blinken⟨U+009B⟩2J" in out
    assert "\\u001b]52;c;SGVsbG8=\\u0007Blinken\\u009b2J" in render(store, "quotes", Filter(), "json")


# -- the command line ---------------------------------------------------------------------------------------------


class _Terminal(io.StringIO):
    """Standard output as a terminal."""

    def isatty(self) -> bool:
        return True


@pytest.fixture
def hostile_file(tmp_path: Path, hostile: tuple[Data, Dossier, str]) -> tuple[Path, str]:
    data, _, payload = hostile
    return write_json(tmp_path / "hostile.json", data), payload


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("query", QUERIES)
def test_cli_prints_hostile_strings_literally(
    hostile_file: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    fmt: str,
) -> None:
    monkeypatch.delenv("FORCE_COLOR", raising=False)
    monkeypatch.delenv("TTY_COMPATIBLE", raising=False)
    path, payload = hostile_file
    assert main([query, str(path), "--format", fmt]) == 0
    out, err = capsys.readouterr()
    assert err == "" and "Traceback" not in out
    assert "\x1b" not in out
    if fmt == "text":
        assert inert(payload) in out
        assert not HIDDEN.search(out)
    elif fmt == "md":
        assert md(payload) in out
        assert MARKUP[0] not in out  # the brackets are escaped
        assert not HIDDEN.search(out)
    elif fmt == "json":
        assert not HIDDEN.search(out)  # written as \u escapes: the same data, inert on a terminal
        assert any(payload in s for s in _strings(json.loads(out)))
    else:
        assert payload in out  # CSV into a pipe or a file is the data, verbatim


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("query", QUERIES)
def test_cli_on_a_terminal_shows_hostile_strings_inert(
    hostile_file: tuple[Path, str],
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    query: str,
    fmt: str,
) -> None:
    """On a terminal (Rich forced to see one, colour and all): tables for text, every format inert,
    and no escape sequence but colour: no hyperlink, no clipboard write."""
    path, payload = hostile_file
    monkeypatch.setenv("TTY_COMPATIBLE", "1")
    monkeypatch.setenv("FORCE_COLOR", "1")
    monkeypatch.setenv("COLUMNS", "2000")  # wide enough that no cell wraps
    terminal = _Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main([query, str(path), "--format", fmt]) == 0
    out = terminal.getvalue()
    assert "Traceback" not in capsys.readouterr().err
    plain = SGR.sub("", out)
    assert "\x1b" not in plain  # only colour: no OSC 8 link, no OSC 52, no cursor movement
    assert not HIDDEN.search(plain)
    if fmt == "text":
        assert re.search("[\u2500-\u257f]", plain)  # a Rich table
        for part in inert(payload).split(" "):
            assert part in plain
    elif fmt == "md":
        assert md(payload) in plain
    else:
        assert inert(payload) in plain or json.dumps(payload)[1:-1] in plain


def test_stances_table_headers_are_literal(hostile: tuple[Data, Dossier, str]) -> None:
    """Issue titles head the columns of the stances table: a str header would be Rich markup."""
    from rich.console import Console

    _, dossier, payload = hostile
    store = Store(dossier)
    console = Console(file=io.StringIO(), force_terminal=True, color_system="truecolor", width=2000)
    from tui.render.text import stances_table

    console.print(stances_table(store, store.stances()))
    out = console.file.getvalue()
    assert "\x1b]8;" not in out  # no hyperlink
    assert inert(payload) in SGR.sub("", out)


def test_markdown_export_escapes_markup(hostile: tuple[Data, Dossier, str]) -> None:
    _, dossier, payload = hostile
    store = Store(dossier)
    out = quotes_markdown(store, store.statements())
    first = out.split("\n\n")[0]
    assert first.startswith(f"> “{md(payload)}”")
    assert not HIDDEN.search(out)
    if payload == PAYLOADS["markup"]:
        assert r"\[bold red\]X\[/\]" in out and "[bold red]" not in out


def test_markup_escape_gives_back_the_text() -> None:
    for text in ["a [/", "[b", "\\[b]x", "x\\", "[@click=app.quit]Q[/]", "[[bold]]", "\\\\[link=x]y[/link]"]:
        content = Content.from_markup(markup_escape(text))
        assert (content.plain, content.spans) == (text, [])


# -- the app ---------------------------------------------------------------------------------------------------


def _squash(text: str) -> str:
    return "".join(text.split())


def _assert_no_actions(texts: Iterable[Text | Content | str]) -> None:
    """No span of these texts is a link or an action."""
    for text in texts:
        if isinstance(text, str):
            continue
        for span in text.spans:
            style = span.style
            if isinstance(style, str):
                assert "link" not in style and "@" not in style, style
            elif isinstance(style, Style):
                assert not style.link and not any(k.startswith("@") for k in style.meta), style
            else:  # textual.style.Style
                assert not getattr(style, "link", None) and not getattr(style, "meta", None), style


def _shown_in(texts: Iterable[Text | Content | str], shown: str) -> None:
    """`shown` appears in one of `texts`, perhaps wrapped over lines."""
    texts = list(texts)
    plains = [_squash(t if isinstance(t, str) else t.plain) for t in texts]
    assert any(_squash(shown) in p for p in plains), (shown, plains[:3])
    assert not any(HIDDEN.search(t if isinstance(t, str) else t.plain) for t in texts)
    _assert_no_actions(texts)


def _screen_check(app: ExplorerApp) -> str:
    """The screen as text; no cell on it is a link or a click action, no cell holds a hidden character."""
    lines = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is not None:
                assert not style.link, style.link
                assert not any(k == "@click" for k in style.meta), style.meta
        lines.append(strip.text)
    text = "\n".join(lines)
    assert not HIDDEN.search(text)
    return text


def _svg_text(app: ExplorerApp) -> str:
    return html.unescape(app.export_screenshot()).replace("\xa0", " ")


def _prompts(pane) -> list[Text]:
    return [pane.get_option_at_index(i).prompt for i in range(pane.option_count)]


async def test_app_panes_show_hostile_strings_literally(hostile: tuple[Data, Dossier, str]) -> None:
    _, dossier, payload = hostile
    shown = inert(payload, keep_newlines=False)
    app = ExplorerApp(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.main.current_id == HOSTILE_ID
        # The header: title literal, on screen.
        assert app.title.startswith(shown)
        screen = _screen_check(app)
        # After the status, the headline is what a narrow header cuts: its start is shown literally.
        assert shown[:60] in screen.splitlines()[0]
        svg = _svg_text(app)
        for part in shown.split(" "):
            assert part in svg
        # Every pane.
        for pane in ("#speakers", "#timeline", "#quotes"):
            _shown_in(_prompts(app.query_one(pane)), shown)
        table = app.query_one("#stances")
        _shown_in([column.label for column in table.columns.values()], shown)
        cells = [cell for row in range(table.row_count) for cell in table.get_row_at(row)]
        _shown_in(cells, shown)
        # The detail: the quote itself, the speaker, the date's rule, the event and the issue.
        detail = app.query_one("#detail-body").render()
        assert detail.plain.startswith(f"“{shown}”\n— {shown} Antony Blinken, {shown} U.S. Secretary of State")
        for label in ("Rule", "Event", "Issues"):
            assert re.search(f"^{label} +{re.escape(shown)}", detail.plain, re.M), label
        _assert_no_actions([detail])
        # The Quotes border title names the scope: an actor, then a stance.
        await pilot.press("1")
        await pilot.pause()
        assert isinstance(app.main.scope, ActorRef)
        title = app.query_one("#quotes")._border_title
        assert title.plain == f"Quotes — {inert(app.store.actor[app.main.scope.id].name)}"
        assert title.plain.startswith(f"Quotes — {shown}")
        _assert_no_actions([title])
        await pilot.press("3")
        await pilot.pause()
        assert isinstance(app.main.scope, StanceRef)
        assert app.query_one("#quotes")._border_title.plain.startswith(f"Quotes — {shown}")
        assert f" on {shown}" in app.query_one("#quotes")._border_title.plain
        _screen_check(app)
        # A search for the payload's words finds the quote and highlights them, still literally.
        await pilot.press("slash", *"evil")
        await pilot.pause()
        _screen_check(app)
        assert app.is_running and app.return_code is None


async def test_app_copy_notifications_are_literal(hostile: tuple[Data, Dossier, str]) -> None:
    _, dossier, payload = hostile
    app = ExplorerApp(dossier)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await pilot.pause()
        assert app.main.current_id == HOSTILE_ID
        await pilot.press("c")
        await pilot.pause()
        await pilot.pause()
        assert app.clipboard == payload  # copied verbatim: the user asked for these exact characters
        last = list(app._notifications)[-1]
        assert (last.title, last.markup) == ("Copied quote", False)
        preview = payload if len(payload) <= 60 else payload[:59] + "…"
        assert last.message.startswith(inert(preview))
        assert not HIDDEN.search(last.message)
        toasts = [toast.render() for toast in app.screen.query("Toast")]
        _shown_in(toasts, inert(preview))
        await pilot.press("C")
        await pilot.pause()
        cited = citation(app.store, app.store.statement[HOSTILE_ID])
        assert app.clipboard == cited
        last = list(app._notifications)[-1]
        assert (last.title, last.markup) == ("Copied quote with attribution", False)
        assert last.message.startswith(inert(cited[:59] + "…", keep_newlines=False))
        _screen_check(app)
        assert app.is_running and app.return_code is None


async def test_app_screens_show_hostile_strings_literally(hostile: tuple[Data, Dossier, str]) -> None:
    from textual.command import CommandList, CommandPalette

    from tui.screens.country_picker import CountryPicker
    from tui.screens.help import HelpScreen
    from tui.screens.source import SourceScreen

    _, dossier, payload = hostile
    shown = inert(payload, keep_newlines=False)
    app = ExplorerApp(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        # Help: over the main screen, whose header still shows the title literally.
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        _screen_check(app)
        assert shown.split(" ")[0] in _svg_text(app)
        await pilot.press("escape")
        # Source view: its border title is the headline, its text the article with the quote.
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, SourceScreen)
        box = app.screen.query_one("#source-box")
        assert box._border_title.plain.startswith(f"Source — {shown}")
        _assert_no_actions([box._border_title])
        paragraphs = [p.render() for p in app.screen.query(".paragraph")]
        _shown_in(paragraphs, f"A spokesperson said: “{shown}”")
        _screen_check(app)
        await pilot.press("escape")
        # Country picker: organisations by name.
        await pilot.press("f")
        await pilot.pause()
        assert isinstance(app.screen, CountryPicker)
        listing = app.screen.query_one("#picker-list")
        _shown_in([listing.get_option_at_index(i).prompt for i in range(listing.option_count)], shown)
        _screen_check(app)
        await pilot.press("escape")
        await pilot.pause()
        # Command palette: the commands as the palette reads them (markup) give back the names.
        commands = list(app.get_system_commands(app.screen))
        titles = {Content.from_markup(c.title).plain for c in commands}
        helps = {Content.from_markup(c.help).plain for c in commands}
        for actor in dossier.actors:
            assert f"Jump to: {inert(actor.name, keep_newlines=False)}" in titles
            assert inert(actor.role or actor.kind, keep_newlines=False) in helps
        assert f"Filter: {shown} NATO (NATO)" in titles
        _assert_no_actions(Content.from_markup(c.title) for c in commands)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"jump")
        await pilot.pause(0.5)
        found = app.screen.query_one(CommandList)
        prompts = [found.get_option_at_index(i).prompt for i in range(found.option_count)]
        assert len(prompts) == len(dossier.actors)
        _shown_in(prompts, f"Jump to: {shown}")
        _screen_check(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running and app.return_code is None


async def test_clicking_a_click_action_in_dossier_text_does_nothing(seed_data: Data) -> None:
    """Were the title markup, `[@click=app.quit]Q[/]` would quit on a click on the Q."""
    dossier = check(hostile_data(seed_data, PAYLOADS["markup"])).dossier
    app = ExplorerApp(dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        clicks = []
        for y, line in enumerate(_screen_check(app).splitlines()):
            for match in re.finditer(re.escape(MARKUP[1]), line):
                x = cell_len(line[: match.start()]) + len("[@click=app.quit]")
                clicks.append((x, y))
        assert clicks  # the header, the quotes, the detail…
        for offset in clicks:
            await pilot.click(offset=offset)
            await pilot.pause()
            assert app.is_running and app.return_code is None
        await pilot.press("j")  # and it still answers keys
        await pilot.pause()
        assert app.main.current_id != HOSTILE_ID


async def test_palette_survives_an_unclosed_tag(seed_data: Data) -> None:
    from textual.command import CommandList

    seed_data["actors"][1]["name"] = "Antony [/ Blinken"
    seed_data["actors"][1]["role"] = "Secretary [b of State"
    app = ExplorerApp(check(seed_data).dossier)
    async with app.run_test(size=(120, 40)) as pilot:
        for command in app.get_system_commands(app.screen):
            Content.from_markup(command.title)  # the palette reads each title as markup
            Content.from_markup(command.help)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"antony")
        await pilot.pause(0.5)
        found = app.screen.query_one(CommandList)
        prompts = [found.get_option_at_index(i).prompt.plain for i in range(found.option_count)]
        assert any("Jump to: Antony [/ Blinken" in p for p in prompts), prompts


async def test_refused_control_characters_do_not_open(tmp_path: Path, seed_data: Data) -> None:
    seed_data["actors"][0]["name"] = "\x1b]52;c;SGVsbG8=\x07"
    path = write_json(tmp_path / "osc52.json", seed_data)
    app = ExplorerApp(path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause(0.5)
    assert app.return_code == 1
    assert app.loaded is not None and app.loaded.store is None
    ((_, refused),) = app.loaded.refused
    assert [(p.path, p.message) for p in refused.errors] == [("$.actors[0].name", "contains control character U+001B")]


def test_a_lone_surrogate_is_refused_with_its_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """JSON may spell half a character (\\ud800); it is not text, and is refused where it is."""
    text = seed_path().read_text(encoding="utf-8").replace('"name": "U.S. government"', '"name": "U.S. \\ud800"', 1)
    path = tmp_path / "surrogate.json"
    path.write_text(text, encoding="utf-8")
    assert main(["validate", str(path)]) == 1
    out, err = capsys.readouterr()
    assert out == "" and "Traceback" not in err
    assert f"{path}: $.actors[0].name: contains a lone surrogate U+D800, which is not a character" in err.splitlines()
    data = json.loads(text)
    result = check(data)  # from data, not the file: the same answer, no UnicodeEncodeError
    assert result.dossier is None
    assert ("$.actors[0].name", "contains a lone surrogate U+D800, which is not a character") in [
        (p.path, p.message) for p in result.errors
    ]


async def test_a_hostile_file_name_opens(tmp_path: Path) -> None:
    """File and folder names come with the dossier, from wherever it came: they are shown literally too."""
    folder = tmp_path / "[link=https:"
    folder.mkdir()
    path = folder / "x][@click=app.quit]Q.json"
    path.write_bytes(seed_path().read_bytes())
    app = ExplorerApp(path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        for _ in range(400):  # the file loads in a thread: on a busy machine it can take a while
            if app.opened:
                break
            await pilot.pause(0.05)
        assert app.opened
        _screen_check(app)
