"""Leg days that never crowd each other, through the real Application (issue 14): never on
consecutive local days, 40 hours from the end of one session to the start of the next unless
the runner insists, once a day is enough, and every re-plan says so.

The default runner runs Tue, Thu and Sat (long run Sat): leg days Mon and Wed, 07:30 Berlin.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo

from sqlalchemy import func, select

from storage.models import LegSession, ProgressionEvent
from tests.factories import finish_session
from tests.harness import BotHarness
from tests.scheduling.conftest import LegDays, pending_of, reminders_of

SUNDAY_18 = datetime(2026, 11, 29, 17, 0, tzinfo=UTC)  # Sunday 29 Nov, 18:00 in Berlin
WEDNESDAY_18 = datetime(2026, 11, 25, 17, 0, tzinfo=UTC)


async def count_sessions(bot: BotHarness) -> int:
    async with bot.session() as db:
        return int(await db.scalar(select(func.count()).select_from(LegSession)) or 0)


async def automatic_changes(bot: BotHarness, exercise_ids: Iterable[str]) -> int:
    async with bot.session() as db:
        query = select(func.count()).select_from(ProgressionEvent)
        query = query.where(
            ProgressionEvent.kind.like("auto_%"), ProgressionEvent.exercise_id.in_(exercise_ids)
        )
        return int(await db.scalar(query) or 0)


async def test_a_settings_change_the_evening_after_a_session_keeps_the_next_leg_day_away(
    either_days: LegDays,
) -> None:
    days = either_days
    runner, runner_id = await days.runner()
    (waiting,) = await pending_of(days.bot, runner_id)
    assert str(waiting.local_date) == "2026-11-30"  # Monday 07:30
    # an extra session on Sunday evening: Monday would be the next day
    days.bot.clock.set(SUNDAY_18)
    await runner.command("workout")
    summary = await finish_session(runner)
    assert (
        "Next leg day moved from Mon 30 Nov, 07:30 to Wed 2 Dec, 07:30: legs need about 40 "
        "hours between sessions." in summary
    )
    assert "Next leg day: Wed 2 Dec, 07:30" in summary
    (waiting,) = await pending_of(days.bot, runner_id)
    assert str(waiting.local_date) == "2026-12-02"
    # three hours later the runner moves their reminders to the evening: Monday 18:30 would
    # come under a day after the session, so it is Wednesday, and the plan card says why
    days.bot.clock.advance(timedelta(hours=3))
    await runner.command("settings")
    await runner.press("Reminder time")
    await runner.press("18:30")
    card = runner.last_text
    assert "Next leg day: Wed 2 Dec, 18:30" in card
    assert "Next leg day moved from Mon 30 Nov, 18:30 to Wed 2 Dec, 18:30" in card
    (waiting,) = await pending_of(days.bot, runner_id)
    assert waiting.due_at == datetime(2026, 12, 2, 17, 30, tzinfo=UTC)
    # nothing goes out on Monday
    assert await days.tick_until(datetime(2026, 12, 1, 23, 0, tzinfo=UTC)) == 0


async def test_three_workouts_in_one_evening(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    days.bot.clock.set(WEDNESDAY_18)
    await runner.command("workout")
    first = await finish_session(runner)
    assert "moved" not in first  # Monday is days away
    before = await days.states(runner_id)
    changes = await automatic_changes(days.bot, before)

    # the second asks first, saying why once is enough
    mark = runner.mark()
    await runner.command("workout")
    (held,) = runner.texts_since(mark)
    assert held.startswith("You've already done a leg session today. Once a day is enough:")
    assert "won't move your exercises up again today" in held
    assert days.bot.api.last_message(runner.chat_id).button_labels == ["Start anyway"]
    assert await count_sessions(days.bot) == 1
    await runner.press("Start anyway")
    second = await finish_session(runner)
    assert "staying where today's first session left them" in second
    # the ladders the first session moved did not move again (others moved once)
    after = await days.states(runner_id)
    assert {exercise_id: after[exercise_id] for exercise_id in before} == before
    assert await automatic_changes(days.bot, before) == changes

    # the third asks again
    await runner.command("workout")
    assert runner.last_text.startswith("You've already done a leg session today.")
    assert await count_sessions(days.bot) == 2
    # the next day: yesterday's session, 40 hours, and when the next one fits
    days.bot.clock.advance(timedelta(hours=20))
    await runner.command("workout")
    assert runner.last_text == (
        "Your last leg session was yesterday: legs need about 40 hours to recover between "
        "sessions. The next one fits from Fri 27 Nov, 10:00. Start anyway?"
    )
    # Monday's leg day is far enough away: it stays
    (waiting,) = await pending_of(days.bot, runner_id)
    assert str(waiting.local_date) == "2026-11-30"


async def test_a_late_snooze_moves_the_next_leg_day_and_skipping_it_brings_it_back(
    days: LegDays,
) -> None:
    runner, runner_id = await days.runner()
    monday = await days.deliver_next(runner_id)
    leg_day = days.bot.api.last_message(runner.chat_id)
    days.bot.clock.set(monday.due_at + timedelta(hours=12, minutes=30))  # 20:00
    await runner.press("Snooze 1 h")
    assert runner.last_text == (
        "Snoozed. I'll remind you again at 21:00.\n"
        "Next leg day moved from Wed 2 Dec, 07:30 to Mon 7 Dec, 07:30: legs need about 40 "
        "hours between sessions."
    )
    assert [str(r.local_date) for r in await pending_of(days.bot, runner_id)] == [
        "2026-11-30",
        "2026-12-07",
    ]
    # the snooze goes out; the runner skips the day after all: Wednesday is back
    await days.deliver_next(runner_id)
    assert runner.last_text.startswith("Leg session still waiting")
    await runner.press("Skip today")
    assert runner.last_text == "Skipped today: rest well. Next leg day: Wed 2 Dec, 07:30."
    assert leg_day.message_id != days.bot.api.last_message(runner.chat_id).message_id


async def test_move_to_tomorrow_replans_the_next_leg_day_with_the_rule(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    await days.deliver_next(runner_id)  # Monday
    wednesday = await days.deliver_next(runner_id)
    days.bot.clock.set(wednesday.due_at + timedelta(hours=1))
    await runner.press("Move to tomorrow")
    assert runner.last_text.startswith("Moved to tomorrow, Thu 3 Dec, 07:30.")
    # Monday 7 is 4 days on: nothing to say, nothing moved
    assert "Next leg day moved" not in runner.last_text
    stored = {str(r.local_date): r.kind for r in await pending_of(days.bot, runner_id)}
    assert stored == {"2026-12-03": "moved", "2026-12-07": "leg_day"}


async def test_a_runner_with_seven_running_days(days: LegDays) -> None:
    """Every day a running day: leg days pair with easy runs (Mon, Wed, Fri for an advanced
    runner with a long Sunday), never two days running and 40 hours apart, for three weeks;
    a late Monday session moves Wednesday's leg day to Friday, and says so."""
    week = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
    runner, runner_id = await days.runner(level="Advanced", days=week, hard=("Sun",))
    await runner.command("profile")
    assert "Leg days: Mon, Wed, Fri" in runner.last_text
    assert "Every day is a running day" in runner.last_text
    ends: list[datetime] = []
    for number in range(9):
        reminder = await days.deliver_next(runner_id)
        assert "You also have an easy run today" in runner.last_text
        if number == 4:  # Monday 7 Dec (the first is Friday 27 Nov): done late at 20:00
            days.bot.clock.set(reminder.due_at + timedelta(hours=12, minutes=30))
        await runner.press("Start")
        summary = await finish_session(runner)
        ends.append(days.bot.clock.now())
        if number == 4:
            assert "Next leg day moved from Wed 9 Dec, 07:30 to Fri 11 Dec, 07:30" in summary
    local_days = [end.astimezone(ZoneInfo("Europe/Berlin")).date() for end in ends]
    assert all((b - a).days >= 2 for a, b in pairwise(local_days))  # never two days running
    assert all(b - a >= timedelta(hours=40) for a, b in pairwise(ends))
    sent = [r for r in await reminders_of(days.bot, runner_id) if r.sent_at is not None]
    assert "2026-12-09" not in {str(r.local_date) for r in sent}  # Wednesday 9 Dec: moved


