"""The message of a due reminder (a leg day, or the weekly recap), and the sendMessage call
that carries it.

Each reminder is composed in its runner's language (``bot.i18n.speaking``): a tick sends to
many runners at once, so the language is set around composing each message, not per tick.

A runner with sore areas is asked about each in the same message (Better / Same / Worse
above Start): one message per reminder keeps the exactly-once dispatch as it was.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup
from telegram.constants import ParseMode

from bot.dispatch.ratelimit import FREE_RATE
from bot.i18n import current_language, speaking
from bot.keyboards import schedule as keyboards
from bot.texts import recap as recap_texts
from bot.texts import reminders as texts
from bot.texts import safety as safety_texts
from content.calendar import is_light, race, week_plan, why_not_move
from content.library import Library, default_library
from content.model import Level
from content.pain import spared_exercises
from content.races import ComebackKind, comeback
from content.reminders import ReminderKind, Timeliness, session_label, timeliness
from content.session import choose_exercises
from content.spacing import local_day
from storage.claims import DueReminder


def reminder_message(
    due: DueReminder, now: datetime, library: Library | None = None
) -> tuple[str, InlineKeyboardMarkup | None]:
    """The message of a due reminder, as it reads at ``now`` (late or not), in the runner's
    language (the exercises from ``library``, the packaged one unless given): the leg-day
    message with its buttons, or the weekly recap (no buttons)."""
    with speaking(due.runner.language):
        words = (library or default_library()).localized(current_language())
        if due.reminder.kind is ReminderKind.RECAP:
            assert due.recap is not None  # (the dispatcher reads the figures first)
            return recap_texts.recap(due.runner.first_name, due.recap, words), None
        return _compose(due, now, words)


def exercise_names(due: DueReminder, library: Library, *, light: bool) -> list[str]:
    """The exercises the session a Start would begin holds, in order, in ``library``'s
    words: by level and the sessions done so far (``content.session``), sparing the sore
    areas as ``bot.flows.starts`` does."""
    avoid = spared_exercises(library, due.sore)
    chosen = choose_exercises(
        due.runner.level or Level.BEGINNER, due.sessions_done, light=light, avoid=avoid
    )
    return [library.get(exercise_id).name for exercise_id in chosen]


def _compose(
    due: DueReminder, now: datetime, library: Library
) -> tuple[str, InlineKeyboardMarkup]:
    reminder, runner = due.reminder, due.runner
    zone = ZoneInfo(runner.time_zone or "UTC")
    light = is_light(runner, reminder.local_date)
    late = timeliness(reminder.due_at, now) is Timeliness.LATE
    text = texts.leg_day(
        first_name=runner.first_name,
        label=session_label(runner.level, light=light),
        at=reminder.due_at.astimezone(zone),
        exercises=exercise_names(due, library, light=light),
        snooze=reminder.kind is ReminderKind.SNOOZE,
        late_since=reminder.due_at.astimezone(zone) if late else None,
        paired_with_run=reminder.local_date.weekday() in week_plan(runner).paired_with_run,
        race_day=runner.race_date,
        after_race=_after_race(due),
    )
    if due.sore:
        # the pain question comes first: Better / Same / Worse rows above Start
        text = f"{text}\n\n{safety_texts.pain_question(due.sore, reminder.local_date)}"
    can_move = why_not_move(runner, reminder.local_date) is None
    ask = [item.area for item in due.sore]
    return text, keyboards.leg_day(reminder.id, can_move=can_move, ask=ask)


def _after_race(due: DueReminder) -> bool:
    """Whether this leg day is the first after a race's recovery (one rung lower)."""
    runner, goal = due.runner, race(due.runner)
    if goal is None or runner.last_session_at is None:
        return False
    last = local_day(runner.last_session_at, runner.time_zone or "UTC")
    back = comeback(last, due.reminder.local_date, goal)
    return back is not None and back.kind is ComebackKind.RACE


def send_arguments(
    chat_id: int, text: str, markup: InlineKeyboardMarkup | None, *, rate: float
) -> dict[str, Any]:
    """The sendMessage arguments of a reminder sent at ``rate`` a second."""
    arguments: dict[str, Any] = {
        "chat_id": chat_id,
        "text": text,
        "parse_mode": ParseMode.HTML,
    }
    if markup is not None:
        arguments["reply_markup"] = markup
    if rate > FREE_RATE:
        # Above 30 a second Telegram wants each message marked as a paid broadcast
        # (0.1 Star each); PTB's AIORateLimiter then applies its 1,000 a second instead.
        arguments["allow_paid_broadcast"] = True
    return arguments
