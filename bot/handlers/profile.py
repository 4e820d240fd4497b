"""/profile, /settings and the summary card."""

from __future__ import annotations

from typing import Any

from telegram import Message, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import unpack
from bot.context import LegContext
from bot.handlers.onboarding import open_question, require_setup
from bot.keyboards import onboarding as keyboards
from bot.messages import pressed_message
from bot.planning import leg_day_plan, next_leg_day
from bot.texts import onboarding as texts
from content.zones import zone_label


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("profile", show_profile))
    application.add_handler(CommandHandler("settings", show_settings))
    application.add_handler(CallbackQueryHandler(settings_button, pattern=r"^set:"))


async def summary_text(context: LegContext) -> str:
    runner = context.runner
    plan = leg_day_plan(runner)
    upcoming = await next_leg_day(context.db, runner, context.services.clock.now())
    paused = None
    if runner.paused:
        paused = (
            f"Reminders paused until {runner.paused_until:%a %d %b}."
            if runner.paused_until
            else "Reminders paused until you /resume."
        )
    return texts.summary_card(
        first_name=runner.first_name,
        level=runner.level,
        equipment=runner.equipment,
        running_days=runner.running_days,
        hard_days=runner.hard_days,
        leg_days=plan.days,
        notes=plan.notes,
        reminder_time=runner.reminder_time,
        zone_label=zone_label(runner.time_zone) if runner.time_zone else None,
        next_leg_day=upcoming,
        paused_note=paused,
    )


async def send_summary(message: Message, context: LegContext, *, saved: bool = False) -> None:
    """The summary card: profile, leg days chosen by the rules, and the next leg day."""
    from bot.handlers.schedule import replan

    await replan(context)
    text = await summary_text(context)
    if saved:
        text = f"{texts.saved()}\n\n{text}"
    await message.chat.send_message(
        text, parse_mode=ParseMode.HTML, reply_markup=keyboards.summary()
    )


async def show_profile(update: Update, context: LegContext) -> None:
    """/profile: the summary card (or the next onboarding question)."""
    message = update.effective_message
    assert message is not None
    if await require_setup(message, context):
        await send_summary(message, context)


async def show_settings(update: Update, context: LegContext) -> None:
    """/settings: one button per field, each opening the onboarding question."""
    message = update.effective_message
    assert message is not None
    await _send_settings(message, context)


async def _send_settings(message: Message, context: LegContext) -> None:
    if not await require_setup(message, context):
        return
    await message.chat.send_message(
        f"{await summary_text(context)}\n\n{texts.settings_intro()}",
        parse_mode=ParseMode.HTML,
        reply_markup=keyboards.settings_menu(),
    )


async def settings_button(update: Update, context: LegContext) -> None:
    """A settings field button: open that question in editing mode."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    fields = unpack(query.data, "set", 1)
    valid = {name for name, _label in keyboards.SETTINGS_FIELDS} | {"menu"}
    if fields is None or fields[0] not in valid:
        await query.answer(texts.earlier_question())
        return
    await query.answer()
    if fields[0] == "menu":
        await _send_settings(message, context)
        return
    if not context.runner.onboarded:
        await _send_settings(message, context)
        return
    await open_question(message, context, fields[0], editing=True)
