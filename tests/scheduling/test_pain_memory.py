"""Pain memory through the real Application (issue 14): a sore area is remembered, spared in
every session (warm-up included), asked about before every leg day (Better / Same / Worse),
and forgotten only when the runner says it is better.

The default runner runs Tue, Thu and Sat (long run Sat): leg days Mon and Wed, 07:30 Berlin.
The clock starts on Wednesday 25 Nov 2026 at 09:00 Berlin time.
"""

from __future__ import annotations

from content.library import default_library
from content.model import Area
from storage import pain
from tests.factories import finish_session
from tests.scheduling.conftest import LegDays, profile_of

LIBRARY = default_library()
KNEE_LOADERS = LIBRARY.loading({Area.KNEE})
LEG_DAY_BUTTONS = ["Start ▶️", "Snooze 1 h ⏰", "Skip today"]


async def sore_areas(days: LegDays, runner_id: int) -> list[Area]:
    async with days.bot.session() as db:
        return [item.area for item in await pain.sore_of(db, runner_id)]


async def test_a_sore_knee_is_asked_about_before_three_leg_days_same_same_better(
    either_days: LegDays,
) -> None:
    days = either_days
    runner, runner_id = await days.runner()
    await runner.send("my knee hurts after yesterday's run")
    assert "I'll remember your knee" in runner.last_text
    assert "see a physio or doctor" in runner.last_text
    assert await sore_areas(days, runner_id) == [Area.KNEE]

    old_better = ""
    for number, said in enumerate(("Same", "Same", "Better"), start=1):
        reminder = await days.deliver_next(runner_id)
        message = days.bot.api.last_message(runner.chat_id)
        assert message.plain_text.startswith("Leg day, Kim!")
        assert "Before you start: how's your knee?" in message.plain_text
        # the question's buttons come first, above Start
        assert message.button_labels[:3] == ["Better", "Same", "Worse"]
        assert message.button_labels[3] == "Start ▶️"
        old_better = old_better or f"pn:{reminder.id}:knee:better"
        await runner.press(said)
        assert days.toast() == "Noted."
        # the answered row goes; the leg-day buttons stay and still work
        redrawn = days.bot.api.message(runner.chat_id, message.message_id)
        assert redrawn is not None
        assert redrawn.button_labels[: len(LEG_DAY_BUTTONS)] == LEG_DAY_BUTTONS
        if said == "Same":
            assert runner.last_text == "Noted: I'll keep sparing your knee."
            assert await sore_areas(days, runner_id) == [Area.KNEE]
        else:
            assert runner.last_text.startswith("Good to hear about your knee!")
            assert await sore_areas(days, runner_id) == []
        await runner.press("Start", message=message.message_id)
        intro = next(
            text for text in runner.texts_since(0)[::-1] if text.startswith("Leg session:")
        )
        items = await days.last_session_items()
        if said == "Same":
            # every session spares the knee, warm-up included, and says so
            assert not set(items) & KNEE_LOADERS, (number, items)
            assert "Gentle on your knee" in intro
            assert "squats" not in intro and "hops" not in intro
        else:
            assert set(items) & KNEE_LOADERS  # back in the sessions
            assert "Gentle" not in intro
        await finish_session(runner)

    # the knee is better: the next leg day asks nothing
    await days.deliver_next(runner_id)
    message = days.bot.api.last_message(runner.chat_id)
    assert "how's your knee" not in message.plain_text
    assert message.button_labels[0] == "Start ▶️"
    # the first question's Better pressed now is answered from what is stored
    await runner.press_data(message.message_id, old_better)
    assert days.toast() == "You told me your knee is better already."
    assert await sore_areas(days, runner_id) == []


