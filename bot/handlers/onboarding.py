"""/start and the six onboarding questions; the same questions serve /settings.

The question being asked is stored on the runner (``pending_question``), and each answer is
stored as it is given, so a restart resumes at the same question and nothing said at a wrong
moment loses data.
"""

from __future__ import annotations

import logging
from datetime import datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from telegram import InlineKeyboardMarkup, Message, Update
from telegram.constants import ParseMode
from telegram.error import TelegramError
from telegram.ext import Application, CallbackQueryHandler, CommandHandler

from bot.callbacks import to_int, unpack
from bot.context import LegContext
from bot.handlers.common import add_responder
from bot.keyboards import onboarding as keyboards
from bot.messages import edit, edit_markup, pressed_message
from bot.texts import onboarding as texts
from bot.texts.common import QUOTE_LIMIT
from content.model import Equipment, Level
from content.timeparse import explain_bad_time, parse_time
from content.zones import resolve_zone, zone_label
from storage import runners
from storage.runners import RunnerProfile

log = logging.getLogger(__name__)

QUESTIONS = ("level", "equipment", "days", "hard", "time", "zone")
# Typed answers to "Time zone: Berlin. Correct?", besides its Yes / No buttons.
_YES = frozenset({"yes", "y", "yep", "yeah", "ok", "okay", "correct", "right", "sure", "👍"})
_NO = frozenset({"no", "n", "nope", "wrong", "👎"})


def register(application: Application[Any, Any, Any, Any, Any, Any]) -> None:
    application.add_handler(CommandHandler("start", start))
    application.add_handler(CallbackQueryHandler(answer_button, pattern=r"^ob:"))
    add_responder(application, answer_message)


async def start(update: Update, context: LegContext) -> None:
    """/start: begin onboarding, resume it, or show the plan to a runner already set up."""
    from bot.handlers.profile import send_summary

    message = update.effective_message
    assert message is not None
    runner = context.runner
    if runner.blocked:
        runner = await runners.update_runner(context.db, runner.id, blocked=False)
        context.runner = runner
    if runner.onboarded:
        await drop_stale_question(context)
        await send_summary(message, context)
    elif runner.pending_question:
        await message.reply_text(texts.resume())
        await ask(message, context, runner.pending_question)
    else:
        await message.reply_text(texts.welcome(runner.first_name), parse_mode=ParseMode.HTML)
        await open_question(message, context, "level", editing=False)


async def open_question(
    message: Message, context: LegContext, question: str, *, editing: bool
) -> None:
    """Make ``question`` the pending one and ask it (``editing``: from /settings)."""
    await _retire_asked(context, message.chat_id)  # a question left open before this one
    runner = context.runner
    draft: dict[str, Any] = {"editing": True} if editing else {}
    if question == "equipment" and runner.onboarded:
        # A body-weight runner has no kit stored: show "None" ticked, so Done saves as is.
        draft["none_ticked"] = not runner.equipment
    context.runner = await runners.update_runner(
        context.db, context.runner.id, pending_question=question, draft=draft
    )
    await ask(message, context, question)


async def require_setup(message: Message, context: LegContext) -> bool:
    """True when the runner is set up; otherwise say so and ask the pending question.

    For commands that need a profile. A set-up runner who sends one has moved on from any
    /settings question left open, so that question is dropped.
    """
    runner = context.runner
    if runner.onboarded:
        await drop_stale_question(context)
        return True
    await message.chat.send_message(texts.finish_setup_first())
    if runner.pending_question:
        await ask(message, context, runner.pending_question)
    else:
        await open_question(message, context, "level", editing=False)
    return False


async def drop_stale_question(context: LegContext) -> None:
    """Forget a /settings question a set-up runner walked away from, and take its buttons off.

    Days are stored as they are ticked, so the long/hard days are trimmed to the running days
    here as Done would have done.
    """
    runner = context.runner
    if not runner.onboarded or runner.pending_question is None:
        return
    await _retire_asked(context, runner.chat_id)
    hard = [day for day in runner.hard_days if day in runner.running_days]
    context.runner = await runners.update_runner(
        context.db, runner.id, pending_question=None, draft={}, hard_days=hard
    )


