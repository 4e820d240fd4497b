"""The leg-day reminder names the time and the session's exercises, in the runner's
language, and Start begins exactly the session it named (issue 18.4)."""

from __future__ import annotations

from content.library import default_library
from content.model import Level
from tests.harness import BotHarness
from tests.scheduling.conftest import LegDays, stored_runner

# The stored runner runs Tue, Thu and Sat (long run Sat): leg days Mon and Wed at 07:30 in
# Berlin; the clock starts on Wednesday 25 Nov 2026, so the first reminder is Monday's.


async def test_the_reminder_names_the_time_and_the_exercises_in_order(
    bot: BotHarness, days: LegDays
) -> None:
    runner = await stored_runner(bot, level=Level.INTERMEDIATE)
    await days.deliver_next(runner.id)
    message = bot.api.last_message(runner.chat_id)
    assert message.plain_text.splitlines()[1] == (
        "Today at 07:30: Intermediate leg session, about 25 minutes: Squat jump, Squat, "
        "Moving lunge, Single-leg deadlift, Side lunge and Calf raise."
    )


async def test_start_begins_the_session_the_reminder_named(days: LegDays) -> None:
    driver, runner_id = await days.runner(level="Advanced")
    await days.deliver_next(runner_id)
    named = days.bot.api.last_message(driver.chat_id).plain_text.splitlines()[1]
    await driver.press("Start")
    items = await days.last_session_items()
    names = [default_library().get(exercise_id).name for exercise_id in items]
    assert named.endswith(": " + ", ".join(names[:-1]) + " and " + names[-1] + ".")


async def test_the_reminder_names_the_exercises_in_german(bot: BotHarness, days: LegDays) -> None:
    runner = await stored_runner(bot, level=Level.INTERMEDIATE, language="de")
    await days.deliver_next(runner.id)
    lines = bot.api.last_message(runner.chat_id).plain_text.splitlines()
    assert lines[0] == "Beintag, Kim!"
    assert lines[1] == (
        "Heute um 07:30: Beinkraft-Einheit für Fortgeschrittene, etwa 25 Minuten: "
        "Sprungkniebeuge, Kniebeuge, Ausfallschritt im Gehen, Einbeiniges Kreuzheben, "
        "Seitlicher Ausfallschritt und Wadenheben."
    )
