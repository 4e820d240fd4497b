"""Texts of leg-day reminders and of /next, /pause, /resume and /race."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from html import escape

from bot.flows.schedule import (
    DateOutcome,
    DateResult,
    LegDayOutcome,
    LegDayResult,
    NextView,
    local,
)
from bot.texts.common import quote
from content.dates import DateProblem
from content.legdays import TAPER_DAYS
from content.reminders import SessionLabel
from content.zones import zone_label


def day(value: date) -> str:
    """A local date the way a runner says it: Thu 26 Nov."""
    return f"{value:%a} {value.day} {value:%b}"


def when(instant: datetime) -> str:
    """A local instant: Thu 26 Nov, 07:30."""
    return f"{day(instant.date())}, {instant:%H:%M}"


def leg_day(
    *,
    first_name: str,
    label: SessionLabel,
    snooze: bool = False,
    late_since: datetime | None = None,
    paired_with_run: bool = False,
    race_day: date | None = None,
) -> str:
    """The leg-day message: the session and its length, and why if it is light or late."""
    name = escape(first_name) or "runner"
    opener = f"Leg session still waiting, {name}." if snooze else f"<b>Leg day, {name}!</b>"
    lines = [opener, f"Today: <b>{escape(label.name)}</b>, about {label.minutes} minutes."]
    if late_since is not None:
        lines.append(
            f"<i>Sorry, this comes late: it was due at {late_since:%H:%M}. "
            "There's still time today.</i>"
        )
    if label.light and race_day is not None:
        lines.append(
            f"<i>Your race is on {day(race_day)}: no jumps and two sets each, so your legs "
            "stay fresh.</i>"
        )
    if paired_with_run:
        lines.append(
            "<i>You also have an easy run today: do legs at least 6 hours apart, or strength "
            "first.</i>"
        )
    lines.append("Press Start when you're ready.")
    return "\n".join(lines)


def started() -> str:
    return "Let's go!"


def snoozed(at: datetime) -> str:
    return f"Snoozed. I'll remind you again at {at:%H:%M}."


def _with_next_day(text: str, next_day: datetime | None) -> str:
    return text if next_day is None else f"{text} Next leg day: <b>{when(next_day)}</b>."


def skipped(next_day: datetime | None) -> str:
    return _with_next_day("Skipped today: rest well.", next_day)


def moved(to: datetime) -> str:
    return f"Moved to tomorrow, <b>{when(to)}</b>. I'll remind you then."


def move_refused(reason: str) -> str:
    return f"Can't move it to tomorrow. {reason}"


def too_late_to_move() -> str:
    return "Tomorrow's reminder time has already passed, so there's nothing to move."


def stale() -> str:
    return "That button no longer works: this leg day has been dealt with. /next shows what's on."


@dataclass(frozen=True, slots=True)
class NextDay:
    """One line of /next: a local instant and what is special about it."""

    at: datetime
    light: bool = False
    moved: bool = False


def next_days(
    days: Sequence[NextDay],
    *,
    notes: Sequence[str],
    zone_label: str,
    paused_until: date | None = None,
    race_day: date | None = None,
) -> str:
    """/next: the next three leg days, local, with the rules that shaped them."""
    lines = ["<b>Your next leg days</b>"]
    for item in days:
        extra = []
        if item.light:
            extra.append("light session: race taper")
        if item.moved:
            extra.append("moved")
        suffix = f" ({', '.join(extra)})" if extra else ""
        lines.append(f"• {when(item.at)}{suffix}")
    if not days:
        lines.append("None planned yet.")
    lines.append(f"Times are {escape(zone_label)}.")
    if paused_until is not None:
        lines.append(f"Reminders paused through {day(paused_until)}.")
    if race_day is not None:
        lines.append(race_rule(race_day))
    lines += [f"<i>{escape(note)}</i>" for note in notes]
    return "\n".join(lines)


def race_rule(race_day: date) -> str:
    return (
        f"Goal race {day(race_day)}: no hard leg work in its last {TAPER_DAYS} days, "
        "one light session at most."
    )


def nothing_planned_paused() -> str:
    return "Reminders are paused. Send /resume when you want them back."


def nothing_planned() -> str:
    return "No leg days planned: check your days, time and zone in /settings."


def paused(until: date | None) -> str:
    if until is None:
        return "Paused. No reminders until you send /resume. Rest up!"
    return (
        f"Paused through {day(until)}. Reminders start again after that, or send /resume any time."
    )


def bad_pause_date(text: str) -> str:
    return (
        f"I couldn't read '{quote(text)}' as a date. Try <code>/pause next friday</code>, "
        "<code>/pause 24 Dec</code> or <code>/pause 2026-12-24</code>, or just /pause to "
        "pause until you /resume."
    )


def pause_date_past(value: date) -> str:
    return f"{day(value)} has already passed. Pick a date from today on, or just /pause."


def resumed(next_day: datetime | None) -> str:
    return _with_next_day("Welcome back! Reminders are on again.", next_day)


def not_paused(next_day: datetime | None) -> str:
    return _with_next_day("Reminders are already on.", next_day)


def race_usage(current: date | None) -> str:
    lines = []
    if current is not None:
        lines.append(f"Your goal race: {day(current)} {current.year}.")
    lines.append(
        "Send <code>/race 18 April</code> (or <code>/race 2027-04-18</code>) to set a goal "
        "race, or <code>/race off</code> to clear it."
    )
    return "\n".join(lines)


def bad_race_date(text: str) -> str:
    return (
        f"I couldn't read '{quote(text)}' as a date. Try <code>/race 18 April</code> or "
        "<code>/race 2027-04-18</code>."
    )


def race_not_future(value: date) -> str:
    return f"{day(value)} {value.year} isn't in the future. Which race are you training for?"


def race_set(race_day: date, light_day: datetime | None) -> str:
    lines = [
        f"Goal race set: <b>{day(race_day)} {race_day.year}</b>. Good luck!",
        race_rule(race_day),
    ]
    if light_day is not None:
        lines.append(f"Your light session: <b>{when(light_day)}</b>.")
    lines.append(
        "<i>The 10-day cut-off is coaches' practice rather than firm evidence, but it keeps "
        "your legs fresh.</i>"
    )
    return "\n".join(lines)


def race_cleared() -> str:
    return "Goal race cleared: your usual leg days are back."


def too_far_ahead(value: date, latest: date) -> str:
    return (
        f"{day(value)} {value.year} is too far ahead: I plan up to {day(latest)} {latest.year}. "
        "Pick a nearer date."
    )


def _date_problem(problem: DateProblem | None, readings: Sequence[date]) -> str | None:
    """A typed date we could read but not take, said in one line."""
    if problem is DateProblem.AMBIGUOUS and len(readings) == 2:
        first, second = readings
        return (
            f"Did you mean {day(first)} or {day(second)}? Write the month as a word, like 4 May."
        )
    if problem is DateProblem.WEEKDAY_MISMATCH:
        return "The weekday and the date don't match: which one did you mean?"
    return None


def _refused(result: DateResult, bad: str) -> str:
    if result.outcome is DateOutcome.PAST and result.day is not None:
        return pause_date_past(result.day)
    if result.outcome is DateOutcome.TOO_FAR and result.day and result.latest:
        return too_far_ahead(result.day, result.latest)
    return escape(_date_problem(result.problem, result.readings) or "") or bad


def paused_text(result: DateResult) -> str:
    """The answer to /pause."""
    if result.outcome is DateOutcome.SET:
        return escape(paused(result.day))
    return _refused(result, bad_pause_date(result.text))


def race_text(result: DateResult) -> str:
    """The answer to /race."""
    outcome = result.outcome
    if outcome is DateOutcome.USAGE:
        return race_usage(result.day)
    if outcome is DateOutcome.CLEARED:
        return escape(race_cleared())
    if outcome is DateOutcome.SET and result.day is not None:
        return race_set(result.day, result.light_day)
    if outcome is DateOutcome.PAST and result.day is not None:
        return escape(race_not_future(result.day))
    return _refused(result, bad_race_date(result.text))


def next_view(view: NextView) -> str:
    """The answer to /next."""
    runner = view.runner
    if view.paused_for_good:
        return escape(nothing_planned_paused())
    if not view.days:
        return escape(nothing_planned())
    return next_days(
        [NextDay(local(runner, d.due_at), d.light, d.moved) for d in view.days],
        notes=view.notes,
        zone_label=zone_label(runner.time_zone) if runner.time_zone else "UTC",
        paused_until=runner.paused_until if runner.paused else None,
        race_day=view.race_day,
    )


def leg_day_answer(result: LegDayResult) -> str | None:
    """The toast under a leg-day button."""
    return {
        LegDayOutcome.STARTED: started(),
        LegDayOutcome.SNOOZED: snoozed(result.at) if result.at else None,
        LegDayOutcome.SKIPPED: "Skipped.",
        LegDayOutcome.MOVED: "Moved to tomorrow.",
    }.get(result.outcome)


def leg_day_follow_up(result: LegDayResult) -> str | None:
    """The message after a leg-day button (the snooze, the skip, the move)."""
    if result.outcome is LegDayOutcome.SNOOZED and result.at is not None:
        return escape(snoozed(result.at))
    if result.outcome is LegDayOutcome.SKIPPED:
        return skipped(result.at)
    if result.outcome is LegDayOutcome.MOVED and result.at is not None:
        return moved(result.at)
    return None
