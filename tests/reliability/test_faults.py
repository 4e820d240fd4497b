"""Under 10% injected Telegram faults (429, 5xx, timeouts before and after Telegram acted,
network errors), every runner finishes onboarding and a whole session by pressing what is
on their screen, with no set lost or logged twice (issue 11, point 1); then two weeks of
leg-day reminders go out under the same faults, none lost and none sent twice but for the
one window no client can close (a timeout after Telegram delivered, docs/SCHEDULING.md)."""

from __future__ import annotations

from collections import defaultdict
from datetime import datetime, timedelta

from sqlalchemy import func, select

from bot.offline import ApiCall, Fault
from content.reminders import ReminderKind, ReminderStatus
from storage.models import LegSession, Reminder, Runner, SessionItem, SetLog
from tests.harness import BotHarness
from tests.reliability.screen import ScreenRunner
from tests.scheduling.conftest import VirtualTime, dispatcher

RUNNERS = 20
RATE = 0.1
WEEKS = 2
TICK = timedelta(minutes=10)
# what each runner presses on a leg-day message, by their number modulo 3 (None: nothing)
ANSWERS = ("Skip today", "Snooze 1 h", None)
UNSENT = (ReminderStatus.PENDING, ReminderStatus.CLAIMED)


async def _run(bot: BotHarness, seed: int) -> list[ScreenRunner]:
    runners = [ScreenRunner(bot.runner(first_name=f"R{n}"), bot.api) for n in range(RUNNERS)]
    plan = bot.api.inject_faults(rate=RATE, seed=seed)
    with plan:
        # interleaved, one step each in turn, like runners using the bot at the same time
        pending = list(runners)
        rounds = 0
        while pending:
            rounds += 1
            assert rounds < 500, "runners stuck"
            for runner in list(pending):
                if runner.finished_session:
                    pending.remove(runner)
                    continue
                assert runner.steps < 400, runner.presses[-12:]
                await runner.step()
    assert plan.injected > 50  # the faults really happened
    return runners


async def _check_database(bot: BotHarness) -> None:
    async with bot.session() as db:
        onboarded = await db.scalar(
            select(func.count()).select_from(Runner).where(Runner.onboarded.is_(True))
        )
        assert onboarded == RUNNERS
        finished = await db.scalar(
            select(func.count()).select_from(LegSession).where(LegSession.status == "finished")
        )
        assert finished == RUNNERS
        assert (
            await db.scalar(
                select(func.count()).select_from(LegSession).where(LegSession.status == "active")
            )
            == 0
        )
        items = list(await db.scalars(select(SessionItem)))
        assert items and all(item.status == "done" for item in items)
        assert all(item.sets_done == item.sets for item in items)
        logs = int(await db.scalar(select(func.count()).select_from(SetLog)) or 0)
        # every set logged exactly once: one row per set, none missing, none doubled
        assert logs == sum(item.sets for item in items)
        distinct = await db.scalar(
            select(func.count()).select_from(
                select(SetLog.item_id, SetLog.set_number).distinct().subquery()
            )
        )
        assert distinct == logs


async def _reminders(bot: BotHarness, runners: list[ScreenRunner], seed: int) -> int:
    """Two weeks of leg days under faults: the dispatcher ticks every 10 minutes, each runner
    answers the leg-day message on their screen (or not); then a quiet hour settles any
    reminder given back by the last failures. Returns how many faults struck."""
    ticks = dispatcher(bot, VirtualTime())
    end = bot.clock.now() + timedelta(weeks=WEEKS)
    with bot.api.inject_faults(rate=RATE, seed=seed) as plan:
        while bot.clock.now() < end:
            # the next tick that finds something due (ticks in between would find nothing)
            bot.clock.set(max(bot.clock.now() + TICK, min(await _next_due(bot), end)))
            await ticks.tick(bot.clock.now())
            for number, runner in enumerate(runners):
                await _answer(runner, ANSWERS[number % len(ANSWERS)])
    for _ in range(6):
        bot.clock.advance(TICK)
        await ticks.tick(bot.clock.now())
    return plan.injected


async def _next_due(bot: BotHarness) -> datetime:
    """When the earliest waiting reminder can next be claimed."""
    async with bot.session() as db:
        rows = await db.execute(
            select(Reminder.due_at, Reminder.claimed_until).where(Reminder.status.in_(UNSENT))
        )
        times = [max(due, until or due) for due, until in rows]
    return min(times, default=bot.clock.now() + timedelta(days=1))


