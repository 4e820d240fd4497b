"""Texts of a leg session: the exercise card, its end states and the summary."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from content.ladder import format_amount
from content.model import Prescription, Unit

CUE_PREFIX = "Cue:"


def _count(prescription: Prescription) -> str:
    if prescription.unit is Unit.SECONDS:
        words = f"{prescription.reps} s"
    elif prescription.unit is Unit.CONTACTS:
        words = f"{prescription.reps} jumps"
    else:
        words = f"{prescription.reps} reps"
    return f"{words} on each leg" if prescription.per_side else words


def session_intro(minutes: int, count: int, warmup: str, note: str | None = None) -> str:
    lines = [f"<b>Leg session</b>: {count} exercises, about {minutes} minutes."]
    if note:
        lines.append(f"<i>{escape(note)}</i>")
    lines.append(escape(warmup))
    lines.append("Stop if anything hurts sharply: soreness is normal, pain is not.")
    return "\n".join(lines)


def exercise_card(
    *,
    position: int,
    total: int,
    exercise_name: str,
    rung_name: str,
    prescription: Prescription,
    cue: str,
    set_number: int,
    note: str | None = None,
) -> str:
    lines = [
        f"<b>{position}/{total} {escape(exercise_name)}</b>",
        escape(rung_name),
        f"<b>{escape(format_amount(prescription))}</b>",
        f"{CUE_PREFIX} {escape(cue)}",
        "",
        f"Set {set_number} of {prescription.sets}: {escape(_count(prescription))}, "
        "then press Done.",
    ]
    if note:
        lines += ["", f"<i>{escape(note)}</i>"]
    return "\n".join(lines)


def exercise_done(position: int, total: int, exercise_name: str, p: Prescription) -> str:
    return (
        f"✅ <b>{position}/{total} {escape(exercise_name)}</b>: "
        f"{escape(format_amount(p))}, completed."
    )


def exercise_skipped(position: int, total: int, exercise_name: str) -> str:
    return f"⏭ <b>{position}/{total} {escape(exercise_name)}</b>: skipped."


def exercise_not_done(position: int, total: int, exercise_name: str) -> str:
    return f"<b>{position}/{total} {escape(exercise_name)}</b>: session ended."


def moved(direction: str, rung_name: str) -> str:
    word = "Harder" if direction == "up" else "Easier"
    return f"{word}: now {rung_name}. I'll keep this for next time."


def at_top(hint: str) -> str:
    return f"This is the top of what your kit allows. {hint}"


def at_bottom() -> str:
    return "This is already the easiest version. Take it slow, or press Skip: no shame in that."


def already_logged() -> str:
    return "Already logged: that set counts once."


def session_over() -> str:
    return "That session has ended. /workout starts a new one."


def exercise_closed() -> str:
    return "That exercise is already finished."


def not_current() -> str:
    return "That exercise isn't the current one."


def in_progress() -> str:
    return "You have a session going. Here's where you were:"


def no_session() -> str:
    return "No session is running. /workout starts one."


def welcome_back(days: int) -> str:
    return (
        f"Welcome back! It's been {days} days, so each exercise starts one step easier "
        "while you rebuild."
    )


def summary(
    *,
    stopped: bool,
    sets_done: int,
    sets_planned: int,
    exercises_done: int,
    exercises_total: int,
    minutes: int,
    changes: Sequence[str],
    next_leg_day: datetime | None,
) -> str:
    head = "Session stopped early. Everything you logged is kept." if stopped else "Well done!"
    lines = [
        f"<b>Summary</b>: {head}",
        f"Sets done: {sets_done} of {sets_planned} "
        f"({exercises_done} of {exercises_total} exercises), {minutes} min.",
    ]
    if changes:
        lines.append("What changed:")
        lines += [f"• {escape(change)}" for change in changes]
    else:
        lines.append("What changed: nothing yet. Same rungs next time, aiming a little higher.")
    if next_leg_day is not None:
        lines.append(
            f"Next leg day: <b>{next_leg_day:%a} {next_leg_day.day} {next_leg_day:%b}, "
            f"{next_leg_day:%H:%M}</b>"
        )
    return "\n".join(lines)
