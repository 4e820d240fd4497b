"""The leg-day message and the runner's side of scheduling, through the real Application:
Start, Snooze 1 h, Skip today, Move to tomorrow, /next, /pause, /resume and /race."""

from __future__ import annotations

from datetime import timedelta

import pytest
from telegram.constants import ParseMode

from bot.dispatch.dispatcher import Dispatcher
from bot.dispatch.message import reminder_message
from bot.offline import ChatDriver
from content.reminders import ReminderStatus, StoredReminder
from storage import claims, runners
from tests.factories import onboard
from tests.harness import BotHarness
from tests.scheduling.conftest import (
    VirtualTime,
    dispatcher,
    pending_of,
    profile_of,
    reminders_of,
    runner_id_of,
)

# The default runner runs Tue, Thu and Sat (long run Sat): leg days are Mon and Wed, 07:30 in
# Berlin. The clock starts on Wednesday 25 Nov 2026 at 09:00 Berlin time.


class Setup:
    def __init__(self, bot: BotHarness, vtime: VirtualTime) -> None:
        self.bot = bot
        self.dispatch: Dispatcher = dispatcher(bot, vtime)

    async def runner(self, **answers: object) -> tuple[ChatDriver, int]:
        driver = self.bot.runner(first_name="Kim")
        await onboard(driver, **answers)  # type: ignore[arg-type]
        return driver, await runner_id_of(self.bot, driver.user_id)

    async def deliver_next(self, runner_id: int, late: timedelta = timedelta(0)) -> StoredReminder:
        """Move the clock to the earliest waiting reminder and tick."""
        waiting = min(await pending_of(self.bot, runner_id), key=lambda r: r.due_at)
        self.bot.clock.set(waiting.due_at + late)
        report = await self.dispatch.tick(self.bot.clock.now())
        assert report.sent == 1, report
        return waiting

    def answer(self) -> str:
        return str(self.bot.api.calls_to("answerCallbackQuery")[-1].params.get("text", ""))


@pytest.fixture
def setup(bot: BotHarness, vtime: VirtualTime) -> Setup:
    return Setup(bot, vtime)


async def test_the_leg_day_message_names_the_session_and_offers_the_buttons(
    setup: Setup,
) -> None:
    runner, runner_id = await setup.runner(level="Intermediate")
    reminder = await setup.deliver_next(runner_id)
    assert str(reminder.local_date) == "2026-11-30"  # Monday
    message = setup.bot.api.last_message(runner.chat_id)
    assert "Leg day, Kim!" in message.plain_text
    assert "Intermediate leg session, about 25 minutes" in message.plain_text
    # Monday's session can't move to Tuesday: Wednesday is the next leg day
    assert message.button_labels == ["Start ▶️", "Snooze 1 h ⏰", "Skip today"]
    await setup.deliver_next(runner_id)  # Wednesday: Thursday is allowed
    labels = setup.bot.api.last_message(runner.chat_id).button_labels
    assert [label.split()[0] for label in labels] == ["Start", "Snooze", "Skip", "Move"]
    assert labels[-1].startswith("Move to tomorrow")


