"""/export: every logged set as a CSV document, and the profile as a second one."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.constants import ChatAction
from telegram.ext import Application, CommandHandler

from bot.context import LegContext
from bot.flows import export
from bot.messages import try_send
from bot.screens.export import send_profile, send_sets, write_sets
from bot.screens.files import try_action
from bot.texts import export as texts


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("export", export_command))


async def export_command(update: Update, context: LegContext) -> None:
    """/export: the sets file (in parts if it is huge), then the profile file."""
    message = update.effective_message
    assert message is not None
    runner, library = context.runner, context.library
    zone = export.zone_of(runner)
    today = context.services.clock.now().astimezone(zone).date().isoformat()
    await try_action(message.chat, ChatAction.UPLOAD_DOCUMENT)
    profile = await export.profile_export(context.db, library, runner)
    if not profile.sets:
        await context.db.commit()
        await try_send(message.chat, texts.nothing_logged())
        await send_profile(message.chat, profile, library, today)
        return
    parts = await write_sets(export.exported_sets(context.db, library, runner), profile.zone)
    # Everything is read: give the connection back before the (possibly long) uploads.
    await context.db.commit()
    try:
        await send_sets(message.chat, parts, profile.sessions, today)
        await send_profile(message.chat, profile, library, today)
    finally:
        parts.close()
