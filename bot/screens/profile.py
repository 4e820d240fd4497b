"""The plan card on screen: after set-up, after a setting is saved, on /start and /profile."""

from __future__ import annotations

from telegram import Chat

from bot.context import LegContext
from bot.flows.profile import PlanCard, plan_card
from bot.keyboards import onboarding as keyboards
from bot.messages import try_send
from bot.texts import onboarding as texts
from content.zones import zone_label


def plan_text(card: PlanCard) -> str:
    runner = card.runner
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
        leg_days=card.plan.days,
        notes=card.plan.notes,
        reminder_time=runner.reminder_time,
        zone_label=zone_label(runner.time_zone) if runner.time_zone else None,
        next_leg_day=card.next_leg_day,
        paused_note=paused,
    )


async def show_plan(chat: Chat, context: LegContext, *, saved: bool = False) -> bool:
    """Bring the reminders in step with the profile, then send the plan card; False when
    Telegram did not confirm it."""
    card = await plan_card(context.db, context.runner, context.services.clock.now())
    context.runner = card.runner
    text = plan_text(card)
    if saved:
        text = f"{texts.saved()}\n\n{text}"
    return await try_send(chat, text, keyboards.summary()) is not None


async def show_settings(chat: Chat, context: LegContext) -> None:
    """The plan card with one button per setting."""
    card = await plan_card(context.db, context.runner, context.services.clock.now())
    context.runner = card.runner
    await try_send(
        chat, f"{plan_text(card)}\n\n{texts.settings_intro()}", keyboards.settings_menu()
    )
