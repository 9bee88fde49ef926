"""Curating in the explorer, mixed into the main screen: review (`]`/`[`, `a`, `A`, `x`), edit forms
(`e`), spans from the source view, undo and redo (`u`, `ctrl+r`), and saving (`ctrl+s`) through a
`tui.curate.Session`, which journals every step so that nothing is lost.

The dossier being curated is the session's JSON; after each step the store the panes read is rebuilt
from it (milliseconds for an article), so every pane shows the edit at once.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from textual import work
from textual.binding import Binding

from ..render.inert import inert
from .selection import ActorRef, EventRef, StanceRef

if TYPE_CHECKING:
    from ..curate import Ref, Session, Step
    from ..store import Store

# tui.curate (and the pydantic model it edits) is imported where it is used, never at start-up: the
# article's text must be on screen before any of it loads (benchmarks/run.py times that).

REVIEW_ORDER = ("statement", "actor", "event", "stance")  # ] goes through quotes first, then the rest
READ_ONLY = "A folder (corpus) opens read-only: open one dossier file to edit it"
NO_FILE = "Read-only: no dossier file is open (a shared archive, or a dossier given in memory)"
BUNDLED = "The bundled example opens read-only (it is part of the installed tool): edit a copy of it instead"


CURATION_BINDINGS = [
    Binding("right_square_bracket", "review(1)", "Review next", key_display="]", id="curate.next"),
    Binding(
        "left_square_bracket", "review(-1)", "Previous to review", key_display="[", show=False, id="curate.previous"
    ),
    Binding("a", "accept", "Accept", show=False, id="curate.accept"),
    Binding("A", "accept_shown", "Accept all shown", key_display="A", show=False, id="curate.accept_all"),
    Binding("x", "remove", "Reject/delete", show=False, id="curate.remove"),
    Binding("e", "edit", "Edit", id="curate.edit"),
    Binding("u", "undo", "Undo", show=False, id="curate.undo"),
    Binding("ctrl+r", "redo", "Redo", show=False, id="curate.redo"),
    Binding("I", "new_issue", "New issue", key_display="I", show=False, id="curate.new_issue"),
    Binding("N", "new_stance", "New stance of the speaker", key_display="N", show=False, id="curate.new_stance"),
    Binding("ctrl+s", "save", "Save", id="curate.save"),
]
CURATION_ACTIONS = frozenset(b.action.partition("(")[0] for b in CURATION_BINDINGS)
CURATION_KEYS = frozenset(key for b in CURATION_BINDINGS for key in b.key.split(","))


class CurationActions:
    """Mixed into MainScreen (which has `store`, `current`, `focused`, panes and `refresh_panes`);
    its bindings are CURATION_BINDINGS, in MainScreen's."""

    session: Session | None = None
    _curation_started = False
    _not_editable = READ_ONLY  # why there is no session: said when an edit key is pressed

    # -- opening -------------------------------------------------------------------------------------

    def start_curation(self) -> None:
        """A single file opens for curation (a folder stays read-only); unsaved edits journalled by a
        session that did not end are offered back."""
        from ..bundled import seed_path

        path = self.app.path
        if path is None:
            self._not_editable = NO_FILE
        elif path.resolve() == seed_path().resolve():  # saving would write into the installed package
            self._not_editable = BUNDLED
        if self._curation_started or path is None or path.is_dir() or self._not_editable == BUNDLED:
            return
        self._curation_started = True
        self.call_after_refresh(self._open_session, path)  # after the article's first frame

    @work(thread=True, exclusive=True, group="curation")
    def _open_session(self, path) -> None:
        """Off the UI thread and after the first frame: opening validates the file (pydantic)."""
        from ..curate import Session, journal_folder

        try:
            session = Session.open(path, journal_folder(self.app.state.path))
        except (OSError, ValueError) as exc:
            self.app.call_from_thread(self._not_opened, f"Not editable: {exc}")
            return
        self.app.call_from_thread(self._session_opened, session)

    def _not_opened(self, why: str) -> None:
        self._not_editable = why
        self.notify(why, severity="warning", markup=False)

    def _session_opened(self, session: Session) -> None:
        stances = next(iter(self.query("#stances")), None)
        if stances is None:  # opened as the app closed, its panes already gone: nothing to curate on
            return
        self.session = session
        self.refresh_bindings()  # the edit keys, hidden until now, join the footer
        stances.every_actor = True
        stances.show(self.view)
        pending = session.pending
        if pending is not None:
            from ..screens.prompts import Ask

            names = [e.step.name if e.kind == "do" else f"{e.kind} {e.step.name}" for e in pending.entries]
            shown = "\n".join(f"  {n}" for n in names[-8:])
            more = f"\n  … and {len(names) - 8} before" if len(names) > 8 else ""
            damaged = "\n(the last, cut short by the crash, is lost)" if pending.damaged else ""
            question = f"{len(names)} unsaved edit(s) to this file from an earlier session:\n{shown}{more}{damaged}"
            self.show_modal(Ask(question, {"r": "restore them", "d": "discard them"}, "Unsaved edits"), self._recover)
        self._show_status()

    def _recover(self, answer: str | None) -> None:
        from ..curate import CurationError

        session = self.session
        if session is None or session.pending is None:
            return
        if answer == "r":
            try:
                names = session.restore()
            except CurationError as exc:
                self.notify(str(exc), severity="error", markup=False)
                return
            self._rebuild(None)
            self.notify(f"Restored {len(names)} edit(s); ctrl+s saves them", markup=False)
        elif answer == "d":
            session.discard()
            self.notify("Unsaved edits discarded", markup=False)
        else:  # asked again next time; meanwhile edits wait
            self.notify("Unsaved edits kept in the journal: reopen the file to restore them", markup=False)

    # -- what is selected ------------------------------------------------------------------------------

    def selected_item(self) -> Ref | None:
        from ..curate import Ref

        pane = self._pane_of(self.focused) if self.focused else None
        if pane == "speakers":
            ident = self.query_one("#speakers").highlighted_id()
            return Ref("actor", ident) if ident else None
        if pane == "timeline":
            ident = self.query_one("#timeline").highlighted_id()
            return Ref("event", ident) if ident else None
        if pane == "stances":
            cell = self.query_one("#stances").current()
            if cell is None:
                return None
            actor, issue = cell
            return Ref("actor", actor) if issue == "actor" else Ref("stance", (actor, issue))
        return Ref("statement", self.current.id) if self.current else None

    def curation_allows(self, action: str) -> bool | None:
        """For `check_action`: the edit keys only where there is something to edit (elsewhere they
        leave the footer); None for any other action."""
        return self.session is not None if action in CURATION_ACTIONS else None

    def on_key(self, event) -> None:
        """An edit key where nothing is editable (its binding is off) says why: a key that silently
        does nothing looks broken."""
        if self.session is None and self.store is not None and event.key in CURATION_KEYS:
            event.stop()
            self.notify(self._why_not_editable(), severity="warning", markup=False)

    def _why_not_editable(self) -> str:
        if any(w.group == "curation" and not w.is_finished for w in self.workers):
            return "Opening the file for editing: a moment…"
        return self._not_editable

    def show_modal(self, screen, callback) -> None:
        """A form or question, over the notices of the steps before it: a few quick steps leave a stack
        of them, which on a small terminal covers the form."""
        self.app.clear_notifications()
        self.app.push_screen(screen, callback)

    def _editable(self) -> Session | None:
        if self.session is None:
            self.notify(self._why_not_editable(), severity="warning", markup=False)
            return None
        if self.session.pending is not None:
            self.notify("Restore (r) or discard (d) the unsaved edits first", severity="warning", markup=False)
            return None
        return self.session

    def _exists(self, ref: Ref | None) -> bool:
        from ..curate import CurationError, get_item

        try:
            return ref is not None and get_item(self.session.data, ref) is not None
        except CurationError:
            return False

    # -- doing, undoing ----------------------------------------------------------------------------------

    def apply_step(self, make) -> None:
        """Make a step from the session's document (`make(doc)`) and do it; a refusal is a notice."""
        from ..curate import CurationError

        session = self._editable()
        if session is None:
            return
        try:
            step = make(session.data)
            if step is None:
                return
            session.do(step)
        except CurationError as exc:
            self.notify(str(exc), severity="warning", markup=False)
            return
        self._rebuild(step.focus)
        self._say(step.name, step)

    def _say(self, name: str, step: Step) -> None:
        notes = "".join(f"\n{note}" for note in step.notes[:4])
        more = f"\n… and {len(step.notes) - 4} more" if len(step.notes) > 4 else ""
        self.notify(inert(name + notes + more), markup=False)
        for warning in self.session.warnings:
            self.notify(warning, severity="warning", markup=False)
        self.session.warnings.clear()

    def action_undo(self) -> None:
        self._undo_or_redo("undo")

    def action_redo(self) -> None:
        self._undo_or_redo("redo")

    def _undo_or_redo(self, way: str) -> None:
        """One step back or forward, named in a notification ("undone: accept s12"); a redone step's
        item is shown again."""
        from ..curate import Step

        session = self._editable()
        if session is None:
            return
        step = session.undo() if way == "undo" else session.redo()
        if step is None:
            self.notify(f"Nothing to {way}", markup=False)
            return
        self._rebuild(step.focus if way == "redo" else None)
        self._say(f"{way}ne: {step.name}", Step(step.name, ()))  # undone, redone

    def _rebuild(self, focus: Ref | None) -> None:
        """The panes from the session's document, keeping the selection (or moving to `focus`)."""
        from ..model import Dossier
        from ..store import Store

        store: Store = Store(Dossier.model_validate(self.session.data))
        self.store = store
        self.app.store = store
        self.view = None
        if self.scope is not None and not self._scope_exists(self.scope):
            self.scope = None
        keep = self.current
        if keep is not None and keep.id not in store.statement:
            self.current = None
        if focus is not None and focus.kind == "statement":
            # Before the panes refill: a side pane still focused would take the highlight its refill
            # moves for the user's, and scope the Quotes pane again, hiding the statement.
            self.set_focus(self.query_one("#quotes"))
        self.refresh_panes(move_to_first=False)
        if focus is not None:
            self.go_to(focus)
        self._show_status()

    def _scope_exists(self, scope) -> bool:
        if isinstance(scope, ActorRef):
            return scope.id in self.store.actor
        if isinstance(scope, EventRef):
            return scope.id in self.store.event
        if isinstance(scope, StanceRef):
            return any((s.actor, s.issue) == (scope.actor, scope.issue) for s in self.store.dossier.stances)
        return True

    def go_to(self, ref: Ref) -> None:
        """Show an item in its pane and select it."""
        if ref.kind == "statement":
            # Focused now (not after the queued messages, as `focus()` would): a side pane still focused
            # would take its refill for the user's move and scope the quotes again.
            self.set_focus(self.query_one("#quotes"))
            self.open_statement(str(ref.key))
        elif ref.kind == "actor":
            self.jump_to_actor(str(ref.key))
        elif ref.kind == "event":
            timeline = self.query_one("#timeline")
            timeline.focus()
            timeline.highlight_id(str(ref.key))
            self.set_scope(EventRef(str(ref.key)))
        elif ref.kind == "stance":
            actor, issue = ref.key
            table = self.query_one("#stances")
            table.focus()
            try:
                table.move_cursor(row=table.get_row_index(actor), column=table.get_column_index(issue))
            except Exception:  # not shown under the filter
                pass
            self.set_scope(StanceRef(actor, issue))

    # -- review --------------------------------------------------------------------------------------

    def review_status(self) -> str:
        """'N to review · unsaved edits · ' for the header, first: it is what curating is about."""
        if self.session is None:
            return ""
        waiting = len(self.session.drafts())
        parts = [f"{waiting} to review"] if waiting else []
        if self.session.dirty:
            parts.append("unsaved edits")
        return "".join(f"{p} · " for p in parts)

    def action_review(self, step: int) -> None:
        from ..curate import get_item

        if self._editable() is None:
            return
        drafts = sorted(self.session.drafts(), key=lambda r: REVIEW_ORDER.index(r.kind))
        if not drafts:
            self.notify("Nothing awaits review", markup=False)
            return
        here = self.selected_item()
        at = drafts.index(here) if here in drafts else (-1 if step > 0 else 0)
        target = drafts[(at + step) % len(drafts)]
        self.go_to(target)
        item = get_item(self.session.data, target)
        origin = item.get("origin") or {}
        why = f": {origin.get('rule')} (confidence {origin.get('confidence')})" if origin else ""
        self.notify(inert(f"◌ {target}{why}"), markup=False)

    def action_accept(self) -> None:
        from ..curate import ops

        if self._editable() is None:
            return
        ref = self.selected_item()
        if not self._exists(ref):
            self.notify("Nothing selected to accept", markup=False)
            return
        self.apply_step(lambda doc: ops.accept(doc, ref))

    def shown_drafts(self) -> list[Ref]:
        """The draft items the panes show under the filter: statements, speakers, events and stances.
        Statements are the filter's, not only the Quotes pane's: moving in a side pane scopes that pane
        to one speaker or event, and `A` is about everything on screen, not the last row moved onto."""
        from ..curate import Ref, get_item, is_draft

        view = self.view
        if view is None:
            return []
        refs = [Ref("statement", s.id) for s in view.results.statements]
        refs += [Ref("actor", a.id) for a in view.results.actors]
        refs += [Ref("event", e.id) for e in view.results.events]
        refs += [Ref("stance", (s.actor, s.issue)) for s in view.results.stances]
        return [r for r in refs if self._exists(r) and is_draft(get_item(self.session.data, r))]

    def action_accept_shown(self) -> None:
        from ..curate import ops
        from ..screens.prompts import Ask

        if self._editable() is None:
            return
        refs = self.shown_drafts()
        if not refs:
            self.notify("Nothing shown awaits review", markup=False)
            return
        counts = {kind: sum(r.kind == kind for r in refs) for kind in REVIEW_ORDER}
        what = ", ".join(f"{n} {kind}{'s' * (n != 1)}" for kind, n in counts.items() if n)

        def answered(key: str | None) -> None:
            if key == "y":
                self.apply_step(lambda doc: ops.accept_all(doc, refs))

        question = f"Accept all {len(refs)} items shown that await review ({what})?"
        self.show_modal(Ask(question, {"y": f"accept {len(refs)}"}, "Accept all shown"), answered)

    def action_remove(self) -> None:
        from ..curate import ops

        if self._editable() is None:
            return
        ref = self.selected_item()
        if not self._exists(ref):
            self.notify("Nothing selected to remove", markup=False)
            return
        self.apply_step(lambda doc: ops.remove(doc, ref))

    # -- forms -------------------------------------------------------------------------------------------

    def action_edit(self) -> None:
        from ..screens import forms

        session = self._editable()
        if session is None:
            return
        ref = self.selected_item()
        if ref is not None and ref.kind == "stance" and not self._exists(ref):
            actor, issue = ref.key
            self.open_form(forms.new_stance_form(session.data, actor, issue))
            return
        if not self._exists(ref):
            self.notify("Nothing selected to edit", markup=False)
            return
        self.open_form(forms.form_for(session.data, ref))

    def action_new_issue(self) -> None:
        from ..screens import forms

        if self._editable() is not None:
            self.open_form(forms.new_issue_form(self.session.data))

    def action_new_stance(self) -> None:
        """A stance of the selected speaker (or the current quote's), on an issue it has none on yet."""
        from ..curate.items import items
        from ..screens import forms
        from ..screens.prompts import Ask

        session = self._editable()
        if session is None:
            return
        ref = self.selected_item()
        actor = None
        if ref is not None and ref.kind in ("actor", "stance"):
            actor = ref.key if ref.kind == "actor" else ref.key[0]
        elif self.current is not None and self.current.id in self.store.statement:
            actor = self.store.statement[self.current.id].actor
        if actor is None:
            self.notify("Select a speaker (or a quote of theirs) first", markup=False)
            return
        taken = {s["issue"] for s in items(session.data, "stance") if s["actor"] == actor}
        issues = [i for i in items(session.data, "issue") if i["id"] not in taken][:9]
        if not issues:
            self.notify(f"{actor} has a stance on every issue: I adds an issue", markup=False)
            return

        def chosen(key: str | None) -> None:
            if key:
                issue = issues[int(key) - 1]["id"]
                self.open_form(forms.new_stance_form(self.session.data, actor, issue))

        if len(issues) == 1:
            chosen("1")
            return
        answers = {str(n): issue["title"] for n, issue in enumerate(issues, 1)}
        self.show_modal(Ask(f"A stance of {actor} on which issue?", answers, "New stance"), chosen)

    def open_form(self, form) -> None:
        from ..screens.edit_form import FormScreen

        self.show_modal(FormScreen(self.session.data, form), self._form_done)

    def _form_done(self, step: Step | None) -> None:
        if step is not None:
            self.apply_step(lambda doc: step)

    # -- spans from the source view -----------------------------------------------------------------

    def span_chosen(self, chosen: Any) -> None:
        """What the curating source view gave back: a quote to open, or a selection to use."""
        from ..curate import CurationError, ops, propose, spans
        from ..screens import forms
        from ..screens.source_select import SpanChosen

        if not isinstance(chosen, SpanChosen):
            self.open_statement(chosen)
            return
        session = self._editable()
        if session is None:
            return
        doc, start, end = session.data, chosen.start, chosen.end
        try:
            if chosen.what == "statement":
                self.open_form(forms.new_statement_form(doc, propose.propose_statement(doc, start, end)))
            elif chosen.what == "event":
                self.open_form(forms.new_event_form(doc, propose.propose_event(doc, start, end)))
            else:
                target = self._reanchor_target
                span = spans.make_span(doc["source"]["text"], start, end)
                self.apply_step(lambda d: ops.reanchor(d, target, chosen.what, span))
        except (ValueError, CurationError) as exc:
            self.notify(str(exc), severity="warning", markup=False)

    _reanchor_target: str | None = None

    def open_curating_source(self, source, statements, others, current: str | None) -> None:
        from ..screens.source_select import CurateSourceScreen

        at = 0
        if current is not None and current in self.store.statement:
            at = self.store.statement[current].content.start
        screen = CurateSourceScreen(source, statements, others, current, cursor_at=at)
        self._reanchor_target = current

        def done(chosen: Any) -> None:
            self._reanchor_target = screen.current_statement
            self.span_chosen(chosen)

        self.show_modal(screen, done)

    # -- quitting ----------------------------------------------------------------------------------------

    def quit_needs_asking(self) -> bool:
        """With unsaved edits, ask before quitting (and quit from the answer); False: quit now."""
        from ..screens.prompts import Ask

        session = self.session
        if session is None or not session.dirty:
            return False
        steps = len(session.undo_stack)

        def answered(key: str | None) -> None:
            if key == "s":
                self.action_save()
                if not session.dirty:
                    self.app.quit_now()
            elif key == "k":
                self.app.quit_now()
            elif key == "d":
                session.discard()
                self.app.quit_now()

        answers = {"s": "save and quit", "k": "quit, keeping them for next time", "d": "discard them and quit"}
        question = f"{steps} unsaved edit(s) to {self.app.path}."
        self.show_modal(Ask(question, answers, "Unsaved edits"), answered)
        return True

    # -- saving ------------------------------------------------------------------------------------------

    def action_save(self, overwrite: bool = False) -> None:
        from ..screens.prompts import Ask, Problems

        session = self._editable()
        if session is None:
            return
        result = session.save(overwrite=overwrite)
        if result.outcome == "invalid":
            problems = [(p.path, p.message) for p in result.problems]
            title = f"Not saved: {len(problems)} problem(s) — enter goes to one"
            self.show_modal(Problems(title, problems), self._go_to_path)
        elif result.outcome == "changed-on-disk":

            def answered(key: str | None) -> None:
                if key == "y":
                    self.action_save(overwrite=True)

            self.show_modal(Ask(result.message, {"y": "overwrite it"}, "Changed on disk"), answered)
        elif result.outcome == "failed":
            self.notify(result.message, severity="error", markup=False)
        else:
            extra = f" ({len(result.problems)} warning(s))" if result.problems else ""
            self.notify(inert(result.message + extra), markup=False)
        self._show_status()

    def _go_to_path(self, path: str | None) -> None:
        """A problem's JSON path ($.statements[3].cue) → its item, shown."""
        from ..curate import Ref

        if path is None or self.session is None:
            return
        m = re.match(r"\$\.(actors|statements|events|stances)\[(\d+)\]", path)
        if not m:
            return
        kind = {"actors": "actor", "statements": "statement", "events": "event", "stances": "stance"}[m[1]]
        item = self.session.data[m[1]][int(m[2])]
        key = (item["actor"], item["issue"]) if kind == "stance" else item["id"]
        self.go_to(Ref(kind, key))
