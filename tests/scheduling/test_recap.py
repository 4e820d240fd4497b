"""The weekly recap (issue 15.3), through the real Application and the exactly-once
dispatcher on an injected clock: what it says, when it goes out (across DST), never in a
paused week, never twice, and its switch in /settings."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from content.reminders import ReminderKind, ReminderStatus
from storage import claims
from tests.factories import finish_session
from tests.harness import BotHarness
from tests.i18n.leaks import assert_no_english
from tests.scheduling.conftest import (
    LegDays,
    VirtualTime,
    dispatcher,
    recaps_of,
    stored_runner,
)

BERLIN = ZoneInfo("Europe/Berlin")

# The default runner runs Tue, Thu and Sat (long run Sat): leg days are Mon and Wed, 07:30 in
# Berlin. The clock starts on Wednesday 25 Nov 2026 at 09:00 Berlin time; that week's
# Wednesday has gone, so the first week with a plan is 30 Nov - 6 Dec.
SUNDAY = date(2026, 12, 6)
RECAP_AT = datetime(2026, 12, 6, 6, 30, tzinfo=UTC)  # 07:30 in Berlin


def recap_texts(bot: BotHarness, chat_id: int) -> list[str]:
    return [text for text in bot.api.texts(chat_id) if "week of leg work" in text]


async def test_the_recap_counts_the_week_and_names_next_weeks_leg_days(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    (first,) = [r for r in await recaps_of(days.bot, runner_id) if r.status.waiting]
    assert (first.local_date, first.due_at) == (
        date(2026, 11, 29),
        datetime(2026, 11, 29, 6, 30, tzinfo=UTC),
    )
    # Sunday 29 Nov: nothing was planned that week (set up after Wednesday's time): no recap
    assert await days.tick_until(datetime(2026, 11, 29, 12, 0, tzinfo=UTC)) == 0
    assert recap_texts(days.bot, runner.chat_id) == []
    # Monday: the session, with one move up; Wednesday: skipped
    await days.deliver_next(runner_id)
    await runner.press("Start")
    await runner.press("Harder")
    await finish_session(runner)
    await days.deliver_next(runner_id)
    await runner.press("Skip today")
    await days.tick_until(RECAP_AT + timedelta(minutes=20))
    (text,) = recap_texts(days.bot, runner.chat_id)
    lines = text.splitlines()
    assert lines[0] == "Your week of leg work, Kim"
    assert lines[1] == "Leg sessions: 1 of 2 planned."
    assert lines[2] == "Moved up: Squat jump."
    assert lines[3].startswith("Jump contacts: ")
    assert lines[4] == "Not every session happened this week: next week is a fresh start."
    assert lines[5] == "Next week's leg days: Mon 7 Dec and Wed 9 Dec."
    message = days.bot.api.last_message(runner.chat_id)
    assert message.plain_text == text and message.buttons == []
    recaps = await recaps_of(days.bot, runner_id)
    sent = [r for r in recaps if r.status == ReminderStatus.SENT]
    assert [r.local_date for r in sent] == [SUNDAY]
    assert sent[0].due_at == RECAP_AT
    # next week's is waiting, the week after
    assert [r.local_date for r in recaps if r.status.waiting] == [date(2026, 12, 13)]
    # a forged leg-day press on the recap changes nothing
    await runner.press_data(message.message_id, f"ld:{sent[0].id}:go")
    assert "no longer works" in days.toast()
    assert [r.status for r in await recaps_of(days.bot, runner_id) if r.id == sent[0].id] == [
        ReminderStatus.SENT
    ]


async def test_a_week_on_plan_says_the_streak_in_the_runners_language(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    for _ in range(2):  # Monday and Wednesday, both done
        await days.deliver_next(runner_id)
        await runner.press("Start")
        await finish_session(runner)
    await runner.command("language")
    await runner.press("Deutsch")
    await days.tick_until(RECAP_AT + timedelta(minutes=20))
    (text,) = [t for t in days.bot.api.texts(runner.chat_id) if "Beinwoche" in t]
    assert "Beintraining: 2 von 2 geplanten Einheiten geschafft." in text
    assert "Im Plan: 1 Woche in Folge. 🔥" in text
    assert "Deine Beintage nächste Woche: " in text
    assert_no_english(text)


# Europe/Berlin's changes fall on Sundays, the recap's day. A recap at 02:30: in the spring
# gap it goes at 03:30 on the wall clock (the leg days' rule); in the repeated autumn hour,
# once, at the first 02:30.
DST_SUNDAYS = [
    (date(2026, 3, 29), datetime(2026, 3, 29, 1, 30, tzinfo=UTC), "03:30"),
    (date(2026, 10, 25), datetime(2026, 10, 25, 0, 30, tzinfo=UTC), "02:30"),
]


@pytest.mark.parametrize(("sunday", "expected_utc", "wall"), DST_SUNDAYS)
async def test_the_recap_goes_once_at_the_wall_clock_time_across_a_dst_change(
    bot: BotHarness, vtime: VirtualTime, sunday: date, expected_utc: datetime, wall: str
) -> None:
    start = datetime.combine(sunday - timedelta(days=6), time(1, 0), tzinfo=BERLIN)  # Monday
    bot.clock.set(start)
    runner = await stored_runner(bot, weekly_recap=True, reminder_time=time(2, 30))
    dispatch = dispatcher(bot, vtime)
    now = bot.clock.now()
    while now < start + timedelta(days=8):
        now += timedelta(minutes=20)
        bot.clock.set(now)
        await dispatch.tick(now)
    recaps = await recaps_of(bot, runner.id)
    sent = [r for r in recaps if r.status == ReminderStatus.SENT]
    assert [r.local_date for r in sent] == [sunday]
    assert sent[0].due_at == expected_utc
    assert sent[0].due_at.astimezone(BERLIN).strftime("%H:%M") == wall
    assert sent[0].sent_at is not None and sent[0].sent_at - expected_utc < timedelta(minutes=20)
    (text,) = recap_texts(bot, runner.chat_id)
    assert "Leg sessions: 0 of 2 planned." in text  # Monday's and Wednesday's, not done
    assert [r.local_date for r in recaps if r.status.waiting] == [sunday + timedelta(weeks=1)]


async def test_no_recap_in_a_paused_week_and_none_to_a_paused_runner(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    await runner.command("pause", SUNDAY.isoformat())
    # the two Sundays in the pause lose their recap; the first after it has one
    assert [r.local_date for r in await recaps_of(days.bot, runner_id)] == [date(2026, 12, 13)]
    await days.tick_until(datetime(2026, 12, 7, 12, 0, tzinfo=UTC))
    assert recap_texts(days.bot, runner.chat_id) == []
    # a pause until /resume drops it too
    await runner.command("profile")
    assert [r.local_date for r in await recaps_of(days.bot, runner_id) if r.status.waiting] == [
        date(2026, 12, 13)
    ]
    await runner.command("pause")
    assert [r for r in await recaps_of(days.bot, runner_id) if r.status.waiting] == []
    await days.tick_until(datetime(2026, 12, 14, 12, 0, tzinfo=UTC))
    assert recap_texts(days.bot, runner.chat_id) == []


async def test_a_recap_claimed_by_a_process_that_died_goes_once_after_a_restart(
    bot: BotHarness, vtime: VirtualTime
) -> None:
    bot.clock.set(datetime(2026, 11, 30, 12, 0, tzinfo=UTC))  # Monday, after its leg day
    runner = await stored_runner(bot, weekly_recap=True)
    first = LegDays(bot, vtime)
    await first.deliver_next(runner.id)  # Wednesday's leg day: the week has a plan
    bot.clock.set(RECAP_AT)
    async with bot.session() as db:
        claimed = await claims.claim_due(db, RECAP_AT, 10, "dead-process", timedelta(minutes=5))
        await db.commit()
    assert [c.reminder.kind for c in claimed] == [ReminderKind.RECAP]
    await bot.restart()
    dispatch = dispatcher(bot, vtime)
    assert (await dispatch.tick(bot.clock.now())).claimed == 0  # the dead claim still holds
    bot.clock.advance(timedelta(minutes=6))
    assert (await dispatch.tick(bot.clock.now())).sent == 1
    assert (await dispatch.tick(bot.clock.now())).claimed == 0
    await bot.restart()
    again = dispatcher(bot, vtime)
    assert (await again.tick(bot.clock.now())).claimed == 0
    # a profile change replans: the week's recap is not stored a second time
    driver = bot.runner(user_id=runner.telegram_user_id, first_name="Kim")
    await driver.command("profile")
    bot.clock.advance(timedelta(hours=1))
    assert (await again.tick(bot.clock.now())).claimed == 0
    assert len(recap_texts(bot, runner.chat_id)) == 1
    recaps = await recaps_of(bot, runner.id)
    assert [(r.local_date, r.status) for r in recaps] == [
        (SUNDAY, ReminderStatus.SENT),
        (date(2026, 12, 13), ReminderStatus.PENDING),
    ]


async def test_the_recap_can_be_turned_off_and_on_in_settings(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    await runner.command("settings")
    settings = runner.last_message
    assert "Weekly recap: on" in settings.button_labels
    await runner.press("Weekly recap: on")
    assert days.toast() == "Weekly recap off."
    assert (
        "Weekly recap: off"
        in days.bot.api.message(runner.chat_id, settings.message_id).button_labels
    )
    assert [r for r in await recaps_of(days.bot, runner_id) if r.status.waiting] == []
    await days.deliver_next(runner_id)  # Monday's leg day plans no recap either
    await days.tick_until(RECAP_AT + timedelta(hours=1))
    assert recap_texts(days.bot, runner.chat_id) == []
    await runner.press("Weekly recap: off", settings)
    assert days.toast() == "Weekly recap on: it comes on Sunday at your reminder time."
    assert [r.local_date for r in await recaps_of(days.bot, runner_id) if r.status.waiting] == [
        date(2026, 12, 13)
    ]
