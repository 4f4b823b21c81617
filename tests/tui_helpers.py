"""Helpers shared by the Pilot tests."""

from __future__ import annotations


async def settle(app, pilot) -> None:
    """Wait for the app's loading worker (started at mount) and for the screen updates that follow it."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
