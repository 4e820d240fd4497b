"""Texts of a leg session: the intro, the exercise card, its end states and the summary."""

from __future__ import annotations

from html import escape

from bot.flows.cards import Card, Closed, Mode, Resting
from bot.flows.press import PressOutcome
from bot.flows.session import Intro, IntroNote, Summary
from bot.texts.amounts import format_amount, set_count, weight
from bot.texts.common import when
from bot.texts.progress import at_top, change_sentence
from bot.texts.starts import intro_note, summary_notes
from content.ladder import ChangeReason, HarderHint
from content.library import Library
from content.model import Effort, Unit
from content.warmup import Drill, Warmup, WarmupStep
from storage.enums import ItemStatus

CUE_PREFIX = "Cue:"

_DRILLS = {
    Drill.MARCH: "{amount} of brisk marching or easy jogging on the spot",
    Drill.LEG_SWINGS: "{amount} leg swings each way per leg",
    Drill.GLUTE_BRIDGES: "{amount} slow glute bridges",
    Drill.EASY_SQUATS: "{amount} easy body-weight squats",
    Drill.REVERSE_LUNGES: "{amount} easy reverse lunges per leg",
    Drill.HIP_HINGES: "{amount} hip hinges, hands on the hips",
    Drill.EASY_CALF_RAISES: "{amount} easy calf raises",
    Drill.LOW_HOPS: "{sets} x {amount} low, quick hops",
    Drill.HIGHER_HOPS: "{sets} x {amount} higher hops",
    Drill.ANKLE_BOUNCES: "{amount} of ankle bounces",
}

EFFORT_WORDS = {Effort.EASY: "easy", Effort.RIGHT: "just right", Effort.HARD: "hard"}


def _drill(step: WarmupStep) -> str:
    amount = f"{step.amount} s" if step.unit is Unit.SECONDS else str(step.amount)
    return _DRILLS[step.drill].format(amount=amount, sets=step.sets)


def warmup_text(warmup: Warmup) -> str:
    drills = [_drill(step) for step in warmup.steps]
    listed = ", ".join(drills[:-1]) + f" and {drills[-1]}" if len(drills) > 1 else drills[0]
    ending = " Finish the hops fresh, not tired." if warmup.has_hops else ""
    return f"Warm up for about {warmup.minutes} minutes: {listed}.{ending}"


def _note(intro: Intro, note: IntroNote) -> str:
    if note is IntroNote.BACK_AFTER_BREAK:
        return welcome_back(intro.days_off)
    return intro_note(intro, note)  # the race, the sore areas, a replaced session


def session_intro(intro: Intro) -> str:
    plan = intro.plan
    lines = [
        f"<b>Leg session</b>: {len(plan.items)} exercises, about {plan.minutes} minutes "
        "with rests."
    ]
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


def _rest_line(card: Card) -> str:
    rest = card.rest
    if card.resting is Resting.RESTING:
        return f"Rest now: about {rest.timer} s. I'll tell you when to go."
    if card.resting is Resting.GO:
        return f"<b>Go: set {card.set_number} of {card.prescription.sets}.</b>"
    span = f"{rest.low}-{rest.high} s" if rest.high < 120 else f"{rest.low // 60}-2 min"
    return f"Rest {span} between sets."


