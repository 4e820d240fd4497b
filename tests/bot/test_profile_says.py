"""/profile says what matters once: the goal race, a pause and the sore areas, and the
seven-running-days note a single time wherever the plan is shown (issue 18.4)."""

from __future__ import annotations

from bot.offline import ChatDriver
from tests.factories import onboard
from tests.harness import BotHarness

WEEK = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
EVERY_DAY = "Every day is a running day"


async def test_profile_shows_the_race_the_pause_and_the_sore_areas(bot: BotHarness) -> None:
    runner = bot.runner(first_name="Kim")
    await onboard(runner)
    await runner.command("race", "2027-03-14 10k")
    await runner.command("pause", "2026-12-10")
    await runner.send("my knee is sore")
    await runner.command("profile")
    card = runner.last_text
    assert "Goal race: Sun 14 Mar 2027 (10k)" in card
    assert "Reminders paused through Thu 10 Dec" in card
    assert "Sparing: knee (since " in card
    lines = card.splitlines()
    assert len(lines) == len(set(lines)), card


async def _seven_day_runner(bot: BotHarness) -> ChatDriver:
    runner = bot.runner(first_name="Kim")
    await onboard(runner, level="Advanced", days=WEEK, hard=("Sun",))
    return runner


async def test_every_day_a_running_day_is_said_once_wherever_the_plan_is_shown(
    bot: BotHarness,
) -> None:
    runner = await _seven_day_runner(bot)
    for command in ("profile", "next", "settings", "start"):
        mark = runner.mark()
        await runner.command(command)
        said = "\n".join(runner.texts_since(mark))
        assert said.count(EVERY_DAY) == 1, (command, said)
    # and after a setting is saved (the plan card comes back with what changed)
    await runner.command("settings")
    await runner.press("Reminder time")
    mark = runner.mark()
    await runner.send("06:30")
    said = "\n".join(runner.texts_since(mark))
    assert said.count(EVERY_DAY) == 1, said


async def test_an_unknown_command_suggests_the_record_commands_too(bot: BotHarness) -> None:
    runner = bot.runner()
    for typed, known in (
        ("/histroy", "/history"),
        ("/progres", "/progress"),
        ("/exprot", "/export"),
    ):
        await runner.send(typed)
        assert runner.last_text == (
            f"I don't know {typed}. Did you mean {known}? /help lists everything."
        )
