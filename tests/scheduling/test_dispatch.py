"""Dispatch: exactly once across restarts, Telegram's errors and limits, lateness.

Every test drives ``Dispatcher.tick`` with the harness's ManualClock and virtual time for the
rate limiter and back-offs: nothing sleeps.
"""

from __future__ import annotations

import asyncio
import itertools
from collections import Counter
from datetime import timedelta

from bot.dispatch.delivery import seconds_of
from bot.dispatch.dispatcher import JOB_NAME
from bot.dispatch.ratelimit import RateLimiter
from content.reminders import ReminderKind, ReminderStatus
from storage import claims
from tests.factories import onboard
from tests.harness import BotHarness
from tests.scheduling.conftest import (
    VirtualTime,
    dispatcher,
    pending_of,
    profile_of,
    reminders_of,
    runner_id_of,
    stored_runner,
)


async def _due_now(bot: BotHarness, runner_id: int, after: timedelta = timedelta(0)) -> int:
    """Move the clock to the runner's next reminder (plus ``after``); returns its id."""
    (waiting,) = await pending_of(bot, runner_id)
    bot.clock.set(waiting.due_at + after)
    return waiting.id


def _sends(bot: BotHarness, chat_id: int) -> list[object]:
    return [
        call
        for call in bot.api.calls_to("sendMessage")
        if call.params.get("chat_id") == chat_id and call.ok
    ]


async def test_an_onboarded_runner_has_their_next_leg_day_stored(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, days=("Tue", "Thu", "Sat"), hard=("Sat",), reminder="07:30")
    (waiting,) = await pending_of(bot, await runner_id_of(bot, runner.user_id))
    # the plan is Monday and Wednesday; the clock says Wednesday 25 Nov, 09:00 in Berlin
    assert str(waiting.local_date) == "2026-11-30"
    assert waiting.due_at.isoformat() == "2026-11-30T06:30:00+00:00"
    assert waiting.kind == ReminderKind.LEG_DAY


