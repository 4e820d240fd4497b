"""Set-up questions on screen: asking, the answers' redraws, and the gate for commands.

The next thing to press (the next question, the plan card) is sent before the answered
question's message is closed, so a failed send leaves that question live (the update is
rolled back) and a failed close costs nothing: a press there is recognised as an earlier
question and the pending one is asked again.
"""

from __future__ import annotations

from telegram import Chat, Message
from telegram.constants import ParseMode

from bot.context import LegContext
from bot.flows import answers, setup
from bot.flows.answers import Answer, Outcome
from bot.flows.setup import QuestionView
from bot.keyboards import onboarding as keyboards
from bot.messages import try_edit, try_retire
from bot.screens.profile import show_plan
from bot.texts import onboarding as texts
from bot.texts.common import QUOTE_LIMIT
from content.timeparse import explain_bad_time
from content.zones import zone_label


async def ask(chat: Chat, context: LegContext, view: QuestionView) -> None:
    """Send the question as a new message; a question with buttons becomes the live one."""
    markup = keyboards.question(view)
    sent = await chat.send_message(
        texts.question_text(view), parse_mode=ParseMode.HTML, reply_markup=markup
    )
    if markup is not None:
        context.runner = await answers.asked(context.db, context.runner, sent.message_id)


async def require_setup(message: Message, context: LegContext) -> bool:
    """True when the runner is set up; otherwise say so and ask the pending question."""
    runner, question, retire = await setup.require_setup(
        context.db, context.runner, context.services.clock.now()
    )
    context.runner = runner
    if retire is not None:
        await try_retire(context.bot, message.chat_id, retire)
    if question is None:
        return True
    await message.chat.send_message(texts.finish_setup_first())
    await ask(message.chat, context, question)
    return False


async def show_answer(
    chat: Chat, context: LegContext, answer: Answer, pressed: Message | None
) -> None:
    """Show what an answer did. ``pressed`` is the question message a button was pressed
    on (None for a typed answer)."""
    context.runner = answer.runner
    outcome = answer.outcome
    if outcome is Outcome.TICKED and pressed is not None and answer.redraw is not None:
        await try_edit(
            context.bot,
            chat.id,
            pressed.message_id,
            texts.question_text(answer.redraw),
            keyboards.question(answer.redraw),
        )
    elif outcome is Outcome.NEED_EQUIPMENT:
        await chat.send_message(texts.need_equipment(), parse_mode=ParseMode.HTML)
    elif outcome is Outcome.NEED_DAYS:
        await chat.send_message(texts.need_days())
    elif outcome is Outcome.ZONE_OFFERED and answer.redraw is not None:
        await _offer_zone(chat, context, answer, pressed)
    elif outcome is Outcome.ZONE_SUGGESTIONS:
        labels = [zone_label(zone) for zone in answer.suggestions]
        await chat.send_message(
            texts.zone_suggestions(answer.text),
            parse_mode=ParseMode.HTML,
            reply_markup=keyboards.zone_suggestions(answer.suggestions, labels),
        )
    elif outcome is Outcome.ZONE_UNKNOWN:
        await chat.send_message(texts.zone_unknown(answer.text), parse_mode=ParseMode.HTML)
    elif outcome is Outcome.ZONE_RETRY:
        if pressed is not None:
            await try_edit(context.bot, chat.id, pressed.message_id, texts.zone_retry())
        else:
            await chat.send_message(texts.zone_retry())
    elif outcome is Outcome.BAD_TIME:
        if len(answer.text) > QUOTE_LIMIT:  # no time is this long; don't explain it in detail
            await chat.send_message(texts.not_a_time(answer.text), parse_mode=ParseMode.HTML)
        else:
            await chat.send_message(explain_bad_time(answer.text))
    elif outcome is Outcome.USE_BUTTONS:
        await chat.send_message(texts.use_buttons())
    elif outcome is Outcome.NOT_TEXT:
        await chat.send_message(texts.not_text_here())
    elif outcome is Outcome.ANSWERED:
        await _answered(chat, context, answer, pressed)
        return
    if outcome is not Outcome.ZONE_OFFERED and answer.retire is not None:
        await try_retire(context.bot, chat.id, answer.retire)
    if answer.ask is not None:
        await ask(chat, context, answer.ask)


async def _offer_zone(
    chat: Chat, context: LegContext, answer: Answer, pressed: Message | None
) -> None:
    """ "Time zone: X. Correct?" in place of a pressed suggestion, else as a new message."""
    assert answer.redraw is not None
    if answer.retire is not None:
        await try_retire(context.bot, chat.id, answer.retire)  # an earlier offer's Yes
    text, markup = texts.question_text(answer.redraw), keyboards.question(answer.redraw)
    if pressed is not None:
        await try_edit(context.bot, chat.id, pressed.message_id, text, markup)
        return
    sent = await chat.send_message(text, parse_mode=ParseMode.HTML, reply_markup=markup)
    context.runner = await answers.asked(context.db, context.runner, sent.message_id)


async def _answered(
    chat: Chat, context: LegContext, answer: Answer, pressed: Message | None
) -> None:
    """The question is answered: what comes next goes out first, then the answered
    question's message shows the answer."""
    assert answer.answered is not None
    if answer.every_day:
        await chat.send_message(texts.every_day_note())
    if answer.ask is not None:
        await ask(chat, context, answer.ask)
    elif answer.plan:
        await show_plan(chat, context, saved=answer.saved)
    line = texts.answered(answer.answered, answer.runner)
    target = pressed.message_id if pressed is not None else answer.closing
    if target is not None and line:
        await try_edit(context.bot, chat.id, target, line)
