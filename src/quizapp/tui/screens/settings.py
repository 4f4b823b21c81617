"""The learner's settings: retention, daily limits, day start, active recall; checked as you type."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, Switch

from quizapp.progress.profile import Settings

if TYPE_CHECKING:
    from quizapp.workspace import Workspace


@dataclass(frozen=True)
class Field:
    name: str
    label: str
    lo: float
    hi: float
    whole: bool = True


FIELDS = (
    Field("desired_retention", "Desired retention", 0.70, 0.99, whole=False),
    Field("new_per_day", "New cards per day", 0, 9999),
    Field("reviews_per_day", "Reviews per day", 0, 99999),
    Field("day_start_hour", "Day starts at hour", 0, 23),
)
HINTS = {
    "desired_retention": "0.70–0.99 or 70%–99%",
    "new_per_day": "0–9999",
    "reviews_per_day": "0–99999",
    "day_start_hour": "0–23, local time",
}


def parse_field(field: Field, text: str) -> tuple[float | int | None, str | None]:
    """The value typed into a field, or a message that says what is wrong and what is allowed."""
    raw = text.strip().removesuffix("%").strip()
    if not raw:
        return None, f"{field.label} is empty: enter {HINTS[field.name]}."
    if field.whole:
        if not raw.isdigit():
            return None, f"{field.label} must be a whole number ({HINTS[field.name]})."
        value: float | int = int(raw)
    else:
        try:
            value = float(raw)
        except ValueError:
            return None, f"{field.label} must be a number like 0.9 or 90% ({HINTS[field.name]})."
        if value > 1 or text.strip().endswith("%"):
            value = round(value / 100, 4)
    if not field.lo <= value <= field.hi:
        return None, f"{field.label}: {text.strip()} is out of range; use {HINTS[field.name]}."
    return value, None


def _shown(field: Field, settings: Settings) -> str:
    value = getattr(settings, field.name)
    return f"{value:.2f}" if not field.whole else str(value)


class SettingsScreen(ModalScreen[bool]):
    """Edit and save the settings; returns True when saved."""

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; }
    SettingsScreen #settings-box {
        width: 72; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 2;
    }
    SettingsScreen .settings-row { height: 1; margin-top: 1; }
    SettingsScreen .settings-row Label { width: 24; }
    SettingsScreen .settings-row Input { width: 10; }
    SettingsScreen .settings-hint { width: 1fr; margin-left: 2; color: $text-muted; }
    SettingsScreen .settings-error { color: $error; height: auto; display: none; }
    SettingsScreen .settings-error.-shown { display: block; }
    SettingsScreen #settings-recall-row, SettingsScreen #settings-typed-row { height: 3; margin-top: 1; }
    SettingsScreen #settings-recall-row Label, SettingsScreen #settings-typed-row Label { width: 24; margin-top: 1; }
    SettingsScreen #settings-message { height: auto; margin-top: 1; }
    SettingsScreen #settings-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    SettingsScreen #settings-buttons Button { margin-left: 2; }
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="settings.save"),
        Binding("ctrl+o", "fsrs", "Optimize FSRS", id="settings.fsrs"),
        Binding("escape", "cancel", "Cancel", id="settings.cancel"),
    ]

    def __init__(self, workspace: Workspace):
        super().__init__()
        self.workspace = workspace

    def compose(self) -> ComposeResult:
        current = self.workspace.store.profile.settings
        with Vertical(id="settings-box") as box:
            box.border_title = f"Settings for {self.workspace.learner}"
            for f in FIELDS:
                with Horizontal(classes="settings-row"):
                    yield Label(f.label)
                    yield Input(_shown(f, current), id=f"set-{f.name}", compact=True, select_on_focus=True)
                    yield Static(HINTS[f.name], classes="settings-hint")
                yield Static("", id=f"err-{f.name}", classes="settings-error")
            with Horizontal(id="settings-recall-row"):
                yield Label("Active recall")
                yield Switch(current.active_recall, id="set-active_recall", animate=False)
                yield Static("answer by choosing or typing,\nthen the rating is suggested", classes="settings-hint")
            with Horizontal(id="settings-typed-row"):
                yield Label("Type typed cards")
                yield Switch(current.type_answers, id="set-type_answers", animate=False)
                yield Static("off: typed cards flip like\nflashcards in study", classes="settings-hint")
            yield Static("", id="settings-message")
            with Horizontal(id="settings-buttons"):
                yield Button("FSRS… (ctrl+o)", id="settings-fsrs", compact=True)
                yield Button("Save (ctrl+s)", variant="primary", id="settings-save", compact=True)
                yield Button("Cancel (esc)", id="settings-cancel", compact=True)

    def _check(self, field: Field) -> float | int | None:
        value, error = parse_field(field, self.query_one(f"#set-{field.name}", Input).value)
        err = self.query_one(f"#err-{field.name}", Static)
        err.update(Text(error or ""))
        err.set_class(bool(error), "-shown")
        return value

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        field = next(f for f in FIELDS if event.input.id == f"set-{f.name}")
        self._check(field)
        self.query_one("#settings-message", Static).update("")

    def read(self) -> Settings | None:
        """The settings in the form, or None (with the messages shown) if any field is wrong."""
        values = {f.name: self._check(f) for f in FIELDS}
        if any(v is None for v in values.values()):
            return None
        recall = self.query_one("#set-active_recall", Switch).value
        typed = self.query_one("#set-type_answers", Switch).value
        current = self.workspace.store.profile.settings  # the settings not on this form stay as they are
        return replace(current, **values, active_recall=recall, type_answers=typed).validated()  # type: ignore[arg-type]

    @on(Input.Submitted)
    def _submitted(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#settings-save")
    def _save_pressed(self) -> None:
        self.action_save()

    @on(Button.Pressed, "#settings-fsrs")
    def action_fsrs(self) -> None:
        """Fit the parameters to this learner's reviews, and the retention workload chart."""
        from quizapp.tui.screens.fsrs import FsrsScreen

        self.app.push_screen(FsrsScreen(self.workspace))

    @on(Button.Pressed, "#settings-cancel")
    def _cancel_pressed(self) -> None:
        self.action_cancel()

    def action_save(self) -> None:
        message = self.query_one("#settings-message", Static)
        settings = self.read()
        if settings is None:
            message.update(Text("Nothing saved: fix the fields marked above.", style="bold red"))
            return
        ws = self.workspace
        if ws.store.read_only:
            message.update(Text("This learner is open read-only here; settings cannot be saved.", style="bold red"))
            return
        try:
            ws.store.save_profile(replace(ws.store.profile, settings=settings))
        except (OSError, ValueError) as e:
            message.update(Text(f"Could not save: {e}", style="bold red"))
            return
        from quizapp.workspace import scheduler_for

        fuzz = getattr(getattr(self.app, "config", None), "enable_fuzzing", True)
        ws.scheduler = scheduler_for(settings, enable_fuzzing=fuzz)
        self.notify("Settings saved.", timeout=3)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
