"""Leg sessions: one exercise per message with Done / Harder / Easier / Skip / How? (issue 4)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from telegram import Message
from telegram.ext import Application

from bot.context import LegContext


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Nothing registered yet."""


async def begin_session(
    message: Message, context: LegContext, *, planned_for: datetime | None = None
) -> None:
    """Start (or resume) a leg session for ``context.runner`` in ``message.chat``.

    ``planned_for`` is the reminder instant when started from a leg-day message.
    """
    await message.chat.send_message("Sessions arrive with issue 4.")
