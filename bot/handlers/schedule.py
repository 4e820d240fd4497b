"""Leg-day scheduling: the leg-day buttons, /next, /pause, /resume, /race.

The reminders themselves live in the database (``storage.reminders``) and go out through
the dispatcher (``bot.dispatch``, built in ``bot.app``); this module keeps them in step with
the profile (``replan``, called whenever the summary card is shown, which every profile
change and /start do) and answers the runner's buttons and commands.
"""

from __future__ import annotations

import logging
import re
from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from telegram import CallbackQuery, Message, Update
from telegram.constants import ParseMode
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import to_int, unpack
from bot.context import LegContext
from bot.flows import plan as planning
from bot.flows import session as session_flow
from bot.flows.plan import leg_day_plan, next_leg_day
from bot.keyboards import schedule as keyboards
from bot.messages import edit_markup
from bot.screens.session import show_begin
from bot.screens.setup import require_setup
from bot.texts import common as common_texts
from bot.texts import schedule as texts
from content.calendar import moved_day, snoozed, why_not_move
from content.reminders import ANSWERABLE, ReminderKind, ReminderStatus, StoredReminder
from content.zones import zone_label
from storage import reminders, runners

log = logging.getLogger(__name__)

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
# How far ahead /pause and /race accept a date: a training plan, not a calendar.
MAX_AHEAD = timedelta(days=2 * 365)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("next", show_next))
    application.add_handler(CommandHandler("pause", pause))
    application.add_handler(CommandHandler("resume", resume))
    application.add_handler(CommandHandler("race", race))
    application.add_handler(CallbackQueryHandler(leg_day_button, pattern=r"^ld:"))


async def replan(context: LegContext) -> None:
    """Recompute the runner's stored reminders after a change (or /start after a block)."""
    if not context.has_runner:
        return
    context.runner = await planning.replan(
        context.db, context.runner, context.services.clock.now()
    )


def _local(context: LegContext, instant: datetime) -> datetime:
    return instant.astimezone(ZoneInfo(context.runner.time_zone or "UTC"))


def _today(context: LegContext) -> date:
    return _local(context, context.services.clock.now()).date()


# -- commands -------------------------------------------------------------------------------


async def show_next(update: Update, context: LegContext) -> None:
    """/next: the next three leg days in the runner's time, with the rules behind them."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    await replan(context)
    runner = context.runner
    if runner.paused and runner.paused_until is None:
        await message.reply_text(texts.nothing_planned_paused())
        return
    days = await planning.upcoming(context.db, runner, context.services.clock.now(), count=3)
    if not days:
        await message.reply_text(texts.nothing_planned())
        return
    race_day = (
        runner.race_date if runner.race_date and runner.race_date >= _today(context) else None
    )
    await message.reply_text(
        texts.next_days(
            [texts.NextDay(_local(context, d.due_at), d.light, d.moved) for d in days],
            notes=leg_day_plan(runner).notes,
            zone_label=zone_label(runner.time_zone) if runner.time_zone else "UTC",
            paused_until=runner.paused_until if runner.paused else None,
            race_day=race_day,
        ),
        parse_mode=ParseMode.HTML,
    )


def _date_argument(context: LegContext) -> tuple[str, date | None] | None:
    """The command's argument and the date it names (None if it is not one); None if no
    argument was given."""
    args = context.args or []
    if not args:
        return None
    text = " ".join(args).strip()
    if not _DATE.fullmatch(text):
        return text, None
    try:
        return text, date.fromisoformat(text)
    except ValueError:
        return text, None


async def _refuse_far_date(message: Message, context: LegContext, value: date) -> bool:
    """Say so and return True when ``value`` is further ahead than the bot plans."""
    latest = _today(context) + MAX_AHEAD
    if value <= latest:
        return False
    await message.reply_text(texts.too_far_ahead(value, latest))
    return True


async def pause(update: Update, context: LegContext) -> None:
    """/pause [YYYY-MM-DD]: no reminders until /resume, or through the given date."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    argument = _date_argument(context)
    until: date | None = None
    if argument is not None:
        text, until = argument
        if until is None:
            await message.reply_text(texts.bad_pause_date(text), parse_mode=ParseMode.HTML)
            return
        if until < _today(context):
            await message.reply_text(texts.pause_date_past(until))
            return
        if await _refuse_far_date(message, context, until):
            return
    context.runner = await runners.update_runner(
        context.db, context.runner.id, paused=True, paused_until=until
    )
    await replan(context)
    await message.reply_text(texts.paused(until))


