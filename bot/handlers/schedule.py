"""Leg-day scheduling: re-planning reminders when the profile changes (issue 6 grows this)."""

from __future__ import annotations

from typing import Any

from telegram.ext import Application

from bot.context import LegContext


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """No handlers yet: /next, /pause, /resume and /race arrive with the scheduler."""


async def replan(context: LegContext) -> None:
    """Recompute the runner's upcoming reminders after a change (stored with the scheduler)."""