async def test_two_weeks_on_same_suggests_a_professional_and_worse_says_stop(
    days: LegDays,
) -> None:
    runner, runner_id = await days.runner()
    await runner.send("my achilles is sore")
    # three leg days skipped without an answer: the knee is still asked about each time
    for _ in range(3):
        reminder = await days.deliver_next(runner_id)
        assert "how's your ankle?" in runner.last_text
        await runner.press("Skip today")
    # Wednesday 9 Dec, two weeks on: the leg-day message says it, and Same suggests someone
    reminder = await days.deliver_next(runner_id)
    assert str(reminder.local_date) == "2026-12-09"
    message = days.bot.api.last_message(runner.chat_id)
    assert "two weeks or more for your ankle" in message.plain_text
    assert "see a physio or doctor" in message.plain_text
    await runner.press("Same")
    assert "If it isn't getting better, see a physio or doctor" in runner.last_text
    assert "It's been 14 days with your ankle." in runner.last_text
    # Worse: stop what hurts, see someone, a pause on offer; never a diagnosis
    await days.deliver_next(runner_id)
    await runner.press("Worse")
    reply = runner.last_text
    assert "stop the leg work that hurts and see a physio or doctor" in reply
    assert "won't guess" in reply
    assert days.bot.api.last_message(runner.chat_id).button_labels == ["Pause reminders"]
    await runner.press("Pause reminders")
    assert runner.last_text.startswith("Paused.")
    profile = await profile_of(days.bot, runner_id)
    assert profile.paused and profile.paused_until is None
    assert await sore_areas(days, runner_id) == [Area.ANKLE]


async def test_several_sore_areas_at_once_each_with_its_row(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    await runner.send("my hip and hamstring are sore")
    assert await sore_areas(days, runner_id) == [Area.HIP, Area.HAMSTRING]
    await runner.command("profile")
    assert "Sparing: hip (since Wed 25 Nov) and hamstring (since Wed 25 Nov)." in (
        runner.last_text
    )
    await days.deliver_next(runner_id)
    message = days.bot.api.last_message(runner.chat_id)
    assert "how are your hip and your hamstring?" in message.plain_text
    assert message.button_labels[:6] == [
        "Hip: better",
        "Hip: same",
        "Hip: worse",
        "Hamstring: better",
        "Hamstring: same",
        "Hamstring: worse",
    ]
    await runner.press("Hip: better")
    redrawn = days.bot.api.message(runner.chat_id, message.message_id)
    assert redrawn is not None
    assert redrawn.button_labels[:3] == [
        "Hamstring: better",
        "Hamstring: same",
        "Hamstring: worse",
    ]
    assert await sore_areas(days, runner_id) == [Area.HAMSTRING]
    await runner.press("Start")
    items = await days.last_session_items()
    assert not set(items) & LIBRARY.loading({Area.HAMSTRING})
    await runner.command("profile")
    assert "Sparing: hamstring (since Wed 25 Nov)." in runner.last_text


async def test_other_is_asked_about_but_spares_nothing(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    await runner.send("I think I'm injured")
    await runner.press("Somewhere else")
    assert "I'll remember the pain you told me about" in runner.last_text
    assert await sore_areas(days, runner_id) == [Area.OTHER]
    await days.deliver_next(runner_id)
    message = days.bot.api.last_message(runner.chat_id)
    assert "how's the pain you told me about?" in message.plain_text
    await runner.press("Start")
    assert "squat_jump" in await days.last_session_items()


async def test_another_runners_or_a_forged_pain_button_changes_nothing(days: LegDays) -> None:
    ana, ana_id = await days.runner()
    ben, _ = await days.runner(reminder="18:00")
    await ana.send("sore knee")
    reminder = await days.deliver_next(ana_id)
    await ben.press_data(ben.last_message.message_id, f"pn:{reminder.id}:knee:better")
    assert days.toast() == "That button isn't for you."
    for forged in ("pn:99999:knee:better", "pn:x:knee:better", f"pn:{reminder.id}:elbow:same"):
        await ana.press_data(ana.last_message.message_id, forged)
        assert days.toast() == "That button no longer works."
    assert await sore_areas(days, ana_id) == [Area.KNEE]


async def test_the_answers_can_be_typed(days: LegDays) -> None:
    runner, runner_id = await days.runner()
    await runner.send("sore knee and hip")
    await runner.send("better")
    assert (
        runner.last_text
        == 'Which one: your knee or your hip? Say it with the answer, like "knee better".'
    )
    await runner.send("my knee is much better")
    assert runner.last_text.startswith("Good to hear about your knee!")
    await runner.send("same")  # only the hip is left: it is about the hip
    assert runner.last_text == "Noted: I'll keep sparing your hip."
    await runner.send("Knee: better")
    assert runner.last_text == "You told me your knee is better already."
    assert await sore_areas(days, runner_id) == [Area.HIP]
