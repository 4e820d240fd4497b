"""Onboarding and profile texts: one question per message, and the summary card."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from html import escape

from bot.flows.setup import Question, QuestionView
from bot.texts.common import quote
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


# Each question as its title says it, and in one line for pointing back to it.
TITLES = {
    Question.LEVEL: "How much strength training have you done?",
    Question.EQUIPMENT: "What kit do you have at home?",
    Question.DAYS: "On which days do you usually run?",
    Question.HARD: "Which of those are long or hard runs?",
    Question.TIME: "When should I remind you on leg days?",
    Question.ZONE: "Where are you?",
}
SHORT = {
    Question.LEVEL: "how much strength training have you done?",
    Question.EQUIPMENT: "what kit do you have at home?",
    Question.DAYS: "which days do you run?",
    Question.HARD: "which of your running days are long or hard runs?",
    Question.TIME: "when should I remind you on leg days?",
    Question.ZONE: "where are you?",
}
# The setting a /settings question changes, for pointing back to it without a number.
SETTING_NAMES = {
    Question.LEVEL: "your level",
    Question.EQUIPMENT: "your kit",
    Question.DAYS: "your running days",
    Question.HARD: "your long/hard days",
    Question.TIME: "your reminder time",
    Question.ZONE: "your time zone",
}
# How to answer each question, for hints after an answer that did not fit.
HOW_TO_ANSWER = {
    Question.LEVEL: "Tap Beginner, Intermediate or Advanced, or type one of them.",
    Question.EQUIPMENT: (
        "Tick your kit and press Done, or type it, like “dumbbells and long band” or “none”."
    ),
    Question.DAYS: (
        "Tap your running days and press Done, or type them, like “Mon Wed Fri” or “weekdays”."
    ),
    Question.HARD: (
        "Tap your long or hard days and press Done, or type them, like “Sat”, or “none”."
    ),
    Question.TIME: "Tap a time or type one, like 07:30 or 7pm.",
    Question.ZONE: "Type your city or time zone, like Berlin or Europe/Berlin.",
}


def _title(view: QuestionView) -> str:
    """The question's first line: numbered while setting up, plain in /settings."""
    title = TITLES[view.question]
    if view.editing:
        return f"<b>{title}</b>"
    return f"<b>{view.number}/{len(Question)} {title}</b>"


def ask_level(view: QuestionView) -> str:
    lines = [_title(view)]
    lines += [f"<b>{LEVEL_LABELS[lvl]}</b>: {LEVEL_LINES[lvl]}" for lvl in Level]
    return "\n".join(lines)


def ask_equipment(view: QuestionView) -> str:
    return (
        f"{_title(view)}\n"
        "Tick everything you own, then press Done. <b>None</b> is fine: every exercise "
        "works with body weight."
    )


def ask_running_days(view: QuestionView) -> str:
    return f"{_title(view)}\nTick them, then press Done."


def ask_hard_days(view: QuestionView) -> str:
    return (
        f"{_title(view)}\n"
        "Intervals, tempo, races and long runs count. I keep leg sessions away from the day "
        "before them. Press <b>None</b> if they are all easy."
    )


def ask_time(view: QuestionView) -> str:
    return f"{_title(view)}\nPick a time or type one, like 07:30, 7am or 7.30 pm."


def ask_zone(view: QuestionView) -> str:
    return (
        f"{_title(view)}\n"
        "Type your city or time zone, like <i>Berlin</i>, <i>New York</i>, "
        "<i>Europe/Berlin</i> or <i>UTC+2</i>. I use it so reminders come at your local time, "
        "summer time included."
    )


def pointer(view: QuestionView) -> str:
    """One line back to the pending question after an aside: "Back to question 3: which
    days do you run?" (in /settings: "Back to your running days: ...")."""
    where = SETTING_NAMES[view.question] if view.editing else f"question {view.number}"
    if view.zone_candidate is not None:
        label = escape(zone_label(view.zone_candidate))
        return f"Back to {where}: is <b>{label}</b> your time zone?"
    line = f"Back to {where}: {SHORT[view.question]}"
    if view.question is Question.ZONE:
        return f"{line} Type your city or time zone."
    return line


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


def how_to_answer(view: QuestionView) -> str:
    if view.zone_candidate is not None:
        return "Tap Yes or No, or type another city."
    return HOW_TO_ANSWER[view.question]


def wrong_answer(text: str, view: QuestionView) -> str:
    """Text that answers none of the question's buttons: how to answer, in one line."""
    return f"“{quote(text)}” isn't an answer here. {how_to_answer(view)}"


def not_text_here(view: QuestionView) -> str:
    return f"I can't read that here. {how_to_answer(view)}"


def unsure(text: str, labels: Sequence[str], *, then_done: bool = False) -> str:
    """Typed words two buttons fit: which one?"""
    choices = ", ".join(labels[:-1]) + f" or {labels[-1]}" if len(labels) > 1 else labels[0]
    tail = ", then press Done" if then_done else ""
    return f"“{quote(text)}” could be {escape(choices)}: tap the one you mean{tail}."


def not_running_days(days: Sequence[int], running: Sequence[int]) -> str:
    names = " and ".join(DAY_LONG[day] for day in days)
    verb = "isn't one" if len(days) == 1 else "aren't"
    return f"{names} {verb} of your running days ({day_list(running)}): pick among those."


def earlier_question() -> str:
    return "That button is from an earlier question."


def day_list(days: Iterable[int]) -> str:
    days = list(days)
    return ", ".join(DAY_SHORT[day] for day in sorted(days)) if days else "none"


def equipment_list(equipment: Iterable[Equipment]) -> str:
    names = [EQUIPMENT_LABELS[item] for item in Equipment if item in set(equipment)]
    names = [name for name in names if name != "None"]
    return ", ".join(names) if names else "None (body weight)"


def finish_setup_first() -> str:
    return "Let's finish setting you up first."


def question_text(view: QuestionView) -> str:
    """The text of a question as it is asked now (in one line after an aside)."""
    if view.short:
        return pointer(view)
    if view.zone_candidate is not None and view.local_now is not None:
        return confirm_zone(zone_label(view.zone_candidate), view.local_now)
    if view.question is Question.LEVEL:
        return ask_level(view)
    if view.question is Question.EQUIPMENT:
        return ask_equipment(view)
    if view.question is Question.DAYS:
        return ask_running_days(view)
    if view.question is Question.HARD:
        return ask_hard_days(view)
    if view.question is Question.TIME:
        return ask_time(view)
    return ask_zone(view)


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


def toggled(setting: str, runner: RunnerProfile) -> str:
    """The toast after a one-press setting flipped."""
    if setting == "unit":
        unit = runner.weight_unit.value if runner.weight_unit else "kg"
        return f"Dumbbell weights in {unit} from now on."
    return "Rest timer on: I'll tell you when to go." if runner.rest_timer else "Rest timer off."
