"""Texts of a leg session: the intro, the exercise card, its end states and the summary."""

from __future__ import annotations

from html import escape

from bot.flows.cards import Card, Closed
from bot.flows.session import Intro, IntroNote, PressOutcome, Summary
from bot.texts.amounts import format_amount, set_count
from bot.texts.common import when
from bot.texts.progress import at_top, change_sentence
from bot.texts.safety import gentle_session_note
from content.ladder import ChangeReason, HarderHint
from content.library import Library
from content.model import Unit
from content.warmup import Drill, Warmup, WarmupStep
from storage.enums import ItemStatus

CUE_PREFIX = "Cue:"

_DRILLS = {
    Drill.MARCH: "{amount} brisk marching",
    Drill.LEG_SWINGS: "{amount} leg swings each way per leg",
    Drill.EASY_SQUATS: "{amount} easy body-weight squats",
    Drill.ANKLE_BOUNCES: "{amount} of ankle bounces",
}


def _drill(step: WarmupStep) -> str:
    amount = f"{step.amount} s" if step.unit is Unit.SECONDS else str(step.amount)
    return _DRILLS[step.drill].format(amount=amount)


def warmup_text(warmup: Warmup) -> str:
    drills = [_drill(step) for step in warmup.steps]
    listed = ", ".join(drills[:-1]) + f" and {drills[-1]}" if len(drills) > 1 else drills[0]
    return f"Warm up for {warmup.minutes} minutes: {listed}."


def _note(intro: Intro, note: IntroNote) -> str:
    if note is IntroNote.BACK_AFTER_BREAK:
        return welcome_back(intro.days_off)
    if note is IntroNote.GENTLE and intro.sore_area is not None:
        return gentle_session_note(intro.sore_area)
    return "Light session for your race taper: no jumps, two sets each."


def session_intro(intro: Intro) -> str:
    plan = intro.plan
    lines = [f"<b>Leg session</b>: {len(plan.items)} exercises, about {plan.minutes} minutes."]
    if intro.notes:
        lines.append(f"<i>{escape(' '.join(_note(intro, note) for note in intro.notes))}</i>")
    lines.append(escape(warmup_text(plan.warmup)))
    lines.append("Stop if anything hurts sharply: soreness is normal, pain is not.")
    return "\n".join(lines)


def _card_note(card: Card) -> str | None:
    change = card.note
    if change is None:
        return None
    if change.reason is ChangeReason.TOP_OF_KIT:
        return at_top(card.exercise, card.hint or HarderHint(None))
    return change_sentence(card.exercise, change)


def exercise_card(card: Card) -> str:
    dose = card.prescription
    lines = [
        f"<b>{card.position}/{card.total} {escape(card.exercise.name)}</b>",
        escape(card.rung.name),
        f"<b>{escape(format_amount(dose))}</b>",
        f"{CUE_PREFIX} {escape(card.rung.cue)}",
        "",
        f"Set {card.set_number} of {dose.sets}: {escape(set_count(dose))}, then press Done.",
    ]
    note = _card_note(card)
    if note:
        lines += ["", f"<i>{escape(note)}</i>"]
    return "\n".join(lines)


def closed_card(closed: Closed) -> str:
    """The last words of a card that takes no more presses."""
    head = f"<b>{closed.position}/{closed.total} {escape(closed.exercise.name)}</b>"
    if closed.status is ItemStatus.DONE:
        return f"✅ {head}: {escape(format_amount(closed.prescription))}, completed."
    if closed.status is ItemStatus.SKIPPED:
        return f"⏭ {head}: skipped."
    return f"{head}: session ended."


def press_answer(
    outcome: PressOutcome, sets_done: int = 0, done: bool = False, closed: bool = False
) -> str | None:
    """The short answer under the runner's finger (a toast, at most 200 characters)."""
    if outcome is PressOutcome.BEHIND and done:
        return already_logged()
    if outcome is PressOutcome.ELSEWHERE:
        return exercise_closed() if closed else not_current()
    return {
        PressOutcome.LOGGED: f"Set {sets_done} logged.",
        PressOutcome.COMPLETED: f"Set {sets_done} logged." if sets_done else None,
        PressOutcome.SKIPPED: "Skipped.",
        PressOutcome.BEHIND: "That card was behind: here is where you are now.",
        PressOutcome.ENDED: session_over(),
        PressOutcome.UNKNOWN: session_over(),
    }.get(outcome)


def moved_answer(up: bool, refused: bool) -> str:
    if refused:
        return "Top of the ladder." if up else "Easiest already."
    return "Harder it is." if up else "Easier it is."


def exercise_closed() -> str:
    return "That exercise is already finished."


def not_current() -> str:
    return "That exercise isn't the current one."


def already_logged() -> str:
    return "Already logged: that set counts once."


def session_over() -> str:
    return "That session has ended. /workout starts a new one."


def in_progress() -> str:
    return "You have a session going. Here's where you were:"


def no_session() -> str:
    return "No session is running. /workout starts one."


def welcome_back(days: int) -> str:
    return (
        f"Welcome back! It's been {days} days, so each exercise starts one step easier "
        "while you rebuild."
    )


def summary(result: Summary, library: Library) -> str:
    head = (
        "Session stopped early. Everything you logged is kept." if result.stopped else "Well done!"
    )
    lines = [
        f"<b>Summary</b>: {head}",
        f"Sets done: {result.sets_done} of {result.sets_planned} "
        f"({result.exercises_done} of {result.exercises_total} exercises), {result.minutes} min.",
    ]
    if result.changes:
        lines.append("What changed:")
        for exercise_id, change in result.changes:
            exercise = library.get(exercise_id)
            lines.append(f"• {escape(exercise.name)}: {escape(change_sentence(exercise, change))}")
    else:
        lines.append("What changed: nothing yet. Same rungs next time, aiming a little higher.")
    if result.next_leg_day is not None:
        lines.append(f"Next leg day: <b>{when(result.next_leg_day)}</b>")
    return "\n".join(lines)
