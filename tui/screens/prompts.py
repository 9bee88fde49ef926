"""Small questions the curation flow asks: yes or no, restore or discard, and the problems that kept a
dossier from being saved."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from ..render.inert import inert


class Ask(ModalScreen[str | None]):
    """A question answered by one key: dismisses with the answer's key (`y`, `r`, …) or None on
    escape. `answers` maps each key to what it does ("y": "accept 14 items")."""

    DEFAULT_CSS = """
    Ask { align: center middle; }
    Ask #ask-box {
        width: 80%; max-width: 90; height: auto; max-height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    Ask #ask-question { height: auto; margin-bottom: 1; }
    Ask #ask-keys { height: auto; text-style: bold; }
    """
    BINDINGS = [Binding("escape", "answer('')", "Cancel", priority=True, id="ask.cancel")]

    def __init__(self, question: str, answers: dict[str, str], title: str = "") -> None:
        super().__init__()
        self.question = question
        self.answers = answers
        self.title_text = title

    def compose(self) -> ComposeResult:
        with Vertical(id="ask-box") as box:
            box.border_title = self.title_text
            yield Static(Content(inert(self.question)), id="ask-question")
            keys = " · ".join(f"{key} {what}" for key, what in self.answers.items())
            yield Static(Content(inert(f"{keys} · escape cancel")), id="ask-keys")

    def on_key(self, event) -> None:
        if event.character in self.answers:
            event.stop()
            self.action_answer(event.character)

    def action_answer(self, key: str) -> None:
        # Keys typed in a burst all reach this screen: the first answers, the rest find it gone (a
        # second dismiss would pop the screen beneath it: ScreenStackError, the app closed).
        if self.is_current:
            self.dismiss(key or None)


class Problems(ModalScreen[str | None]):
    """The problems that kept the dossier from being saved; `enter` on one dismisses with its JSON path
    (the explorer then shows that item), escape with None."""

    DEFAULT_CSS = """
    Problems { align: center middle; }
    Problems #problems-box {
        width: 90%; max-width: 110; height: auto; max-height: 90%;
        border: round $error; background: $surface; padding: 0 1;
    }
    Problems #problems-list { height: auto; max-height: 20; }
    Problems #problems-hint { color: $text-muted; }
    """
    AUTO_FOCUS = "#problems-list"
    BINDINGS = [Binding("escape", "close", "Close", priority=True, id="problems.close")]

    def __init__(self, title: str, problems: list[tuple[str, str]]) -> None:
        super().__init__()
        self.title_text = title
        self.problems = problems

    def compose(self) -> ComposeResult:
        with Vertical(id="problems-box") as box:
            box.border_title = inert(self.title_text, keep_newlines=False)
            options = [
                Option(Content(inert(f"{path}: {message}", keep_newlines=False)), id=str(n))
                for n, (path, message) in enumerate(self.problems)
            ]
            yield OptionList(*options, id="problems-list")
            yield Static("enter go to the item · escape close", id="problems-hint")

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if self.is_current:  # as Ask: a second enter in a burst finds it gone
            self.dismiss(self.problems[int(event.option.id or 0)][0])

    def action_close(self) -> None:
        if self.is_current:
            self.dismiss(None)
