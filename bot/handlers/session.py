"""Leg sessions: one exercise per message with Done / Harder / Easier / Skip / How?.

All session state is in the database (``storage.sessions``), so a restart mid-session loses
nothing and the buttons on earlier messages keep working. Every press is answered, so the
runner's spinner always stops.
"""

from __future__ import annotations

import contextlib
from datetime import datetime, timedelta
from typing import Any

from telegram import CallbackQuery, InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import to_int, unpack
from bot.context import LegContext
from bot.handlers.common import add_light_callback, ensure_runner
from bot.keyboards import session as keyboards
from bot.messages import edit, pressed_message
from bot.planning import next_leg_day
from bot.texts import common as common_texts
from bot.texts import session as texts
from bot.texts.safety import gentle_session_note
from content import ladder
from content.ladder import ProgressionState
from content.model import Exercise, Rung
from content.safety import AREAS
from content.session import LIGHT_NOTE, plan_session
from storage import progressions, runners, sessions
from storage.sessions import ItemView, SessionView

# A session left open this long is closed (as stopped) when a new one is asked for.
STALE_AFTER = timedelta(hours=12)


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("workout", workout))
    application.add_handler(CommandHandler("stop", stop))
    application.add_handler(CallbackQueryHandler(start_button, pattern=r"^go:"))
    application.add_handler(CallbackQueryHandler(exercise_button, pattern=r"^s:"))
    # Done presses load the runner only when they need more than the one statement.
    add_light_callback(application, r"^s:\d+:d:")


async def workout(update: Update, context: LegContext) -> None:
    """/workout: start a leg session now (or show the one in progress)."""
    assert update.effective_message is not None
    await begin_session(update.effective_message, context)


async def start_button(update: Update, context: LegContext) -> None:
    """Start a session now (summary card), or a gentle one (after a pain report)."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    await query.answer()
    gentle = unpack(query.data, "go", 2)
    area = gentle[1] if gentle and gentle[0] == "gentle" and gentle[1] in AREAS else None
    await begin_session(message, context, sore_area=area)


async def begin_session(
    message: Message,
    context: LegContext,
    *,
    planned_for: datetime | None = None,
    sore_area: str | None = None,
) -> None:
    """Start (or resume) a leg session for ``context.runner`` in ``message.chat``.

    ``planned_for`` is the reminder instant when started from a leg-day message;
    ``sore_area`` leaves out the exercises that load a sore area (content.safety).
    """
    from bot.handlers.onboarding import require_setup

    if not await require_setup(message, context):
        return
    runner = context.runner
    db, now = context.db, context.services.clock.now()
    active = await sessions.active_for(db, runner.id)
    if active is not None and active.started_at and now - active.started_at < STALE_AFTER:
        await message.chat.send_message(texts.in_progress())
        await send_current(message, context, active)
        return
    if active is not None:
        await _end(message, context, active, sessions.STOPPED, quiet=True)

    library, equipment = context.services.library, runner.owned_equipment
    states = await progressions.all_states(db, runner.id)
    note = await _restart_after_break(context, states, now)
    if note:
        states = await progressions.all_states(db, runner.id)
    light = _race_taper(context, now)
    plan = plan_session(
        library,
        runner.level or ladder.Level.BEGINNER,
        equipment,
        states,
        session_number=await sessions.count_finished(db, runner.id),
        light=light,
        avoid=AREAS[sore_area][1] if sore_area else (),
    )
    session = await sessions.create(
        db, runner.id, warmup=plan.warmup, items=plan.items, now=now, planned_for=planned_for
    )
    gentle = gentle_session_note(sore_area) if sore_area else None
    intro_note = " ".join(part for part in (note, gentle, LIGHT_NOTE if light else None) if part)
    await message.chat.send_message(
        texts.session_intro(plan.minutes, len(plan.items), plan.warmup, intro_note or None),
        parse_mode=ParseMode.HTML,
    )
    await send_current(message, context, session)


def _race_taper(context: LegContext, now: datetime) -> bool:
    from zoneinfo import ZoneInfo

    from content.legdays import race_window

    runner = context.runner
    if runner.race_date is None or not runner.time_zone:
        return False
    today = now.astimezone(ZoneInfo(runner.time_zone)).date()
    return race_window(runner.race_date, today).in_taper


async def _restart_after_break(
    context: LegContext, states: dict[str, ProgressionState], now: datetime
) -> str | None:
    """After two weeks or more without a session, every ladder restarts one rung lower."""
    last = context.runner.last_session_at
    if last is None or not states:
        return None
    days = (now - last).days
    if days < ladder.BREAK_DAYS:
        return None
    library, equipment = context.services.library, context.runner.owned_equipment
    for exercise_id, state in states.items():
        if exercise_id not in library.ids:
            continue
        new_state, change = ladder.restart_after_break(
            library.get(exercise_id), state, days, equipment
        )
        await progressions.save_state(context.db, context.runner.id, new_state)
        if change is not None:
            await progressions.record_change(
                context.db,
                context.runner.id,
                exercise_id,
                kind="restart",
                from_rung=change.from_rung,
                to_rung=change.to_rung,
                reason=change.reason,
            )
    return texts.welcome_back(days)


def _card(context: LegContext, total: int, item: ItemView, note: str | None = None) -> str:
    exercise = context.services.library.get(item.exercise_id)
    rung = _rung(exercise, item.rung_id)
    return texts.exercise_card(
        position=item.position + 1,
        total=total,
        exercise_name=exercise.name,
        rung_name=rung.name,
        prescription=item.prescription,
        cue=rung.cue,
        set_number=min(item.sets_done + 1, item.sets),
        note=note,
    )


def _rung(exercise: Exercise, rung_id: str) -> Rung:
    rung = exercise.rung(rung_id)
    return rung if rung is not None else exercise.ladder[0]


def _rung_index(context: LegContext, item: ItemView) -> int:
    exercise = context.services.library.get(item.exercise_id)
    return next((i for i, rung in enumerate(exercise.ladder) if rung.id == item.rung_id), 0)


def _keyboard(context: LegContext, item: ItemView) -> InlineKeyboardMarkup:
    return keyboards.exercise(item.id, item.sets_done, _rung_index(context, item))


def _still_valid(context: LegContext, item: ItemView, action: str, token: str) -> bool:
    """Whether the card the press came from still shows the item's current state."""
    if action in (keyboards.HARDER, keyboards.EASIER):
        return token == keyboards.rung_state(_rung_index(context, item))
    return token == keyboards.NO_STATE


