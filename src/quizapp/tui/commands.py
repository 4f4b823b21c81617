"""The command palette's own commands (ctrl+p): study or quiz a deck by name, browse, stats, settings, learner."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider


class QuizappCommands(Provider):
    """quizapp's actions, one palette entry each (a deck's name finds its study and quiz entries)."""

    def _commands(self) -> list[tuple[str, Callable[[], object], str]]:
        from quizapp.tui.screens.fsrs import FsrsScreen
        from quizapp.tui.screens.home import HomeScreen

        app = self.app
        ws = getattr(app, "workspace", None)
        if ws is None:
            return []
        out: list[tuple[str, Callable[[], object], str]] = [
            ("Study all decks", partial(app.action_study, None), "Everything that is due"),  # type: ignore[attr-defined]
        ]
        for d in ws.library.decks:
            out.append((f"Study {d.title}", partial(app.action_study, d.id), "Study this deck's due cards"))  # type: ignore[attr-defined]
            out.append((f"Quiz {d.title}", partial(app.action_quiz, d.id), "A quiz on this deck"))  # type: ignore[attr-defined]
        home = next((s for s in app.screen_stack if isinstance(s, HomeScreen)), None)
        if home is not None:
            out += [
                ("Quiz…", home.action_quiz, "Choose the kind of quiz first"),
                ("Browse cards", home.action_browse, "Search and filter every card"),
                ("Stats", home.action_stats, "Reviews, retention, forecast"),
                ("Settings", home.action_settings, "Daily limits, retention, typed cards"),
                ("Optimize FSRS", lambda: app.push_screen(FsrsScreen(ws)), "Fit FSRS to your reviews; retention chart"),
                ("Switch learner", home.action_learner, "Another learner on this machine, or a new one"),
            ]
        return out

    async def discover(self) -> Hits:
        for name, run, help_text in self._commands():
            yield DiscoveryHit(name, run, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, run, help_text in self._commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), run, help=help_text)
