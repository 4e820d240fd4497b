"""A goal race through the real Application (issue 14): /race DATE [5k|10k|half|marathon],
its taper (one light session, offered once by reminder), /workout in the taper, race day,
the recovery days by distance, and the first session after them one rung lower, announced.

The default runner runs Tue, Thu and Sat (long run Sat): leg days Mon and Wed, 07:30 Berlin.
The clock starts on Wednesday 25 Nov 2026 at 09:00 Berlin time.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select

from content import ladder
from content.library import default_library
from storage.models import SessionItem
from tests.factories import finish_session
from tests.scheduling.conftest import LegDays, pending_of

LIBRARY = default_library()


def berlin_10(month: int, day: int) -> datetime:
    """10:00 in Berlin (winter) on a day of 2026."""
    return datetime(2026, month, day, 9, 0, tzinfo=UTC)


async def light_items(days: LegDays) -> list[tuple[str, int]]:
    async with days.bot.session() as db:
        session = await days.last_session()
        rows = await db.execute(
            select(SessionItem.exercise_id, SessionItem.sets).where(
                SessionItem.session_id == session.id
            )
        )
        return [(row[0], row[1]) for row in rows]


async def test_a_marathon_its_taper_race_day_recovery_and_comeback(either_days: LegDays) -> None:
    days = either_days
    runner, runner_id = await days.runner()
    await days.deliver_next(runner_id)  # Monday 30 Nov: a normal session, ladders to lower
    await runner.press("Start")
    await finish_session(runner)

    await runner.command("race", "2026-12-20 marathon")
    text = runner.last_text
    assert text.startswith("Goal race set: Sun, 20 Dec 2026. Good luck!")
    assert "Goal race Sun 20 Dec (marathon): no hard leg work in its last 14 days" in text
    assert "After it: no jumps or hard leg work for 7 days, then back one step easier." in text
    assert "Your light session: Mon 7 Dec, 07:30." in text
    assert "The 14-day cut-off is coaches' practice" in text
    await runner.command("next")
    assert (
        "• Wed 2 Dec, 07:30\n• Mon 7 Dec, 07:30 (light session: race taper)\n"
        "• Mon 28 Dec, 07:30" in runner.last_text
    )

    await days.deliver_next(runner_id)  # Wednesday 2 Dec, before the taper: as usual
    assert "Beginner leg session" in runner.last_text
    await runner.press("Start")
    await finish_session(runner)

    # Sunday 6 Dec, the taper's first day: /workout explains and offers the light one
    days.bot.clock.set(berlin_10(12, 6))
    await runner.command("workout")
    assert runner.last_text.startswith(
        "Your marathon is on Sun 20 Dec: its last 14 days hold one light session at most"
    )
    assert days.bot.api.last_message(runner.chat_id).button_labels == ["Light session"]

    # the light session comes by reminder, once
    await days.deliver_next(runner_id)
    assert "Light taper session, about 15 minutes" in runner.last_text
    assert "Your race is on Sun 20 Dec" in runner.last_text
    await runner.press("Start")
    intro = next(t for t in runner.texts_since(0)[::-1] if t.startswith("Leg session:"))
    assert "Light session for your race taper: no jumps, two sets each." in intro
    planned = await light_items(days)
    assert "squat_jump" not in {exercise for exercise, _ in planned}
    assert all(sets <= 2 for _, sets in planned)
    await finish_session(runner)
    # nothing more until the recovery days are over
    assert [str(r.local_date) for r in await pending_of(days.bot, runner_id)] == ["2026-12-28"]
    days.bot.clock.set(berlin_10(12, 10))
    await runner.command("workout")
    assert runner.last_text == (
        "Your marathon is on Sun 20 Dec and you've done your light session: no more leg work "
        "until then, so your legs are fresh on the day."
    )
    assert days.bot.api.last_message(runner.chat_id).button_labels == []

    days.bot.clock.set(berlin_10(12, 20))
    await runner.command("workout")
    assert runner.last_text == "It's race day: no leg work today. Good luck!"

    # the recovery: no jumps or hard work for 7 days; /profile and /next say so
    days.bot.clock.set(berlin_10(12, 22))
    await runner.command("workout")
    assert runner.last_text.startswith(
        "You raced your marathon on Sun 20 Dec: no jumps or hard leg work until Sun 27 Dec"
    )
    assert days.bot.api.last_message(runner.chat_id).button_labels == ["Easy session"]
    recovering = "Recovering from your marathon until Sun 27 Dec: no jumps or hard leg work"
    await runner.command("profile")
    assert recovering in runner.last_text and "Next leg day: Mon 28 Dec, 07:30" in runner.last_text
    await runner.command("next")
    assert recovering in runner.last_text and "• Mon 28 Dec, 07:30" in runner.last_text

    # the first session after: one rung lower on every exercise (not two: 21 days without a
    # session, but the taper and the recovery are no break), and announced
    before = await days.states(runner_id)
    await days.deliver_next(runner_id)
    assert "Welcome back after your race: every exercise starts one step easier today." in (
        runner.last_text
    )
    await runner.press("Start")
    intro = next(t for t in runner.texts_since(0)[::-1] if t.startswith("Leg session:"))
    assert "Welcome back after your race! Every exercise starts one step easier" in intro
    after = await days.states(runner_id)
    for exercise_id, old in before.items():
        exercise = LIBRARY.get(exercise_id)
        lower = max(0, ladder.rung_index(exercise, old.rung_id) - 1)
        assert ladder.rung_index(exercise, after[exercise_id].rung_id) == lower, exercise_id
        assert after[exercise_id].reps == exercise.ladder[lower].rep_min
    await finish_session(runner)
    await runner.command("profile")
    assert "Recovering" not in runner.last_text and "Goal race" not in runner.last_text


async def test_a_5k_two_recovery_days_and_an_easy_session_in_them(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    await runner.command("race", "2026-12-12 5k")
    assert "Goal race Sat 12 Dec (5k): no hard leg work in its last 10 days" in runner.last_text
    assert "no jumps or hard leg work for 2 days" in runner.last_text
    await runner.command("next")
    # the taper opens Wed 2 Dec (the light one); 13 and 14 Dec recover; Wed 16 is back
    assert (
        "• Mon 30 Nov, 07:30\n• Wed 2 Dec, 07:30 (light session: race taper)\n"
        "• Wed 16 Dec, 07:30" in runner.last_text
    )
    await days.deliver_next(runner_id)
    await runner.press("Start")
    await finish_session(runner)
    await days.deliver_next(runner_id)
    assert "Light taper session" in runner.last_text
    await runner.press("Skip today")  # offered once: skipped, no other in the taper
    assert [str(r.local_date) for r in await pending_of(days.bot, runner_id)] == ["2026-12-16"]

    # the day after the race: an easy session at most
    days.bot.clock.set(berlin_10(12, 13))
    await runner.command("workout")
    assert runner.last_text.startswith(
        "You raced your 5k on Sat 12 Dec: no jumps or hard leg work until Mon 14 Dec"
    )
    await runner.press("Easy session")
    intro = next(t for t in runner.texts_since(0)[::-1] if t.startswith("Leg session:"))
    assert "Easy session while you recover from your race: no jumps, two sets each." in intro
    planned = await light_items(days)
    assert "squat_jump" not in {exercise for exercise, _ in planned}
    await finish_session(runner)

    # Wednesday 16 Dec: back, one rung lower, announced
    await days.deliver_next(runner_id)
    await runner.press("Start")
    intro = next(t for t in runner.texts_since(0)[::-1] if t.startswith("Leg session:"))
    assert "Welcome back after your race!" in intro
    assert runner.last_text.startswith("1/5 Squat jump")  # jumps are back after the recovery
