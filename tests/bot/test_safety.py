"""A runner mentions pain: safety advice, no diagnosis, and a gentle session on offer."""

from __future__ import annotations

from sqlalchemy import func, select

from bot.offline import ChatDriver
from content.library import default_library
from content.model import Area
from storage.models import LegSession, SessionItem, SetLog
from tests.factories import EFFORT_QUESTION, finish_session, onboard
from tests.harness import BotHarness

LIBRARY = default_library()


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


async def test_pain_without_a_place_gets_advice_and_asks_where(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.send("I think I'm injured")
    assert "not a clinician" in runner.last_text and "/pause" in runner.last_text
    assert "Where does it hurt?" in runner.last_text
    labels = bot.api.last_message(runner.chat_id).button_labels
    assert labels[:3] == ["Knee", "Hip", "Ankle"] and labels[-1] == "Somewhere else"
    await runner.press("Calf")
    assert "I'll remember your calf" in runner.last_text
    assert "squat jump and calf raise" in runner.last_text
    assert bot.api.last_message(runner.chat_id).button_labels == ["Gentle session"]


async def test_forged_gentle_area_falls_back_to_a_normal_session(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    card = bot.api.last_message(runner.chat_id)
    await runner.press_data(card.message_id, "go:gentle:elbow")
    assert runner.last_text.startswith("1/5 Squat jump")


async def to_second_card(runner: ChatDriver) -> None:
    """Press Done (answering the effort question) until the second exercise's card."""
    for _ in range(20):
        if runner.last_text.startswith("2/"):
            return
        if EFFORT_QUESTION in runner.last_text:
            await runner.press("Just right")
        else:
            await runner.press("Done")
    raise AssertionError(f"never reached the second card: {runner.last_text!r}")


async def sessions_of(bot: BotHarness) -> list[LegSession]:
    async with bot.session() as db:
        return list(await db.scalars(select(LegSession).order_by(LegSession.id)))


async def items_of(bot: BotHarness, session_id: int) -> list[str]:
    async with bot.session() as db:
        rows = await db.scalars(
            select(SessionItem.exercise_id)
            .where(SessionItem.session_id == session_id)
            .order_by(SessionItem.position)
        )
        return list(rows)


async def test_pain_mid_session_ends_it_and_a_gentle_one_replaces_it(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await to_second_card(runner)
    assert runner.last_text.startswith("2/5 Squat")
    mark = runner.mark()
    await runner.send("ouch, my hip hurts")
    advice, summary, offer = runner.texts_since(mark)
    assert "not a clinician" in advice and "I've ended this session" in advice
    assert "I'll remember your hip" in advice
    assert summary.startswith("Summary: Session stopped early. Everything you logged is kept.")
    assert "Sets done: 3 of" in summary
    assert offer == (
        "Feel like a gentle session in its place? No jumps, no squat and nothing that loads "
        "your hip. It counts as today's session, so no need to confirm a second one."
    )
    (stopped,) = await sessions_of(bot)
    assert stopped.status == "stopped"
    async with bot.session() as db:
        logged = await db.scalar(
            select(func.count()).select_from(SetLog).where(SetLog.session_id == stopped.id)
        )
    assert logged == 3  # what was logged is kept

    mark = runner.mark()
    await runner.press("Gentle session instead")
    intro = runner.texts_since(mark)[0]
    assert intro.startswith("Leg session:")  # no same-day confirmation: it replaces it
    assert "In place of the session you stopped: no jumps and no squat." in intro
    assert "Gentle on your hip" in intro and "leg swings" not in intro
    stopped, gentle = await sessions_of(bot)
    assert (gentle.replaces_id, gentle.kind) == (stopped.id, "gentle")
    items = await items_of(bot, gentle.id)
    assert items and not {"squat", "squat_jump"} & set(items)
    assert not LIBRARY.loading({Area.HIP}) & set(items)

    # the button again: the gentle session is going, and it is where the runner is
    await runner.press("Gentle session instead")
    assert "You have a session going" in runner.texts_since(mark)[-2]
    await finish_session(runner)
    # once it is done, the button starts nothing new without asking
    await runner.press("Gentle session instead")
    assert runner.last_text.startswith("You've already done a leg session today.")
    assert len(await sessions_of(bot)) == 2


async def test_a_gentle_button_pressed_mid_session_replaces_the_session(bot: BotHarness) -> None:
    """Issue 14: it used to answer "You have a session going" and send the exercise that
    hurt."""
    runner = bot.runner()
    await onboard(runner)
    await runner.send("my calf is a bit sore")
    gentle = bot.api.last_message(runner.chat_id)
    assert gentle.button_labels == ["Gentle session"]
    await runner.command("workout")
    await to_second_card(runner)
    hurt = runner.last_text.split("\n", 1)[0].split(" ", 1)[1]  # "2/5 Squat" -> "Squat"
    mark = runner.mark()
    await runner.press("Gentle session", message=gentle.message_id)
    texts = runner.texts_since(mark)
    assert texts[0].startswith("Summary: Session stopped early.")
    assert not any("You have a session going" in text for text in texts)
    assert any(text.startswith("Leg session:") for text in texts)
    first, second = await sessions_of(bot)
    assert second.replaces_id == first.id
    assert hurt.lower().replace(" ", "_") not in await items_of(bot, second.id)
    # pressed again during the gentle session: that is where the runner is
    mark = runner.mark()
    await runner.press("Gentle session", message=gentle.message_id)
    assert runner.texts_since(mark)[0] == "You have a session going. Here's where you were:"
    assert len(await sessions_of(bot)) == 2
