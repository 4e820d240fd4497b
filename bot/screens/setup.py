"""Set-up questions on screen: asking, the answers' redraws, one-line hints, pointing back
after an aside, and the gate for commands.

The next thing to press (the next question, the plan card) is sent before the answered
question's message is closed, and only a send that went out closes it: a failed send leaves
that question pressable, and a press there is recognised as an earlier question and the
pending one is asked again (bot/messages.py).
"""

from __future__ import annotations

from html import escape

from telegram import Chat, Message

from bot.context import LegContext
from bot.flows import answers, setup
from bot.flows.answers import Answer, Outcome
from bot.flows.setup import Question, QuestionView
from bot.keyboards import onboarding as keyboards
from bot.messages import try_edit, try_retire, try_send
from bot.screens.profile import show_plan
from bot.texts import onboarding as texts
from bot.texts.common import QUOTE_LIMIT
from content.timeparse import explain_bad_time


async def ask(chat: Chat, context: LegContext, view: QuestionView) -> bool:
    """Send the question as a new message; a question with buttons becomes the live one.
    False when Telegram did not confirm the send."""
    markup = keyboards.question(view)
    sent = await try_send(chat, texts.question_text(view), markup)
    if sent is None:
        return False
    if markup is not None:
        context.runner = await answers.asked(context.db, context.runner, sent.message_id)
    return True


async def point_back(chat: Chat, context: LegContext) -> None:
    """After an aside (a how-to answer, /help, pain advice) while a question is pending: one
    line back to it, with its buttons, which move there from the message that asked."""
    found = setup.pointer(context.runner, context.services.clock.now())
    if found is None:
        return
    view, before = found
    markup = keyboards.question(view)
    sent = await try_send(chat, texts.pointer(view), markup)
    if sent is None or markup is None:
        return
    if before is not None:
        await try_retire(context.bot, chat.id, before)
    context.runner = await answers.asked(context.db, context.runner, sent.message_id, short=True)


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
    await try_send(message.chat, texts.finish_setup_first(), html=False)
    await ask(message.chat, context, question)
    return False


async def show_answer(
    chat: Chat, context: LegContext, answer: Answer, pressed: Message | None
) -> None:
    """Show what an answer did. ``pressed`` is the question message a button was pressed
    on (None for a typed answer). A typed answer that does not fit gets one line; the
    question stays where it is, with its buttons."""
    context.runner = answer.runner
    outcome = answer.outcome
    redrawn = pressed.message_id if pressed is not None else answer.live
    if answer.redraw is not None and redrawn is not None and outcome is not Outcome.ZONE_OFFERED:
        await try_edit(
            context.bot,
            chat.id,
            redrawn,
            texts.question_text(answer.redraw),
            keyboards.question(answer.redraw),
        )
    if outcome is Outcome.ZONE_OFFERED and answer.redraw is not None:
        await _offer_zone(chat, context, answer, pressed)
    elif outcome is Outcome.ZONE_SUGGESTIONS:
        labels = [texts.zone_label(zone) for zone in answer.suggestions]
        await try_send(
            chat,
            texts.zone_suggestions(answer.text),
            keyboards.zone_suggestions(answer.suggestions, labels),
        )
    elif outcome is Outcome.ZONE_RETRY:
        if pressed is not None:
            await try_edit(context.bot, chat.id, pressed.message_id, texts.zone_retry())
        else:
            await try_send(chat, texts.zone_retry(), html=False)
    elif outcome is Outcome.ANSWERED:
        await _answered(chat, context, answer, pressed)
        return
    else:
        line = _hint(answer)
        if line is not None:
            await try_send(chat, line)
    if outcome is not Outcome.ZONE_OFFERED and answer.retire is not None:
        await try_retire(context.bot, chat.id, answer.retire)
    if answer.ask is not None:
        await ask(chat, context, answer.ask)


def _hint(answer: Answer) -> str | None:
    """The one line an answer that did not fit gets (HTML)."""
    outcome, about = answer.outcome, answer.about
    if outcome is Outcome.NEED_EQUIPMENT:
        return texts.need_equipment()
    if outcome is Outcome.NEED_DAYS:
        return texts.need_days()
    if outcome is Outcome.ZONE_UNKNOWN:
        return texts.zone_unknown(answer.text)
    if outcome is Outcome.BAD_TIME:
        if len(answer.text) > QUOTE_LIMIT:  # no time is this long; don't explain it in detail
            return texts.not_a_time(answer.text)
        return escape(texts.bad_time(explain_bad_time(answer.text)))
    if outcome is Outcome.UNSURE:
        ticking = about is not None and about.question is Question.EQUIPMENT
        return texts.unsure(answer.text, answer.candidates, then_done=ticking)
    if outcome is Outcome.NOT_RUNNING_DAY:
        return texts.not_running_days(answer.days, answer.runner.running_days)
    if outcome is Outcome.WRONG and about is not None:
        return texts.wrong_answer(answer.text, about)
    if outcome is Outcome.NOT_TEXT and about is not None:
        return texts.not_text_here(about)
    return None


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
    sent = await try_send(chat, text, markup)
    if sent is not None:
        context.runner = await answers.asked(context.db, context.runner, sent.message_id)


async def _answered(
    chat: Chat, context: LegContext, answer: Answer, pressed: Message | None
) -> None:
    """The question is answered: what comes next goes out first, then the answered
    question's message shows the answer."""
    assert answer.answered is not None
    went_out = True
    if answer.ask is not None:
        went_out = await ask(chat, context, answer.ask)
    elif answer.plan:
        went_out = await show_plan(chat, context, saved=answer.saved, changes=answer.changes)
    if not went_out:
        return  # the answered question stays pressable: a press there asks the pending one
    line = texts.answered(answer.answered, answer.runner)
    target = pressed.message_id if pressed is not None else answer.closing
    if target is not None and line:
        await try_edit(context.bot, chat.id, target, line)
