"""What topic handlers share about routing: free-text responders (and the fallbacks asked
after them), pointing back after an aside, light callbacks, and loading the runner of an
update. Handlers register here; ``bot.handlers.common`` runs it.

Kept out of the handler modules so no handler imports another.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from telegram import Update
from telegram.ext import Application

from bot.context import LegContext
from bot.flows import runner as runner_flow
from bot.i18n import use_language

Responder = Callable[[Update, LegContext], Awaitable[bool]]
FollowUp = Callable[[Update, LegContext], Awaitable[None]]
RESPONDERS_KEY = "legcoach.responders"
FALLBACKS_KEY = "legcoach.fallback_responders"
POINTERS_KEY = "legcoach.pointers"
LIGHT_KEY = "legcoach.light_callbacks"

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


@dataclass(frozen=True, slots=True)
class Registered:
    """A responder, and whether what it answers is an aside: something said in passing
    (a how-to question, pain) after which the runner is pointed back to what they were
    doing (a pending question)."""

    respond: Responder
    aside: bool


def add_responder(application: AnyApplication, fn: Responder, *, aside: bool = False) -> None:
    """Let a topic answer free messages; earlier registrations are asked first."""
    application.bot_data.setdefault(RESPONDERS_KEY, []).append(Registered(fn, aside))


def responders(application: AnyApplication) -> list[Registered]:
    found: list[Registered] = application.bot_data.get(RESPONDERS_KEY, [])
    return found


def add_fallback(application: AnyApplication, fn: Responder) -> None:
    """Let a topic claim what no responder wanted, before the short help: a pending
    question explains how to answer it once how-to questions had their turn."""
    application.bot_data.setdefault(FALLBACKS_KEY, []).append(fn)


def fallbacks(application: AnyApplication) -> list[Responder]:
    found: list[Responder] = application.bot_data.get(FALLBACKS_KEY, [])
    return found


def add_pointer(application: AnyApplication, fn: FollowUp) -> None:
    """Let a topic point the runner back to what they were doing after an aside."""
    application.bot_data.setdefault(POINTERS_KEY, []).append(fn)


async def point_back(update: Update, context: LegContext) -> None:
    """After an aside (an answer to a how-to question, /help, pain advice): each topic with
    something pending points back to it in one line."""
    if not context.has_runner:
        return
    for pointer in context.application.bot_data.get(POINTERS_KEY, ()):
        await pointer(update, context)


def add_light_callback(application: AnyApplication, pattern: str) -> None:
    """Button presses matching ``pattern`` skip the up-front runner load.

    For hot paths that can check ownership in their own statement; they call
    :func:`ensure_runner` when they need the profile after all.
    """
    application.bot_data.setdefault(LIGHT_KEY, []).append(re.compile(pattern))


def is_light(application: AnyApplication, data: str) -> bool:
    return any(pattern.match(data) for pattern in application.bot_data.get(LIGHT_KEY, ()))


async def ensure_runner(update: Update, context: LegContext) -> None:
    """Load (or create) the runner of this update into ``context.runner`` if not done yet,
    and speak their stored language from here on (Telegram's until then)."""
    if context.has_runner:
        return
    user, chat = update.effective_user, update.effective_chat
    assert user is not None and chat is not None
    context.runner = await runner_flow.load_or_create(
        context.db,
        context.services.fast if context.db_untouched else None,
        telegram_user_id=user.id,
        chat_id=chat.id,
        first_name=user.first_name or "",
        username=user.username,
        language=user.language_code,
    )
    use_language(context.runner.language)
