"""A runner mentions pain: safety advice, no diagnosis, and a gentle session on offer."""

from __future__ import annotations

from sqlalchemy import select

from storage.models import SessionItem
from tests.factories import onboard
from tests.harness import BotHarness


async def test_knee_pain_gets_advice_and_a_knee_friendly_session(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.send("my knee hurts when I lunge")
    advice = runner.last_text
    assert "not a clinician" in advice and "physio" in advice
    assert "moving lunge" in advice  # says what is left out; the lunge how-to is not sent
    assert bot.api.last_message(runner.chat_id).button_labels == ["Gentle session"]
    await runner.press("Gentle session")
    async with bot.session() as db:
        planned = list(await db.scalars(select(SessionItem.exercise_id)))
    assert planned and not {"squat_jump", "moving_lunge", "side_lunge", "squat"} & set(planned)
    assert "single_leg_bridge" in planned and planned[-1] == "calf_raise"


async def test_pain_without_a_place_gets_advice_only(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.send("I think I'm injured")
    assert "not a clinician" in runner.last_text and "/pause" in runner.last_text
    assert bot.api.last_message(runner.chat_id).button_labels == []


async def test_forged_gentle_area_falls_back_to_a_normal_session(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    card = bot.api.last_message(runner.chat_id)
    await runner.press_data(card.message_id, "go:gentle:elbow")
    assert runner.last_text.startswith("1/5 Squat jump")