async def ask(message: Message, context: LegContext, question: str) -> None:
    """Send the question as a new message, with its buttons reflecting stored answers."""
    runner = context.runner
    text, markup = question_view(runner, question, context.services.clock.now())
    sent = await message.chat.send_message(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    if markup is not None:
        # Remember the question, so a typed answer can take its buttons away.
        context.runner = await runners.update_runner(
            context.db, runner.id, draft={**runner.draft, "asked": sent.message_id}
        )


def question_view(
    runner: RunnerProfile, question: str, now: datetime
) -> tuple[str, InlineKeyboardMarkup | None]:
    if question == "level":
        return texts.ask_level(), keyboards.level()
    if question == "equipment":
        return texts.ask_equipment(), keyboards.equipment(
            runner.equipment, bool(runner.draft.get("none_ticked"))
        )
    if question == "days":
        return texts.ask_running_days(), keyboards.days(runner.running_days, "days")
    if question == "hard":
        return texts.ask_hard_days(), keyboards.days(
            runner.hard_days, "hard", offered=runner.running_days
        )
    if question == "time":
        return texts.ask_time(), keyboards.times()
    candidate = runner.draft.get("zone_candidate")
    if question == "zone" and isinstance(candidate, str):
        local_now = now.astimezone(ZoneInfo(candidate))
        return texts.confirm_zone(zone_label(candidate), local_now), keyboards.zone_confirm()
    return texts.ask_zone(), None


async def answer_button(update: Update, context: LegContext) -> None:
    """A press on an onboarding button: store the answer, then edit or move on."""
    query = update.callback_query
    assert query is not None
    message = await pressed_message(query)
    if message is None:
        return
    fields = unpack(query.data, "ob", 2)
    runner = context.runner
    if fields is None:
        await query.answer(texts.earlier_question())
        return
    step, value = fields
    expected = "zone" if step in ("tz", "tzok") else step
    if expected == "eq":
        expected = "equipment"
    if runner.pending_question != expected:
        hint = " Use /settings to change your answers." if runner.onboarded else ""
        await query.answer(texts.earlier_question() + hint, show_alert=bool(hint))
        return
    handler = _BUTTONS.get(step)
    if handler is None:
        await query.answer(texts.earlier_question())
        return
    await handler(message, context, value)
    await query.answer()


async def _on_level(message: Message, context: LegContext, value: str) -> None:
    if value not in {lvl.value for lvl in Level}:
        return
    context.runner = await runners.update_runner(context.db, context.runner.id, level=value)
    await _close_question(message, f"Level: {texts.LEVEL_LABELS[Level(value)]}")
    await finish_question(message, context, "level")


async def _on_equipment(message: Message, context: LegContext, value: str) -> None:
    runner = context.runner
    none_ticked = bool(runner.draft.get("none_ticked"))
    if value == "done":
        if not runner.equipment and not none_ticked:
            await message.chat.send_message(texts.need_equipment(), parse_mode=ParseMode.HTML)
            return
        await _close_question(message, f"Equipment: {texts.equipment_list(runner.equipment)}")
        await finish_question(message, context, "equipment")
        return
    try:
        item = Equipment(value)
    except ValueError:
        return
    equipment = set(runner.equipment)
    if item is Equipment.NONE:
        # "None" means body weight only: it clears the kit ticks.
        none_ticked, equipment = not none_ticked, set()
    else:
        equipment ^= {item}
        none_ticked = False
    context.runner = await runners.update_runner(
        context.db,
        runner.id,
        equipment=equipment,
        draft={**runner.draft, "none_ticked": none_ticked},
    )
    await edit_markup(message, keyboards.equipment(equipment, none_ticked))


async def _on_days(message: Message, context: LegContext, value: str) -> None:
    runner = context.runner
    if value == "done":
        if not runner.running_days:
            await message.chat.send_message(texts.need_days())
            return
        await _close_question(message, f"Running days: {texts.day_list(runner.running_days)}")
        if len(runner.running_days) == 7:
            await message.chat.send_message(texts.every_day_note())
        # Long/hard days must stay a subset of running days.
        hard = [day for day in runner.hard_days if day in runner.running_days]
        context.runner = await runners.update_runner(context.db, runner.id, hard_days=hard)
        await finish_question(message, context, "days")
        return
    day = to_int(value, 0, 6)
    if day is None:
        return
    days = set(runner.running_days) ^ {day}
    context.runner = await runners.update_runner(context.db, runner.id, running_days=days)
    await edit_markup(message, keyboards.days(days, "days"))


async def _on_hard(message: Message, context: LegContext, value: str) -> None:
    runner = context.runner
    if value in ("done", "none"):
        if value == "none":
            context.runner = runner = await runners.update_runner(
                context.db, runner.id, hard_days=[]
            )
        await _close_question(message, f"Long/hard days: {texts.day_list(runner.hard_days)}")
        await finish_question(message, context, "hard")
        return
    day = to_int(value, 0, 6)
    if day is None or day not in runner.running_days:
        return
    days = set(runner.hard_days) ^ {day}
    context.runner = await runners.update_runner(context.db, runner.id, hard_days=days)
    await edit_markup(message, keyboards.days(days, "hard", offered=runner.running_days))


async def _on_time(message: Message, context: LegContext, value: str) -> None:
    parsed = parse_time(value[:2] + ":" + value[2:]) if len(value) == 4 else None
    if parsed is None:
        return
    await _store_time(message, context, parsed)


async def _store_time(message: Message, context: LegContext, value: time) -> None:
    context.runner = await runners.update_runner(
        context.db, context.runner.id, reminder_time=value
    )
    summary = f"Reminder time: {value:%H:%M}"
    if message.from_user is not None and message.from_user.is_bot:
        await _close_question(message, summary)
    else:
        await _close_asked(context, message.chat_id, summary)
    await finish_question(message, context, "time")


async def _on_zone_pick(message: Message, context: LegContext, value: str) -> None:
    match = resolve_zone(value)
    if match.zone is None:
        return
    await _offer_zone(message, context, match.zone, in_place=True)


async def _on_zone_confirm(message: Message, context: LegContext, value: str) -> None:
    await _settle_zone(message, context, confirmed=value == "yes")


async def _settle_zone(message: Message, context: LegContext, *, confirmed: bool) -> None:
    """Yes (pressed or typed) stores the offered zone; No asks for the place again."""
    runner = context.runner
    candidate = runner.draft.get("zone_candidate")
    typed = message.from_user is None or not message.from_user.is_bot
    draft = {
        key: val for key, val in runner.draft.items() if key not in ("zone_candidate", "asked")
    }
    if confirmed and isinstance(candidate, str):
        summary = f"Time zone: {zone_label(candidate)}"
        if typed:
            await _close_asked(context, message.chat_id, summary)
        else:
            await _close_question(message, summary)
        context.runner = await runners.update_runner(
            context.db, runner.id, time_zone=candidate, draft=draft
        )
        await finish_question(message, context, "zone")
        return
    if typed:
        await _retire_asked(context, message.chat_id)
        await message.reply_text(texts.zone_retry())
    else:
        await _close_question(message, texts.zone_retry())
    context.runner = await runners.update_runner(context.db, runner.id, draft=draft)


_BUTTONS = {
    "level": _on_level,
    "eq": _on_equipment,
    "days": _on_days,
    "hard": _on_hard,
    "time": _on_time,
    "tz": _on_zone_pick,
    "tzok": _on_zone_confirm,
}


async def _offer_zone(message: Message, context: LegContext, zone: str, *, in_place: bool) -> None:
    """Ask "Time zone: X. Correct?"; it replaces any zone offered before."""
    text = texts.confirm_zone(
        zone_label(zone), context.services.clock.now().astimezone(ZoneInfo(zone))
    )
    in_place = in_place and message.from_user is not None and message.from_user.is_bot
    if context.runner.draft.get("asked") != (message.message_id if in_place else None):
        # an earlier offer's Yes must not confirm this zone
        await _retire_asked(context, message.chat_id)
    if in_place:
        await edit(message, text, keyboards.zone_confirm())
        asked = message.message_id
    else:
        sent = await message.chat.send_message(
            text, parse_mode=ParseMode.HTML, reply_markup=keyboards.zone_confirm()
        )
        asked = sent.message_id
    runner = context.runner
    context.runner = await runners.update_runner(
        context.db, runner.id, draft={**runner.draft, "zone_candidate": zone, "asked": asked}
    )


async def answer_message(update: Update, context: LegContext) -> bool:
    """Typed answers (time, zone) to the pending question.

    While setting up, anything else re-asks the question. A set-up runner may have walked
    away from a /settings question, so only a real answer is claimed then, and everything
    else goes on to the other topics (pain, how-to, help).
    """
    message = update.effective_message
    if message is None or not context.has_runner:
        return False
    runner = context.runner
    question = runner.pending_question
    if question is None:
        return False
    text = (message.text or "").strip()
    if runner.onboarded:
        return await _answer_edit(message, context, question, text)
    if not text:
        await message.reply_text(texts.not_text_here())
        await ask(message, context, question)
        return True
    if question == "time":
        parsed = parse_time(text)
        if parsed is None:
            if len(text) > QUOTE_LIMIT:  # no time is this long; don't explain it in detail
                await message.reply_text(texts.not_a_time(text), parse_mode=ParseMode.HTML)
            else:
                await message.reply_text(texts.bad_time(explain_bad_time(text)))
            await ask(message, context, question)
            return True
        await _store_time(message, context, parsed)
        return True
    if question == "zone":
        return await _answer_zone_text(message, context, text, editing=False)
    await message.reply_text(texts.use_buttons())
    await ask(message, context, question)
    return True


async def _answer_edit(message: Message, context: LegContext, question: str, text: str) -> bool:
    """A set-up runner's text while a /settings question is open: True if it answers it."""
    if question == "time":
        parsed = parse_time(text)
        if parsed is None:
            return False
        await _store_time(message, context, parsed)
        return True
    if question == "zone" and text:
        return await _answer_zone_text(message, context, text, editing=True)
    return False


async def _answer_zone_text(
    message: Message, context: LegContext, text: str, *, editing: bool
) -> bool:
    """A typed place: offer its zone (replacing one offered before) or suggest some; a typed
    yes or no answers the zone on offer. ``editing``: text naming no place is not claimed."""
    lowered = text.lower()
    if "zone_candidate" in context.runner.draft and lowered in _YES | _NO:
        await _settle_zone(message, context, confirmed=lowered in _YES)
        return True
    match = resolve_zone(text)
    if match.zone is not None:
        await _offer_zone(message, context, match.zone, in_place=False)
    elif match.suggestions:
        labels = [zone_label(zone) for zone in match.suggestions]
        await message.reply_text(
            texts.zone_suggestions(text),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.zone_suggestions(match.suggestions, labels),
        )
    elif editing:
        return False
    else:
        await message.reply_text(texts.zone_unknown(text), parse_mode=ParseMode.HTML)
    return True


async def finish_question(message: Message, context: LegContext, question: str) -> None:
    """Move on: the next onboarding question, or back to the summary when editing."""
    from bot.handlers.profile import send_summary

    runner = context.runner
    editing = bool(runner.draft.get("editing"))
    if editing and question != "days":
        context.runner = await runners.update_runner(
            context.db, runner.id, pending_question=None, draft={}
        )
        await send_summary(message, context, saved=True)
        return
    index = QUESTIONS.index(question)
    if index + 1 < len(QUESTIONS):
        nxt = QUESTIONS[index + 1]
        draft = {"editing": True} if editing else {}
        context.runner = await runners.update_runner(
            context.db, runner.id, pending_question=nxt, draft=draft
        )
        await ask(message, context, nxt)
        return
    context.runner = await runners.update_runner(
        context.db, runner.id, pending_question=None, draft={}, onboarded=True
    )
    await send_summary(message, context)


async def _retire_asked(context: LegContext, chat_id: int) -> None:
    """Take the buttons off the question message a typed answer or a command left behind."""
    asked = context.runner.draft.get("asked")
    if not isinstance(asked, int):
        return
    try:
        await context.bot.edit_message_reply_markup(chat_id=chat_id, message_id=asked)
    except TelegramError:
        log.debug("could not take the buttons off question message %s", asked)


async def _close_asked(context: LegContext, chat_id: int, summary: str) -> None:
    """Take the buttons off the question message after an answer typed as text."""
    asked = context.runner.draft.get("asked")
    if not isinstance(asked, int):
        return
    try:
        await context.bot.edit_message_text(summary, chat_id=chat_id, message_id=asked)
    except TelegramError:
        log.debug("could not close question message %s", asked)


async def _close_question(message: Message, summary: str) -> None:
    """Replace an answered question's buttons by the answer, so old buttons can't confuse."""
    if message.from_user is None or not message.from_user.is_bot:
        return
    await edit(message, summary)
