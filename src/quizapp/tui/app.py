"""The Textual app and the factory that builds it from plain values."""

from __future__ import annotations

import gc

from quizapp import memory

# The cyclic GC is held while Textual and the app are imported (some 90 collections that free nothing: 6% of the
# imports' time) and frozen after, so re-enabling it does not start by scanning the 65,000 objects just made; the
# app holds it again from its start until its first frame is drawn and the decks are open (QuizApp.on_load).
# benchmarks/ab_first_frame.py and docs/performance.md give the figures.
with memory.gc_held():
    from dataclasses import dataclass
    from pathlib import Path
    from typing import TYPE_CHECKING, Any

    from textual import work
    from textual.app import App
    from textual.binding import Binding
    from textual.message import Message

    from quizapp.tui.commands import QuizappCommands
    from quizapp.tui.screens.home import HomeScreen

    gc.freeze()  # what the imports made (modules, classes, functions) lives as long as the process

if TYPE_CHECKING:
    from quizapp.workspace import Workspace


@dataclass(frozen=True)
class AppConfig:
    """What the app needs to start: plain values only."""

    home: Path
    learner: str
    deck_paths: tuple[Path, ...]
    start: str = "home"  # home | study | quiz
    deck_id: str | None = None
    quiz_count: int = 10
    quiz_kinds: tuple[str, ...] = ()
    quiz_tags: tuple[str, ...] = ()
    quiz_seed: str | None = None
    enable_fuzzing: bool = True

    def __post_init__(self) -> None:  # callers may pass any sequence; the config keeps tuples
        for name in ("deck_paths", "quiz_kinds", "quiz_tags"):
            object.__setattr__(self, name, tuple(getattr(self, name)))