async def test_sent_once_then_the_next_leg_day_is_planned(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = await stored_runner(bot)  # leg days Monday and Wednesday, 07:30 Berlin
    first = await _due_now(bot, runner.id, timedelta(seconds=30))
    dispatch = dispatcher(bot, vtime)
    report = await dispatch.tick(bot.clock.now())
    assert (report.claimed, report.sent, report.late) == (1, 1, 0)
    again = await dispatch.tick(bot.clock.now())
    assert again.claimed == 0
    stored = await reminders_of(bot, runner.id)
    assert (stored[0].id, stored[0].status) == (first, ReminderStatus.SENT)
    assert stored[0].message_id == bot.api.last_message(runner.chat_id).message_id
    (waiting,) = [r for r in stored if r.status == ReminderStatus.PENDING]
    assert waiting.local_date - stored[0].local_date == timedelta(days=2)
    assert len(_sends(bot, runner.chat_id)) == 1
    text = bot.api.last_message(runner.chat_id).plain_text
    assert "Beginner leg session, about 20 minutes" in text


async def test_restart_between_claim_and_send_sends_once_after_the_claim_expires(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = await stored_runner(bot)
    await _due_now(bot, runner.id)
    # a process claims the reminder and dies before sending it
    async with bot.session() as db:
        claimed = await claims.claim_due(
            db, bot.clock.now(), 10, "dead-process", timedelta(minutes=5)
        )
        await db.commit()
    assert [c.runner.id for c in claimed] == [runner.id]
    await bot.restart()
    dispatch = dispatcher(bot, vtime)
    # while the dead claim lasts, nobody takes the reminder
    assert (await dispatch.tick(bot.clock.now())).claimed == 0
    bot.clock.advance(timedelta(minutes=4))
    assert (await dispatch.tick(bot.clock.now())).claimed == 0
    assert _sends(bot, runner.chat_id) == []
    # once it has expired, the new process sends it, once
    bot.clock.advance(timedelta(minutes=2))
    report = await dispatch.tick(bot.clock.now())
    assert (report.claimed, report.sent) == (1, 1)
    await dispatch.tick(bot.clock.now())
    await dispatcher(bot, vtime).tick(bot.clock.now() + timedelta(minutes=10))
    assert len(_sends(bot, runner.chat_id)) == 1


async def test_two_ticks_at_once_in_one_process_send_each_reminder_once(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    """SQLite assumes one process; inside it the conditional claim still holds."""
    people = [await stored_runner(bot) for _ in range(30)]
    due = max([(await pending_of(bot, p.id))[0].due_at for p in people])
    bot.clock.set(due)
    first, second = dispatcher(bot, vtime, batch_size=4), dispatcher(bot, vtime, batch_size=4)
    reports = await asyncio.gather(first.tick(due), second.tick(due))
    assert sum(r.sent for r in reports) == 30
    counts = Counter(call.params["chat_id"] for call in bot.api.calls_to("sendMessage"))
    assert counts == {p.chat_id: 1 for p in people}


async def test_429_waits_retry_after_then_sends_once(bot: BotHarness, vtime: VirtualTime) -> None:
    runner = await stored_runner(bot)
    await _due_now(bot, runner.id)
    bot.api.fail_next("sendMessage", "429", retry_after=7)
    report = await dispatcher(bot, vtime).tick(bot.clock.now())
    assert (report.sent, report.retried, report.waited_for_flood) == (1, 1, 7.0)
    assert sum(vtime.sleeps) >= 7.0  # the retry waited out retry_after (virtually)
    calls = bot.api.calls_to("sendMessage")
    assert [call.status for call in calls] == [429, 200]
    assert len(bot.api.messages(runner.chat_id)) == 1


def test_retry_after_as_seconds_or_timedelta() -> None:
    assert seconds_of(7) == seconds_of(timedelta(seconds=7)) == 7.0


async def test_timeouts_are_retried_with_backoff_then_sent_once(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = await stored_runner(bot)
    await _due_now(bot, runner.id)
    bot.api.fail_next("sendMessage", "timeout", times=2)
    report = await dispatcher(bot, vtime).tick(bot.clock.now())
    assert (report.sent, report.retried) == (1, 2)
    assert [wait for wait in vtime.sleeps if wait >= 1.0] == [1.0, 2.0]
    assert len(bot.api.messages(runner.chat_id)) == 1


async def test_a_server_error_is_retried(bot: BotHarness, vtime: VirtualTime) -> None:
    runner = await stored_runner(bot)
    await _due_now(bot, runner.id)
    bot.api.fail_next("sendMessage", "500")
    report = await dispatcher(bot, vtime).tick(bot.clock.now())
    assert (report.sent, report.retried) == (1, 1)
    assert len(bot.api.messages(runner.chat_id)) == 1


async def test_still_failing_gives_the_claim_back_for_a_later_tick(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = await stored_runner(bot)
    reminder_id = await _due_now(bot, runner.id)
    bot.api.fail_next("sendMessage", "timeout", times=3)
    dispatch = dispatcher(bot, vtime)
    report = await dispatch.tick(bot.clock.now())
    assert (report.sent, report.released) == (0, 1)
    (stored,) = [r for r in await reminders_of(bot, runner.id) if r.id == reminder_id]
    assert stored.status == ReminderStatus.PENDING and stored.attempts == 1
    # not before the back-off (30 s) is over
    assert (await dispatch.tick(bot.clock.now())).claimed == 0
    bot.clock.advance(timedelta(seconds=31))
    assert (await dispatch.tick(bot.clock.now())).sent == 1
    assert len(bot.api.messages(runner.chat_id)) == 1


async def test_a_bad_request_is_recorded_as_failed_and_the_next_is_planned(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = await stored_runner(bot)
    reminder_id = await _due_now(bot, runner.id)
    bot.api.fail_next("sendMessage", "400", description="Bad Request: chat not found")
    report = await dispatcher(bot, vtime).tick(bot.clock.now())
    assert report.failed == 1
    stored = await reminders_of(bot, runner.id)
    assert [r.status for r in stored if r.id == reminder_id] == [ReminderStatus.FAILED]
    assert len([r for r in stored if r.status == ReminderStatus.PENDING]) == 1


async def test_403_blocks_the_runner_and_start_again_re_enables(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = bot.runner()
    await onboard(runner)
    runner_id = await runner_id_of(bot, runner.user_id)
    await _due_now(bot, runner_id)
    bot.api.block_chat(runner.chat_id)
    mark = runner.mark()
    dispatch = dispatcher(bot, vtime)
    report = await dispatch.tick(bot.clock.now())
    assert report.blocked == 1
    assert (await profile_of(bot, runner_id)).blocked
    assert await pending_of(bot, runner_id) == []
    # a week goes by: nothing is even tried
    for _ in range(14):
        bot.clock.advance(timedelta(hours=12))
        assert (await dispatch.tick(bot.clock.now())).claimed == 0
    assert runner.texts_since(mark) == []
    assert len(bot.api.calls_to("sendMessage")) == 1 + len(runner.messages)
    # the runner unblocks the bot and sends /start: reminders are back
    bot.api.unblock_chat(runner.chat_id)
    await runner.command("start")
    assert "Your plan" in runner.last_text
    assert not (await profile_of(bot, runner_id)).blocked
    await _due_now(bot, runner_id)
    assert (await dispatch.tick(bot.clock.now())).sent == 1
    assert runner.last_text.startswith("Leg day")


async def test_a_late_start_inside_three_hours_is_sent_and_says_so(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = await stored_runner(bot)
    await _due_now(bot, runner.id, timedelta(hours=2, minutes=50))
    report = await dispatcher(bot, vtime).tick(bot.clock.now())
    assert (report.sent, report.late) == (1, 1)
    text = bot.api.last_message(runner.chat_id).plain_text
    assert "late" in text and "due at 07:30" in text


async def test_a_late_start_beyond_three_hours_is_missed_and_the_next_planned(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    runner = await stored_runner(bot)
    reminder_id = await _due_now(bot, runner.id, timedelta(hours=3, minutes=1))
    report = await dispatcher(bot, vtime).tick(bot.clock.now())
    assert (report.sent, report.missed) == (0, 1)
    assert bot.api.messages(runner.chat_id) == []
    stored = await reminders_of(bot, runner.id)
    missed = next(r for r in stored if r.id == reminder_id)
    assert missed.status == ReminderStatus.MISSED
    (waiting,) = [r for r in stored if r.status == ReminderStatus.PENDING]
    assert waiting.local_date - missed.local_date == timedelta(days=2)


async def test_a_runner_who_paused_after_the_claim_gets_nothing(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    from storage import runners

    runner = await stored_runner(bot)
    await _due_now(bot, runner.id)
    async with bot.session() as db:
        await runners.update_runner(db, runner.id, paused=True)
        await db.commit()
    report = await dispatcher(bot, vtime).tick(bot.clock.now())
    assert (report.claimed, report.sent, report.dropped) == (1, 0, 1)
    assert await reminders_of(bot, runner.id) == []


def test_the_limiter_spaces_sends_globally_and_per_chat() -> None:
    clock = VirtualTime()
    limiter = RateLimiter(10, monotonic=clock.monotonic, sleep=clock.sleep)
    start = clock.now
    stamps: list[tuple[int, float]] = []

    async def send(chat: int) -> None:
        await limiter.acquire(chat)
        stamps.append((chat, clock.now - start))

    async def run() -> None:
        await asyncio.gather(*(send(chat) for chat in range(20)), *(send(1) for _ in range(2)))

    asyncio.run(run())
    times = sorted(at for _, at in stamps)
    # 22 sends at 10 a second: never more than 10 within any second
    assert all(
        later - earlier >= 1.0 - 1e-9 for earlier, later in zip(times, times[10:], strict=False)
    )
    chat_one = sorted(at for chat, at in stamps if chat == 1)
    assert len(chat_one) == 3
    assert all(b - a >= 1.0 - 1e-9 for a, b in itertools.pairwise(chat_one))
    limiter.hold(30)
    before = clock.now
    asyncio.run(limiter.acquire(99))
    assert clock.now - before >= 30


async def test_the_dispatch_job_is_registered_but_not_running_in_tests(
    bot: BotHarness,
) -> None:
    job_queue = bot.application.job_queue
    (job,) = job_queue.get_jobs_by_name(JOB_NAME)
    assert not job_queue.scheduler.running
    assert job.job.trigger.interval == timedelta(seconds=30)
    # run by hand, the job sends what is due, through the application's own dispatcher
    runner = await stored_runner(bot)
    await _due_now(bot, runner.id)
    await job.run(bot.application)
    assert len(bot.api.messages(runner.chat_id)) == 1
