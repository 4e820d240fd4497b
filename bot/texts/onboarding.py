"""Onboarding and profile texts: one question per message, and the summary card."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, time
from functools import lru_cache
from html import escape

from bot.flows.setup import Question, QuestionView
from bot.i18n import N_, LazyText, _, current_language, join, ngettext, time_of_day, weekday
from bot.texts.common import quote
from content.model import Equipment, Level
from content.timeparse import BadTime, TimeProblem
from content.zones import zone_label as content_zone_label
from storage.runners import RunnerProfile


def day_short(day: int) -> str:
    """A weekday on a button or in a list: "Mon", "Mo", "lun", "lun."."""
    return weekday(day)


def day_long(day: int) -> str:
    """A weekday inside a sentence: "Monday", "Montag", "lunes", "lundi"."""
    return weekday(day, "wide", standalone=False)


def zone_label(zone: str) -> str:
    """A time zone as the runner's language names it: "Berlin (Deutschland)"."""
    return _zone_label(zone, current_language())


# CLDR's names of a zone in a language never change while the bot runs (/next, the plan
# card and every time question show one)
_zone_label = lru_cache(maxsize=1024)(content_zone_label)


LEVEL_LABELS: dict[Level, LazyText] = {
    # TRANSLATORS: a button label and the level on the plan card
    Level.BEGINNER: N_("Beginner"),
    Level.INTERMEDIATE: N_("Intermediate"),
    Level.ADVANCED: N_("Advanced"),
}
LEVEL_LINES: dict[Level, LazyText] = {
    Level.BEGINNER: N_("new to strength work, or back after a long break"),
    Level.INTERMEDIATE: N_("you do some strength work now and then"),
    Level.ADVANCED: N_("regular strength training for months"),
}
EQUIPMENT_LABELS: dict[Equipment, LazyText] = {
    # TRANSLATORS: a button label: no equipment at all
    Equipment.NONE: N_("None"),
    Equipment.HIP_BAND: N_("Hip-circle band"),
    Equipment.LONG_BAND: N_("Long band"),
    Equipment.DUMBBELLS: N_("Dumbbells"),
}
TIME_CHOICES = ("06:00", "07:00", "08:00", "12:00", "17:30", "18:30", "19:30", "20:30")


def welcome(first_name: str) -> str:
    hello = _("Hi {name}!").format(name=escape(first_name)) if first_name else _("Hi there!")
    intro = _(
        "I'm legcoach. I plan short leg-strength sessions around your running, "
        "remind you on leg days, and coach you through each exercise."
    )
    return f"{hello} {intro}\n\n" + _("Six quick questions and you're set.")


def resume() -> str:
    return _("Let's pick up where we left off.")


# Each question as its title says it, and in one line for pointing back to it.
TITLES: dict[Question, LazyText] = {
    Question.LEVEL: N_("How much strength training have you done?"),
    Question.EQUIPMENT: N_("What kit do you have at home?"),
    Question.DAYS: N_("On which days do you usually run?"),
    Question.HARD: N_("Which of those are long or hard runs?"),
    Question.TIME: N_("When should I remind you on leg days?"),
    Question.ZONE: N_("Where are you?"),
}
# How to answer each question, for hints after an answer that did not fit.
HOW_TO_ANSWER: dict[Question, LazyText] = {
    Question.LEVEL: N_("Tap Beginner, Intermediate or Advanced, or type one of them."),
    Question.EQUIPMENT: N_(
        "Tick your kit and press Done, or type it, like “dumbbells and long band” or “none”."
    ),
    Question.DAYS: N_(
        "Tap your running days and press Done, or type them, like “Mon Wed Fri” or “weekdays”."
    ),
    Question.HARD: N_(
        "Tap your long or hard days and press Done, or type them, like “Sat”, or “none”."
    ),
    Question.TIME: N_("Tap a time or type one, like 07:30 or 7pm."),
    Question.ZONE: N_("Type your city or time zone, like Berlin or Europe/Berlin."),
}


# The question in one line, after "Back to question 3:".
SHORT: dict[Question, LazyText] = {
    Question.LEVEL: N_("how much strength training have you done?"),
    Question.EQUIPMENT: N_("what kit do you have at home?"),
    Question.DAYS: N_("which days do you run?"),
    Question.HARD: N_("which of your running days are long or hard runs?"),
    Question.TIME: N_("when should I remind you on leg days?"),
    Question.ZONE: N_("where are you?"),
}
# Back to a /settings question, named by the setting it changes.
SETTING_BACK: dict[Question, LazyText] = {
    Question.LEVEL: N_("Back to your level: {question}"),
    Question.EQUIPMENT: N_("Back to your kit: {question}"),
    Question.DAYS: N_("Back to your running days: {question}"),
    Question.HARD: N_("Back to your long/hard days: {question}"),
    Question.TIME: N_("Back to your reminder time: {question}"),
    Question.ZONE: N_("Back to your time zone: {question}"),
}


