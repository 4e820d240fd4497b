"""/stats for operators (ADMIN_IDS): the figures of ``bot.operator``.

Anyone else gets the usual unknown-command answer: the handler only matches admins' user
ids, so for everyone else /stats falls through to the catch-all like any unknown command.
The command is in the admins' own menus only, set per admin chat at start-up.
"""

from __future__ import annotations

import logging
from typing import Any

from telegram import BotCommandScopeChat, Update
from telegram.error import TelegramError
from telegram.ext import Application, CommandHandler, filters

from bot import operator
from bot.context import LegContext, services_of
from bot.keyboards.menu import menus
from bot.messages import try_send
from bot.texts import stats as texts

log = logging.getLogger(__name__)

AnyApplication = Application[Any, Any, Any, Any, Any, Any]


def register(application: AnyApplication) -> None:
    services = services_of(application)
    operator.mark_started(application, services.clock.now())
    admins = services.settings.admin_ids
    if admins:
        application.add_handler(
            CommandHandler("stats", show_stats, filters=filters.User(user_id=admins))
        )


async def set_admin_menus(application: AnyApplication) -> None:
    """Give each admin's private chat the menu with /stats, in every language (at start-up).
    An admin who has never opened a chat with the bot has no chat yet: logged, and tried at
    the next start."""
    admin_menus = menus(extra=(texts.COMMAND,))
    for admin in services_of(application).settings.admin_ids:
        try:
            for code, menu in admin_menus:
                await application.bot.set_my_commands(
                    menu, scope=BotCommandScopeChat(admin), language_code=code
                )
        except TelegramError as exc:
            log.warning("could not set the admin menu for %s: %s", admin, type(exc).__name__)


async def show_stats(update: Update, context: LegContext) -> None:
    """/stats: the operator figures, fresh."""
    message = update.effective_message
    assert message is not None
    found = await operator.figures(context.application, fresh=True)
    await try_send(message.chat, texts.stats_message(found))
