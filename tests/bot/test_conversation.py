"""Conversation polish (issue 18), driven through the real Application: typed answers at
every question, the same answers in onboarding and /settings, asides that point back, what a
/settings visit changed, /profile with a race and a pause, unknown commands, and no text
said twice in one update."""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable, Iterator
from datetime import time
from typing import Any

import pytest
from sqlalchemy import select

from bot.flows.setup import Question
from bot.offline import ChatDriver
from bot.offline.html import render_text
from storage.models import Runner
from tests.factories import onboard
from tests.harness import BotHarness

# Onboarding up to each question: what a runner presses (or types) to get there.
STEPS_TO = {
    Question.LEVEL: (),
    Question.EQUIPMENT: ("Beginner",),
    Question.DAYS: ("Beginner", "None", "Done"),
    Question.HARD: ("Beginner", "None", "Done", "Tue", "Thu", "Sat", "Done"),
    Question.TIME: ("Beginner", "None", "Done", "Tue", "Thu", "Sat", "Done", "Sat", "Done"),
    Question.ZONE: (
        *("Beginner", "None", "Done", "Tue", "Thu", "Sat", "Done", "Sat", "Done"),
        "type:07:30",
    ),
}
SETTING_BUTTONS = {
    Question.LEVEL: "Level",
    Question.EQUIPMENT: "Equipment",
    Question.DAYS: "Running days",
    Question.HARD: "Long/hard days",
    Question.TIME: "Reminder time",
    Question.ZONE: "Time zone",
}


async def stored(bot: BotHarness, user_id: int) -> Runner:
    async with bot.session() as db:
        row = await db.scalar(select(Runner).where(Runner.telegram_user_id == user_id))
    assert row is not None
    return row


async def reach(bot: BotHarness, question: Question, *, settings: bool, **kw: Any) -> ChatDriver:
    """A runner with ``question`` pending: in onboarding, or opened from /settings by a
    runner set up with the factory defaults (Beginner, no kit, Tue Thu Sat, long Sat, 07:30,
    Berlin)."""
    runner = bot.runner(**kw)
    if settings:
        await onboard(runner)
        await runner.command("settings")
        await runner.press(SETTING_BUTTONS[question])
        return runner
    await runner.command("start")
    for step in STEPS_TO[question]:
        if step.startswith("type:"):
            await runner.send(step.removeprefix("type:"))
        else:
            await runner.press(step)
    return runner


# -- Grenoble: the same answer wherever the question is asked -------------------------------


@pytest.mark.parametrize("settings", [False, True], ids=["onboarding", "settings"])
async def test_grenoble_is_understood_in_onboarding_and_in_settings(
    bot: BotHarness, settings: bool
) -> None:
    runner = await reach(bot, Question.ZONE, settings=settings)
    mark = runner.mark()
    await runner.send("Grenoble")
    (offer,) = runner.texts_since(mark)
    assert offer.startswith("Time zone: Paris (France).") and offer.endswith("Correct?")
    # a typo gets the same suggestions in both
    mark = runner.mark()
    await runner.send("Grenobel")
    (suggestion,) = runner.sent_since(mark)
    assert suggestion.plain_text.startswith("I'm not sure which place Grenobel is.")
    assert suggestion.button_labels[0] == "Paris (France)"
    await runner.press("Paris (France)")
    await runner.send("yes")
    assert (await stored(bot, runner.user_id)).time_zone == "Europe/Paris"
    assert ("Saved." in runner.last_text) is settings
    assert "Your plan" in runner.last_text


# -- typed labels and usual words at every question -----------------------------------------