def _title(view: QuestionView) -> str:
    """The question's first line: numbered while setting up, plain in /settings."""
    title = str(TITLES[view.question])
    if view.editing:
        return f"<b>{title}</b>"
    return f"<b>{view.number}/{len(Question)} {title}</b>"


def ask_level(view: QuestionView) -> str:
    lines = [_title(view)]
    lines += [f"<b>{LEVEL_LABELS[lvl]}</b>: {LEVEL_LINES[lvl]}" for lvl in Level]
    return "\n".join(lines)


def ask_equipment(view: QuestionView) -> str:
    return f"{_title(view)}\n" + _(
        "Tick everything you own, then press Done. <b>None</b> is fine: every exercise "
        "works with body weight."
    )


def ask_running_days(view: QuestionView) -> str:
    return f"{_title(view)}\n" + _("Tick them, then press Done.")


def ask_hard_days(view: QuestionView) -> str:
    return f"{_title(view)}\n" + _(
        "Intervals, tempo, races and long runs count. I keep leg sessions away from the day "
        "before them. Press <b>None</b> if they are all easy."
    )


def ask_time(view: QuestionView) -> str:
    return f"{_title(view)}\n" + _("Pick a time or type one, like 07:30, 7am or 7.30 pm.")


def ask_zone(view: QuestionView) -> str:
    return f"{_title(view)}\n" + _(
        "Type your city or time zone, like <i>Berlin</i>, <i>New York</i>, "
        "<i>Europe/Berlin</i> or <i>UTC+2</i>. I use it so reminders come at your local time, "
        "summer time included."
    )


def pointer(view: QuestionView) -> str:
    """One line back to the pending question after an aside: "Back to question 3: which
    days do you run?" (in /settings: "Back to your running days: ...")."""
    if view.zone_candidate is not None:
        label = escape(zone_label(view.zone_candidate))
        question = _("is <b>{zone}</b> your time zone?").format(zone=label)
    else:
        question = str(SHORT[view.question])
    if view.editing:
        line = str(SETTING_BACK[view.question]).format(question=question)
    else:
        line = _("Back to question {number}: {question}").format(
            number=view.number, question=question
        )
    if view.question is Question.ZONE and view.zone_candidate is None:
        return f"{line} " + _("Type your city or time zone.")
    return line


def confirm_zone(label: str, local_now: datetime) -> str:
    return _(
        "Time zone: <b>{zone}</b>.\nSo it's <b>{time}</b> on {weekday} for you right now. Correct?"
    ).format(
        zone=escape(label),
        time=time_of_day(local_now),
        weekday=day_long(local_now.weekday()),
    )


def zone_suggestions(text: str) -> str:
    return _(
        "I'm not sure which place <i>{place}</i> is. Did you mean one of these? "
        "If not, type a bigger city near you or a zone like Europe/Berlin."
    ).format(place=quote(text))


def zone_unknown(text: str) -> str:
    return _(
        "I couldn't find a time zone for <i>{place}</i>. Try a big city near you "
        "(<i>Madrid</i>, <i>Nairobi</i>), an IANA name (<i>Asia/Tokyo</i>) or an offset "
        "(<i>UTC-5</i>)."
    ).format(place=quote(text))


def zone_retry() -> str:
    return _("No problem. Type your city or time zone again.")


def need_equipment() -> str:
    return _("Tick at least one: <b>None</b> counts if you have no kit.")


def need_days() -> str:
    return _("Tick at least one running day, then press Done.")


def not_a_time(text: str) -> str:
    """Far too long to be a time of day (content.timeparse explains the short ones)."""
    return _("I couldn't read <i>{text}</i> as a time of day. Try 07:30 or 7pm.").format(
        text=quote(text)
    )


