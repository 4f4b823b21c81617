"""The learner's settings: retention, daily limits (all decks and per deck), steps, maximum interval, orders,
siblings, leeches, active recall and typed cards; checked as you type, saved in profile.toml."""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import Button, Footer, Input, Label, Select, Static, Switch

from quizapp.progress.profile import Settings
from quizapp.tui.screens.settings_fields import (
    CHOICES,
    FIELDS,
    HINTS,
    STEP_FIELDS,
    STEP_HINT,
    SWITCHES,
    Field,
    deck_placeholder,
    format_steps,
    parse_deck_limit,
    parse_field,
    parse_steps,
    shown,
)
from quizapp.tui.text import short_title

if TYPE_CHECKING:
    from quizapp.workspace import Workspace

__all__ = ["FIELDS", "Field", "SettingsScreen", "parse_field"]


def _on_off(value: bool) -> Text:
    return Text("on", style="green") if value else Text("off", style="dim")


class SettingsScreen(ModalScreen[bool]):
    """Edit and save the settings; returns True when saved."""

    DEFAULT_CSS = """
    SettingsScreen { align: center middle; background: $background; }  /* opaque: no cut words show beside it */
    SettingsScreen #settings-box {
        width: 76; max-width: 100%; height: auto; max-height: 100%;
        border: thick $primary; background: $surface; padding: 0 1;
    }
    SettingsScreen .settings-heading { text-style: bold; color: $accent; margin-top: 1; }
    SettingsScreen .settings-row { height: auto; }
    SettingsScreen .settings-row Label { width: 24; padding-right: 1; text-wrap: nowrap; text-overflow: ellipsis; }
    SettingsScreen .settings-row Input { width: 12; }
    SettingsScreen .settings-row Select { width: 30; }
    SettingsScreen .settings-row.-switch { height: auto; min-height: 3; }
    SettingsScreen .settings-row.-switch Label { margin-top: 1; }
    SettingsScreen .settings-state { width: 4; margin: 1 0 0 1; text-style: bold; }
    SettingsScreen .settings-row.-switch .settings-hint { margin-top: 1; height: auto; }
    SettingsScreen .settings-hint { width: 1fr; height: auto; margin-left: 1; color: $text-muted; }
    SettingsScreen .settings-error { color: $error; height: auto; display: none; }
    SettingsScreen .settings-error.-shown { display: block; }
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
        self.decks = [(d.id, d.title) for d in workspace.library.decks]

    def _row(self, label: str, widget: Widget, hint: str, name: str) -> ComposeResult:
        with Horizontal(classes="settings-row -switch" if isinstance(widget, Switch) else "settings-row"):
            yield Label(label)
            yield widget
            if isinstance(widget, Switch):  # the state in words too, not by colour alone
                yield Static(_on_off(widget.value), id=f"state-{name}", classes="settings-state")
            yield Static(hint, classes="settings-hint")
        yield Static("", id=f"err-{name}", classes="settings-error")

    def compose(self) -> ComposeResult:
        s = self.workspace.store.profile.settings
        fields = {f.name: f for f in FIELDS}

        def number(name: str) -> ComposeResult:
            f = fields[name]
            box = Input(shown(f, s), id=f"set-{name}", compact=True, select_on_focus=True)
            yield from self._row(f.label, box, HINTS[name], name)

        def choice(name: str) -> ComposeResult:
            label, options = CHOICES[name]
            box = Select(options, value=getattr(s, name), allow_blank=False, id=f"set-{name}", compact=True)
            yield from self._row(label, box, "", name)

        def switch(name: str) -> ComposeResult:
            label, hint = next((lb, h) for n, lb, h in SWITCHES if n == name)
            yield from self._row(label, Switch(getattr(s, name), id=f"set-{name}", animate=False), hint, name)

        with VerticalScroll(id="settings-box") as box:
            box.border_title = f"Settings for {self.workspace.learner}"
            yield Static("Memory and daily limits", classes="settings-heading")
            for name in ("desired_retention", "new_per_day", "reviews_per_day", "day_start_hour"):
                yield from number(name)
            yield Static("New cards per day, per deck (blank: the limit above)", classes="settings-heading")
            for i, (deck_id, title) in enumerate(self.decks):
                limit = s.deck_new_per_day.get(deck_id)
                box_ = Input(
                    "" if limit is None else str(limit),
                    placeholder=deck_placeholder(s.new_per_day),
                    id=f"set-deck-{i}",
                    compact=True,
                )
                yield from self._row(short_title(title, 23, short=True).plain, box_, "0–9999", f"deck-{i}")
            yield Static("Steps and intervals", classes="settings-heading")
            for name, label in STEP_FIELDS:
                box_ = Input(format_steps(getattr(s, name)), id=f"set-{name}", compact=True, select_on_focus=True)
                yield from self._row(label, box_, STEP_HINT, name)
            yield from number("maximum_interval")
            yield Static("Order", classes="settings-heading")
            yield from choice("new_order")
            yield from choice("review_order")
            yield Static("Siblings and leeches", classes="settings-heading")
            yield from switch("bury_new_siblings")
            yield from switch("bury_review_siblings")
            yield from number("leech_lapses")
            yield from choice("leech_action")
            yield Static("Study", classes="settings-heading")
            yield from switch("active_recall")
            yield from switch("type_answers")
            yield Static("", id="settings-message")
            with Horizontal(id="settings-buttons"):
                yield Button("Optimize FSRS… ^o", id="settings-fsrs", compact=True)
                yield Button("Save ^s", variant="primary", id="settings-save", compact=True)
                yield Button("Cancel esc", id="settings-cancel", compact=True)
        yield Footer()  # this screen's keys, not those of the screen beneath

    def on_mount(self) -> None:
        self.query_one("#set-desired_retention", Input).focus()

    def _show(self, name: str, error: str | None) -> None:
        err = self.query_one(f"#err-{name}", Static)
        err.update(Text(error or ""))
        err.set_class(bool(error), "-shown")

    def _reveal(self, name: str) -> None:
        """Scroll a field's message (shown below it) into view once it is laid out."""
        err = self.query_one(f"#err-{name}", Static)
        self.call_after_refresh(err.scroll_visible, animate=False)

    def _value(self, name: str) -> str:
        return self.query_one(f"#set-{name}", Input).value

    def _check(self, name: str) -> tuple[object, bool]:
        """(value, ok) of one field, its message shown or cleared."""
        field = next((f for f in FIELDS if f.name == name), None)
        value: object
        error: str | None
        if field is not None:
            value, error = parse_field(field, self._value(name))
        elif name.startswith("deck-"):
            value, error = parse_deck_limit(self.decks[int(name[5:])][1], self._value(name))
        else:
            label = dict(STEP_FIELDS)[name]
            value, error = parse_steps(label, self._value(name))
        self._show(name, error)
        return value, error is None

    def _names(self) -> list[str]:
        return [f.name for f in FIELDS] + [n for n, _ in STEP_FIELDS] + [f"deck-{i}" for i in range(len(self.decks))]

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        if event.input.id and event.input.id.startswith("set-"):
            name = event.input.id[4:]
            value, ok = self._check(name)
            if not ok:
                self._reveal(name)
            elif name == "new_per_day":  # the empty deck boxes follow it
                for i in range(len(self.decks)):
                    self.query_one(f"#set-deck-{i}", Input).placeholder = deck_placeholder(value)
        self.query_one("#settings-message", Static).update("")

    def read(self) -> Settings | None:
        """The settings in the form, or None (with the messages shown) if any field is wrong."""
        checked = {name: self._check(name) for name in self._names()}
        wrong = [name for name, (_, ok) in checked.items() if not ok]
        if wrong:
            self.query_one(f"#set-{wrong[0]}", Input).focus()
            self._reveal(wrong[0])
            return None
        current = self.workspace.store.profile.settings  # the settings not on this form stay as they are
        per_deck = dict(current.deck_new_per_day)  # decks not loaded now keep their limits
        for i, (deck_id, _) in enumerate(self.decks):
            limit = checked[f"deck-{i}"][0]
            if limit is None:
                per_deck.pop(deck_id, None)
            else:
                per_deck[deck_id] = limit  # type: ignore[assignment]
        values: dict[str, object] = {n: v for n, (v, _) in checked.items() if not n.startswith("deck-")}
        values.update({n: self.query_one(f"#set-{n}", Switch).value for n, _, _ in SWITCHES})
        values.update({n: self.query_one(f"#set-{n}", Select).value for n in CHOICES})
        return replace(current, **values, deck_new_per_day=per_deck).validated()  # type: ignore[arg-type]

    @on(Switch.Changed)
    def _switched(self, event: Switch.Changed) -> None:
        if event.switch.id:
            self.query_one(f"#state-{event.switch.id[4:]}", Static).update(_on_off(event.value))

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
            message.update(Text("Nothing saved: fix the fields marked in red.", style="bold red"))
            self.notify("Nothing saved: fix the fields marked in red.", severity="error", timeout=4)
            return
        ws = self.workspace
        if ws.store.read_only:
            message.update(Text("This learner is open read-only here; settings cannot be saved.", style="bold red"))
            message.scroll_visible()
            return
        try:
            ws.store.save_profile(replace(ws.store.profile, settings=settings))
        except (OSError, ValueError) as e:
            message.update(Text(f"Could not save: {e}", style="bold red"))
            message.scroll_visible()
            return
        from quizapp.workspace import scheduler_for

        fuzz = getattr(getattr(self.app, "config", None), "enable_fuzzing", True)
        ws.scheduler = scheduler_for(settings, enable_fuzzing=fuzz)
        self.notify("Settings saved.", timeout=3)
        self.dismiss(True)

    def action_cancel(self) -> None:
        self.dismiss(False)