SAME = object()  # the same stored value after /settings as after onboarding
TYPED: list[tuple[Question, tuple[str, ...], str, object, object]] = [
    (Question.LEVEL, ("beginner",), "level", "beginner", SAME),
    (Question.LEVEL, ("Intermediate please",), "level", "intermediate", SAME),
    (Question.LEVEL, ("expert",), "level", "advanced", SAME),
    (Question.LEVEL, ("advnced",), "level", "advanced", SAME),
    (Question.LEVEL, ("inter",), "level", "intermediate", SAME),
    (
        Question.EQUIPMENT,
        ("dumbbells and a long band",),
        "equipment",
        ["dumbbells", "long_band"],
        SAME,
    ),
    (Question.EQUIPMENT, ("Hip-circle band",), "equipment", ["hip_band"], SAME),
    (Question.EQUIPMENT, ("dumbells",), "equipment", ["dumbbells"], SAME),
    (Question.EQUIPMENT, ("nothing",), "equipment", [], SAME),
    (Question.EQUIPMENT, ("None",), "equipment", [], SAME),
    (Question.EQUIPMENT, ("press:Dumbbells", "done"), "equipment", ["dumbbells"], SAME),
    (Question.EQUIPMENT, ("press:Dumbbells", "finished"), "equipment", ["dumbbells"], SAME),
    (
        Question.EQUIPMENT,
        ("press:Long band", "+ dumbbells"),
        "equipment",
        ["dumbbells", "long_band"],
        SAME,
    ),
    (Question.DAYS, ("Mon Wed Fri",), "running_days", [0, 2, 4], SAME),
    (Question.DAYS, ("weekdays",), "running_days", [0, 1, 2, 3, 4], SAME),
    (Question.DAYS, ("every day except Sunday",), "running_days", [0, 1, 2, 3, 4, 5], SAME),
    (Question.DAYS, ("Sat",), "running_days", [5], SAME),
    # after a tick, typed days add to the ticks (in /settings: to Tue Thu Sat)
    (Question.DAYS, ("press:Sun", "done"), "running_days", [6], [1, 3, 5, 6]),
    (Question.DAYS, ("press:Sun", "Mon"), "running_days", [0, 6], [0, 1, 3, 5, 6]),
    (Question.HARD, ("Sat",), "hard_days", [5], SAME),
    (Question.HARD, ("Thursday and Saturday",), "hard_days", [3, 5], SAME),
    (Question.HARD, ("none",), "hard_days", [], SAME),
    (Question.HARD, ("nothing",), "hard_days", [], SAME),
    (Question.HARD, ("nope",), "hard_days", [], SAME),
    (Question.HARD, ("press:Tue", "done"), "hard_days", [1], [1, 5]),
    (Question.TIME, ("06:00",), "reminder_time", time(6, 0), SAME),
    (Question.TIME, ("7.30 pm",), "reminder_time", time(19, 30), SAME),
    (Question.TIME, ("6am",), "reminder_time", time(6, 0), SAME),
    (Question.ZONE, ("Madrid", "yes"), "time_zone", "Europe/Madrid", SAME),
    (Question.ZONE, ("Madrid", "yep"), "time_zone", "Europe/Madrid", SAME),
    (Question.ZONE, ("Madrid", "ok"), "time_zone", "Europe/Madrid", SAME),
    (Question.ZONE, ("Madrid", "👍"), "time_zone", "Europe/Madrid", SAME),
    (Question.ZONE, ("Madrid", "Yes!"), "time_zone", "Europe/Madrid", SAME),
]


@pytest.mark.parametrize("settings", [False, True], ids=["onboarding", "settings"])
@pytest.mark.parametrize(("question", "typed", "field", "expected", "in_settings"), TYPED)
async def test_typed_labels_and_usual_words_answer_every_question(
    bot: BotHarness,
    settings: bool,
    question: Question,
    typed: tuple[str, ...],
    field: str,
    expected: object,
    in_settings: object,
) -> None:
    runner = await reach(bot, question, settings=settings)
    for step in typed:
        if step.startswith("press:"):
            await runner.press(step.removeprefix("press:"))
        else:
            await runner.send(step)
    row = await stored(bot, runner.user_id)
    assert getattr(row, field) == (
        in_settings if settings and in_settings is not SAME else expected
    )
    if question is Question.DAYS and settings:  # running days go on to the long/hard days
        assert row.pending_question == "hard"
        return
    assert row.pending_question != question.value
    if settings:
        assert runner.last_text.startswith("Saved.")


async def test_a_word_two_buttons_fit_is_asked_back(bot: BotHarness) -> None:
    runner = await reach(bot, Question.EQUIPMENT, settings=False)
    question = runner.last_message
    mark = runner.mark()
    await runner.send("dumbbells and band")
    # dumbbells are ticked on the question; which band is asked in one line
    (reply,) = runner.texts_since(mark)
    assert reply == (
        "“band” could be Hip-circle band or Long band: tap the one you mean, then press Done."
    )
    labels = bot.api.message(runner.chat_id, question.message_id).button_labels
    assert "Dumbbells ✅" in labels and "Long band" in labels
    assert (await stored(bot, runner.user_id)).pending_question == "equipment"
    await runner.send("long band")  # adds to the ticks, and answers
    row = await stored(bot, runner.user_id)
    assert row.equipment == ["dumbbells", "long_band"] and row.pending_question == "days"


async def test_long_days_typed_must_be_running_days(bot: BotHarness) -> None:
    runner = await reach(bot, Question.HARD, settings=False)
    await runner.send("Sunday")
    assert runner.last_text == (
        "Sunday isn't one of your running days (Tue, Thu, Sat): pick among those."
    )
    assert (await stored(bot, runner.user_id)).hard_days == []


# -- asides: answered, then back to the pending question ------------------------------------


