"""Helpers shared by the Pilot tests."""

from __future__ import annotations


async def settle(app, pilot) -> None:
    """Wait for the app's loading worker (started at mount) and for the screen updates that follow it."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def wait_for_screen(app, pilot, screen_type: type, tries: int = 300) -> None:
    """Wait until the app shows a screen of `screen_type` (e.g. a question asked once loading has failed)."""
    for _ in range(tries):
        if isinstance(app.screen, screen_type):
            return
        await pilot.pause(0.02)