async def moves_of(bot: BotHarness, runner_id: int) -> list[tuple[str, str]]:
    async with bot.session() as db:
        rows = await db.execute(
            select(ProgressionEvent.exercise_id, ProgressionEvent.kind)
            .where(ProgressionEvent.runner_id == runner_id)
            .order_by(ProgressionEvent.id)
        )
        return [(exercise_id, kind) for exercise_id, kind in rows]


async def test_harder_in_an_extra_session_never_moves_a_ladder_twice_a_day(
    either_days: LegDays,
) -> None:
    days = either_days
    bot = days.bot
    runner, runner_id = await days.runner()
    bot.clock.set(WEDNESDAY_18)
    await runner.command("workout")
    first = (await days.last_session_items())[0]
    await runner.press("Harder")  # the first exercise moves up by a press
    assert days.toast() == "Harder it is."
    await finish_session(runner)
    moved = await moves_of(bot, runner_id)
    auto = {exercise_id for exercise_id, kind in moved if kind.startswith("auto_")}

    bot.clock.advance(timedelta(hours=1))
    await runner.command("workout")
    await runner.press("Start anyway")
    second = await days.last_session_items()
    assert second[0] == first
    before = await days.states(runner_id)
    card = runner.last_message
    await runner.press("Harder")  # moved by a press today: it stays
    assert days.toast() == "Already changed today: one change a day."
    assert await days.states(runner_id) == before
    assert await moves_of(bot, runner_id) == moved
    redrawn = bot.api.message(runner.chat_id, card.message_id)
    assert redrawn is not None
    assert "already changed today, so an extra session keeps it as it is" in redrawn.text
    assert card.text.split("\n")[:3] == redrawn.text.split("\n")[:3]  # the same rung and dose
    # Easier always works: when a set is too hard, the safe answer never waits a day
    await runner.press("Easier")
    assert days.toast() == "Easier it is."
    assert (await moves_of(bot, runner_id))[-1] == (first, "easier")
    moved = await moves_of(bot, runner_id)
    before = await days.states(runner_id)

    # typed, on an exercise the first session's end moved: the same
    await runner.press("Skip")
    current = (await days.last_session_items())[1]
    assert current in auto, (current, moved)
    mark = runner.mark()
    await runner.send("harder")
    assert await days.states(runner_id) == before
    assert await moves_of(bot, runner_id) == moved
    live = bot.api.last_message(runner.chat_id)
    assert "already changed today" in live.text and not runner.texts_since(mark)

    # the next day the first exercise moves up again
    await runner.command("stop")
    bot.clock.advance(timedelta(days=2))
    await runner.command("workout")
    await runner.press("Harder")
    assert days.toast() == "Harder it is."
    assert (await moves_of(bot, runner_id))[-1][1] == "harder"