async def test_a_how_to_question_during_onboarding_then_the_pending_answer(
    bot: BotHarness,
) -> None:
    runner = await reach(bot, Question.DAYS, settings=False)
    asked = runner.last_message
    mark = runner.mark()
    await runner.send("how do I do a squat?")
    card, back = runner.sent_since(mark)
    assert card.plain_text.startswith("Squat\n")
    assert back.plain_text == "Back to question 3: which days do you run?"
    assert back.button_labels[:4] == ["Mon", "Tue", "Wed", "Thu"]
    # the question's buttons moved to the line below the card
    assert bot.api.message(runner.chat_id, asked.message_id).button_labels == []
    await runner.press("Mon")
    assert runner.last_message.button_labels[0] == "Mon ✅"
    assert runner.last_text == "Back to question 3: which days do you run?"  # stays one line
    await runner.send("Mon Thu")
    row = await stored(bot, runner.user_id)
    assert row.running_days == [0, 3] and row.pending_question == "hard"
    assert bot.api.message(runner.chat_id, back.message_id).plain_text == "Running days: Mon, Thu"
    assert "4/6" in runner.last_text


async def test_help_during_onboarding_points_back_to_the_question(bot: BotHarness) -> None:
    runner = await reach(bot, Question.TIME, settings=False)
    mark = runner.mark()
    await runner.command("help")
    listing, back = runner.sent_since(mark)
    assert "/workout" in listing.plain_text
    assert back.plain_text == "Back to question 5: when should I remind you on leg days?"
    assert back.button_labels[0] == "06:00"
    await runner.press("06:00")
    assert (await stored(bot, runner.user_id)).reminder_time == time(6, 0)


async def test_a_zone_on_offer_is_pointed_back_to_with_its_yes(bot: BotHarness) -> None:
    runner = await reach(bot, Question.ZONE, settings=False)
    await runner.send("Lisbon")
    await runner.command("help")
    assert runner.last_text == "Back to question 6: is Lisbon (Portugal) your time zone?"
    assert runner.last_message.button_labels == ["Yes", "No"]
    await runner.press("Yes")
    assert (await stored(bot, runner.user_id)).time_zone == "Europe/Lisbon"


# -- /settings: no numbering, and what changed --------------------------------------------


async def test_settings_shows_what_changed_above_the_plan(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner, days=("Tue", "Thu", "Sat"), hard=("Sat",), reminder="07:00")
    await runner.command("settings")
    await runner.press("Reminder time")
    assert runner.last_text.startswith("When should I remind you on leg days?")
    await runner.send("06:30")
    card = runner.last_message
    assert card.plain_text.startswith("Saved.\nReminder time: 07:00 → 06:30\n\nYour plan")
    assert "<b>06:30</b>" in (card.text or "")  # the new value stands out
    # a change of days shows the leg days it moved too
    await runner.command("settings")
    await runner.press("Running days")
    await runner.send("Mon Wed Fri")
    await runner.send("none")
    lines = runner.last_text.split("\n\n")[0].splitlines()
    assert lines == [
        "Saved.",
        "Running days: Tue, Thu, Sat → Mon, Wed, Fri",
        "Long/hard days: Sat → none",
        "Leg days: Mon, Wed → Tue, Sat",
    ]


async def test_settings_saved_without_a_change_says_so(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("settings")
    await runner.press("Level")
    await runner.press("Beginner")
    assert runner.last_text.startswith("Saved. Nothing changed.\n\nYour plan")


# -- /profile: the race and a pause --------------------------------------------------------


async def test_profile_shows_the_goal_race_and_a_pause(bot: BotHarness) -> None:
    runner = bot.runner()
    await onboard(runner)
    await runner.command("race", "2027-04-18")
    await runner.command("pause", "2026-12-06")
    await runner.command("profile")
    card = runner.last_text
    assert (
        "Goal race: Sun, 18 Apr 2027 (half marathon), in 144 days. No hard leg work in its "
        "last 10 days." in card
    )
    assert "Reminders paused through Sun 6 Dec: /resume brings them back sooner." in card
    await runner.command("pause")
    await runner.command("race", "2026-12-01")
    await runner.command("profile")
    card = runner.last_text
    assert (
        "Goal race: Tue, 1 Dec 2026 (half marathon), in 6 days. Light leg work only until then."
        in card
    )
    assert "Reminders paused until you /resume." in card
    await runner.command("resume")
    await runner.command("race", "off")
    await runner.command("profile")
    assert "Goal race" not in runner.last_text and "paused" not in runner.last_text


# -- unknown commands ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "suggestion"),
    [
        ("/nxt", "Did you mean /next?"),
        ("/setting", "Did you mean /settings?"),
        ("/strat", "Did you mean /start?"),
        ("/exercise", "Did you mean /exercises?"),
        ("/pasue", "Did you mean /pause?"),
    ],
)
async def test_an_unknown_command_suggests_the_closest_one(
    bot: BotHarness, typed: str, suggestion: str
) -> None:
    runner = bot.runner()
    await runner.send(typed)
    assert runner.last_text == f"I don't know {typed}. {suggestion} /help lists everything."


