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
from bot.texts.starts import DISTANCE_NAMES, respaced
from content.dates import DateProblem
from content.races import Race, RaceDistance, RacePhase
from content.zones import zone_label


def day(value: date) -> str:
    """A local date the way a runner says it: Thu 26 Nov."""
    return f"{value:%a} {value.day} {value:%b}"


def when(instant: datetime) -> str:
    """A local instant: Thu 26 Nov, 07:30."""
    return f"{day(instant.date())}, {instant:%H:%M}"


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
    race: Race | None = None,
    stage: RacePhase | None = None,
    respaced_from: datetime | None = None,
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
    if race is not None and stage is not None:
        lines.append(race_line(race, stage))
    elif race_day is not None:
        lines.append(race_rule(Race(race_day)))
    if respaced_from is not None and days:
        lines.append(escape(respaced(respaced_from, days[0].at)))
    lines += [f"<i>{escape(note)}</i>" for note in notes]
    return "\n".join(lines)


def race_rule(race: Race) -> str:
    return (
        f"Goal race {day(race.day)} ({DISTANCE_NAMES[race.distance]}): no hard leg work in "
        f"its last {race.taper_days} days, one light session at most."
    )


def recovery_rule(race: Race) -> str:
    return (
        f"After it: no jumps or hard leg work for {race.recovery_days} days, then back one "
        "step easier."
    )


def race_line(race: Race, stage: RacePhase) -> str:
    """/next and the plan card: the race ahead, race day, or the recovery after it."""
    if stage is RacePhase.RACE_DAY:
        return f"Race day today, your {DISTANCE_NAMES[race.distance]}: no leg work. Good luck!"
    if stage is RacePhase.RECOVERY:
        return (
            f"Recovering from your {DISTANCE_NAMES[race.distance]} until "
            f"{day(race.recovery_end)}: no jumps or hard leg work until then; the first "
            "session after starts one step easier."
        )
    return race_rule(race)


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


def race_usage(current: date | None, distance: RaceDistance | None = None) -> str:
    lines = []
    if current is not None:
        name = DISTANCE_NAMES[distance or RaceDistance.HALF]
        lines.append(f"Your goal race: {day(current)} {current.year}, {name}.")
    lines.append(
        "Send <code>/race 18 April</code> (or <code>/race 2027-04-18 marathon</code>; a half "
        "marathon unless you add 5k, 10k or marathon) to set a goal race, or "
        "<code>/race off</code> to clear it."
    )
    return "\n".join(lines)


def bad_race_date(text: str) -> str:
    return (
        f"I couldn't read '{quote(text)}' as a date. Try <code>/race 18 April</code> or "
        "<code>/race 2027-04-18</code>."
    )


def race_not_future(value: date) -> str:
    return f"{day(value)} {value.year} isn't in the future. Which race are you training for?"


def race_set(
    race_day: date, light_day: datetime | None, distance: RaceDistance = RaceDistance.HALF
) -> str:
    race = Race(race_day, distance)
    lines = [
        f"Goal race set: <b>{day(race_day)} {race_day.year}</b>. Good luck!",
        race_rule(race),
        recovery_rule(race),
    ]
    if light_day is not None:
        lines.append(f"Your light session: <b>{when(light_day)}</b>.")
    lines.append(
        f"<i>The {race.taper_days}-day cut-off is coaches' practice rather than firm evidence, "
        "but it keeps your legs fresh.</i>"
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
        return race_usage(result.day, result.distance)
    if outcome is DateOutcome.CLEARED:
        return escape(race_cleared())
    if outcome is DateOutcome.SET and result.day is not None:
        return race_set(result.day, result.light_day, result.distance or RaceDistance.HALF)
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
        race=view.race,
        stage=view.race_phase,
        respaced_from=view.respaced_from,
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
    """The message after a leg-day button (the snooze, the skip, the move), and the next
    leg day when the spacing moved it away from the snooze or the moved day."""
    text = None
    if result.outcome is LegDayOutcome.SNOOZED and result.at is not None:
        text = escape(snoozed(result.at))
    elif result.outcome is LegDayOutcome.SKIPPED:
        text = skipped(result.at)
    elif result.outcome is LegDayOutcome.MOVED and result.at is not None:
        text = moved(result.at)
    if text is not None and result.respaced_from is not None:
        text += "\n" + escape(respaced(result.respaced_from, result.next_day))
    return text