async def send_current(message: Message, context: LegContext, session: SessionView) -> None:
    """Send the current exercise as a new message and remember which message it is."""
    item = session.current
    if item is None:
        return
    if item.message_id is not None:
        # Resuming: the old card of this exercise stops being a second live copy.
        with contextlib.suppress(TelegramError):
            await context.bot.edit_message_reply_markup(
                chat_id=message.chat.id, message_id=item.message_id, reply_markup=None
            )
    sent = await message.chat.send_message(
        _card(context, len(session.items), item),
        parse_mode=ParseMode.HTML,
        reply_markup=_keyboard(context, item),
    )
    await sessions.set_message(context.db, item.id, sent.message_id)


async def exercise_button(update: Update, context: LegContext) -> None:
    """A press on an exercise card: validated, bound to the runner and the card's state."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    fields = unpack(query.data, "s", 3)
    item_id = to_int(fields[0]) if fields else None
    if fields is None or item_id is None or fields[1] not in keyboards.ACTIONS:
        await query.answer(texts.session_over())
        return
    _, action, token = fields
    message = await pressed_message(query)
    if message is None:
        return
    if action == keyboards.DONE:
        # The hot path: one atomic statement, no runner load (see storage.sessions.log_set).
        expected = to_int(token)
        logged = None
        if expected is not None:
            logged = await sessions.log_set(
                context.services.fast,
                item_id=item_id,
                telegram_user_id=update.effective_user.id,
                expected_done=expected,
                now=context.services.clock.now(),
            )
        if logged is not None:
            await _after_set(update, query, message, context, *logged)
            return
    await ensure_runner(update, context)
    found = await sessions.item_with_session(context.db, item_id)
    if found is None:
        await query.answer(texts.session_over())
        return
    item, session = found
    if session.runner_id != context.runner.id:
        await query.answer(common_texts.not_your_button())
        return
    if action == keyboards.HOW:
        await query.answer()
        from bot.handlers.howto import send_howto

        await send_howto(message.chat, context, item.exercise_id)
        return
    if session.status != sessions.ACTIVE:
        await query.answer(texts.session_over())
        return
    if item.status != sessions.ACTIVE:
        closed = item.status in ("done", "skipped")
        await query.answer(texts.exercise_closed() if closed else texts.not_current())
        return
    if action == keyboards.DONE and item.sets_done >= item.sets:
        # Every set is logged but closing the exercise did not finish (Telegram failed
        # half-way): finish it now.
        await query.answer()
        await _complete(update, message, context, item, len(session.items))
        return
    if action == keyboards.DONE or not _still_valid(context, item, action, token):
        # a Done that did not apply above was a double tap or a card drawn before a change
        await query.answer(texts.already_logged() if action == keyboards.DONE else None)
        return
    handler = {keyboards.HARDER: _harder, keyboards.EASIER: _easier, keyboards.SKIP: _skip}
    await handler[action](query, message, context, session, item)


async def _after_set(
    update: Update,
    query: CallbackQuery,
    message: Message,
    context: LegContext,
    item: ItemView,
    total: int,
) -> None:
    """A set was logged: redraw the card for the next set, or close the exercise."""
    await query.answer(f"Set {item.sets_done} logged.")
    if item.sets_done < item.sets:
        await edit(message, _card(context, total, item), _keyboard(context, item))
        return
    await _complete(update, message, context, item, total)


async def _complete(
    update: Update, message: Message, context: LegContext, item: ItemView, total: int
) -> None:
    """All sets are logged: close the exercise, show it done, and move on."""
    await ensure_runner(update, context)
    await sessions.close_item(context.db, item, "done")
    exercise = context.services.library.get(item.exercise_id)
    await edit(
        message, texts.exercise_done(item.position + 1, total, exercise.name, item.prescription)
    )
    await _next_or_finish(message, context, item.session_id)


async def _skip(
    query: CallbackQuery,
    message: Message,
    context: LegContext,
    session: SessionView,
    item: ItemView,
) -> None:
    if not await sessions.close_item(context.db, item, "skipped"):
        await query.answer(texts.exercise_closed())
        return
    await query.answer("Skipped.")
    exercise = context.services.library.get(item.exercise_id)
    await edit(
        message, texts.exercise_skipped(item.position + 1, len(session.items), exercise.name)
    )
    await _next_or_finish(message, context, session.id)


async def _harder(
    query: CallbackQuery,
    message: Message,
    context: LegContext,
    session: SessionView,
    item: ItemView,
) -> None:
    await _move(query, message, context, session, item, "up")


async def _easier(
    query: CallbackQuery,
    message: Message,
    context: LegContext,
    session: SessionView,
    item: ItemView,
) -> None:
    await _move(query, message, context, session, item, "down")


async def _move(
    query: CallbackQuery,
    message: Message,
    context: LegContext,
    session: SessionView,
    item: ItemView,
    direction: str,
) -> None:
    """Harder/Easier: move this runner's progression one rung at once and redraw the card."""
    exercise = context.services.library.get(item.exercise_id)
    equipment = context.runner.owned_equipment
    step = ladder.step_up if direction == "up" else ladder.step_down
    target = step(exercise, item.rung_id, equipment)
    if target is None:
        here = _rung(exercise, item.rung_id)
        if direction == "up":
            note = texts.at_top(ladder.harder_hint(exercise, here, equipment))
        else:
            note = texts.at_bottom()
        await query.answer("Top of the ladder." if direction == "up" else "Easiest already.")
        await edit(
            message,
            _card(context, len(session.items), item, note=note),
            _keyboard(context, item),
        )
        return
    dose = ladder.prescription(exercise, target)
    changed = await sessions.change_rung(
        context.db,
        item,
        rung_id=target.id,
        reps=dose.reps,
        sets=dose.sets,
        per_side=dose.per_side,
        unit=dose.unit,
    )
    if not changed:
        await query.answer(texts.already_logged())
        return
    runner_id = context.runner.id
    await progressions.save_state(
        context.db, runner_id, ProgressionState(exercise.id, target.id, dose.reps)
    )
    reason = texts.moved(direction, target.name)
    await progressions.record_change(
        context.db,
        runner_id,
        exercise.id,
        kind="harder" if direction == "up" else "easier",
        from_rung=item.rung_id,
        to_rung=target.id,
        reason=reason,
        session_id=session.id,
    )
    await query.answer("Harder it is." if direction == "up" else "Easier it is.")
    fresh = await sessions.load(context.db, session.id)
    assert fresh is not None
    current = next(i for i in fresh.items if i.id == item.id)
    await edit(
        message,
        _card(context, len(fresh.items), current, note=reason),
        _keyboard(context, current),
    )