class QuizApp(App[int]):
    """quizapp's TUI: home, study, quiz, browser, stats."""

    COMMANDS = App.COMMANDS | {QuizappCommands}
    TITLE = "quizapp"
    BINDINGS = [
        Binding("ctrl+q", "quit", "Quit", id="quit", priority=True),
        Binding("question_mark", "help", "Help", id="help"),
    ]

    class WorkspaceReady(Message):
        """The decks and the learner's progress are loaded."""

    def __init__(self, config: AppConfig):
        super().__init__()
        self.config = config
        self.workspace: Workspace | None = None
        self.load_error: str | None = None
        self._gc_waits: set[str] = set()  # what the cyclic GC, held from on_load, still waits for
        self._recovered = False  # Recover ran once: a learner that still fails to open is not offered it again

    def get_default_screen(self) -> HomeScreen:
        """Home is the first screen itself (pushing it over a blank default screen costs the first frame)."""
        return HomeScreen()

    def on_load(self) -> None:
        """Start opening the decks and progress at once, in a thread, so a slow open never holds up the first
        frame for more than START_WAIT. Hold the cyclic GC until the first frame is drawn and the decks are open:
        start-up makes tens of thousands of objects that live on, and collecting among them would only delay that
        frame; the collection runs once both are done."""
        import threading
        import time

        if gc.isenabled():  # both: the decks' own bulk loads hold it too, and must not see it back mid-way
            self._gc_waits = {"first frame", "decks open"}
            gc.disable()
        # What the opening needs is imported here, not in its thread: the two threads could not run Python at once
        # anyway, and on a loaded machine every hand-over between them waits for a core (ab_first_frame.py at load
        # 2.5-3: the decks frame 0.017 s sooner, the same CPU). The first frame's wait for the decks counts it.
        started = time.monotonic()
        import quizapp.study.counts  # noqa: F401 - home's counts
        import quizapp.tui.widgets.deck_table  # noqa: F401 - and its table
        import quizapp.workspace  # noqa: F401

        self._start_wait = max(0.0, self.START_WAIT - (time.monotonic() - started))
        self._opening: list[tuple[str, Any]] = []
        self._opener = threading.Thread(
            target=lambda: self._opening.append(self._open(self.config.learner)), name="quizapp-open", daemon=True
        )
        self._opener.start()

    def on_mount(self) -> None:
        self.sub_title = self.config.learner
        # When the decks open quickly (their caches are warm) the first frame already shows them: one frame, not a
        # "Loading decks…" frame and then a second one. A slow open (no caches, a big deck) waits no longer than
        # START_WAIT before the first frame, then finishes in the thread.
        self._opener.join(self._start_wait)
        if self._opening:
            self._opened(self.config.learner, *self._opening[0])
        else:
            self._finish_opening(self.config.learner)
        self.call_after_refresh(self._gc_may_run, "first frame")

    def _gc_may_run(self, event: str) -> None:
        if event in self._gc_waits:
            self._gc_waits.discard(event)
            if not self._gc_waits:
                gc.enable()

    START_WAIT = 0.15  # seconds the first frame may wait for the decks

    @work(thread=True, exclusive=True, group="load")
    def _finish_opening(self, learner: str) -> None:
        self._opener.join()
        self.call_from_thread(self._opened, learner, *self._opening[0])

    @work(thread=True, exclusive=True, group="load")
    def load_workspace(self, learner: str, read_only: bool = False) -> None:
        """Load decks and progress off the UI thread, so the screen is not held up."""
        outcome = self._open(learner, read_only)
        self.call_from_thread(self._opened, learner, *outcome)

    def _open(self, learner: str, read_only: bool = False) -> tuple[str, Any]:
        """Open the workspace (any thread): ("ok", workspace) or what went wrong, for _opened on the UI thread."""
        from quizapp.errors import CorruptFile, LearnerBusy
        from quizapp.workspace import open_workspace

        try:
            ws = open_workspace(
                self.config.home,
                learner,
                self.config.deck_paths,
                read_only=read_only,
                enable_fuzzing=self.config.enable_fuzzing,
            )
        except LearnerBusy as e:
            return "busy", str(e)
        except CorruptFile as e:
            return "corrupt", e
        except (OSError, ValueError) as e:
            return "failed", str(e)
        return "ok", ws

    def _opened(self, learner: str, kind: str, value: Any) -> None:
        self._gc_may_run("decks open")
        if kind == "ok":
            self._workspace_loaded(value)
        elif kind == "busy":
            self._learner_busy(learner, value)
        elif kind == "corrupt":
            self._progress_corrupt(learner, value, self._recovered)
        else:
            self._load_failed(value)

    def _workspace_loaded(self, ws: Workspace) -> None:
        old = self.workspace
        self.workspace = ws
        if old is not None and old is not ws:
            old.close()
        self.sub_title = ws.learner + ("  (read-only)" if ws.store.read_only else "")
        for problem in ws.library.problems[:5]:
            self.notify(str(problem), title="Deck problem", severity="warning", timeout=10, markup=False)
        for warning in ws.store.report.warnings:
            self.notify(warning, title="Progress", severity="warning", timeout=10, markup=False)
        self.screen.post_message(self.WorkspaceReady())
        self.set_timer(self.PREPARE_AFTER, lambda: self._prepare_scheduler(ws))
        start, self._start_screen = getattr(self, "_start_screen", self.config.start), "home"
        deck = self.config.deck_id
        deck = (ws.find_deck(deck) or deck) if deck else None  # `quizapp quiz energy`: an id, file or title words
        if start == "study":
            self.action_study(deck)
        elif start == "quiz":
            self.action_quiz(deck)

    PREPARE_AFTER = 0.3  # seconds after the decks open: the import's thread must not delay home's first frame

    def _prepare_scheduler(self, ws: Workspace) -> None:
        """Once home is drawn, import fsrs in the background, so the first card rated does not wait for it."""
        import threading

        threading.Thread(target=ws.scheduler.prepare, name="quizapp-fsrs", daemon=True).start()

    def _learner_busy(self, learner: str, message: str) -> None:
        from quizapp.tui.screens.confirm import ConfirmScreen

        def chosen(read_only: bool | None) -> None:
            if read_only:
                self.load_workspace(learner, read_only=True)
            else:
                self.exit(return_code=1, message=message)

        self.push_screen(ConfirmScreen(message, yes="Open read-only", no="Quit"), chosen)

    def _progress_corrupt(self, learner: str, error: Exception, repaired: bool = False) -> None:
        from quizapp.tui.screens.confirm import ConfirmScreen

        if repaired:  # Recover ran and the learner still does not open: say so, never loop
            hint = "Recovery could not fix it; `quizapp learner check` lists what is wrong."
            self.exit(return_code=1, message=f"quizapp: {error}\n{hint}")
            return

        def chosen(rebuild: bool | None) -> None:
            if rebuild:
                self._recover(learner)
            else:
                self.exit(return_code=1, message=str(error))

        from quizapp.progress.devices import device_id
        from quizapp.progress.layout import is_written_log

        name = getattr(getattr(error, "path", None), "name", "")
        if name == "profile.toml":
            what = "Go back to default settings"
        elif is_written_log(name, device_id()):
            what = "Rebuild the log from its readable records"
        else:
            what = "Rebuild the progress from the review log"
        text = f"{error}\n\n{what}? The damaged file is kept beside it as a copy, never deleted, so nothing is lost."
        self.push_screen(ConfirmScreen(text, yes="Recover", no="Quit"), chosen)

    def _recover(self, learner: str) -> None:
        """What `quizapp learner repair` does (progress.recovery.repair), then open the learner again."""
        from quizapp.errors import QuizappError
        from quizapp.progress.recovery import repair

        try:
            result = repair(self.config.home, learner)
        except (QuizappError, OSError) as e:
            self.exit(return_code=1, message=f"quizapp: recovery failed, nothing was deleted: {e}")
            return
        done = "; ".join(result.done) or "Nothing needed repair"  # each names the copy it kept
        self.notify(f"{done}.", title="Recovered", markup=False, timeout=10)
        self._recovered = True
        self.load_workspace(learner)

    def _load_failed(self, message: str) -> None:
        self.exit(return_code=1, message=f"quizapp: {message}")

    # -- navigation actions used by screens, the palette and the CLI ----------------------------------
    def action_help(self) -> None:
        from quizapp.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(type(self.screen).__name__))

    def _open_deck(self, deck_id: str | None) -> Workspace | None:
        """The workspace when `deck_id` (None: every deck) can be opened; else None, after saying why."""
        if self.workspace is None:
            return None
        if deck_id is None or self.workspace.library.get(deck_id):
            return self.workspace
        known = ", ".join(d.id for d in self.workspace.library.decks) or "none"
        self.notify(
            f"There is no deck {deck_id!r}. Decks: {known}.",
            title="Unknown deck",
            severity="error",
            markup=False,
            timeout=10,
        )
        return None

    def action_study(self, deck_id: str | None = None) -> None:
        ws = self._open_deck(deck_id)
        if ws is None:
            return
        from quizapp.tui.screens.study import StudyScreen

        self.push_screen(StudyScreen(ws, deck_id))

    def action_quiz(self, deck_id: str | None = None) -> None:
        ws = self._open_deck(deck_id)
        if ws is None:
            return
        from quizapp.tui.screens.quiz import QuizScreen

        c = self.config
        self.push_screen(
            QuizScreen(ws, deck_id, count=c.quiz_count, kinds=c.quiz_kinds, tags=c.quiz_tags, seed=c.quiz_seed)
        )

    def switch_learner(self, learner: str) -> None:
        if self.workspace is not None and self.workspace.learner == learner:
            return
        self._start_screen = "home"
        self.load_workspace(learner)

    async def action_quit(self) -> None:
        """Quit, unless reviews that failed to save would be lost: then ask first."""
        from quizapp.errors import SaveFailed
        from quizapp.tui.screens.confirm import ConfirmScreen

        store = self.workspace.store if self.workspace else None
        if store is None or not store.pending:
            self._exit_after_compaction()
            return
        try:
            store.flush()
        except SaveFailed as e:
            problem = str(e)

            def chosen(quit_anyway: bool | None) -> None:
                if quit_anyway:
                    self.exit(return_code=1, message=f"quizapp: {problem}")

            self.push_screen(
                ConfirmScreen(
                    f"{problem}\n\nQuit anyway? Those changes will be lost.", yes="Quit anyway", no="Stay and retry"
                ),
                chosen,
            )
            return
        self._exit_after_compaction()

    def _exit_after_compaction(self) -> None:
        """Quit; a snapshot (cards.toml) that cannot be written now is said, though nothing is lost."""
        from quizapp.errors import SaveFailed

        store = self.workspace.store if self.workspace else None
        try:
            if store is not None:
                store.finish_compaction()
        except SaveFailed as e:
            self.exit(0, message=f"quizapp: {e}")
            return
        self.exit(0)

    def on_app_focus(self) -> None:
        """The terminal window is back in front (the learner may have studied on another computer meanwhile)."""
        pick_up = getattr(self.screen, "pick_up_synced", None)  # home's and a study session's (study.py: lazy)
        if callable(pick_up):
            pick_up()

    def on_unmount(self) -> None:
        if self._gc_waits:
            self._gc_waits.clear()
            gc.enable()
        if self.workspace is not None:
            from quizapp.errors import SaveFailed

            try:
                self.workspace.close()
            except SaveFailed:
                pass  # the learner chose to quit anyway


def make_app(**config: Any) -> QuizApp:
    """Build the app from AppConfig's fields as plain values; the CLI and the tests both call this."""
    return QuizApp(AppConfig(**config))
