"""Pictures in the conversation (issue 17 points 2-4, issue 18 point 3), through the real
Application: How? answers with a picture and keeps the card last, the first card of an
exercise comes after its picture, a picture is uploaded once per bot, and a picture that
cannot be sent never holds a card back."""

from __future__ import annotations

import re
from datetime import timedelta
from itertools import pairwise
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from bot.clock import ManualClock
from bot.flows.cards import card_for
from bot.keyboards import howto as keyboards
from bot.offline import ChatDriver, MessageKind, StoredMessage
from bot.texts import howto as texts
from content.library import default_library
from content.model import Unit
from storage.enums import ItemStatus
from storage.models import SetLog
from storage.sessions import ItemView
from tests.factories import finish_session, make_runner, onboard
from tests.harness import BotHarness, running_bot

LIBRARY = default_library()
NEW = "New exercise: here's how it looks."


async def set_up_runner(bot: BotHarness, **overrides: Any) -> ChatDriver:
    driver = bot.runner()
    async with bot.session() as db:
        await make_runner(db, telegram_user_id=driver.user_id, **overrides)
        await db.commit()
    return driver


async def sets_logged(bot: BotHarness) -> int:
    async with bot.session() as db:
        return int(await db.scalar(select(func.count()).select_from(SetLog)) or 0)


def answers(bot: BotHarness) -> list[str]:
    return [call.params.get("text", "") for call in bot.api.calls_to("answerCallbackQuery")]


def is_card(message: StoredMessage) -> bool:
    return bool(message.button_labels) and message.button_labels[0].startswith("Done")


# --- How? during a session ----------------------------------------------------------------


