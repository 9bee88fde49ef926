"""What the user does with the current quote: copy it, bookmark it, write a note on it, see it in the
article, and export the quotes in view. Mixed into the main screen, whose selection it reads."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from ..render.inert import HIDDEN, inert, one_line
from .clipboard import copy_to_system

if TYPE_CHECKING:
    from ..model import Statement
    from ..store import Store
    from ..userstate import Bookmark, UserState


class QuoteActions:
    store: Store
    current_id: str | None
    in_view: list[Statement]

    @property
    def state(self) -> UserState:
        return self.app.state

    def current_statement(self) -> Statement | None:
        return self.store.statement.get(self.current_id or "")

    # -- copy -------------------------------------------------------------------------------------------

    def action_copy(self) -> None:
        statement = self.current_statement()
        self._copy(statement.content.exact if statement else None, "quote")

    def action_copy_cited(self) -> None:
        from ..render.cite import citation

        statement = self.current_statement()
        self._copy(citation(self.store, statement) if statement else None, "quote with attribution")

    def _copy(self, text: str | None, what: str) -> None:
        if text is None:
            self.notify("Nothing selected to copy: pick a quote first.", severity="warning", markup=False)
            return
        self.app.copy_to_clipboard(text)
        tool = copy_to_system(text)
        via = "terminal (OSC 52)" + (f" and {tool}" if tool else "")
        hidden = len(HIDDEN.findall(text))  # the clipboard gets them as they are: say so, as nothing shows them
        told = f"\n{hidden} invisible character{'s' * (hidden != 1)} in it, shown here as ⟨U+…⟩" if hidden else ""
        self.notify(f"{preview(text)}\n{len(text)} characters via {via}{told}", title=f"Copied {what}", markup=False)

    # -- bookmarks and notes ------------------------------------------------------------------------------

    def _bookmark_of(self, statement: Statement) -> Bookmark:
        from ..render.cite import citation
        from ..userstate import Bookmark

        return Bookmark(
            self.store.source_id_of(statement.id),
            self.store.local_id(statement.id),
            statement.content.exact,
            citation(self.store, statement),
        )

    def action_bookmark(self) -> None:
        statement = self.current_statement()
        if statement is None:
            self.notify("Nothing selected to bookmark: pick a quote first.", severity="warning", markup=False)
            return
        # As this window shows it: another window may have changed it meanwhile (see toggle_bookmark).
        mark, shown = self._bookmark_of(statement), self.marked.get(statement.id)

        def done(added: bool) -> None:
            self.show_marks()
            said = "Bookmarked: " if added else "Bookmark removed: "
            self.notify(said + preview(statement.content.exact), markup=False)

        self.app.write_state(lambda: self.state.toggle_bookmark(mark, shown), done)

    def action_note(self) -> None:
        from ..screens.note_editor import NoteEditor

        statement = self.current_statement()
        if statement is None:
            self.notify("Nothing selected to write a note on: pick a quote first.", severity="warning", markup=False)
            return
        mark = self._bookmark_of(statement)
        known = self.state.bookmark(*mark.key)

        def saved(note: str | None) -> None:
            if note is None:
                return

            def done(_: None) -> None:
                self.show_marks()
                self.notify("Note saved; the quote is bookmarked.", markup=False)

            was = known.note if known else ""
            self.app.write_state(lambda: self.state.set_note(mark, note, was), done)

        self.app.push_screen(NoteEditor(statement.content.exact, known.note if known else ""), saved)

    def action_bookmarks(self) -> None:
        from ..render.export import refreshed
        from ..screens.bookmarks import BookmarksScreen, Entry

        entries = []
        for b in refreshed(self.state.bookmarks(), self.store):
            target = self.store.store_id(b.source, b.statement)
            stale = ""
            if b.source in self.store.sources and target is None:
                stale = "no longer in the dossier"
            elif target is not None and self.store.statement[target].content.exact != b.text:
                stale = "its words changed"
            entries.append(Entry(b, target, stale))
        entries.sort(key=lambda e: (e.target is None, e.bookmark.created))

        def change(bookmark: Bookmark, keep: bool) -> None:
            """Remove a bookmark (as shown in the list), or put a removed one back with its note."""
            shown = None if keep else bookmark
            self.app.write_state(lambda: self.state.toggle_bookmark(bookmark, shown=shown), lambda _: self.show_marks())

        self.app.push_screen(BookmarksScreen(entries, change), self.open_statement)

    # -- the article ------------------------------------------------------------------------------------

    def action_source(self) -> None:
        """The article of the current statement (in a corpus, of the first in view)."""
        from ..screens.source import SourceScreen

        anchor = self.current_id or (self.in_view[0].id if self.in_view else None)
        source = self.store.source_of(anchor) if anchor else self.store.dossier.source
        if not source.text or source.id.startswith("corpus:"):
            self.notify("No article to show: nothing is selected.", severity="warning", markup=False)
            return
        statements = self.store.statements_in(source.id)
        spans = self.store.spans_in(source.id)
        if self.session is not None:  # curating: with a cursor and a selection
            self.open_curating_source(source, statements, spans, self.current_id)
            return
        self.app.push_screen(SourceScreen(source, statements, spans, self.current_id), self.open_statement)

    def export_markdown(self) -> Path | None:
        """Write the quotes in view to a new .md file in the current directory, never over another."""
        from ..render.export import quotes_markdown

        name = f"fact-explorer-{self.store.dossier.source.id.replace(':', '-')}"
        text = quotes_markdown(self.store, self.in_view)
        try:
            folder = Path.cwd()  # FileNotFoundError when the working directory was deleted
            for n in range(1, 1000):
                path = folder / (f"{name}.md" if n == 1 else f"{name}-{n}.md")
                try:
                    with open(path, "x", encoding="utf-8") as handle:  # "x": never overwrite a file the user has
                        handle.write(text)
                    break
                except FileExistsError:
                    continue
            else:
                taken = f"Could not write: every name from {name}.md to {name}-999.md in {folder} is taken"
                self.notify(one_line(taken), severity="error", markup=False)
                return None
        except OSError as exc:
            where = "the working directory" if exc.filename is None else exc.filename
            self.notify(one_line(f"Could not write to {where}: {exc.strerror or exc}"), severity="error", markup=False)
            return None
        self.notify(one_line(f"{len(self.in_view)} quotes written to {path}"), title="Exported", markup=False)
        return path


def preview(text: str, width: int = 60) -> str:
    return inert(text if len(text) <= width else text[: width - 1] + "…", keep_newlines=False)