async def _next_or_finish(message: Message, context: LegContext, session_id: int) -> None:
    session = await sessions.load(context.db, session_id)
    assert session is not None
    if session.current is not None:
        await send_current(message, context, session)
        return
    await _end(message, context, session, sessions.FINISHED)


async def stop(update: Update, context: LegContext) -> None:
    """/stop: end the current session early, keeping what was logged."""
    message = update.effective_message
    assert message is not None
    session = await sessions.active_for(context.db, context.runner.id)
    if session is None:
        await message.reply_text(texts.no_session())
        return
    await _end(message, context, session, sessions.STOPPED)


async def _end(
    message: Message,
    context: LegContext,
    session: SessionView,
    status: str,
    *,
    quiet: bool = False,
) -> None:
    """Close the session, apply automatic progression, and send the summary."""
    db, now = context.db, context.services.clock.now()
    if not await sessions.finish(db, session.id, status, now):
        return
    library, runner = context.services.library, context.runner
    changes: list[str] = [
        f"{library.get(event.exercise_id).name}: {event.reason}"
        for event in await progressions.session_events(db, session.id)
    ]
    ended = await sessions.load(db, session.id)
    assert ended is not None
    states = await progressions.all_states(db, runner.id)
    # What each exercise's sets were done on: after a Harder or Easier part-way through, only
    # the sets on the final rung count towards its progression.
    final_rung = {item.id: item.rung_id for item in ended.items}
    reps_on_rung: dict[int, list[int]] = {}
    for log in await sessions.set_logs(db, session.id):
        if log.rung_id == final_rung.get(log.item_id):
            reps_on_rung.setdefault(log.item_id, []).append(log.reps)
    sets_done = sets_planned = exercises_done = 0
    for item in ended.items:
        sets_planned += item.sets
        sets_done += item.sets_done
        if item.status != "done":
            if item.position == ended.current_position:
                await _close_card(message, context, len(ended.items), item)
            continue
        exercise = library.get(item.exercise_id)
        exercises_done += 1
        state = states.get(exercise.id) or ProgressionState(exercise.id, item.rung_id, item.reps)
        new_state, change = ladder.after_session(
            exercise, state, reps_on_rung.get(item.id, []), runner.owned_equipment
        )
        await progressions.save_state(db, runner.id, new_state)
        if change is not None:
            await progressions.record_automatic(db, runner.id, change, exercise.id, session.id)
            changes.append(f"{exercise.name}: {change.reason}")
    context.runner = await runners.update_runner(db, runner.id, last_session_at=now)
    if quiet:
        return
    upcoming = await next_leg_day(db, context.runner, now)
    started = session.started_at or now
    await message.chat.send_message(
        texts.summary(
            stopped=status == sessions.STOPPED,
            sets_done=sets_done,
            sets_planned=sets_planned,
            exercises_done=exercises_done,
            exercises_total=len(session.items),
            minutes=max(1, round((now - started).total_seconds() / 60)),
            changes=changes,
            next_leg_day=upcoming,
        ),
        parse_mode=ParseMode.HTML,
    )


async def _close_card(message: Message, context: LegContext, total: int, item: ItemView) -> None:
    """Take the buttons off the card of an exercise left unfinished by /stop."""
    if item.message_id is None:
        return
    exercise = context.services.library.get(item.exercise_id)
    try:
        await context.bot.edit_message_text(
            texts.exercise_not_done(item.position + 1, total, exercise.name),
            chat_id=message.chat.id,
            message_id=item.message_id,
            parse_mode=ParseMode.HTML,
        )
    except TelegramError:  # a card we cannot edit (deleted, too old) is harmless
        return