async def resume(update: Update, context: LegContext) -> None:
    """/resume: reminders back on, and when the next leg day is."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    was_paused = context.runner.paused
    context.runner = await runners.update_runner(
        context.db, context.runner.id, paused=False, paused_until=None
    )
    await replan(context)
    next_day = await next_leg_day(context.db, context.runner, context.services.clock.now())
    text = texts.resumed(next_day) if was_paused else texts.not_paused(next_day)
    await message.reply_text(text, parse_mode=ParseMode.HTML)


async def race(update: Update, context: LegContext) -> None:
    """/race YYYY-MM-DD: a goal race; its last 10 days get one light leg session at most."""
    message = update.effective_message
    assert message is not None
    if not await require_setup(message, context):
        return
    argument = _date_argument(context)
    if argument is None:
        await message.reply_text(
            texts.race_usage(context.runner.race_date), parse_mode=ParseMode.HTML
        )
        return
    text, race_day = argument
    if race_day is None and text.lower() in ("off", "none", "clear"):
        context.runner = await runners.update_runner(context.db, context.runner.id, race_date=None)
        await replan(context)
        await message.reply_text(texts.race_cleared())
        return
    if race_day is None:
        await message.reply_text(texts.bad_race_date(text), parse_mode=ParseMode.HTML)
        return
    if race_day <= _today(context):
        await message.reply_text(texts.race_not_future(race_day))
        return
    if await _refuse_far_date(message, context, race_day):
        return
    context.runner = await runners.update_runner(context.db, context.runner.id, race_date=race_day)
    await replan(context)
    light = await planning.light_day(context.db, context.runner, context.services.clock.now())
    await message.reply_text(
        texts.race_set(race_day, _local(context, light.due_at) if light else None),
        parse_mode=ParseMode.HTML,
    )


# -- the leg-day buttons --------------------------------------------------------------------


async def leg_day_button(update: Update, context: LegContext) -> None:
    """A press on a leg-day message: Start, Snooze 1 h, Skip today or Move to tomorrow."""
    query = update.callback_query
    assert query is not None
    fields = unpack(query.data, "ld", 2)
    reminder_id = to_int(fields[0]) if fields else None
    if fields is None or reminder_id is None or fields[1] not in keyboards.ACTIONS:
        await query.answer(texts.stale())
        return
    reminder = await reminders.get(context.db, reminder_id)
    if reminder is None:
        await query.answer(texts.stale())
        return
    if reminder.runner_id != context.runner.id:
        await query.answer(common_texts.not_your_button())
        return
    # claimed: sent, the record not yet written
    if reminder.status not in ANSWERABLE or not isinstance(query.message, Message):
        await query.answer(texts.stale())
        return
    action = {
        keyboards.START: _start,
        keyboards.SNOOZE: _snooze,
        keyboards.SKIP: _skip,
        keyboards.MOVE: _move,
    }[fields[1]]
    await action(query, query.message, context, reminder)


async def _start(
    query: CallbackQuery, message: Message, context: LegContext, reminder: StoredReminder
) -> None:
    if not await reminders.answer(context.db, reminder.id, ReminderStatus.STARTED):
        await query.answer(texts.stale())
        return
    await query.answer(texts.started())
    await edit_markup(message, None)
    if not await require_setup(message, context):
        return
    begin = await session_flow.begin(
        context.db,
        context.services.library,
        context.runner,
        context.services.clock.now(),
        planned_for=reminder.due_at,
    )
    await show_begin(message.chat, context, begin)


async def _snooze(
    query: CallbackQuery, message: Message, context: LegContext, reminder: StoredReminder
) -> None:
    if not await reminders.answer(context.db, reminder.id, ReminderStatus.SNOOZED):
        await query.answer(texts.stale())
        return
    now = context.services.clock.now()
    again = await reminders.snooze(context.db, reminder.runner_id, snoozed(reminder, now))
    text = texts.snoozed(_local(context, again.due_at))
    await query.answer(text)
    await edit_markup(message, None)
    await message.chat.send_message(text)


async def _skip(
    query: CallbackQuery, message: Message, context: LegContext, reminder: StoredReminder
) -> None:
    if not await reminders.answer(context.db, reminder.id, ReminderStatus.SKIPPED):
        await query.answer(texts.stale())
        return
    now = context.services.clock.now()
    await planning.plan_next(context.db, [(reminder.runner_id, reminder.local_date)], now)
    await query.answer("Skipped.")
    await edit_markup(message, None)
    next_day = await next_leg_day(context.db, context.runner, now)
    await message.chat.send_message(texts.skipped(next_day), parse_mode=ParseMode.HTML)


async def _move(
    query: CallbackQuery, message: Message, context: LegContext, reminder: StoredReminder
) -> None:
    runner = context.runner
    blocker = why_not_move(runner, reminder.local_date)
    target = moved_day(runner, reminder.local_date)
    if blocker is not None or target is None:
        reason = texts.move_refused(blocker or "")
        await query.answer(reason[:200], show_alert=True)
        return
    if target.due_at <= context.services.clock.now():
        await query.answer(texts.too_late_to_move(), show_alert=True)
        return
    if not await reminders.answer(context.db, reminder.id, ReminderStatus.MOVED):
        await query.answer(texts.stale())
        return
    await reminders.add(context.db, ReminderKind.MOVED, [(reminder.runner_id, target)])
    await query.answer("Moved to tomorrow.")
    await edit_markup(message, None)
    await message.chat.send_message(
        texts.moved(_local(context, target.due_at)), parse_mode=ParseMode.HTML
    )