async def test_how_mid_session_sends_the_picture_then_the_card_again_last(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Done")  # set 1 of the first exercise
    first_card = runner.last_message
    assert is_card(first_card) and "Set 2 of 3" in first_card.plain_text

    await runner.press("How?")
    picture, card = runner.replies
    # the compact answer: the picture of the card's own rung, three cues, More and Animation
    assert picture.kind is MessageKind.PHOTO
    assert picture.plain_text.startswith("Squat jump\nYour rung: Squat jump, body weight\n")
    assert picture.plain_text.count("• ") == 3 and len(picture.caption or "") < 600
    assert picture.button_labels == ["More 📖", "Animation ▶️"]
    # then the same card again, last and live; the old copy lost its buttons
    assert card.plain_text.splitlines()[:4] == first_card.plain_text.splitlines()[:4]
    assert "Set 2 of 3" in card.plain_text and is_card(card)
    assert runner.last_message.message_id == card.message_id
    assert bot.api.message(runner.chat_id, first_card.message_id).buttons == []  # type: ignore[union-attr]
    assert answers(bot)[-1] == ""

    # Done on the new copy logs the next set and redraws it in place
    await runner.press("Done")
    assert await sets_logged(bot) == 2
    assert "Set 3 of 3" in runner.last_text and runner.last_message.message_id == card.message_id


async def test_more_and_animation_mid_session_also_leave_the_card_last(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("How?")
    picture = next(m for m in runner.replies if m.kind is MessageKind.PHOTO)

    await runner.press("More", picture)
    full, card = runner.replies
    assert "Why it helps your running" in full.plain_text and "You are on: Squat jump" in full.text
    assert is_card(card) and runner.last_message.message_id == card.message_id

    await runner.press("Animation", picture)
    animation, again = runner.replies
    assert animation.kind is MessageKind.ANIMATION
    assert animation.plain_text == "Squat jump, body weight"
    assert is_card(again) and bot.api.message(runner.chat_id, card.message_id).buttons == []  # type: ignore[union-attr]

    await runner.press("Done")
    assert await sets_logged(bot) == 1


async def test_a_how_question_typed_mid_session_also_brings_the_card_back(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.send("how do I do a calf raise?")
    picture, card = runner.replies
    assert picture.plain_text.startswith("Calf raise\nYour rung: Calf raise, both feet")
    assert is_card(card) and card.plain_text.startswith("1/5 Squat jump")


# --- one upload per bot -------------------------------------------------------------------


async def test_the_second_runner_gets_the_picture_by_file_id(bot: BotHarness) -> None:
    first, second = await set_up_runner(bot), await set_up_runner(bot)
    await first.command("how", "squat")
    await second.command("how", "squat")
    uploaded, reused = bot.api.calls_to("sendPhoto")
    assert uploaded.uploaded and uploaded.uploads[0].filename.startswith("squat.")
    assert not reused.uploaded
    assert reused.params["photo"] == first.last_message.photo == second.last_message.photo

    await first.press("Animation")
    await second.press("Animation")
    loop_uploaded, loop_reused = bot.api.calls_to("sendAnimation")
    assert loop_uploaded.uploaded and not loop_reused.uploaded
    assert second.last_message.kind is MessageKind.ANIMATION


# --- the first meeting --------------------------------------------------------------------


async def test_each_new_exercise_comes_after_its_picture_once(bot: BotHarness) -> None:
    await each_new_exercise_comes_after_its_picture_once(bot)


async def test_each_new_exercise_comes_after_its_picture_once_on_postgresql(
    pg_bot: BotHarness,
) -> None:
    await each_new_exercise_comes_after_its_picture_once(pg_bot)


async def each_new_exercise_comes_after_its_picture_once(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    mark = runner.mark()
    await runner.command("workout")
    await finish_session(runner)
    first_session = runner.sent_since(mark)
    cards = [card_name(m) for m in first_session if card_name(m)]
    assert len(cards) == 5  # each card is one message, closed in place when done
    # every exercise is new to a new runner: each card comes right after its picture
    pictured = [
        (picture_name(before), card_name(after)) for before, after in pairwise(first_session)
    ]
    assert [pair for pair in pictured if pair[0]] == [(name, name) for name in cards]

    bot.clock.advance(timedelta(days=2))
    mark = runner.mark()
    await runner.command("workout")
    await finish_session(runner)
    second_session = runner.sent_since(mark)
    again = [card_name(m) for m in second_session if card_name(m)]
    assert set(again) & set(cards)  # the same exercises come back...
    new = {picture_name(m) for m in second_session} - {None}
    assert not new & set(cards)  # ...without their pictures


async def test_a_skipped_exercise_counts_as_met_and_the_next_card_brings_its_own_picture(
    db_url: str, clock: ManualClock, pictures_dir: Path
) -> None:
    """Skip closes a card and sends the next: the next one's first-meeting question rides
    on the same unit as the close (``storage.presses.close_and_advance``)."""
    async with running_bot(db_url, clock=clock, pictures_dir=pictures_dir) as bot:
        runner = bot.runner()
        await onboard(runner)
        mark = runner.mark()
        await runner.command("workout")
        while "Summary" not in runner.last_text:
            await runner.press("Skip")
        first_session = runner.sent_since(mark)
        cards = list(dict.fromkeys(card_name(m) for m in first_session if card_name(m)))
        assert len(cards) == 5
        pictured = [
            (picture_name(before), card_name(after))
            for before, after in pairwise(first_session)
            if picture_name(before)
        ]
        assert pictured == [(name, name) for name in cards]  # each new one, once

        bot.clock.advance(timedelta(days=2))
        mark = runner.mark()
        await runner.command("workout")
        while "Summary" not in runner.last_text:
            await runner.press("Skip")
        second_session = runner.sent_since(mark)
        again = {card_name(m) for m in second_session} - {None}
        assert again & set(cards)
        pictures = {picture_name(m) for m in second_session} - {None}
        assert pictures == again - set(cards)  # only an exercise not met before


CARD = re.compile(r"(?:✅ |⏭ )?\d+/\d+ ([^:\n]+)")


def card_name(message: StoredMessage) -> str | None:
    """The exercise of a session card (live or closed), else None."""
    found = CARD.match(message.plain_text) if message.kind is MessageKind.TEXT else None
    return found.group(1) if found else None


def picture_name(message: StoredMessage) -> str | None:
    """The exercise of a first-meeting picture, else None."""
    if message.kind is not MessageKind.PHOTO or not message.plain_text.startswith(NEW):
        return None
    return message.plain_text.split("\n")[1]


async def test_a_failed_picture_never_holds_the_card_back(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    bot.api.fail_next("sendPhoto", "500")
    await runner.command("workout")
    intro, card = runner.replies
    assert intro.plain_text.startswith("Leg session:") and is_card(card)
    await runner.press("Done")
    assert await sets_logged(bot) == 1

    # How? whose picture times out: the caption's words still answer, the card comes last
    bot.api.fail_next("sendPhoto", "timeout")
    await runner.press("How?")
    words, again = runner.replies
    assert words.kind is MessageKind.TEXT and words.plain_text.startswith("Squat jump\n")
    assert words.button_labels == ["More 📖", "Animation ▶️"] and is_card(again)


async def test_the_picture_of_a_card_that_failed_comes_with_its_next_copy(
    bot: BotHarness,
) -> None:
    """A card Telegram did not confirm was never seen: its picture comes again."""
    runner = bot.runner()
    await onboard(runner)
    bot.api.fail_next("sendMessage", "500", times=2)  # the intro and the first card
    await runner.command("workout")
    assert [m.plain_text.startswith(NEW) for m in runner.replies] == [True]
    await runner.command("workout")  # resumes: the card again, and still its picture first
    note, picture, card = runner.replies
    assert note.plain_text.startswith("You have a session going")
    assert picture.plain_text.startswith(NEW) and is_card(card)


# --- old and forged presses ---------------------------------------------------------------


async def test_old_and_forged_picture_buttons_are_answered_politely(bot: BotHarness) -> None:
    runner = await set_up_runner(bot)
    await runner.command("how", "squat")
    message_id = runner.last_message.message_id
    mark = runner.mark()
    forged = (
        "pic:m:nope",
        "pic:m:squat:extra:more",
        "pic:a:squat",
        "pic:a:squat:no_such_rung",
        "pic:x:squat",
        "pic:",
        "pic:m:../squat",
    )
    for data in forged:
        await runner.press_data(message_id, data)
    assert len(answers(bot)) == len(forged)
    assert all("no longer works" in text for text in answers(bot))
    assert runner.texts_since(mark) == []


# --- limits -------------------------------------------------------------------------------


def test_every_caption_fits_well_under_telegrams_limit() -> None:
    for exercise in LIBRARY:
        for rung in exercise.ladder:
            for personal in (True, False):
                caption = texts.picture_caption(
                    exercise, rung, personal=personal, first_time=personal
                )
                assert len(caption) <= texts.MAX_CAPTION // 2, (exercise.id, rung.id)
                assert caption.count("• ") == 3
            assert len(texts.animation_caption(exercise, rung)) < 200
            # the buttons under each picture pack their ids in under 64 bytes (or pack raises)
            assert keyboards.picture(exercise.id, rung.id).inline_keyboard


def test_the_cues_lead_with_the_rungs_own_and_never_repeat() -> None:
    squat = LIBRARY.get("squat")
    banded = squat.rung("hip_band")
    assert banded is not None
    cues = texts.picture_cues(squat, banded)
    assert cues[0] == banded.cue and cues[1:] == list(squat.cues[:2])
    item = ItemView(1, 1, 0, "squat", "hip_band", 3, 10, Unit.REPS, False, ItemStatus.ACTIVE, 0, 1)
    card = card_for(LIBRARY, 1, item)
    assert texts.picture_cues(card.exercise, card.rung) == cues
