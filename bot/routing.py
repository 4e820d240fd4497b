"""What topic handlers share about routing: free-text responders, light callbacks, and
loading the runner of an update. Handlers register here; ``bot.handlers.common`` runs it.

Kept out of the handler modules so no handler imports another.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.context import LegContext
from bot.flows import runner as runner_flow

Responder = Callable[[Update, LegContext], Awaitable[bool]]
RESPONDERS_KEY = "legcoach.responders"
LIGHT_KEY = "legcoach.light_callbacks"

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def add_responder(application: AnyApplication, fn: Responder) -> None:
    """Let a topic answer free messages; earlier registrations are asked first."""
    application.bot_data.setdefault(RESPONDERS_KEY, []).append(fn)


def responders(application: AnyApplication) -> list[Responder]:
    found: list[Responder] = application.bot_data.get(RESPONDERS_KEY, [])
    return found


def add_light_callback(application: AnyApplication, pattern: str) -> None:
    """Button presses matching ``pattern`` skip the up-front runner load.

    For hot paths that can check ownership in their own statement; they call
    :func:`ensure_runner` when they need the profile after all.
    """
    application.bot_data.setdefault(LIGHT_KEY, []).append(re.compile(pattern))


def is_light(application: AnyApplication, data: str) -> bool:
    return any(pattern.match(data) for pattern in application.bot_data.get(LIGHT_KEY, ()))


async def ensure_runner(update: Update, context: LegContext) -> None:
    """Load (or create) the runner of this update into ``context.runner`` if not done yet."""
    if context.has_runner:
        return
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    context.runner = await runner_flow.load_or_create(
        context.db,
        telegram_user_id=user.id,
        chat_id=chat.id,
        first_name=user.first_name or "",
        username=user.username,
        language=user.language_code,
    )