async def test_an_unknown_command_close_to_none_gets_the_list(bot: BotHarness) -> None:
    runner = bot.runner()
    await runner.send("/wibblewobble")
    assert runner.last_text.startswith("I don't know /wibblewobble. Here is what I do know:")
    assert "/workout" in runner.last_text


# -- no text twice in one update -------------------------------------------------------------

Action = Callable[[ChatDriver], Awaitable[Any]]
ACTIONS: dict[str, Action] = {
    "press": lambda runner: runner.press(runner.last_message.button_labels[0]),
    "typed label": lambda runner: runner.send(runner.last_message.button_labels[0]),
    "wrong answer": lambda runner: runner.send("purple monkey"),
    "how-to": lambda runner: runner.send("how do I do a bridge?"),
    "help": lambda runner: runner.command("help"),
    "pain": lambda runner: runner.send("my knee hurts"),
    "sticker": lambda runner: runner.send_sticker(),
    "unknown command": lambda runner: runner.send("/nxt"),
}
PRESS_DONE: Action = lambda runner: runner.press("Done")  # noqa: E731
SEVEN_DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _said(bot: BotHarness, since: dict[str, int]) -> list[str]:
    """Every text the bot sent or rewrote since ``since`` (call counts per method)."""
    texts = []
    for method in ("sendMessage", "editMessageText"):
        for call in bot.api.calls_to(method)[since[method] :]:
            texts.append(render_text(str(call.params["text"]), call.params.get("parse_mode")))
    return texts


def _clauses(texts: list[str]) -> Iterator[str]:
    """Clauses of four words or more: long enough to be a sentence said, not a label."""
    for text in texts:
        for part in re.split(r"[.!?:;,()\n]", text):
            words = part.lower().split()
            if len(words) >= 4:
                yield " ".join(words)


async def _at(bot: BotHarness, question: Question, settings: bool, seven: bool) -> ChatDriver:
    if not seven:
        return await reach(bot, question, settings=settings)
    runner = bot.runner()
    if settings:
        await onboard(runner, days=SEVEN_DAYS, hard=("Sun",))
        await runner.command("settings")
        await runner.press(SETTING_BUTTONS[question])
        return runner
    await runner.command("start")
    steps = ("Beginner", "None", "Done", *SEVEN_DAYS, "Done", "Sun", "Done", "07:00")
    for step in steps[: {Question.DAYS: 10, Question.HARD: 11, Question.ZONE: 14}[question]]:
        await (runner.send(step) if ":" in step else runner.press(step))
    return runner


@pytest.mark.parametrize("settings", [False, True], ids=["onboarding", "settings"])
@pytest.mark.parametrize("action", list(ACTIONS))
@pytest.mark.parametrize(
    ("question", "seven"),
    [(question, False) for question in Question]
    + [(Question.DAYS, True), (Question.HARD, True), (Question.ZONE, True)],
    ids=[question.value for question in Question] + ["days-7", "hard-7", "zone-7"],
)
async def test_no_text_is_said_twice_in_one_update(
    bot: BotHarness, settings: bool, action: str, question: Question, seven: bool
) -> None:
    runner = await _at(bot, question, settings, seven)
    if question is Question.ZONE:
        await runner.send("Berlin")  # a zone on offer, with Yes and No
    action_fn = ACTIONS[action]
    if seven and question is Question.DAYS and action == "press":
        action_fn = PRESS_DONE
    since = {
        method: len(bot.api.calls_to(method)) for method in ("sendMessage", "editMessageText")
    }
    await action_fn(runner)
    said = list(_clauses(_said(bot, since)))
    assert said, "the update said nothing"
    twice = sorted({clause for clause in said if said.count(clause) > 1})
    assert twice == []


async def test_a_german_runner_answers_in_german(bot: BotHarness) -> None:
    runner = await reach(bot, Question.LEVEL, settings=False, language_code="de")
    await runner.send("Anfängerin")
    await runner.send("Hanteln und Miniband")
    await runner.send("Mo, Mi und Fr")
    await runner.send("keine")
    await runner.send("7 Uhr")
    await runner.send("München")
    await runner.send("ja")
    row = await stored(bot, runner.user_id)
    assert (row.level, row.equipment, row.running_days, row.hard_days) == (
        "beginner",
        ["dumbbells", "hip_band"],
        [0, 2, 4],
        [],
    )
    assert (row.reminder_time, row.time_zone, row.onboarded) == (time(7, 0), "Europe/Berlin", True)
