"""The plan card on screen: after set-up, after a setting is saved, on /start and /profile."""

from __future__ import annotations

from telegram import Chat, InlineKeyboardMarkup

from bot.context import LegContext
from bot.flows.changes import Changes
from bot.flows.language import spoken
from bot.flows.profile import plan_card, weight_unit
from bot.keyboards import onboarding as keyboards
from bot.messages import try_send
from bot.texts import language as language_texts
from bot.texts import plan as texts
from storage.runners import RunnerProfile


async def show_plan(
    chat: Chat, context: LegContext, *, saved: bool = False, changes: Changes | None = None
) -> bool:
    """Bring the reminders in step with the profile, then send the plan card (after a
    setting is saved: "Saved." and what changed); False when Telegram did not confirm it."""
    card = await plan_card(context.db, context.runner, context.services.clock.now())
    context.runner = card.runner
    text = texts.plan_card(card)
    if saved:
        text = f"{texts.saved(changes)}\n\n{text}"
    return await try_send(chat, text, keyboards.summary()) is not None


async def show_settings(chat: Chat, context: LegContext) -> None:
    """The plan card and the runner's language, with one button per setting."""
    card = await plan_card(context.db, context.runner, context.services.clock.now())
    context.runner = card.runner
    language = language_texts.settings_line(spoken(card.runner))
    text = f"{texts.plan_card(card)}\n{language}\n\n{texts.settings_intro()}"
    await try_send(chat, text, settings_keyboard(card.runner))


def settings_keyboard(runner: RunnerProfile) -> InlineKeyboardMarkup:
    return keyboards.settings_menu(weight_unit(runner), runner.rest_timer, runner.weekly_recap)