async def test_start_begins_the_session_planned_for_the_reminder(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    reminder = await setup.deliver_next(runner_id, late=timedelta(minutes=4))
    leg_day_message = setup.bot.api.last_message(runner.chat_id)
    await runner.press("Start")
    assert setup.answer() == "Let's go!"
    texts = [m.plain_text for m in runner.replies]
    # the intro, the first exercise's picture (the runner has never met it), its card
    assert texts[0].startswith("Leg session:") and texts[2].startswith("1/")
    assert texts[1].startswith("New exercise") and runner.replies[1].photo is not None
    assert setup.bot.api.message(runner.chat_id, leg_day_message.message_id).buttons == []
    stored = {r.id: r for r in await reminders_of(setup.bot, runner_id)}
    assert stored[reminder.id].status == ReminderStatus.STARTED
    # the same button again (an old copy of the message) no longer works
    await runner.press_data(leg_day_message.message_id, f"ld:{reminder.id}:go")
    assert "no longer works" in setup.answer()


async def test_snooze_reminds_again_in_an_hour_once(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    reminder = await setup.deliver_next(runner_id)
    setup.bot.clock.advance(timedelta(minutes=5))
    await runner.press("Snooze 1 h")
    assert runner.last_text == "Snoozed. I'll remind you again at 08:35."
    snooze = next(r for r in await pending_of(setup.bot, runner_id) if r.kind == "snooze")
    assert snooze.local_date == reminder.local_date
    assert snooze.due_at == setup.bot.clock.now() + timedelta(hours=1)
    setup.bot.clock.advance(timedelta(minutes=59))
    assert (await setup.dispatch.tick(setup.bot.clock.now())).sent == 0
    setup.bot.clock.advance(timedelta(minutes=1))
    assert (await setup.dispatch.tick(setup.bot.clock.now())).sent == 1
    assert (await setup.dispatch.tick(setup.bot.clock.now())).sent == 0
    assert runner.last_text.startswith("Leg session still waiting, Kim.")
    # snoozing the snooze works too, and the leg day itself is still the one planned next
    await runner.press("Snooze 1 h")
    assert "Snoozed" in runner.last_text
    kinds = sorted(r.kind for r in await pending_of(setup.bot, runner_id))
    assert kinds == ["leg_day", "snooze"]


async def test_snoozing_again_and_again_ends_in_the_evening(setup: Setup) -> None:
    """An hour on past 22:00 is refused with the choices left; the leg day still answers."""
    runner, runner_id = await setup.runner()
    await setup.deliver_next(runner_id)  # 07:30 in Berlin
    snoozes = 0
    while True:
        await runner.press("Snooze 1 h")
        if "Snoozed" not in runner.last_text or setup.answer().startswith("An hour"):
            break
        snoozes += 1
        setup.bot.clock.advance(timedelta(hours=1))
        assert (await setup.dispatch.tick(setup.bot.clock.now())).sent == 1
        assert snoozes < 20, "a snooze that never ends"
    assert snoozes == 14  # 08:30 ... 21:30 reminded; at 21:30 an hour on is past 22:00
    assert setup.answer() == (
        "An hour from now is too late for leg work today. Start now, skip today, or move it "
        "to tomorrow."
    )
    assert [r.kind for r in await pending_of(setup.bot, runner_id)] == ["leg_day"]
    await runner.press("Skip today")  # the same message still answers
    assert setup.answer() == "Skipped."


async def test_no_snooze_after_a_session_that_day(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    await setup.deliver_next(runner_id)
    await runner.press("Snooze 1 h")
    await runner.command("workout")
    await runner.command("stop")
    mark = runner.mark()
    setup.bot.clock.advance(timedelta(hours=1))
    report = await setup.dispatch.tick(setup.bot.clock.now())
    assert (report.claimed, report.sent, report.dropped) == (1, 0, 1)
    assert runner.texts_since(mark) == []


async def test_skip_today_records_it_and_says_when_the_next_is(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    reminder = await setup.deliver_next(runner_id)
    await runner.press("Skip today")
    assert setup.answer() == "Skipped."
    assert runner.last_text == "Skipped today: rest well. Next leg day: Wed 2 Dec, 07:30."
    stored = await reminders_of(setup.bot, runner_id)
    assert next(r for r in stored if r.id == reminder.id).status == ReminderStatus.SKIPPED
    (waiting,) = [r for r in stored if r.status == ReminderStatus.PENDING]
    assert str(waiting.local_date) == "2026-12-02"


async def test_move_to_tomorrow_sends_tomorrow_at_the_reminder_time(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    await setup.deliver_next(runner_id)  # Monday
    wednesday = await setup.deliver_next(runner_id)
    setup.bot.clock.advance(timedelta(hours=1))
    await runner.press("Move to tomorrow")
    assert runner.last_text == "Moved to tomorrow, Thu 3 Dec, 07:30. I'll remind you then."
    moved = next(r for r in await pending_of(setup.bot, runner_id) if r.kind == "moved")
    assert moved.due_at == wednesday.due_at + timedelta(days=1)
    # /next shows it, before the next Monday
    await runner.command("next")
    assert "• Thu 3 Dec, 07:30 (moved)\n• Mon 7 Dec, 07:30" in runner.last_text
    moved_again = await setup.deliver_next(runner_id)
    assert moved_again.kind == "moved"
    assert runner.last_text.startswith("Leg day, Kim!")
    # Thursday's can't move on: Friday is the day before the long run
    assert [b.split()[0] for b in setup.bot.api.last_message(runner.chat_id).button_labels] == [
        "Start",
        "Snooze",
        "Skip",
    ]
    (waiting,) = await pending_of(setup.bot, runner_id)
    assert str(waiting.local_date) == "2026-12-07"


async def test_move_is_refused_when_tomorrow_is_not_allowed(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    reminder = await setup.deliver_next(runner_id)  # Monday: Tuesday sits next to Wednesday
    message = setup.bot.api.last_message(runner.chat_id)
    await runner.press_data(message.message_id, f"ld:{reminder.id}:mv")
    answer = setup.answer()
    assert answer.startswith("Can't move it to tomorrow.")
    assert "Wednesday is already a leg day" in answer
    stored = {r.id: r for r in await reminders_of(setup.bot, runner_id)}
    assert stored[reminder.id].status == ReminderStatus.SENT
    assert not any(r.kind == "moved" for r in stored.values())


async def test_buttons_of_another_runner_or_forged_ones_are_refused(setup: Setup) -> None:
    ana, ana_id = await setup.runner()
    ben, _ = await setup.runner(reminder="18:00")
    reminder = await setup.deliver_next(ana_id)
    await ben.press_data(1, f"ld:{reminder.id}:sk")
    assert setup.answer() == "That button isn't for you."
    for forged in ("ld:99999:go", "ld:x:go", f"ld:{reminder.id}:zz"):
        await ana.press_data(1, forged)
        assert "no longer works" in setup.answer()
    stored = {r.id: r for r in await reminders_of(setup.bot, ana_id)}
    assert stored[reminder.id].status == ReminderStatus.SENT
    answers = setup.bot.api.calls_to("answerCallbackQuery")
    assert all(call.ok for call in answers)


async def test_next_shows_three_leg_days_with_the_rules(setup: Setup) -> None:
    runner, _ = await setup.runner()
    await runner.command("next")
    text = runner.last_text
    assert text.startswith("Your next leg days")
    assert "• Mon 30 Nov, 07:30\n• Wed 2 Dec, 07:30\n• Mon 7 Dec, 07:30" in text
    assert "Berlin" in text and "No leg day on Friday: Saturday is your long" in text


async def test_commands_before_setup_ask_to_finish_it(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.command("start")
    for command in ("next", "pause", "resume", "race"):
        mark = runner.mark()
        await runner.command(command)
        replies = runner.texts_since(mark)
        assert replies[0] == "Let's finish setting you up first." and "1/6" in replies[1]


async def test_pause_until_resume_stops_reminders(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    await runner.command("pause")
    assert "until you send /resume" in runner.last_text
    assert (await profile_of(setup.bot, runner_id)).paused
    assert await pending_of(setup.bot, runner_id) == []
    mark = runner.mark()
    for _ in range(14):
        setup.bot.clock.advance(timedelta(hours=12))
        assert (await setup.dispatch.tick(setup.bot.clock.now())).claimed == 0
    assert runner.texts_since(mark) == []
    await runner.command("next")
    assert "paused" in runner.last_text and "/resume" in runner.last_text
    await runner.command("resume")
    # the clock is now Wednesday 2 Dec, 09:00 in Berlin
    assert runner.last_text == (
        "Welcome back! Reminders are on again. Next leg day: Mon 7 Dec, 07:30."
    )
    assert not (await profile_of(setup.bot, runner_id)).paused
    await setup.deliver_next(runner_id)
    await runner.command("resume")
    assert runner.last_text.startswith("Reminders are already on.")


async def test_pause_until_a_date(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    await runner.command("pause", "2026-12-24")
    assert runner.last_text.startswith("Paused through Thu 24 Dec.")
    (waiting,) = await pending_of(setup.bot, runner_id)
    assert str(waiting.local_date) == "2026-12-28"
    await runner.command("next")
    assert "• Mon 28 Dec, 07:30" in runner.last_text
    assert "Reminders paused through Thu 24 Dec." in runner.last_text
    # after the date has passed, the pause clears itself
    setup.bot.clock.set(waiting.due_at + timedelta(days=1))
    await runner.command("profile")
    assert not (await profile_of(setup.bot, runner_id)).paused


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("2026-13-45", "couldn't read '2026-13-45' as a date"),
        ("when I feel better", "couldn't read 'when I feel better' as a date"),
        ("2026-11-01", "has already passed"),
    ],
)
async def test_pause_with_a_bad_date_is_explained(
    setup: Setup, argument: str, expected: str
) -> None:
    runner, runner_id = await setup.runner()
    await runner.command("pause", argument)
    assert expected in runner.last_text
    assert not (await profile_of(setup.bot, runner_id)).paused
    assert len(await pending_of(setup.bot, runner_id)) == 1


@pytest.mark.parametrize(
    ("argument", "language", "through"),
    [
        ("next friday", "en", "Fri 27 Nov"),
        ("10 Dec", "en", "Thu 10 Dec"),
        ("2026-12-24", "en", "Thu 24 Dec"),
        ("nächsten Freitag", "de", "Bis einschließlich Fr., 27. Nov. pausiert"),
        ("el próximo viernes", "es", "En pausa hasta el vie, 27 nov incluido"),
        ("vendredi prochain", "fr", "En pause jusqu'au ven. 27 nov. inclus"),
        ("24 décembre", "fr", "En pause jusqu'au jeu. 24 déc. inclus"),
        ("in two weeks", "en", "Wed 9 Dec"),
    ],
)
async def test_pause_understands_dates_in_the_runners_language_and_english(
    setup: Setup, argument: str, language: str, through: str
) -> None:
    runner, runner_id = await setup.runner()
    async with setup.bot.session() as db:
        await runners.update_runner(db, runner_id, language=language)
        await db.commit()
    await runner.command("pause", argument)
    # the answer is in the runner's language
    said = through if language != "en" else f"Paused through {through}."
    assert said in runner.last_text
    profile = await profile_of(setup.bot, runner_id)
    assert profile.paused and profile.paused_until is not None


async def test_race_understands_a_day_and_month(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    await runner.command("race", "18 April")
    assert runner.last_text.startswith("Goal race set: Sun, 18 Apr 2027.")
    assert str((await profile_of(setup.bot, runner_id)).race_date) == "2027-04-18"


async def test_race_keeps_one_light_session_in_the_last_ten_days(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    await runner.command("race", "2026-12-12")
    text = runner.last_text
    assert text.startswith("Goal race set: Sat, 12 Dec 2026.")
    assert "Your light session: Wed 2 Dec, 07:30." in text
    assert (await profile_of(setup.bot, runner_id)).race_date is not None
    await runner.command("next")
    assert (
        "• Mon 30 Nov, 07:30\n• Wed 2 Dec, 07:30 (light session: race taper)\n"
        "• Mon 21 Dec, 07:30" in runner.last_text  # after the half's five recovery days
    )
    await setup.deliver_next(runner_id)  # Monday, a normal session
    assert "Beginner leg session" in runner.last_text
    await setup.deliver_next(runner_id)  # Wednesday, the light one
    assert "Light taper session, about 15 minutes" in runner.last_text
    assert "race is on Sat 12 Dec" in runner.last_text
    (waiting,) = await pending_of(setup.bot, runner_id)
    # nothing on 7 and 9 Dec, nor race day, nor in the recovery days 13-17 Dec
    assert str(waiting.local_date) == "2026-12-21"
    await runner.command("race", "off")
    assert "cleared" in runner.last_text
    (waiting,) = await pending_of(setup.bot, runner_id)
    assert str(waiting.local_date) == "2026-12-07"


@pytest.mark.parametrize(
    ("argument", "expected"),
    [
        ("", "Send /race 18 April"),
        ("2026-11-25", "isn't in the future"),
        ("soon", "couldn't read 'soon' as a date"),
    ],
)
async def test_race_needs_a_future_date(setup: Setup, argument: str, expected: str) -> None:
    runner, runner_id = await setup.runner()
    await runner.command("race", argument)
    assert expected in runner.last_text
    assert (await profile_of(setup.bot, runner_id)).race_date is None


async def test_a_profile_change_replans_and_keeps_sent_history(setup: Setup) -> None:
    runner, runner_id = await setup.runner()
    sent = await setup.deliver_next(runner_id)
    await runner.command("settings")
    await runner.press("Reminder time")
    await runner.press("18:30")
    stored = await reminders_of(setup.bot, runner_id)
    assert [r.status for r in stored if r.id == sent.id] == [ReminderStatus.SENT]
    (waiting,) = [r for r in stored if r.status == ReminderStatus.PENDING]
    assert waiting.due_at.isoformat() == "2026-12-02T17:30:00+00:00"  # Wed 18:30 Berlin
    await runner.command("settings")
    await runner.press("Time zone")
    await runner.send("New York")
    await runner.press("Yes")
    (waiting,) = await pending_of(setup.bot, runner_id)
    assert waiting.due_at.isoformat() == "2026-12-02T23:30:00+00:00"  # Wed 18:30 New York
    # showing the card again changes nothing
    await runner.command("profile")
    assert [r.id for r in await pending_of(setup.bot, runner_id)] == [waiting.id]


async def test_a_press_before_the_send_is_recorded_counts_and_stops_a_resend(
    setup: Setup,
) -> None:
    """The runner can tap faster than the dispatcher records the send (or the send timed out
    but arrived): the answer holds, the record still lands, and nothing is sent again."""
    runner, runner_id = await setup.runner()
    await runner.command("settings")
    await runner.press("Weekly recap: on")  # (only the leg day falls due: Sunday has none)
    (waiting,) = await pending_of(setup.bot, runner_id)
    setup.bot.clock.set(waiting.due_at)
    async with setup.bot.session() as db:
        (due,) = await claims.claim_due(
            db, setup.bot.clock.now(), 5, "slow-process", timedelta(minutes=5)
        )
        await db.commit()
    text, markup = reminder_message(due, setup.bot.clock.now())
    sent = await setup.bot.application.bot.send_message(
        runner.chat_id, text, parse_mode=ParseMode.HTML, reply_markup=markup
    )
    await runner.press("Skip today")
    assert setup.answer() == "Skipped."
    async with setup.bot.session() as db:
        recorded = await claims.mark_sent(
            db,
            due.reminder.id,
            "slow-process",
            message_id=sent.message_id,
            sent_at=setup.bot.clock.now(),
        )
        await db.commit()
    assert recorded
    stored = next(r for r in await reminders_of(setup.bot, runner_id) if r.id == waiting.id)
    assert (stored.status, stored.message_id) == (ReminderStatus.SKIPPED, sent.message_id)
    setup.bot.clock.advance(timedelta(minutes=6))
    assert (await setup.dispatch.tick(setup.bot.clock.now())).claimed == 0
