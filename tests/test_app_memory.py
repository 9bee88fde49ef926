"""Memory across sessions in the app: bookmarks, notes, marks in every pane, stale bookmarks, and the
last view restored (or not, with --fresh)."""

from __future__ import annotations

from pathlib import Path

from tui.app.explorer import ExplorerApp
from tui.model import Dossier
from tui.screens.bookmarks import BookmarksScreen
from tui.screens.note_editor import NoteEditor
from tui.userstate import UserState


def _app(seed: Dossier, path: Path, fresh: bool = False) -> ExplorerApp:
    return ExplorerApp(seed, state=UserState(path), fresh=fresh)


def _prompts(widget) -> list[str]:
    return [str(widget.get_option_at_index(i).prompt) for i in range(widget.option_count)]


async def test_b_bookmarks_and_marks_every_pane(seed: Dossier, tmp_path: Path) -> None:
    state_path = tmp_path / "state.json"
    app = _app(seed, state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        assert app.main.current_id == "s1"
        await pilot.press("b")
        await app.state_settled()  # state-file writes run on their own thread
        await pilot.pause()
        assert [(b.source, b.statement) for b in UserState(state_path).bookmarks()] == [("kharkiv-2024-05-31", "s1")]
        assert set(app.main.marked) == {"s1"}
        assert _prompts(app.query_one("#quotes"))[0].startswith("★ Antony Blinken")
        assert any(p.startswith("★ Antony Blinken") for p in _prompts(app.query_one("#speakers")))
        assert any("★" in p and "Blinken made remarks" in p for p in _prompts(app.query_one("#timeline")))
        detail = str(app.query_one("#detail-body").render())
        assert detail.startswith("★ Bookmarked")
        await pilot.press("b")  # again: removed
        await app.state_settled()
        await pilot.pause()
        assert UserState(state_path).bookmarks() == [] and set(app.main.marked) == set()


async def test_n_writes_a_multiline_note_kept_across_restarts(seed: Dossier, tmp_path: Path) -> None:
    state_path = tmp_path / "state.json"
    app = _app(seed, state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("j", "n")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditor)
        await pilot.press(*"first", "enter", *"second")
        await pilot.press("ctrl+s")
        await app.state_settled()
        await pilot.pause()
        assert not isinstance(app.screen, NoteEditor)
    (bookmark,) = UserState(state_path).bookmarks()
    assert (bookmark.statement, bookmark.note) == ("s2", "first\nsecond")
    again = _app(seed, state_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.press("j")
        await pilot.pause()
        assert "Note: first\nsecond" in str(again.query_one("#detail-body").render())


async def test_escape_in_the_note_editor_saves_nothing(seed: Dossier, tmp_path: Path) -> None:
    app = _app(seed, tmp_path / "state.json")
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("n", *"draft", "escape")
        await pilot.pause()
        assert UserState(tmp_path / "state.json").bookmarks() == []


async def test_B_lists_bookmarks_and_jumps_to_one(seed: Dossier, tmp_path: Path) -> None:
    state_path = tmp_path / "state.json"
    app = _app(seed, state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#quotes").highlight_id("s24")
        await pilot.pause()
        await pilot.press("b")
        await app.state_settled()
        await pilot.press("B")
        await pilot.pause()
        assert isinstance(app.screen, BookmarksScreen)
        listing = app.screen.query_one("#bookmark-list")
        assert "Warsaw has never imposed such restrictions" in str(listing.get_option_at_index(0).prompt)
        await pilot.press("escape")
        app.query_one("#quotes").highlight_id("s1")
        await pilot.pause()
        await pilot.press("B", "enter")
        await pilot.pause()
        assert not isinstance(app.screen, BookmarksScreen)
        assert app.main.current_id == "s24"


async def test_B_cites_a_reported_bookmark_as_the_articles_words_not_a_quotation(seed: Dossier, tmp_path: Path) -> None:
    app = _app(seed, tmp_path / "state.json")
    async with app.run_test(size=(120, 40)) as pilot:
        app.query_one("#quotes").highlight_id("s24")  # Sikorski, reported speech
        await pilot.pause()
        await pilot.press("b")
        await app.state_settled()
        await pilot.press("B")
        await pilot.pause()
        prompt = str(app.screen.query_one("#bookmark-list").get_option_at_index(0).prompt)
        assert "“Warsaw has never imposed such restrictions”" not in prompt
        reported = "as reported in the article's words, not a quotation: Warsaw has never imposed such restrictions"
        assert reported in prompt


async def test_a_bookmark_whose_statement_changed_is_stale_not_dropped(seed: Dossier, tmp_path: Path) -> None:
    state_path = tmp_path / "state.json"
    state = UserState(state_path)
    from tui.userstate import Bookmark

    state.toggle_bookmark(Bookmark("kharkiv-2024-05-31", "s99", "words that were removed", "“…” — Someone"), shown=None)
    state.toggle_bookmark(Bookmark("kharkiv-2024-05-31", "s1", "older wording", "“…” — Someone"), shown=None)
    app = _app(seed, state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("B")
        await pilot.pause()
        listing = app.screen.query_one("#bookmark-list")
        prompts = [str(listing.get_option_at_index(i).prompt) for i in range(listing.option_count)]
        assert any("[stale: no longer in the dossier]" in p and "words that were removed" in p for p in prompts)
        assert any("[stale: its words changed]" in p and "older wording" in p for p in prompts)
    assert len(UserState(state_path).bookmarks()) == 2


async def test_the_last_view_comes_back_and_fresh_starts_clean(seed: Dossier, tmp_path: Path) -> None:
    state_path = tmp_path / "state.json"
    app = _app(seed, state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        app.main.filter_countries({"PL"})
        app.theme = "nord"
        await pilot.press("3")
        await pilot.pause()
        await app.action_quit()
    again = _app(seed, state_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.main.filter.countries == {"PL"}
        assert again.theme == "nord"
        assert again.focused is again.query_one("#stances")
        assert "Filter: Poland" in again.sub_title
    fresh = _app(seed, state_path, fresh=True)
    async with fresh.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert fresh.main.filter.countries == frozenset()
        assert fresh.focused is fresh.query_one("#quotes")


async def test_a_search_is_remembered_too(seed: Dossier, tmp_path: Path) -> None:
    state_path = tmp_path / "state.json"
    app = _app(seed, state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"nuclear", "enter")
        await pilot.pause()
        await app.action_quit()
    again = _app(seed, state_path)
    async with again.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert again.main.filter.text == "nuclear"
        assert again.query_one("#search").value == "nuclear"
        assert {s.actor for s in again.main.in_view} == {"putin", "medvedev"}


async def test_a_broken_state_file_is_reported_and_the_app_goes_on(seed: Dossier, tmp_path: Path) -> None:
    state_path = tmp_path / "state.json"
    state_path.write_text("{not json")
    app = _app(seed, state_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        messages = [n.message for n in app._notifications]
        assert any("unreadable" in m and "corrupt" in m for m in messages)
        await pilot.press("b")
        await app.state_settled()
        await pilot.pause()
    assert [b.statement for b in UserState(state_path).bookmarks()] == ["s1"]


async def test_a_view_save_due_as_the_app_closes_is_skipped_not_a_crash(seed: Dossier, tmp_path: Path) -> None:
    """The view is saved a second after it settles; quitting saves it at once, and a save that falls
    due while the app is closing (no screens left) does nothing rather than raise."""
    state = UserState(tmp_path / "state.json")
    app = ExplorerApp(seed, state=state)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.press("slash", *"nato", "enter")
        await pilot.press("q")
    assert not app.screen_stack
    app.save_view()  # the debounce timer's call, after the screens have gone
    assert UserState(tmp_path / "state.json").view(seed.source.id)["search"] == "nato"