def exercise_card(card: Card) -> str:
    dose = card.prescription
    amount = escape(format_amount(dose))
    if card.item.load is not None and card.rung.loaded:
        amount += f" with {escape(weight(card.item.load, card.weight_unit))}"
    lines = [
        f"<b>{card.position}/{card.total} {escape(card.exercise.name)}</b>",
        escape(card.rung.name),
        f"<b>{amount}</b>",
        f"{CUE_PREFIX} {escape(card.rung.cue)}",
        _rest_line(card),
        "",
        f"Set {card.set_number} of {dose.sets}: {escape(set_count(dose))}, then press Done "
        "(or Fewer if you did less).",
    ]
    extra: list[str] = []
    if card.mode is Mode.FEWER:
        extra.append("How many did you do in this set?")
    if card.mode is Mode.WHICH and card.typed is not None:
        extra.append(f"{card.typed:g}: is that the weight or the reps of this set?")
    if card.load_noted and card.item.load is not None:
        extra.append(f"Weight noted: {escape(weight(card.item.load, card.weight_unit))}.")
    elif card.ask_load:
        example = "25 lb" if card.weight_unit.value == "lb" else "12 kg"
        extra.append(f"Using dumbbells? Type the weight, like {example}.")
    if card.item.offer_harder:
        extra.append("You asked for more last time: Harder is ready when you are.")
    note = _card_note(card)
    if note:
        extra.append(note)
    if extra:
        lines += ["", *(f"<i>{escape(line)}</i>" for line in extra)]
    return "\n".join(lines)


def closed_card(closed: Closed) -> str:
    """The last words of a card that takes no more sets."""
    head = f"<b>{closed.position}/{closed.total} {escape(closed.exercise.name)}</b>"
    if closed.status is ItemStatus.DONE:
        done = f"✅ {head}: {escape(format_amount(closed.prescription))}, completed"
        if closed.ask_effort:
            return (
                f"{done}.\n<b>How did it feel?</b> Easy: 4 or more reps left in you. "
                "Just right: 2-3 left. Hard: 0-1 left."
            )
        if closed.effort is not None:
            return f"{done}, felt {EFFORT_WORDS[closed.effort]}."
        return f"{done}."
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
        PressOutcome.PICKING: "How many did you do?",
        PressOutcome.LOAD: "Weight noted.",
        PressOutcome.HELD: "One step up per session.",
        PressOutcome.EASED: "Easier it is.",
        PressOutcome.BEHIND: "That card was behind: here is where you are now.",
        PressOutcome.AWAITING: "How did the last one feel? Answer below, or Skip.",
        PressOutcome.ENDED: session_over(),
        PressOutcome.UNKNOWN: session_over(),
    }.get(outcome)


def effort_answer(effort: Effort | None) -> str:
    return f"Noted: {EFFORT_WORDS[effort]}." if effort is not None else "Skipped."


def which_button(labels: tuple[str, ...]) -> str:
    """Typed words that could mean more than one button on screen: ask, never guess."""
    named = " or ".join(f"“{label}”" for label in labels) or "that"
    return f"Did you mean {named}? Press the button you mean."


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


def _totals(result: Summary) -> str | None:
    parts = []
    if result.total_reps:
        parts.append(f"{result.total_reps} reps")
    if result.contacts:
        parts.append(f"{result.contacts} jumps")
    if result.seconds_held:
        parts.append(f"{result.seconds_held} s held")
    if not parts:
        return None
    minutes = max(1, round(result.work_seconds / 60))
    return f"In all: {', '.join(parts)}; about {minutes} min under work."


def summary(result: Summary, library: Library) -> str:
    head = (
        "Session stopped early. Everything you logged is kept." if result.stopped else "Well done!"
    )
    lines = [
        f"<b>Summary</b>: {head}",
        f"Sets done: {result.sets_done} of {result.sets_planned} "
        f"({result.exercises_done} of {result.exercises_total} exercises), {result.minutes} min.",
    ]
    totals = _totals(result)
    if totals:
        lines.append(totals)
    if result.changes:
        lines.append("What changed:")
        for exercise_id, change in result.changes:
            exercise = library.get(exercise_id)
            lines.append(f"• {escape(exercise.name)}: {escape(change_sentence(exercise, change))}")
    else:
        lines.append("What changed: nothing yet. Same rungs next time, aiming a little higher.")
    lines += [escape(note) for note in summary_notes(result, library)]
    if result.next_leg_day is not None:
        lines.append(f"Next leg day: <b>{when(result.next_leg_day)}</b>")
    return "\n".join(lines)
