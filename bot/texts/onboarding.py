"""Onboarding and profile texts: one question per message, and the summary card."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, time
from html import escape

from bot.flows.setup import Question, QuestionView
from bot.texts.common import quote, when
from content.model import Equipment, Level
from content.timeparse import BadTime, TimeProblem, format_time
from content.zones import zone_label
from storage.runners import RunnerProfile

DAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
DAY_LONG = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

LEVEL_LABELS = {
    Level.BEGINNER: "Beginner",
    Level.INTERMEDIATE: "Intermediate",
    Level.ADVANCED: "Advanced",
}
LEVEL_LINES = {
    Level.BEGINNER: "new to strength work, or back after a long break",
    Level.INTERMEDIATE: "you do some strength work now and then",
    Level.ADVANCED: "regular strength training for months",
}
EQUIPMENT_LABELS = {
    Equipment.NONE: "None",
    Equipment.HIP_BAND: "Hip-circle band",
    Equipment.LONG_BAND: "Long band",
    Equipment.DUMBBELLS: "Dumbbells",
}
TIME_CHOICES = ("06:00", "07:00", "08:00", "12:00", "17:30", "18:30", "19:30", "20:30")


def welcome(first_name: str) -> str:
    name = escape(first_name) if first_name else "there"
    return (
        f"Hi {name}! I'm legcoach. I plan short leg-strength sessions around your running, "
        "remind you on leg days, and coach you through each exercise.\n\n"
        "Six quick questions and you're set."
    )


def resume() -> str:
    return "Let's pick up where we left off."


def ask_level() -> str:
    lines = ["<b>1/6 How much strength training have you done?</b>"]
    lines += [f"<b>{LEVEL_LABELS[lvl]}</b>: {LEVEL_LINES[lvl]}" for lvl in Level]
    return "\n".join(lines)


def ask_equipment() -> str:
    return (
        "<b>2/6 What kit do you have at home?</b>\n"
        "Tick everything you own, then press Done. <b>None</b> is fine: every exercise "
        "works with body weight."
    )


def ask_running_days() -> str:
    return "<b>3/6 On which days do you usually run?</b>\nTick them, then press Done."


def ask_hard_days() -> str:
    return (
        "<b>4/6 Which of those are long or hard runs?</b>\n"
        "Intervals, tempo, races and long runs count. I keep leg sessions away from the day "
        "before them. Press <b>None</b> if they are all easy."
    )


def ask_time() -> str:
    return (
        "<b>5/6 When should I remind you on leg days?</b>\n"
        "Pick a time or type one, like 07:30, 7am or 7.30 pm."
    )


def ask_zone() -> str:
    return (
        "<b>6/6 Where are you?</b>\n"
        "Type your city or time zone, like <i>Berlin</i>, <i>New York</i>, "
        "<i>Europe/Berlin</i> or <i>UTC+2</i>. I use it so reminders come at your local time, "
        "summer time included."
    )


def confirm_zone(label: str, local_now: datetime) -> str:
    return (
        f"Time zone: <b>{escape(label)}</b>.\n"
        f"So it's <b>{local_now:%H:%M}</b> on {local_now:%A} for you right now. Correct?"
    )


def zone_suggestions(text: str) -> str:
    return (
        f"I'm not sure which place <i>{quote(text)}</i> is. Did you mean one of these? "
        "If not, type a bigger city near you or a zone like Europe/Berlin."
    )


def zone_unknown(text: str) -> str:
    return (
        f"I couldn't find a time zone for <i>{quote(text)}</i>. Try a big city near you "
        "(<i>Madrid</i>, <i>Nairobi</i>), an IANA name (<i>Asia/Tokyo</i>) or an offset "
        "(<i>UTC-5</i>)."
    )


def zone_retry() -> str:
    return "No problem. Type your city or time zone again."


def need_equipment() -> str:
    return "Tick at least one: <b>None</b> counts if you have no kit."


def need_days() -> str:
    return "Tick at least one running day, then press Done."


def every_day_note() -> str:
    return (
        "You run every day, so leg sessions will pair with your easy runs: do them at least "
        "6 hours apart, or strength first."
    )


def not_a_time(text: str) -> str:
    """Far too long to be a time of day (content.timeparse explains the short ones)."""
    return f"I couldn't read <i>{quote(text)}</i> as a time of day. Try 07:30 or 7pm."


_TIME_EXAMPLES = "Try 07:30 or 7pm."


def bad_time(bad: BadTime) -> str:
    """One friendly plain-text sentence on why a typed time was refused, with examples."""
    shown, marker = bad.text, bad.marker or ""
    hour, minute = bad.hour or 0, bad.minute or 0
    if bad.problem is TimeProblem.EMPTY:
        return f"Send me a time of day. {_TIME_EXAMPLES}"
    if bad.problem is TimeProblem.READS_FINE and bad.value is not None:
        return f"{shown} reads as {format_time(bad.value)}, which is fine."
    if bad.problem is TimeProblem.ZERO_HOUR:
        return f"{shown} mixes two clocks: with {marker} the hours go 1-12. Try 12{marker}."
    if bad.problem is TimeProblem.MIXED_CLOCKS:
        return f"{shown} mixes two clocks: say {hour:02d}:{minute:02d} or drop the {marker}."
    if bad.problem is TimeProblem.END_OF_DAY:
        return f"{shown} is midnight at the end of the day: say 00:00 (or 12am) instead."
    if bad.problem is TimeProblem.OUT_OF_RANGE:
        return f"{shown} isn't a time of day: hours go 0-23 and minutes 0-59. {_TIME_EXAMPLES}"
    return f"I couldn't read “{shown}” as a time of day. {_TIME_EXAMPLES}"


def use_buttons() -> str:
    return "Please answer with the buttons on the question below."


def not_text_here() -> str:
    return "I can't read that here."


def earlier_question() -> str:
    return "That button is from an earlier question."


def saved() -> str:
    return "Saved."


def day_list(days: Iterable[int]) -> str:
    days = list(days)
    return ", ".join(DAY_SHORT[day] for day in sorted(days)) if days else "none"


def equipment_list(equipment: Iterable[Equipment]) -> str:
    names = [EQUIPMENT_LABELS[item] for item in Equipment if item in set(equipment)]
    names = [name for name in names if name != "None"]
    return ", ".join(names) if names else "None (body weight)"


def summary_card(
    *,
    first_name: str,
    level: Level | None,
    equipment: Iterable[Equipment],
    running_days: Sequence[int],
    hard_days: Sequence[int],
    leg_days: Sequence[int],
    notes: Sequence[str],
    reminder_time: time | None,
    zone_label: str | None,
    next_leg_day: datetime | None,
    paused_note: str | None = None,
) -> str:
    hard = f" (long/hard: {day_list(hard_days)})" if hard_days else ""
    lines = [
        f"<b>Your plan, {escape(first_name) or 'runner'}</b>",
        f"Level: {LEVEL_LABELS[level] if level else 'not set'}",
        f"Equipment: {escape(equipment_list(equipment))}",
        f"Running days: {day_list(running_days)}{hard}",
        f"Leg days: <b>{day_list(leg_days)}</b>",
    ]
    lines += [f"<i>{escape(note)}</i>" for note in notes]
    if reminder_time is not None and zone_label:
        lines.append(f"Reminder: {reminder_time:%H:%M}, {escape(zone_label)}")
    if paused_note:
        lines.append(escape(paused_note))
    if next_leg_day is not None:
        lines.append(f"Next leg day: <b>{when(next_leg_day)}</b>")
    else:
        lines.append("Next leg day: none planned")
    return "\n".join(lines)


def settings_intro() -> str:
    return "What would you like to change?"


def finish_setup_first() -> str:
    return "Let's finish setting you up first."


def question_text(view: QuestionView) -> str:
    """The text of a question as it is asked now."""
    if view.question is Question.LEVEL:
        return ask_level()
    if view.question is Question.EQUIPMENT:
        return ask_equipment()
    if view.question is Question.DAYS:
        return ask_running_days()
    if view.question is Question.HARD:
        return ask_hard_days()
    if view.question is Question.TIME:
        return ask_time()
    if view.zone_candidate is not None and view.local_now is not None:
        return confirm_zone(zone_label(view.zone_candidate), view.local_now)
    return ask_zone()


def answered(question: Question, runner: RunnerProfile) -> str:
    """What an answered question's message says from then on: the answer."""
    if question is Question.LEVEL:
        return f"Level: {LEVEL_LABELS[runner.level] if runner.level else 'not set'}"
    if question is Question.EQUIPMENT:
        return f"Equipment: {equipment_list(runner.equipment)}"
    if question is Question.DAYS:
        return f"Running days: {day_list(runner.running_days)}"
    if question is Question.HARD:
        return f"Long/hard days: {day_list(runner.hard_days)}"
    if question is Question.TIME:
        return f"Reminder time: {runner.reminder_time:%H:%M}" if runner.reminder_time else ""
    return f"Time zone: {zone_label(runner.time_zone)}" if runner.time_zone else ""
