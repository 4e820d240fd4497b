"""Leg sessions through the real Application (issue 4)."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import func, select

from bot.offline import ChatDriver
from content.ladder import ProgressionState
from content.library import default_library
from content.model import Equipment, Level
from storage import progressions
from storage.models import LegSession, ProgressionEvent, SessionItem, SetLog
from tests.factories import EFFORT_QUESTION, finish_session, make_runner, onboard
from tests.harness import BotHarness

LIBRARY = default_library()


async def complete_session(runner: ChatDriver, limit: int = 80) -> str:
    """Press Done (and answer the last effort question) until the summary arrives."""
    return await finish_session(runner, limit)


async def count(bot: BotHarness, model: type, **where: object) -> int:
    async with bot.session() as db:
        query = select(func.count()).select_from(model)
        for name, value in where.items():
            query = query.where(getattr(model, name) == value)
        return int(await db.scalar(query) or 0)


async def session_row(bot: BotHarness) -> LegSession:
    async with bot.session() as db:
        row = await db.scalar(select(LegSession).order_by(LegSession.id.desc()))
    assert row is not None
    return row


async def stored_runner(bot: BotHarness, driver: ChatDriver) -> int:
    from storage.runners import find_by_telegram_id

    async with bot.session() as db:
        profile = await find_by_telegram_id(db, driver.user_id)
    assert profile is not None
    return profile.id


async def test_whole_beginner_session_with_no_equipment(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, level="Beginner", equipment=("None",))
    mark = runner.mark()
    await runner.command("workout")
    intro, picture, card = runner.texts_since(mark)
    assert "5 exercises" in intro and "Warm up" in intro
    assert picture.startswith("New exercise: here's how it looks.\nSquat jump")
    assert "with rests" in intro and "hops" in intro  # jumps today: the warm-up ends with hops
    # jumps first while fresh, one exercise per message, with the six buttons
    assert card.startswith("1/5 Squat jump") and "Set 1 of 3" in card and "Cue:" in card
    assert "Rest 1-2 min between sets" in card
    labels = bot.api.last_message(runner.chat_id).button_labels
    assert [label.split()[0] for label in labels] == [
        "Done",
        "Fewer…",
        "Harder",
        "Easier",
        "Skip",
        "How?",
    ]

    await runner.press("Done")
    assert "Set 2 of 3" in runner.last_text and "Rest now" in runner.last_text
    presses = 1
    cards: list[str] = []
    while EFFORT_QUESTION not in runner.last_text:
        if runner.last_text not in cards:
            cards.append(runner.last_text)
        await runner.press("Done")
        presses += 1
    assert cards[-1].startswith("5/5 Calf raise")  # calf raises last
    assert "Summary" not in runner.last_text  # the summary waits for how the last one felt
    assert "Skip" in bot.api.last_message(runner.chat_id).button_labels
    await runner.press("Just right")
    summary = runner.last_text
    assert "Sets done: 15 of 15 (5 of 5 exercises)" in summary
    assert "In all:" in summary and "jumps" in summary and "under work" in summary
    assert "Next leg day:" in summary
    assert presses == 15
    # every press answered, every set logged once, session stored as finished
    assert len(bot.api.calls_to("answerCallbackQuery")) >= presses
    assert await count(bot, SetLog) == 15
    row = await session_row(bot)
    assert row.status == "finished" and row.finished_at is not None
    # completed cards take no more sets: they only ask how the exercise felt
    completed = [m for m in bot.api.messages(runner.chat_id) if "completed" in m.plain_text]
    assert len(completed) == 5
    assert all("Done ✅" not in m.button_labels for m in completed)
    assert sum(m.button_labels == ["Easy", "Just right", "Hard"] for m in completed) == 4


async def test_advanced_runner_with_bands_and_dumbbells_gets_kit_rungs(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(
        runner,
        level="Advanced",
        equipment=("Hip-circle band", "Long band", "Dumbbells"),
        days=("Mon", "Wed", "Fri", "Sun"),
        hard=("Sun",),
    )
    mark = runner.mark()
    await runner.command("workout")
    assert "7 exercises" in runner.texts_since(mark)[0]
    summary = await complete_session(runner)
    assert "(7 of 7 exercises)" in summary
    async with bot.session() as db:
        items = list(await db.scalars(select(SessionItem).order_by(SessionItem.position)))
    assert items[0].exercise_id == "squat_jump"
    assert items[-1].exercise_id == "calf_raise"
    assert all(item.status == "done" and item.sets_done == item.sets for item in items)
    unilateral = {item.exercise_id for item in items if item.per_side}
    assert {"moving_lunge", "single_leg_deadlift", "side_lunge"} <= unilateral
    assert any("per side" in text for text in runner.texts_since(mark))


async def test_harder_moves_up_at_once_and_is_kept(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    before = runner.last_text
    await runner.press("Harder")
    after = runner.last_text
    assert after != before and "Harder: now Squat jump" in after
    runner_id = await stored_runner(bot, runner)
    async with bot.session() as db:
        state = await progressions.get_state(db, runner_id, "squat_jump")
        events = list(await db.scalars(select(ProgressionEvent)))
    assert state is not None and state.rung_id != "body_weight"
    assert events[-1].kind == "harder" and events[-1].reason


async def test_harder_at_the_top_says_what_would_make_it_harder(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    exercise = LIBRARY.get("squat_jump")
    top_open = [r for r in exercise.ladder if not r.equipment][-1]
    runner_id = await stored_runner(bot, runner)
    async with bot.session() as db:
        await progressions.save_state(
            db, runner_id, ProgressionState("squat_jump", top_open.id, top_open.rep_min)
        )
        await db.commit()
    await runner.command("workout")
    await runner.press("Harder")
    text = runner.last_text
    assert "top of what your kit allows" in text
    assert "would unlock" in text  # equipment they lack
    async with bot.session() as db:
        state = await progressions.get_state(db, runner_id, "squat_jump")
    assert state is not None and state.rung_id == top_open.id


async def test_easier_at_the_bottom_eases_the_dose_then_is_kind(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Easier")  # a beginner starts at the first rung: fewer jumps
    assert "Easier: 5 jumps a set" in runner.last_text
    for _ in range(8):
        await runner.press("Easier")
    assert "already the easiest version" in runner.last_text  # the floor: 1 x 3 jumps
    assert "1 x 3 jumps" in runner.last_text
    await runner.press("Harder")
    await runner.press("Easier")
    assert "Easier: now Squat jump, body weight" in runner.last_text


async def test_double_progression_over_two_sessions(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    runner_id = await stored_runner(bot, runner)
    calf = LIBRARY.get("calf_raise")
    first = calf.ladder[0]
    async with bot.session() as db:
        await progressions.save_state(
            db, runner_id, ProgressionState("calf_raise", first.id, first.rep_max)
        )
        await db.commit()
    await runner.command("workout")
    summary = await complete_session(runner)
    assert "up to" not in summary
    async with bot.session() as db:
        state = await progressions.get_state(db, runner_id, "calf_raise")
    assert state is not None and (state.rung_id, state.top_streak) == (first.id, 1)
    bot.clock.advance(timedelta(days=2))
    await runner.command("workout")
    summary = await complete_session(runner)
    second = calf.ladder[1]
    assert "two sessions running" in summary and second.name in summary
    async with bot.session() as db:
        state = await progressions.get_state(db, runner_id, "calf_raise")
    assert state is not None
    assert (state.rung_id, state.reps, state.top_streak) == (second.id, second.rep_min, 0)
    # the next session prescribes the new rung
    bot.clock.advance(timedelta(days=2))
    await runner.command("workout")
    async with bot.session() as db:
        item = await db.scalar(
            select(SessionItem)
            .where(SessionItem.exercise_id == "calf_raise")
            .order_by(SessionItem.id.desc())
        )
    assert item is not None and item.rung_id == second.id


async def test_restart_mid_session_loses_nothing(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Done")
    await runner.press("Done")
    card_id = bot.api.last_message(runner.chat_id).message_id
    await bot.restart()
    await runner.press("Done")  # the button on the message from before the restart
    assert "completed" in bot.api.message(runner.chat_id, card_id).plain_text  # type: ignore[union-attr]
    assert runner.last_text.startswith("2/5")
    assert await count(bot, SetLog) == 3
    await bot.restart()
    mark = runner.mark()
    await runner.command("workout")
    replies = runner.texts_since(mark)
    assert "You have a session going" in replies[0] and replies[1].startswith("2/5")


async def test_double_tap_logs_one_set(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    done = next(b for row in card.buttons for b in row if b.label.startswith("Done"))
    assert done.callback_data is not None
    await runner.press_data(card.message_id, done.callback_data)
    await runner.press_data(card.message_id, done.callback_data)
    assert await count(bot, SetLog) == 1
    answers = [call.params.get("text") for call in bot.api.calls_to("answerCallbackQuery")]
    assert answers[-1] == "Already logged: that set counts once."
    assert "Set 2 of 3" in runner.last_text


async def test_forged_and_malformed_callback_data_is_refused(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    before = len(bot.api.calls_to("answerCallbackQuery"))
    forged = ["s:999999:d:0.0", "s:abc:d:0.0", "s:1:x:0.0", "s:1:d", "s", "s:1:d:0.0:9", "💥", ""]
    for data in forged:
        await runner.press_data(card.message_id, data)
    assert len(bot.api.calls_to("answerCallbackQuery")) == before + len(forged)
    assert await count(bot, SetLog) == 0
    assert "Set 1 of 3" in runner.last_text


async def test_another_runners_button_does_nothing(bot: BotHarness) -> None:
    ana, ben = bot.runner(first_name="Ana"), bot.runner(first_name="Ben")
    await onboard(ana)
    await onboard(ben)
    await ana.command("workout")
    card = bot.api.last_message(ana.chat_id)
    harder = card.buttons[1][0].callback_data
    done = card.buttons[0][0].callback_data
    assert done is not None and harder is not None
    # Ben forges Ana's payloads onto a message in his own chat
    own = bot.api.last_message(ben.chat_id).message_id
    await ben.press_data(own, done)
    await ben.press_data(own, harder)
    answers = [call.params["text"] for call in bot.api.calls_to("answerCallbackQuery")[-2:]]
    assert answers == ["That button isn't for you."] * 2
    assert await count(bot, SetLog) == 0
    assert await count(bot, ProgressionEvent) == 0
    # and Ana's card in Ana's chat pressed from Ben's chat is simply too old to see
    await ben.press_data(card.message_id, done)
    assert "too old" in bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    assert await count(bot, SetLog) == 0


async def test_two_runners_in_sessions_at_once(bot: BotHarness) -> None:
    ana, ben = bot.runner(first_name="Ana"), bot.runner(first_name="Ben")
    await onboard(ana, level="Beginner")
    await onboard(ben, level="Advanced", equipment=("Dumbbells",))
    await ana.command("workout")
    await ben.command("workout")
    for _ in range(3):
        await ana.press("Done")
        await ben.press("Harder")
        await ben.press("Done")
    assert ana.last_text.startswith("2/5")
    ana_id, ben_id = await stored_runner(bot, ana), await stored_runner(bot, ben)
    assert await count(bot, SetLog, runner_id=ana_id) == 3
    assert await count(bot, SetLog, runner_id=ben_id) == 3
    async with bot.session() as db:
        assert await progressions.get_state(db, ana_id, "squat_jump") is None
        assert await progressions.get_state(db, ben_id, "squat_jump") is not None


async def test_stop_ends_early_and_keeps_what_was_logged(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Done")
    card = bot.api.last_message(runner.chat_id)
    done_data = card.buttons[0][0].callback_data or ""
    await runner.command("stop")
    assert "stopped early" in runner.last_text and "Sets done: 1 of 15" in runner.last_text
    assert not bot.api.message(runner.chat_id, card.message_id).button_labels  # type: ignore[union-attr]
    assert (await session_row(bot)).status == "stopped"
    assert await count(bot, SetLog) == 1
    # a press on the old card after the end is refused kindly
    await runner.press_data(card.message_id, done_data)
    assert "ended" in bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    await runner.command("stop")
    assert "No session is running" in runner.last_text


async def test_skip_moves_on_and_is_recorded(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Skip")
    assert runner.last_text.startswith("2/5")
    async with bot.session() as db:
        first = await db.scalar(select(SessionItem).where(SessionItem.position == 0))
    assert first is not None and first.status == "skipped"


async def test_workout_before_setup_finishes_setup_first(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("workout")
    assert "1/6" in runner.last_text
    assert await count(bot, LegSession) == 0


async def test_start_a_session_from_the_summary_card(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.press("Start a session now")
    assert runner.last_text.startswith("1/5 Squat jump")


async def test_break_of_two_weeks_restarts_lower(bot: BotHarness) -> None:
    async with bot.session() as db:
        profile = await make_runner(
            db,
            level=Level.ADVANCED,
            equipment=[Equipment.DUMBBELLS],
            last_session_at=bot.clock.now() - timedelta(days=20),
        )
        squat = LIBRARY.get("squat")
        await progressions.save_state(db, profile.id, ProgressionState("squat", "dumbbells", 10))
        await db.commit()
    runner = bot.runner(user_id=profile.telegram_user_id)
    mark = runner.mark()
    await runner.command("workout")
    assert "Welcome back" in runner.texts_since(mark)[0]
    async with bot.session() as db:
        state = await progressions.get_state(db, profile.id, "squat")
    assert state is not None and state.rung_id != "dumbbells"
    assert squat.rung(state.rung_id) is not None


async def item_ids(bot: BotHarness) -> list[int]:
    async with bot.session() as db:
        return list(await db.scalars(select(SessionItem.id).order_by(SessionItem.position)))


async def test_telegram_failing_after_the_last_set_never_allows_a_fourth(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Done")
    await runner.press("Done")
    bot.api.fail_next("sendMessage", "timeout")  # the next exercise's card fails to arrive
    await runner.press("Done")
    first = (await item_ids(bot))[0]
    assert await count(bot, SetLog, item_id=first) == 3
    # the runner carries on: the session resumes at the exercise that was not closed
    mark = runner.mark()
    await runner.command("workout")
    assert "You have a session going" in runner.texts_since(mark)[0]
    await runner.press("Done")
    assert runner.last_text.startswith("2/5")
    assert await count(bot, SetLog, item_id=first) == 3  # never a fourth set
    async with bot.session() as db:
        row = await db.get(SessionItem, first)
    assert row is not None and row.status == "done"


async def test_done_on_a_finished_exercise_says_so(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    for _ in range(3):
        await runner.press("Done")
    last_done = f"s:{(await item_ids(bot))[0]}:d:2"
    await runner.press_data(card.message_id, last_done)
    assert (
        bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
        == "That exercise is already finished."
    )
    assert await count(bot, SetLog) == 3


async def test_well_formed_but_wrong_payloads_change_nothing(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    first, second = (await item_ids(bot))[:2]
    await runner.press_data(card.message_id, f"s:{second}:d:0")  # not the current exercise
    assert "isn't the current one" in bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    await runner.press_data(card.message_id, f"s:{first}:h:r4")  # a rung the card never showed
    await runner.press_data(card.message_id, f"s:{first}:d:7")  # a set count from nowhere
    assert await count(bot, SetLog) == 0
    assert await count(bot, ProgressionEvent) == 0
    assert "Set 1 of 3" in runner.last_text


async def test_presses_on_cards_telegram_no_longer_shows(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    first = (await item_ids(bot))[0]
    for data in (f"s:{first}:d:0", "go:now"):
        await runner.press_data(99_999, data)  # date 0: inaccessible
        assert "too old" in bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    assert await count(bot, SetLog) == 0
    assert await count(bot, LegSession) == 1


async def test_only_sets_on_the_final_rung_count_towards_progression(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Done")
    await runner.press("Done")
    await runner.press("Harder")  # one set left, on the harder rung
    await runner.press("Done")
    await complete_session(runner)
    runner_id = await stored_runner(bot, runner)
    async with bot.session() as db:
        state = await progressions.get_state(db, runner_id, "squat_jump")
    assert state is not None
    rung = LIBRARY.get("squat_jump").rung(state.rung_id)
    assert rung is not None and state.rung_id != "body_weight"
    # one set on the new rung is not a complete session there: no credit yet
    assert (state.reps, state.top_streak, state.clean_streak) == (rung.rep_min, 0, 0)


async def test_resuming_takes_the_buttons_off_the_old_card(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    old = bot.api.last_message(runner.chat_id)
    await runner.command("workout")
    assert bot.api.message(runner.chat_id, old.message_id).button_labels == []  # type: ignore[union-attr]
    assert bot.api.last_message(runner.chat_id).button_labels[0].startswith("Done")
