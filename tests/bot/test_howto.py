"""Ask the coach how to do an exercise, through the real Application (issue 5).

Every answer is the exercise's picture with a short caption; its More button sends the full
how-to text (issue 17; the pictures themselves: tests/bot/test_picture_answers.py).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from bot.offline import ChatDriver
from content.ladder import ProgressionState
from content.library import default_library
from storage import progressions
from storage.models import Progression, Runner
from tests.factories import make_runner, onboard
from tests.harness import BotHarness

LIBRARY = default_library()
NAMES = [exercise.name for exercise in LIBRARY]


async def set_up_runner(bot: BotHarness, **overrides: Any) -> ChatDriver:
    """A runner already set up (stored directly), chatting with the bot."""
    driver = bot.runner()
    async with bot.session() as db:
        await make_runner(db, telegram_user_id=driver.user_id, **overrides)
        await db.commit()
    return driver


async def runner_id(bot: BotHarness, driver: ChatDriver) -> int:
    async with bot.session() as db:
        row = await db.scalar(select(Runner).where(Runner.telegram_user_id == driver.user_id))
    assert row is not None
    return row.id


def callback_answers(bot: BotHarness) -> list[str]:
    return [call.params.get("text", "") for call in bot.api.calls_to("answerCallbackQuery")]


async def full_text(runner: ChatDriver) -> str:
    """Press More under the newest picture: the whole how-to, as one message."""
    mark = runner.mark()
    await runner.press("More")
    (text,) = runner.texts_since(mark)
    return text


async def test_how_side_lunge_gives_the_whole_card_and_the_runners_rung(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, level="Beginner", equipment=("None",))
    mark = runner.mark()
    await runner.command("how", "side lunge")
    (caption,) = runner.texts_since(mark)
    assert caption.startswith("Side lunge\nYour rung: Side lunge, body weight\n")
    picture = bot.api.last_message(runner.chat_id)
    assert picture.photo is not None and picture.button_labels == ["More 📖", "Animation ▶️"]
    card = await full_text(runner)
    assert card.startswith("Side lunge\n")
    assert "Why it helps your running" in card and "sideways control" in card
    assert "1. Stand with your feet hip-width apart" in card and "5. Push off" in card
    assert "Cues\n• The bent knee points over your toes" in card
    assert "Common mistakes\n• Letting the bent knee collapse inwards." in card
    assert "Equipment options" in card and "more rungs with: Hip-circle band, Dumbbells" in card
    assert "• Side lunge, dumbbell at the chest: Dumbbells" in card
    # a beginner with no kit starts on body weight, and Harder leads to the pause
    assert "You are on: Side lunge, body weight (3 x 8-12 per side)" in card
    assert "Next up: Side lunge, 2-second pause at the bottom (3 x 8-12 per side)" in card
    message = bot.api.last_message(runner.chat_id)
    assert message.parse_mode == "HTML" and message.button_labels == []
    assert len(message.text or "") < 4096


async def test_the_card_shows_the_stored_rung_and_the_top_hint(bot: BotHarness) -> None:
    runner = await set_up_runner(bot, equipment=[])
    async with bot.session() as db:
        state = ProgressionState("side_lunge", "pause", 10)
        await progressions.save_state(db, await runner_id(bot, runner), state)
        await db.commit()
    await runner.send("how do I do a side lunge?")
    assert "Your rung: Side lunge, 2-second pause at the bottom\n" in runner.last_text
    card = await full_text(runner)
    assert "You are on: Side lunge, 2-second pause at the bottom (3 x 8-12 per side)" in card
    # with no kit the pause is the top rung: the card says how to keep progressing instead
    assert "Next up" not in card
    assert "Top of your ladder: Take 4 seconds to sink into each lunge" in card
    assert "Dumbbells would unlock: Side lunge, dumbbell at the chest." in card


async def test_a_rung_whose_kit_is_gone_shows_the_rung_below(bot: BotHarness) -> None:
    runner = await set_up_runner(bot, equipment=[])
    async with bot.session() as db:
        state = ProgressionState("squat", "dumbbells", 8)
        await progressions.save_state(db, await runner_id(bot, runner), state)
        await db.commit()
    await runner.command("how", "squat")
    assert "Your rung: Squat, 3-second lowering" in runner.last_text
    assert "You are on: Squat, 3-second lowering" in await full_text(runner)


async def test_how_alone_offers_every_exercise_and_a_press_answers(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    await runner.command("how")
    assert "Which exercise?" in runner.last_text
    assert bot.api.last_message(runner.chat_id).button_labels == NAMES
    assert len(NAMES) == 7
    mark = runner.mark()
    await runner.press("Single-leg deadlift")
    (caption,) = runner.texts_since(mark)
    assert caption.startswith("Single-leg deadlift\nYour rung: Single-leg deadlift, hand on")
    assert callback_answers(bot) == [""]
    card = await full_text(runner)
    assert card.startswith("Single-leg deadlift\n") and "Why it helps your running" in card
    assert "You are on: Single-leg deadlift, hand on a wall" in card
    assert callback_answers(bot) == ["", ""]


async def test_exercises_lists_every_exercise_as_a_button(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    await runner.command("exercises")
    assert "The exercises I coach" in runner.last_text
    assert bot.api.last_message(runner.chat_id).button_labels == NAMES
    await runner.press("Calf raise")
    assert runner.last_text.startswith("Calf raise\nYour rung: Calf raise, both feet\n")
    assert runner.last_message.photo is not None
    assert "You are on: Calf raise, both feet (3 x 10-15)" in await full_text(runner)


async def test_plain_question_gets_the_howto(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    mark = runner.mark()
    await runner.send("how do I do a bridge?")
    (caption,) = runner.texts_since(mark)
    assert caption.startswith("One-legged bridge\n")
    card = await full_text(runner)
    assert card.startswith("One-legged bridge\n") and "1. Lie on your back" in card


async def test_typos_and_aliases_in_plain_text(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    for text, name in (
        ("singel leg dead lift", "Single-leg deadlift"),
        ("calf raisse?", "Calf raise"),
        ("lundge", "Moving lunge"),
        ("RDL", "Single-leg deadlift"),
        ("heel raises", "Calf raise"),
        ("glute brdge", "One-legged bridge"),
    ):
        await runner.send(text)
        assert runner.last_text.startswith(f"{name}\n"), text


async def test_ambiguous_question_offers_the_candidates(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    await runner.send("how do I do a single leg?")
    assert "Did you mean one of these?" in runner.last_text
    labels = bot.api.last_message(runner.chat_id).button_labels
    assert {"Single-leg deadlift", "One-legged bridge", "Calf raise"} <= set(labels)
    assert len(labels) < len(NAMES)
    await runner.press("One-legged bridge")
    assert runner.last_text.startswith("One-legged bridge\n")


async def test_unknown_exercise_is_answered_kindly_with_every_exercise(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    await runner.send("how do I do a burpee?")
    text = runner.last_text
    assert "I don't know that one yet" in text and "burpee" in text
    assert "These are the exercises I coach" in text
    assert bot.api.last_message(runner.chat_id).button_labels == NAMES
    await runner.command("how", "pull ups")
    assert "I don't know that one yet" in runner.last_text


async def test_chat_that_is_not_about_exercise_gets_the_short_help(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    for text in ("hello", "thanks!", "what's the weather"):
        mark = runner.mark()
        await runner.send(text)
        replies = runner.texts_since(mark)
        assert len(replies) == 1, text
        assert "I'm your leg-strength coach" in replies[0]
        assert "I don't know that one yet" not in replies[0]


async def test_forged_and_stale_buttons_are_answered_and_change_nothing(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    await runner.command("exercises")
    message_id = bot.api.last_message(runner.chat_id).message_id
    async with bot.session() as db:
        before = await db.scalar(select(Runner).where(Runner.telegram_user_id == runner.user_id))
        assert before is not None
        snapshot = (before.level, before.equipment, before.pending_question, before.onboarded)
    mark = runner.mark()
    for data in ("how:nope", "how:", "how:squat:extra", "how:SQUAT", "how:../squat"):
        await runner.press_data(message_id, data)
    answers = callback_answers(bot)
    assert len(answers) == 5 and all("no longer works" in text for text in answers)
    assert runner.texts_since(mark) == []
    async with bot.session() as db:
        after = await db.scalar(select(Runner).where(Runner.telegram_user_id == runner.user_id))
        assert after is not None
        assert (after.level, after.equipment, after.pending_question, after.onboarded) == snapshot
        assert await db.scalar(select(func.count()).select_from(Progression)) == 0


async def test_a_button_on_a_deleted_message_still_answers(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    await runner.press_data(999_999, "how:squat")
    assert callback_answers(bot) == [""]
    assert runner.last_text.startswith("Squat\n")


async def test_the_runners_words_are_escaped(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    await runner.send("how do I do a <script>burpee</script> & <b>jump?")
    message = bot.api.last_message(runner.chat_id)
    assert "&lt;script&gt;burpee&lt;/script&gt; &amp; &lt;b&gt;" in (message.text or "")
    assert "<script>burpee</script> & <b>" in message.plain_text
    await runner.send("<b>lunge or squat</b>?")
    assert "&lt;b&gt;lunge or squat&lt;/b&gt;" in (bot.api.last_message(runner.chat_id).text or "")


async def test_a_runner_not_set_up_gets_the_beginner_start(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.send("how to squat")
    assert runner.last_text.startswith("Squat\nBeginners start on: Squat, body weight\n")
    card = await full_text(runner)
    assert card.startswith("Squat\n") and "You are on" not in card
    assert "Beginners start on: Squat, body weight (3 x 8-12)" in card
    assert "/start" in card


async def test_onboarding_answers_a_how_to_then_points_back_to_its_question(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await runner.command("start")
    mark = runner.mark()
    await runner.send("how do I do a bridge?")
    picture, back = runner.texts_since(mark)
    assert picture.startswith("One-legged bridge\n") and "Your rung" not in picture
    assert back == "Back to question 1: how much strength training have you done?"
    # the command answers mid-onboarding too, without a personal rung
    mark = runner.mark()
    await runner.command("how", "bridge")
    picture, back = runner.texts_since(mark)
    assert picture.startswith("One-legged bridge\n") and "Your rung" not in picture
    assert back.startswith("Back to question 1")
