"""A form that edits one item of a dossier and validates as the user types.

A form is a list of `Field`s (what to ask, with which kind of widget) and a `build` function that
turns the values into a curation `Step`. After every change the step is built and applied to a copy
of the document, the dossier checked, and the problems of the edited item shown under the form;
`ctrl+s` applies only a step without errors. The kinds of widget are a registry (`WIDGETS`), so a new
kind of field is one entry.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.suggester import SuggestFromList
from textual.widget import Widget
from textual.widgets import Input, Label, OptionList, Select, Static

from ..countries import country_name, lookup_country
from ..curate import CurationError, Step
from ..curate.items import path_of
from ..curate.patch import apply
from ..render.inert import inert
from ..validation import check

Kind = Literal["text", "list", "choice", "multi", "fixed", "country"]
NEW = "\x00new"  # the value of a picker's "new …" option


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    kind: Kind = "text"
    options: Sequence[tuple[str, Any]] = ()
    optional: bool = True
    hint: str = ""


@dataclass
class Form:
    """What a form edits: a title, its fields with their first values, and how its values become a
    step (None: nothing changed yet). `on_new`, where given, is called when a picker's "new …" option
    is chosen, with the field's name, and returns a step to make first (or None)."""

    title: str
    fields: list[Field]
    values: dict[str, Any]
    build: Callable[[dict[str, Any], dict[str, Any]], Step | None]
    on_new: Callable[[str], Any] | None = None
    help: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


# --- the kinds of widget --------------------------------------------------------------------------


def _text(f: Field, value: Any) -> Widget:
    return Input("" if value is None else str(value), id=f"field-{f.name}", compact=True, select_on_focus=False)


def _list(f: Field, value: Any) -> Widget:
    return Input(", ".join(value or []), id=f"field-{f.name}", compact=True, placeholder="comma-separated")


def _choice(f: Field, value: Any) -> Widget:
    options = list(f.options)
    known = {v for _, v in options}
    return Select(
        options,
        value=value if value in known else Select.NULL,
        allow_blank=f.optional,
        prompt="(none)",
        id=f"field-{f.name}",
        compact=True,
    )


