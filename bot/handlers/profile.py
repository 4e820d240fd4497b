"""/profile, /settings and the settings buttons."""

from __future__ import annotations

from typing import Any

from telegram import Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import unpack
from bot.context import LegContext
from bot.flows import profile as profile_flow
from bot.flows import setup
from bot.flows.setup import Question
from bot.keyboards import onboarding as keyboards
from bot.messages import answer, pressed_message, try_edit_markup, try_retire
from bot.screens.profile import settings_keyboard, show_plan, show_settings
from bot.screens.setup import ask, require_setup
from bot.texts import onboarding as texts
from bot.texts import recap as recap_texts

SETTINGS_TOPIC = "set"


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("profile", show_profile))
    application.add_handler(CommandHandler("settings", settings))
    application.add_handler(CallbackQueryHandler(settings_button, pattern=r"^set:"))


async def show_profile(update: Update, context: LegContext) -> None:
    """/profile: the plan card (or the next set-up question)."""
    message = update.effective_message
    assert message is not None
    if await require_setup(message, context):
        await show_plan(message.chat, context)


async def settings(update: Update, context: LegContext) -> None:
    """/settings: one button per setting, each opening its set-up question."""
    message = update.effective_message
    assert message is not None
    if await require_setup(message, context):
        await show_settings(message.chat, context)


async def settings_button(update: Update, context: LegContext) -> None:
    """A settings button: open that question in editing mode (or the menu again)."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    fields = unpack(query.data, SETTINGS_TOPIC, 1)
    choice = fields[0] if fields else None
    if choice == keyboards.RECAP_TOGGLE and context.runner.onboarded:
        now = context.services.clock.now()
        context.runner = await profile_flow.toggle_weekly_recap(context.db, context.runner, now)
        await answer(query, recap_texts.toggled(context.runner.weekly_recap))
        await try_edit_markup(context.bot, message, settings_keyboard(context.runner))
        return
    if choice in (keyboards.UNIT_TOGGLE, keyboards.REST_TOGGLE) and context.runner.onboarded:
        toggle = (
            profile_flow.toggle_weight_unit
            if choice == keyboards.UNIT_TOGGLE
            else profile_flow.toggle_rest_timer
        )
        context.runner = await toggle(context.db, context.runner)
        await answer(query, texts.toggled(choice, context.runner))
        await try_edit_markup(context.bot, message, settings_keyboard(context.runner))
        return
    if choice != "menu" and choice not in {question.value for question in Question}:
        await answer(query, texts.earlier_question())
        return
    await answer(query)
    if choice == "menu" or not context.runner.onboarded:
        if await require_setup(message, context):
            await show_settings(message.chat, context)
        return
    now = context.services.clock.now()
    runner, retire = await setup.open_question(
        context.db, context.runner, Question(choice), editing=True
    )
    context.runner = runner
    if retire is not None:
        await try_retire(context.bot, message.chat_id, retire)
    await ask(message.chat, context, setup.view(runner, Question(choice), now))