async def _answer(runner: ScreenRunner, answer: str | None) -> None:
    """Press ``answer`` on the newest message if it is a leg-day message with its buttons
    (a runner snoozes once a day: the snoozed reminder, when it comes, they skip)."""
    if answer is None:
        return
    newest = runner.driver.messages[-1]
    if not any(label.startswith("Start ▶") for label in newest.button_labels):
        return
    if "still waiting" in newest.plain_text:
        answer = "Skip today"
    await runner.driver.press(answer, newest)


def _leg_day_sends(bot: BotHarness) -> dict[int, list[ApiCall]]:
    """Every sendMessage Telegram carried out that showed a leg-day message, by reminder id
    (its buttons say ``ld:<id>:...``)."""
    sends: dict[int, list[ApiCall]] = defaultdict(list)
    for call in bot.api.calls_to("sendMessage"):
        rows = (call.params.get("reply_markup") or {}).get("inline_keyboard", [])
        found = {
            int(str(button["callback_data"]).split(":")[1])
            for row in rows
            for button in row
            if str(button.get("callback_data", "")).startswith("ld:")
        }
        if call.performed and found:
            (reminder_id,) = found
            sends[reminder_id].append(call)
    return sends


def _recap_sends(bot: BotHarness, chat_id: int, message_id: int | None) -> list[ApiCall]:
    """The sends Telegram carried out of the recap shown as ``message_id`` (a recap has no
    buttons: its sends are those of its text to its chat)."""
    shown = None if message_id is None else bot.api.message(chat_id, message_id)
    if shown is None:
        return []
    return [
        call
        for call in bot.api.calls_to("sendMessage")
        if call.performed
        and call.params.get("chat_id") == chat_id
        and call.params.get("text") == shown.text
    ]


async def _check_reminders(bot: BotHarness) -> tuple[int, int]:
    """No reminder due lost, none sent twice knowingly; a second delivery only where the
    answer to a send was lost after Telegram delivered it. Returns (sent, duplicates)."""
    sends = _leg_day_sends(bot)
    async with bot.session() as db:
        rows = list(await db.execute(select(Reminder, Runner.chat_id).join(Runner)))
    duplicates = 0
    for row, chat_id in rows:
        if row.kind == ReminderKind.RECAP:
            delivered = _recap_sends(bot, chat_id, row.message_id)
        else:
            delivered = sends.get(row.id, [])
        if row.due_at > bot.clock.now():
            assert not delivered, f"reminder {row.id} went out before it was due"
            continue
        assert row.status not in UNSENT, f"reminder {row.id} due {row.due_at} is {row.status}"
        assert row.status not in (ReminderStatus.MISSED, ReminderStatus.FAILED), row.last_error
        assert delivered, f"{row.kind} {row.id} is {row.status} but never reached the runner"
        lost_answers = [call for call in delivered if call.fault is Fault.TIMEOUT_AFTER]
        assert len(delivered) - len(lost_answers) <= 1, f"reminder {row.id} sent twice"
        duplicates += len(delivered) - 1
    sent = sum(1 for row, _chat in rows if row.due_at <= bot.clock.now())
    return sent, duplicates


async def _everything(bot: BotHarness, seed: int) -> None:
    runners = await _run(bot, seed=seed)
    assert all(runner.finished_session for runner in runners)
    await _check_database(bot)
    injected = await _reminders(bot, runners, seed=seed + 100)
    assert injected > 20  # the faults really happened (some 300 calls)
    sent, duplicates = await _check_reminders(bot)
    print(f"{sent} reminders due, {duplicates} delivered twice, {injected} faults")
    assert sent >= RUNNERS * 2 * WEEKS  # two leg days a week each (and snoozes)
    await _check_database(bot)  # answering reminders logged no set


async def test_twenty_runners_finish_onboarding_a_session_and_get_their_reminders_on_sqlite(
    bot: BotHarness,
) -> None:
    await _everything(bot, seed=11)


async def test_twenty_runners_finish_onboarding_a_session_and_get_their_reminders_on_postgres(
    pg_bot: BotHarness,
) -> None:
    await _everything(pg_bot, seed=12)
