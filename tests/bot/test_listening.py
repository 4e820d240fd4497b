"""A coach that listens (issue 13), through the real Application: what was really done
(Fewer), how it felt (effort), progression on both, the guard rails on Harder and Easier,
dumbbell weights, the rest timer, and the words typed on a card."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select

from bot.offline import ChatDriver
from content.ladder import ProgressionState
from content.library import default_library
from content.model import WeightUnit
from storage import progressions
from storage.models import SessionItem, SetLog
from storage.runners import find_by_telegram_id
from tests.factories import EFFORT_QUESTION, finish_session, onboard
from tests.harness import BotHarness

LIBRARY = default_library()


async def runner_id(bot: BotHarness, runner: ChatDriver) -> int:
    async with bot.session() as db:
        profile = await find_by_telegram_id(db, runner.user_id)
    assert profile is not None
    return profile.id


async def items_of_last_session(bot: BotHarness) -> list[SessionItem]:
    async with bot.session() as db:
        last = await db.scalar(select(SessionItem.session_id).order_by(SessionItem.id.desc()))
        return list(
            await db.scalars(
                select(SessionItem)
                .where(SessionItem.session_id == last)
                .order_by(SessionItem.position)
            )
        )


async def fewer(runner: ChatDriver, count: int) -> None:
    """Say a set fell short: Fewer, then the count."""
    await runner.press("Fewer")
    await runner.press(str(count))


async def test_fewer_and_hard_are_stored_and_shape_the_next_session(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    rid = await runner_id(bot, runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    await runner.press("Fewer")
    shown = bot.api.message(runner.chat_id, card.message_id)
    assert shown is not None and shown.button_labels[:5] == ["5", "4", "3", "2", "1"]
    assert shown.button_labels[-1] == "Back"
    await runner.press("Back")
    assert bot.api.message(runner.chat_id, card.message_id).button_labels[0] == "Done ✅"  # type: ignore[union-attr]
    await fewer(runner, 4)  # set 1 of the jumps: 4 of 6
    assert "Set 2 of 3" in runner.last_text
    await runner.press("Done")
    await fewer(runner, 5)  # set 3: 5 of 6
    # the jumps' card now asks how it felt, and the next exercise is below it
    assert any(EFFORT_QUESTION in text for text in runner.texts_since(0))
    assert runner.last_text.startswith("2/5")
    jumps_card = next(
        m for m in bot.api.messages(runner.chat_id) if EFFORT_QUESTION in m.plain_text
    )
    await runner.press("Hard", jumps_card)  # on the jumps' question
    summary = await finish_session(runner)
    assert "Summary" in summary
    items = await items_of_last_session(bot)
    async with bot.session() as db:
        logs = list(
            await db.scalars(
                select(SetLog).where(SetLog.item_id == items[0].id).order_by(SetLog.id)
            )
        )
    assert [log.reps for log in logs] == [4, 6, 5]  # what was really done, per set
    assert items[0].effort == "hard" and items[-1].effort == "right"
    async with bot.session() as db:
        jumps = await progressions.get_state(db, rid, "squat_jump")
    assert jumps is not None and jumps.struggle_streak == 1 and jumps.reps == 6  # held

    # a second session short and hard on the jumps: the target comes down
    bot.clock.advance(timedelta(days=2))
    await runner.command("workout")
    for _ in range(3):
        await fewer(runner, 3)
    jumps_card = [m for m in bot.api.messages(runner.chat_id) if EFFORT_QUESTION in m.plain_text]
    await runner.press("Hard", jumps_card[-1])
    summary = await finish_session(runner)
    assert "Squat jump: Hard two sessions running: next time aim for 5 jumps." in summary
    bot.clock.advance(timedelta(days=2))
    await runner.command("workout")
    first = (await items_of_last_session(bot))[0]
    assert (first.exercise_id, first.reps) == ("squat_jump", 5)  # the next prescription


async def _twelve_weeks(bot: BotHarness, *, struggle: bool) -> ProgressionState:
    runner = bot.runner()
    await onboard(runner)
    rid = await runner_id(bot, runner)
    for _ in range(4):
        bot.clock.advance(timedelta(days=2))
        await runner.command("workout")
        for _ in range(60):
            text = runner.last_text
            if "Summary" in text:
                break
            if EFFORT_QUESTION in text:
                await runner.press("Hard" if struggle else "Just right")
            elif struggle and "Set 1 of" in text:
                await fewer(runner, 1)
            else:
                await runner.press("Done")
        # answer the questions left open above the cards, as a struggler would
        for message in bot.api.messages(runner.chat_id):
            if struggle and "Hard" in message.button_labels:
                await runner.press("Hard", message)
    async with bot.session() as db:
        state = await progressions.get_state(db, rid, "squat_jump")
    assert state is not None
    return state


async def test_the_struggler_ends_lower_than_the_diligent_runner(bot: BotHarness) -> None:
    jumps = LIBRARY.get("squat_jump")
    diligent = await _twelve_weeks(bot, struggle=False)
    struggler = await _twelve_weeks(bot, struggle=True)

    def place(state: ProgressionState) -> tuple[int, int]:
        rung = jumps.rung(state.rung_id)
        assert rung is not None
        return jumps.ladder.index(rung), state.reps

    assert place(struggler) < place(diligent)
    assert struggler.reps < 6  # the jumps came down to meet them


async def test_harder_twice_on_one_card_moves_once_and_offers_it_next_time(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    rid = await runner_id(bot, runner)
    await runner.command("workout")
    await runner.press("Harder")
    assert "Harder: now" in runner.last_text
    first_rung = (await items_of_last_session(bot))[0].rung_id
    await runner.press("Harder")
    assert "One step up per exercise per session" in runner.last_text
    answers = [call.params.get("text") for call in bot.api.calls_to("answerCallbackQuery")]
    assert answers[-1] == "One step up per session."
    assert (await items_of_last_session(bot))[0].rung_id == first_rung  # held
    async with bot.session() as db:
        state = await progressions.get_state(db, rid, "squat_jump")
    assert state is not None and state.harder_next
    await finish_session(runner)
    summary = runner.last_text
    assert summary.count("Squat jump: Harder: now") == 1  # one net line, never one per press
    bot.clock.advance(timedelta(days=2))
    await runner.command("workout")
    assert "Harder is ready when you are" in runner.last_text


async def test_a_loaded_rung_takes_a_typed_weight_and_asks_for_more_at_the_top(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner, level="Advanced", equipment=("Dumbbells",))
    rid = await runner_id(bot, runner)
    squat = LIBRARY.get("squat")
    top = squat.ladder[-1]
    async with bot.session() as db:  # on the top rung, at the top of the range once already
        await progressions.save_state(
            db, rid, ProgressionState("squat", top.id, top.rep_max, top_streak=1)
        )
        await db.commit()
    await runner.command("workout")
    while not runner.last_text.split("\n", 1)[0].endswith("Squat"):
        await runner.press("Skip")
    assert "Type the weight, like 12 kg" in runner.last_text
    await runner.send("12")  # a bare number: the weight or the reps?
    assert "12: is that the weight or the reps" in runner.last_text
    await runner.press("12 kg")
    assert "with 12 kg" in runner.last_text and "Weight noted: 12 kg." in runner.last_text
    await runner.send("12.5 kg")  # a weight with its unit is taken at once
    assert "with 12.5 kg" in runner.last_text
    async with bot.session() as db:
        count_before = len(list(await db.scalars(select(SetLog))))
    for _ in range(top.sets):
        await runner.press("Done")
    summary = await finish_session(runner)
    assert "next time pick up 14 kg (from 12.5 kg)" in summary
    async with bot.session() as db:
        state = await progressions.get_state(db, rid, "squat")
        logs = list(await db.scalars(select(SetLog).where(SetLog.exercise_id == "squat")))
    assert state is not None and (state.load, state.load_unit) == (14.0, WeightUnit.KG)
    assert state.reps == top.rep_min
    assert {log.load for log in logs} == {12.5} and len(logs) >= count_before * 0 + top.sets


async def test_pounds_in_settings_and_a_typed_weight_in_pounds(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, level="Advanced", equipment=("Dumbbells",))
    await runner.command("settings")
    await runner.press("Weights in kg")
    assert "Dumbbell weights in lb" in bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    assert "Weights in lb" in bot.api.last_message(runner.chat_id).button_labels
    async with bot.session() as db:
        profile = await find_by_telegram_id(db, runner.user_id)
    assert profile is not None and profile.weight_unit is WeightUnit.LB


async def test_the_rest_timer_says_go_once_unless_a_press_came_first(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    await runner.press("Done")
    assert "Rest now: about 60 s" in runner.last_text  # a beginner's rest between jump sets
    queue = bot.application.job_queue
    (job,) = [job for job in queue.jobs() if job.name and job.name.startswith("legcoach.rest")]
    await job.run(bot.application)  # the rest is over: no sleeping, the job runs now
    shown = bot.api.message(runner.chat_id, card.message_id)
    assert shown is not None and "Go: set 2 of 3." in shown.plain_text
    edits = len(bot.api.calls_to("editMessageText"))
    await job.run(bot.application)  # a second firing changes nothing: at most one edit
    assert len(bot.api.calls_to("editMessageText")) == edits

    # a press before the rest is over: the timer finds the state moved on and does nothing
    await runner.press("Done")
    stale = [job for job in queue.jobs() if job.name and job.name.startswith("legcoach.rest")]
    await runner.press("Fewer")
    await runner.press("3")
    edits = len(bot.api.calls_to("editMessageText"))
    for old in stale:
        await old.run(bot.application)
    assert len(bot.api.calls_to("editMessageText")) == edits


async def test_the_rest_timer_after_a_restart_does_nothing_and_can_be_turned_off(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Done")
    await bot.restart()  # the timer lived in memory: gone, and the card just says to rest
    rest_jobs = [j for j in bot.application.job_queue.jobs() if j.name and "rest" in j.name]
    assert not rest_jobs
    await runner.press("Done")
    assert "Set 3 of 3" in runner.last_text
    await runner.command("settings")
    await runner.press("Rest timer: on")
    assert "Rest timer: off" in bot.api.last_message(runner.chat_id).button_labels
    bot.clock.advance(timedelta(days=2))
    await runner.command("workout")
    await runner.press("Done")
    assert "Rest now" not in runner.last_text and "between sets" in runner.last_text


async def test_typed_words_count_as_the_card_s_buttons(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.send("done")
    async with bot.session() as db:
        assert len(list(await db.scalars(select(SetLog)))) == 1
    await runner.send("Done")
    await runner.send("finished")
    async with bot.session() as db:
        assert len(list(await db.scalars(select(SetLog)))) == 3
    # the jumps asked how they felt and the squat card is live: "hard" is that answer
    await runner.send("hard")
    items = await items_of_last_session(bot)
    assert items[0].effort == "hard"
    await runner.send("harder")
    assert "Harder: now" in runner.last_text
    await runner.send("skip")
    assert runner.last_text.startswith("3/5")
    await runner.send("4")  # a bare number where nothing is lifted: the reps of a set
    async with bot.session() as db:
        last = await db.scalar(select(SetLog).order_by(SetLog.id.desc()))
    assert last is not None and last.reps == 4


@pytest.mark.parametrize("level", ["Beginner", "Intermediate", "Advanced"])
async def test_the_session_length_counts_rests(bot: BotHarness, level: str) -> None:
    runner = bot.runner()
    await onboard(runner, level=level)
    await runner.command("workout")
    intro = next(text for text in runner.texts_since(0) if text.startswith("Leg session"))
    minutes = int(intro.split("about ", 1)[1].split(" ", 1)[0])
    assert 20 <= minutes <= 50 and "with rests" in intro