class MultiPick(OptionList):
    """Several choices, each marked ☑ or ☐ (a mark, not a colour); space or enter toggles one."""

    BINDINGS = [Binding("space", "select", "Toggle", show=False, id="form.toggle")]

    class Changed(Message):
        pass

    def __init__(self, options: Sequence[tuple[str, Any]], chosen: set[Any], **kwargs: Any) -> None:
        self.choices = list(options)
        self.chosen = {v for _, v in self.choices if v in chosen}
        super().__init__(*[self._prompt(i) for i in range(len(self.choices))], markup=False, **kwargs)

    def _prompt(self, index: int) -> Content:
        label, value = self.choices[index]
        return Content(("☑ " if value in self.chosen else "☐ ") + inert(label, keep_newlines=False))

    @on(OptionList.OptionSelected)
    def _toggle(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = self.choices[event.option_index][1]
        self.chosen ^= {value}
        self.replace_option_prompt_at_index(event.option_index, self._prompt(event.option_index))
        self.post_message(self.Changed())

    @property
    def selected(self) -> list[Any]:
        return [v for _, v in self.choices if v in self.chosen]


def _multi(f: Field, value: Any) -> Widget:
    return MultiPick(f.options, set(value or []), id=f"field-{f.name}", compact=True)


def _fixed(f: Field, value: Any) -> Widget:
    return Static(Content(inert(str(value or "—"), keep_newlines=False)), id=f"field-{f.name}", classes="fixed")


_COUNTRY_WORDS: list[str] = []


def _country(f: Field, value: Any) -> Widget:
    if not _COUNTRY_WORDS:
        import pycountry

        _COUNTRY_WORDS.extend(sorted({getattr(c, "common_name", None) or c.name for c in pycountry.countries}))
    suggester = SuggestFromList(_COUNTRY_WORDS, case_sensitive=False)
    return Input(value or "", id=f"field-{f.name}", compact=True, suggester=suggester, placeholder="name or code")


def _read_text(widget: Widget) -> Any:
    value = widget.value.strip()  # type: ignore[attr-defined]
    return value or None


def _read_list(widget: Widget) -> Any:
    return [part.strip() for part in widget.value.split(",") if part.strip()]  # type: ignore[attr-defined]


def _read_choice(widget: Widget) -> Any:
    value = widget.value  # type: ignore[attr-defined]
    return None if value is Select.NULL or value == Select.BLANK else value


def _read_multi(widget: Widget) -> Any:
    return list(widget.selected)  # type: ignore[attr-defined]


def _read_country(widget: Widget) -> Any:
    typed = widget.value.strip()  # type: ignore[attr-defined]
    return (lookup_country(typed) or typed) if typed else None


WIDGETS: dict[str, tuple[Callable[[Field, Any], Widget], Callable[[Widget], Any] | None]] = {
    "text": (_text, _read_text),
    "list": (_list, _read_list),
    "choice": (_choice, _read_choice),
    "multi": (_multi, _read_multi),
    "fixed": (_fixed, None),
    "country": (_country, _read_country),
}


class FormScreen(ModalScreen[Step | None]):
    """Dismisses with the step the form's values make, or None when cancelled."""

    DEFAULT_CSS = """
    FormScreen { align: center middle; }
    FormScreen #form-box {
        width: 90%; max-width: 110; height: auto; max-height: 95%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    FormScreen #form-fields { height: auto; max-height: 20; }
    FormScreen .form-row { height: auto; }
    FormScreen .form-label { width: 14; color: $text-muted; }
    /* The compact fields look the same focused or not: the focused one's label says where typing goes
       (reversed, so it reads without colour too). */
    FormScreen .form-row.-focused > .form-label { color: $text; text-style: bold reverse; }
    FormScreen .form-row > Input, FormScreen .form-row > Select, FormScreen .form-row > .fixed { width: 1fr; }
    FormScreen .form-row > MultiPick { width: 1fr; height: auto; max-height: 6; }
    FormScreen .form-resolved { margin-left: 14; height: auto; color: $text-muted; }
    FormScreen #form-problems { margin-top: 1; }
    FormScreen #form-problems { height: auto; max-height: 6; }
    FormScreen #form-problems.-errors { color: $text-error; }
    FormScreen #form-hint { color: $text-muted; }
    """
    AUTO_FOCUS = ".form-row > Input, .form-row > Select, .form-row > MultiPick"  # the first field
    BINDINGS = [
        Binding("ctrl+s", "apply", "Apply", priority=True, id="form.apply"),
        Binding("escape", "cancel", "Cancel", priority=True, id="form.cancel"),
    ]

    def __init__(self, doc: dict[str, Any], form: Form) -> None:
        super().__init__()
        self.doc = doc
        self.form = form
        self.first: Step | None = None  # made first: a new actor chosen from the speaker picker
        self.step: Step | None = None
        self.errors: list[str] = []
        self._before = _known(doc)

    def compose(self) -> ComposeResult:
        with Vertical(id="form-box") as box:
            box.border_title = inert(self.form.title, keep_newlines=False)
            with VerticalScroll(id="form-fields"):
                for f in self.form.fields:
                    make, _ = WIDGETS[f.kind]
                    with Horizontal(classes=f"form-row form-{f.kind}"):
                        yield Label(f.label, classes="form-label")
                        yield make(f, self.form.values.get(f.name))
                    if f.kind == "country":
                        yield Static("", id=f"resolved-{f.name}", classes="form-resolved")
            yield Static("", id="form-problems")
            yield Static(self.form.help or "ctrl+s apply · escape cancel · tab next field", id="form-hint")

    def on_mount(self) -> None:
        self.revalidate()

    def values(self) -> dict[str, Any]:
        out = dict(self.form.values)
        for f in self.form.fields:
            read = WIDGETS[f.kind][1]
            if read is not None:
                out[f.name] = read(self.query_one(f"#field-{f.name}"))
        return out

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Mark the row of the focused field (a style on the row's label; CSS's :focus-within would
        not restyle the label, which is beside the focused widget, not above it)."""
        for row in self.query(".form-row"):
            row.set_class(event.widget in row.walk_children(), "-focused")

    @on(Input.Changed)
    @on(MultiPick.Changed)
    def _changed(self) -> None:
        self.revalidate()

    @on(Select.Changed)
    def _picked(self, event: Select.Changed) -> None:
        if event.value == NEW and self.form.on_new is not None:
            name = (event.select.id or "").removeprefix("field-")
            self.form.on_new(self, name)
            return
        self.revalidate()

    def made_first(self, step: Step, field_name: str, value: Any, label: str) -> None:
        """A step to make before the form's own (a new actor), chosen in `field_name`'s picker."""
        self.first = step
        self.doc = apply(self.doc, step.changes)
        self._before = _known(self.doc)
        select = self.query_one(f"#field-{field_name}", Select)
        options = [(label, value), *[(lab, v) for lab, v in _options_of(self.form, field_name) if v != value]]
        select.set_options(options)
        select.value = value
        self.revalidate()

    def revalidate(self) -> None:
        for f in self.form.fields:
            if f.kind == "country":
                code = _read_country(self.query_one(f"#field-{f.name}"))
                text = f"→ {country_name(code)} ({code})" if code and lookup_country(code) else ""
                self.query_one(f"#resolved-{f.name}", Static).update(Content(inert(text, keep_newlines=False)))
        self.step, self.errors = None, []
        lines: list[str] = []
        try:
            step = self.form.build(self.doc, self.values())
        except CurationError as exc:
            self.errors = [str(exc)]
            lines = [f"✘ {exc}"]
            step = None
        if step is not None:
            after = apply(self.doc, step.changes)
            problems = _problems_of(after, step, self._before)
            self.errors = [p.message for p in problems if p.level == "error"]
            lines = [f"{'✘' if p.level == 'error' else '!'} {p.path}: {p.message}" for p in problems]
            self.step = step
        elif not lines:
            lines = ["nothing changed yet" if self.first is None else "ready: ctrl+s to apply"]
        if self.step is not None and not lines:
            lines = ["✔ valid: ctrl+s to apply"]
        self.query_one("#form-problems", Static).update(Content(inert("\n".join(lines[:6]))))
        self.query_one("#form-problems").set_class(bool(self.errors), "-errors")

    def action_apply(self) -> None:
        if self.errors:
            self.notify("Not applied: fix the problems shown first", severity="warning")
            return
        step = self.step
        if self.first is not None:
            changes = self.first.changes + (step.changes if step else ())
            name = f"{step.name}, with {self.first.name}" if step else self.first.name
            step = Step(name, changes, self.first.notes + (step.notes if step else ()), (step or self.first).focus)
        if step is None:
            self.dismiss(None)
            return
        self.dismiss(step)

    def action_cancel(self) -> None:
        self.dismiss(None)


def _options_of(form: Form, name: str) -> Sequence[tuple[str, Any]]:
    return next(f.options for f in form.fields if f.name == name)


def _known(doc: dict[str, Any]) -> set[tuple[str, str]]:
    return {(p.path, p.message) for p in check(doc).problems}


def _problems_of(doc: dict[str, Any], step: Step, before: set[tuple[str, str]]) -> list:
    """The problems the dossier has at the item the step made or changed, and the errors it brings
    elsewhere (a stance citing a statement given another speaker)."""
    problems = check(doc).problems
    here = None
    if step.focus is not None:
        try:
            list_name, index = path_of(doc, step.focus)
            here = f"$.{list_name}[{index}]"
        except CurationError:
            pass

    def shown(p) -> bool:
        if here is not None and (p.path == here or p.path.startswith((here + ".", here + "["))):
            return True
        return p.level == "error" and (p.path, p.message) not in before

    return [p for p in problems if shown(p)]