def bad_time(bad: BadTime) -> str:
    """One friendly plain-text sentence on why a typed time was refused, with examples."""
    shown, marker = bad.text, bad.marker or ""
    hour, minute = bad.hour or 0, bad.minute or 0
    if bad.problem is TimeProblem.EMPTY:
        return _("Send me a time of day. Try 07:30 or 7pm.")
    if bad.problem is TimeProblem.READS_FINE and bad.value is not None:
        return _("{text} reads as {time}, which is fine.").format(
            text=shown, time=time_of_day(bad.value)
        )
    if bad.problem is TimeProblem.ZERO_HOUR:
        # TRANSLATORS: {marker} is what the runner typed after the hour: am, pm, a.m....
        return _(
            "{text} mixes two clocks: with {marker} the hours go 1-12. Try 12{marker}."
        ).format(text=shown, marker=marker)
    if bad.problem is TimeProblem.MIXED_CLOCKS:
        return _("{text} mixes two clocks: say {time} or drop the {marker}.").format(
            text=shown, time=f"{hour:02d}:{minute:02d}", marker=marker
        )
    if bad.problem is TimeProblem.END_OF_DAY:
        return _("{text} is midnight at the end of the day: say 00:00 (or 12am) instead.").format(
            text=shown
        )
    if bad.problem is TimeProblem.OUT_OF_RANGE:
        return _(
            "{text} isn't a time of day: hours go 0-23 and minutes 0-59. Try 07:30 or 7pm."
        ).format(text=shown)
    return _("I couldn't read “{text}” as a time of day. Try 07:30 or 7pm.").format(text=shown)


def how_to_answer(view: QuestionView) -> str:
    if view.zone_candidate is not None:
        return _("Tap Yes or No, or type another city.")
    return str(HOW_TO_ANSWER[view.question])


def wrong_answer(text: str, view: QuestionView) -> str:
    """Text that answers none of the question's buttons: how to answer, in one line."""
    wrong = _("“{text}” isn't an answer here.").format(text=quote(text))
    return f"{wrong} {how_to_answer(view)}"


def not_text_here(view: QuestionView) -> str:
    return _("I can't read that here.") + f" {how_to_answer(view)}"


def unsure(text: str, labels: Sequence[str], *, then_done: bool = False) -> str:
    """Typed words two buttons fit: which one?"""
    choices = escape(join(labels, "or"))
    if then_done:
        return _("“{text}” could be {choices}: tap the one you mean, then press Done.").format(
            text=quote(text), choices=choices
        )
    return _("“{text}” could be {choices}: tap the one you mean.").format(
        text=quote(text), choices=choices
    )


def not_running_days(days: Sequence[int], running: Sequence[int]) -> str:
    return ngettext(
        "{days} isn't one of your running days ({running}): pick among those.",
        "{days} aren't among your running days ({running}): pick among those.",
        len(days),
    ).format(days=join(day_long(day) for day in days), running=day_list(running))


def earlier_question(onboarded: bool = False) -> str:
    """A press on a question already answered (an alert with the way on once set up)."""
    if onboarded:
        # LIMIT: 200
        return _("That button is from an earlier question. Use /settings to change your answers.")
    # LIMIT: 200
    return _("That button is from an earlier question.")


def day_list(days: Iterable[int]) -> str:
    days = list(days)
    # TRANSLATORS: no days at all, in a list of days ("Long/hard days: none")
    return ", ".join(day_short(day) for day in sorted(days)) if days else _("none")


def equipment_list(equipment: Iterable[Equipment]) -> str:
    owned = set(equipment) - {Equipment.NONE}
    names = [str(EQUIPMENT_LABELS[item]) for item in Equipment if item in owned]
    return ", ".join(names) if names else _("None (body weight)")


def finish_setup_first() -> str:
    return _("Let's finish setting you up first.")


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
        level = str(LEVEL_LABELS[runner.level]) if runner.level else _("not set")
        return _("Level: {level}").format(level=level)
    if question is Question.EQUIPMENT:
        return _("Equipment: {equipment}").format(equipment=equipment_list(runner.equipment))
    if question is Question.DAYS:
        return _("Running days: {days}").format(days=day_list(runner.running_days))
    if question is Question.HARD:
        return _("Long/hard days: {days}").format(days=day_list(runner.hard_days))
    if question is Question.TIME:
        if runner.reminder_time is None:
            return ""
        return _("Reminder time: {time}").format(time=reminder_time(runner.reminder_time))
    if not runner.time_zone:
        return ""
    return _("Time zone: {zone}").format(zone=zone_label(runner.time_zone))


def reminder_time(value: time) -> str:
    return time_of_day(value)


def toggled(setting: str, runner: RunnerProfile) -> str:
    """The toast after a one-press setting flipped."""
    if setting == "unit":
        unit = runner.weight_unit.value if runner.weight_unit else "kg"
        # LIMIT: 200
        return _("Dumbbell weights in {unit} from now on.").format(unit=unit)
    if runner.rest_timer:
        # LIMIT: 200
        return _("Rest timer on: I'll tell you when to go.")
    # LIMIT: 200
    return _("Rest timer off.")
