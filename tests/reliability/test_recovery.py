"""After a Telegram failure at any point, the runner's next press continues from what is
stored: no dead button, no lost or doubled set (issue 11, point 1)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable

import pytest
from sqlalchemy import func, select

from bot.offline import ChatDriver
from storage.models import LegSession, Runner, SessionItem, SetLog
from tests.factories import finish_session, onboard
from tests.harness import BotHarness

FAULTS = ["500", "timeout", "429"]


async def _sets_logged(bot: BotHarness) -> int:
    async with bot.session() as db:
        return int(await db.scalar(select(func.count()).select_from(SetLog)) or 0)


async def _first_item(bot: BotHarness) -> SessionItem:
    async with bot.session() as db:
        item = await db.scalar(select(SessionItem).order_by(SessionItem.id))
    assert item is not None
    return item


async def _finish(runner: ChatDriver, limit: int = 60) -> str:
    return await finish_session(runner, limit)


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_failed_card_redraw_never_leaves_a_dead_done_button(
    bot: BotHarness, fault: str
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    bot.api.fail_next("editMessageText", fault)  # type: ignore[arg-type]
    await runner.press("Done")  # logged; the redraw fails
    assert await _sets_logged(bot) == 1
    stale = bot.api.message(runner.chat_id, card.message_id)
    assert stale is not None and "Set 1 of 3" in stale.plain_text  # still the old card

    await runner.press("Done")  # the old Done button: behind the stored state
    answer = bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    assert answer == "Already logged: that set counts once."
    redrawn = bot.api.message(runner.chat_id, card.message_id)
    assert redrawn is not None and "Set 2 of 3" in redrawn.plain_text
    assert await _sets_logged(bot) == 1  # the press on the stale card logged nothing

    await runner.press("Done")  # the redrawn button works
    assert await _sets_logged(bot) == 2
    summary = await _finish(runner)
    assert "Sets done: 15 of 15" in summary


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_failed_next_card_keeps_the_last_card_pressable(
    bot: BotHarness, fault: str
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    await runner.press("Done")
    await runner.press("Done")
    bot.api.fail_next("sendMessage", fault)  # type: ignore[arg-type]
    await runner.press("Done")  # the third set is logged; the next card does not go out
    assert await _sets_logged(bot) == 3
    first = await _first_item(bot)
    assert first.status == "done"  # what happened is stored, whatever Telegram said
    shown = bot.api.message(runner.chat_id, card.message_id)
    assert shown is not None and "Done ✅" in shown.button_labels  # still pressable
    await runner.press("Done")  # the old card: the current one is sent, nothing is logged
    answer = bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    assert answer == "That exercise is already finished."
    assert runner.last_text.startswith("2/5")
    assert await _sets_logged(bot) == 3
    summary = await _finish(runner)
    assert "Sets done: 15 of 15" in summary


async def test_a_card_delivered_although_its_update_failed_still_works(
    bot: BotHarness,
) -> None:
    """Telegram carried out the send, but the bot saw a failure after it (the update was
    rolled back): the card on screen belongs to an exercise that is not current yet."""
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    await runner.press("Done")
    await runner.press("Done")
    # the next card goes out, then the answer to the press fails and the update rolls back
    bot.api.fail_next("editMessageText", "500")
    bot.api.fail_next("sendMessage", "500")
    await runner.press("Done")
    assert await _sets_logged(bot) == 3
    # whatever is on screen, pressing Done on the newest card leads on
    summary = await _finish(runner)
    assert "Sets done: 15 of 15" in summary
    assert await _sets_logged(bot) == 15


async def test_a_summary_that_did_not_arrive_is_sent_again_on_the_next_press(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    for _ in range(15):
        await runner.press("Done")
    assert "How did it feel?" in runner.last_text  # the summary waits for the answer
    bot.api.fail_next("sendMessage", "timeout")
    await runner.press("Hard")  # the session ends; the summary does not go out
    async with bot.session() as db:
        session = await db.scalar(select(LegSession))
    assert session is not None and session.status == "finished"
    assert "Summary" not in runner.last_text
    await runner.press("Hard")  # the question is still there: it brings the summary
    assert "Summary" in runner.last_text and "Sets done: 15 of 15" in runner.last_text
    assert await _sets_logged(bot) == 15
    async with bot.session() as db:
        efforts = set(await db.scalars(select(SessionItem.effort)))
    assert "hard" in efforts


async def test_a_harder_press_on_a_card_drawn_before_a_change_redraws_it(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    harder = next(b for row in card.buttons for b in row if b.label.startswith("Harder"))
    assert harder.callback_data is not None
    bot.api.fail_next("editMessageText", "500")
    await runner.press("Harder")  # moved; the redraw fails, the card still says the old rung
    await runner.press_data(card.message_id, harder.callback_data)  # the stale Harder
    answer = bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    assert "behind" in answer
    shown = bot.api.message(runner.chat_id, card.message_id)
    assert shown is not None and "Harder: now" not in shown.plain_text
    assert "tuck" in shown.plain_text.lower() or "Squat jump" in shown.plain_text


async def test_an_onboarding_answer_whose_next_question_failed_leads_on(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await runner.command("start")
    bot.api.fail_next("sendMessage", "500")
    await runner.press("Beginner")  # stored; the next question does not go out
    async with bot.session() as db:
        row = await db.scalar(select(Runner))
    assert row is not None and row.level == "beginner" and row.pending_question == "equipment"
    assert "1/6" in runner.last_text  # the level question kept its buttons
    await runner.press("Advanced")  # an earlier question now: the pending one is asked again
    assert "2/6" in runner.last_text
    async with bot.session() as db:
        row = await db.scalar(select(Runner))
    assert row is not None and row.level == "beginner"
    await runner.press("None")
    await runner.press("Done")
    assert "3/6" in runner.last_text


async def test_a_question_delivered_although_its_update_failed_asks_the_stored_one(
    bot: BotHarness,
) -> None:
    """The next question reached the runner, but the update failed after it and rolled back:
    pressing on that newer question brings back the question the bot is really on."""
    runner = bot.runner()
    await runner.command("start")
    bot.api.fail_next("editMessageText", "timeout")  # closing the level question
    bot.api.fail_next("answerCallbackQuery", "500")
    await runner.press("Beginner")
    # Whatever happened, the newest buttons on screen always lead on to the end.
    for _ in range(6):
        if "2/6" in runner.last_text or "3/6" in runner.last_text:
            break
        await runner.press("Beginner")
    async with bot.session() as db:
        row = await db.scalar(select(Runner))
    assert row is not None and row.level == "beginner"
    await onboard_rest(runner)
    async with bot.session() as db:
        row = await db.scalar(select(Runner))
    assert row is not None and row.onboarded


async def onboard_rest(runner: ChatDriver) -> None:
    if "2/6" in runner.last_text:
        await runner.press("None")
        await runner.press("Done")
    for day in ("Tue", "Thu"):
        await runner.press(day)
    await runner.press("Done")
    await runner.press("None")
    await runner.send("07:30")
    await runner.send("Berlin")
    await runner.press("Yes")


async def test_a_press_on_a_stale_question_copy_asks_the_pending_question_again(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await runner.command("start")
    await runner.press("Beginner")
    equipment = bot.api.last_message(runner.chat_id)
    # roll the stored state back to the level question, as a failed update would have
    async with bot.session() as db:
        row = await db.scalar(select(Runner))
        assert row is not None
        row.pending_question, row.level, row.draft = "level", None, {}
        await db.commit()
    await runner.press_data(equipment.message_id, "ob:eq:hip_band:1")
    assert "earlier question" in bot.api.calls_to("answerCallbackQuery")[-1].params["text"]
    assert "1/6" in runner.last_text  # the question the bot is on, with live buttons
    assert bot.api.message(runner.chat_id, equipment.message_id).button_labels == []  # type: ignore[union-attr]
    await runner.press("Advanced")
    assert "2/6" in runner.last_text


async def test_a_forged_press_on_a_message_that_does_not_exist_is_answered_politely(
    bot: BotHarness,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("workout")
    card = bot.api.last_message(runner.chat_id)
    done = next(b for row in card.buttons for b in row if b.label.startswith("Done"))
    assert done.callback_data is not None
    ghost = dict(bot.api.message_dict(card))
    ghost["message_id"] = card.message_id + 500  # never sent in this chat
    await runner._press(ghost, done.callback_data)
    texts = [call.params.get("text") or "" for call in bot.api.calls_to("answerCallbackQuery")]
    assert not any("went wrong" in text for text in texts)
    assert not any("went wrong" in text for text in runner.texts_since(0))


# Commands that change what is stored, and what is stored afterwards (found by the fuzz test:
# their reply went out raw, so a failed reply rolled the change back and apologised, though
# a timeout can come after Telegram delivered the reply that confirms the change).
COMMAND_CHANGES = [
    ("pause", "2026-12-24", "paused_until", "2026-12-24"),
    ("race", "2027-04-18 marathon", "race_date", "2027-04-18"),
    ("language", "de", "language", "de"),
]


@pytest.mark.parametrize("fault", [*FAULTS, "timeout-after"])
@pytest.mark.parametrize(("command", "args", "column", "stored"), COMMAND_CHANGES)
async def test_a_failed_reply_never_undoes_what_a_command_changed(
    bot: BotHarness, fault: str, command: str, args: str, column: str, stored: str
) -> None:
    runner = bot.runner()
    await onboard(runner)
    mark = runner.mark()
    bot.api.fail_next("sendMessage", fault)  # type: ignore[arg-type]
    await runner.command(command, args)
    async with bot.session() as db:
        row = await db.scalar(select(Runner).where(Runner.telegram_user_id == runner.user_id))
    assert row is not None and str(getattr(row, column)) == stored
    assert not any("Sorry" in text for text in runner.texts_since(mark))


@pytest.mark.parametrize("fault", [*FAULTS, "timeout-after"])
async def test_a_failed_reply_to_resume_keeps_the_runner_resumed(
    bot: BotHarness, fault: str
) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("pause")
    bot.api.fail_next("sendMessage", fault)  # type: ignore[arg-type]
    await runner.command("resume")
    async with bot.session() as db:
        row = await db.scalar(select(Runner).where(Runner.telegram_user_id == runner.user_id))
    assert row is not None and not row.paused


@pytest.mark.parametrize("fault", [*FAULTS, "timeout-after"])
async def test_a_failed_welcome_still_starts_onboarding_at_the_first_question(
    bot: BotHarness, fault: str
) -> None:
    runner = bot.runner()
    bot.api.fail_next("sendMessage", fault)  # type: ignore[arg-type]
    await runner.command("start")  # the welcome fails; the first question still goes out
    assert runner.last_text.startswith("1/6")
    await runner.press("Beginner")
    assert runner.last_text.startswith("2/6")


# Replies that change nothing (found by the fuzz test: they went out raw, so a Telegram fault
# reached the error handler and the runner read "Sorry, something went wrong" for nothing).
# Each: what the runner does, and the Bot API method of its reply.
async def _free_text(runner: ChatDriver, group: ChatDriver) -> None:
    await runner.send("what a lovely day")


async def _sticker(runner: ChatDriver, group: ChatDriver) -> None:
    await runner.send_sticker()


async def _unknown_command(runner: ChatDriver, group: ChatDriver) -> None:
    await runner.command("wrkout")


async def _help(runner: ChatDriver, group: ChatDriver) -> None:
    await runner.command("help")


async def _stop_without_a_session(runner: ChatDriver, group: ChatDriver) -> None:
    await runner.command("stop")


async def _exercises(runner: ChatDriver, group: ChatDriver) -> None:
    await runner.command("exercises")


async def _forged_press(runner: ChatDriver, group: ChatDriver) -> None:
    await runner.press_data(runner.last_message.message_id, "zz:not-a-button")


async def _group_command(runner: ChatDriver, group: ChatDriver) -> None:
    await group.command("start")


async def _group_press(runner: ChatDriver, group: ChatDriver) -> None:
    await group.press_data(1, "go:1")


READ_ONLY = [
    (_free_text, "sendMessage"),
    (_sticker, "sendMessage"),
    (_unknown_command, "sendMessage"),
    (_help, "sendMessage"),
    (_stop_without_a_session, "sendMessage"),
    (_exercises, "sendMessage"),
    (_forged_press, "answerCallbackQuery"),
    (_group_command, "sendMessage"),
    (_group_press, "answerCallbackQuery"),
]


@pytest.mark.parametrize("fault", [*FAULTS, "network"])
@pytest.mark.parametrize(
    ("act", "method"), READ_ONLY, ids=[act.__name__.strip("_") for act, _ in READ_ONLY]
)
async def test_a_failed_read_only_reply_is_logged_and_the_next_one_goes_out(
    bot: BotHarness,
    caplog: pytest.LogCaptureFixture,
    fault: str,
    act: Callable[[ChatDriver, ChatDriver], Awaitable[None]],
    method: str,
) -> None:
    runner = bot.runner()
    await onboard(runner)
    group = bot.runner(runner.user_id, chat_id=-(500_000 + runner.user_id), chat_type="group")
    calls = len(bot.api.calls_to(method))
    bot.api.fail_next(method, fault)  # type: ignore[arg-type]
    with caplog.at_level(logging.INFO):
        await act(runner, group)
    assert bot.api.calls_to(method)[calls].fault is not None  # the reply was tried, and failed
    assert not [record for record in caplog.records if record.levelno >= logging.ERROR]
    said = [*runner.texts_since(0), *(message.text for message in group.messages)]
    said += [call.params.get("text") or "" for call in bot.api.calls_to("answerCallbackQuery")]
    assert not any("went wrong" in text for text in said)

    calls = len(bot.api.calls_to(method))
    await act(runner, group)  # the same again: answered
    again = bot.api.calls_to(method)[calls:]
    assert again and all(call.fault is None and call.status == 200 for call in again)
