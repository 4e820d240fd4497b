"""Texts of leg-day reminders and of /next, /pause, /resume and /race, and the rules that
shaped the leg days (``content.legdays`` notes) in the current language."""

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
from bot.i18n import _, day_with_year, join, ngettext, time_of_day, weekday
from bot.i18n import day as local_day
from bot.i18n import when as local_when
from bot.texts.common import quote
from bot.texts.onboarding import zone_label
from bot.texts.starts import DISTANCE_NAMES, respaced
from content.dates import DateProblem
from content.legdays import NoteKind, PairingLead, PlanNote
from content.races import Race, RaceDistance, RacePhase


def _weekday(day: int) -> str:
    return weekday(day, "wide", standalone=False)


def plan_note(note: PlanNote) -> str:
    """One rule that shaped the leg days, as a sentence (plain text)."""
    kind, day, other = note.kind, _weekday(note.day), _weekday(note.other)
    if kind is NoteKind.HARD_RUN:
        return _("No leg day on {day}: it is your long or hard run.").format(day=day)
    if kind is NoteKind.BEFORE_HARD_RUN:
        return _("No leg day on {day}: {other} is your long or hard run.").format(
            day=day, other=other
        )
    if kind is NoteKind.NEXT_TO_LEG_DAY:
        return _(
            "No leg day on {day}: {other} is already a leg day, and two in a row leave no time "
            "to recover."
        ).format(day=day, other=other)
    if kind is NoteKind.HARD_COUNTS_AS_RUN:
        return _("Counting {day} as a running day: you marked it as a hard run.").format(day=day)
    if kind is NoteKind.PAIRED:
        return _paired(note.lead, note.days)
    if kind is NoteKind.NO_DAY_FITS:
        return _("No leg day fits your week: every day is a hard run or the day before one.")
    if kind is NoteKind.FEWER_FIT:
        return ngettext(
            "Only {count} leg day fits your week without breaking a rule (your level aims "
            "for {target}).",
            "Only {count} leg days fit your week without breaking a rule (your level aims "
            "for {target}).",
            note.count,
        ).format(count=note.count, target=note.target)
    if kind is NoteKind.ALREADY_LEG_DAY:
        return _("{day} is already a leg day.").format(day=day)
    return _("{day} is race day: no leg work then.").format(day=day)


def _paired(lead: PairingLead | None, days: Sequence[int]) -> str:
    """Leg work on easy-run days: why, and how to do both (one sentence for all of them)."""
    names = join(_weekday(day) for day in days)
    count = len(days)
    if lead is PairingLead.EVERY_DAY_RUNS:
        text = ngettext(
            "Every day is a running day, so leg work pairs with your easy run on {days}: do it "
            "at least 6 hours apart, or strength first.",
            "Every day is a running day, so leg work pairs with your easy runs on {days}: do it "
            "at least 6 hours apart, or strength first.",
            count,
        )
    elif lead is PairingLead.REST_DAYS_SHORT:
        text = ngettext(
            "Your rest days can't hold every session, so leg work pairs with your easy run on "
            "{days}: do it at least 6 hours apart, or strength first.",
            "Your rest days can't hold every session, so leg work pairs with your easy runs on "
            "{days}: do it at least 6 hours apart, or strength first.",
            count,
        )
    else:
        text = ngettext(
            "No rest day fits, so leg work pairs with your easy run on {days}: do it at least "
            "6 hours apart, or strength first.",
            "No rest day fits, so leg work pairs with your easy runs on {days}: do it at least "
            "6 hours apart, or strength first.",
            count,
        )
    return text.format(days=names)


def started() -> str:
    # LIMIT: 200
    return _("Let's go!")


def snoozed(at: datetime) -> str:
    # LIMIT: 200
    return _("Snoozed. I'll remind you again at {time}.").format(time=time_of_day(at))


def _with_next_day(text: str, next_day: datetime | None) -> str:
    if next_day is None:
        return text
    then = _("Next leg day: <b>{when}</b>.").format(when=local_when(next_day))
    return f"{text} {then}"


def skipped(next_day: datetime | None) -> str:
    return _with_next_day(_("Skipped today: rest well."), next_day)


def moved(to: datetime) -> str:
    return _("Moved to tomorrow, <b>{when}</b>. I'll remind you then.").format(when=local_when(to))


def move_refused(reason: PlanNote | str) -> str:
    """Why "Move to tomorrow" cannot move this leg day (an alert)."""
    why = plan_note(reason) if isinstance(reason, PlanNote) else reason
    # LIMIT: 200
    refused = _("Can't move it to tomorrow.")
    return f"{refused} {why}" if why else refused


def too_late_to_move() -> str:
    # LIMIT: 200
    return _("Tomorrow's reminder time has already passed, so there's nothing to move.")


def too_late_to_snooze() -> str:
    # LIMIT: 200
    return _(
        "An hour from now is too late for leg work today. Start now, skip today, or move "
        "it to tomorrow."
    )


def refusal(result: LegDayResult) -> str:
    """Why a leg-day button did nothing (an alert): the move or the snooze refused."""
    if result.outcome is LegDayOutcome.MOVE_REFUSED:
        return move_refused(result.reason or "")
    if result.outcome is LegDayOutcome.SNOOZE_TOO_LATE:
        return too_late_to_snooze()
    return too_late_to_move()


def stale() -> str:
    # LIMIT: 200
    return _(
        "That button no longer works: this leg day has been dealt with. /next shows what's on."
    )


@dataclass(frozen=True, slots=True)
class NextDay:
    """One line of /next: a local instant and what is special about it."""

    at: datetime
    light: bool = False
    moved: bool = False


def _next_line(item: NextDay) -> str:
    at = local_when(item.at)
    if item.light and item.moved:
        return _("{when} (light session: race taper, moved)").format(when=at)
    if item.light:
        return _("{when} (light session: race taper)").format(when=at)
    if item.moved:
        return _("{when} (moved)").format(when=at)
    return at


def next_days(
    days: Sequence[NextDay],
    *,
    notes: Sequence[PlanNote],
    zone_label: str,
    paused_until: date | None = None,
    race_day: date | None = None,
    race: Race | None = None,
    stage: RacePhase | None = None,
    respaced_from: datetime | None = None,
) -> str:
    """/next: the next three leg days, local, with the rules that shaped them."""
    lines = [_("<b>Your next leg days</b>")]
    lines += [f"• {_next_line(item)}" for item in days]
    if not days:
        lines.append(_("None planned yet."))
    lines.append(_("Times are {zone}.").format(zone=escape(zone_label)))
    if paused_until is not None:
        lines.append(_("Reminders paused through {day}.").format(day=local_day(paused_until)))
    if race is not None and stage is not None:
        lines.append(race_line(race, stage))
    elif race_day is not None:
        lines.append(race_rule(Race(race_day)))
    if respaced_from is not None and days:
        lines.append(escape(respaced(respaced_from, days[0].at)))
    lines += [f"<i>{escape(plan_note(note))}</i>" for note in notes]
    return "\n".join(lines)


def _distance(distance: RaceDistance) -> str:
    return str(DISTANCE_NAMES[distance])


def race_rule(race: Race) -> str:
    return ngettext(
        "Goal race {day} ({distance}): no hard leg work in its last {days} day, one light "
        "session at most.",
        "Goal race {day} ({distance}): no hard leg work in its last {days} days, one light "
        "session at most.",
        race.taper_days,
    ).format(day=local_day(race.day), distance=_distance(race.distance), days=race.taper_days)


def recovery_rule(race: Race) -> str:
    return ngettext(
        "After it: no jumps or hard leg work for {days} day, then back one step easier.",
        "After it: no jumps or hard leg work for {days} days, then back one step easier.",
        race.recovery_days,
    ).format(days=race.recovery_days)


def race_line(race: Race, stage: RacePhase) -> str:
    """/next and the plan card: the race ahead, race day, or the recovery after it."""
    distance = _distance(race.distance)
    if stage is RacePhase.RACE_DAY:
        return _("Race day today, your {distance}: no leg work. Good luck!").format(
            distance=distance
        )
    if stage is RacePhase.RECOVERY:
        return _(
            "Recovering from your {distance} until {day}: no jumps or hard leg work until "
            "then; the first session after starts one step easier."
        ).format(distance=distance, day=local_day(race.recovery_end))
    return race_rule(race)


def nothing_planned_paused() -> str:
    return _("Reminders are paused. Send /resume when you want them back.")


def nothing_planned() -> str:
    return _("No leg days planned: check your days, time and zone in /settings.")


def paused(until: date | None) -> str:
    if until is None:
        return _("Paused. No reminders until you send /resume. Rest up!")
    return _(
        "Paused through {day}. Reminders start again after that, or send /resume any time."
    ).format(day=local_day(until))


def bad_pause_date(text: str) -> str:
    # TRANSLATORS: the examples must be dates the bot reads in your language
    return _(
        "I couldn't read '{text}' as a date. Try <code>/pause next friday</code>, "
        "<code>/pause 24 Dec</code> or <code>/pause 2026-12-24</code>, or just /pause to "
        "pause until you /resume."
    ).format(text=quote(text))


def pause_date_past(value: date) -> str:
    return _("{day} has already passed. Pick a date from today on, or just /pause.").format(
        day=local_day(value)
    )


def resumed(next_day: datetime | None) -> str:
    return _with_next_day(_("Welcome back! Reminders are on again."), next_day)


def not_paused(next_day: datetime | None) -> str:
    return _with_next_day(_("Reminders are already on."), next_day)


def race_usage(current: date | None, distance: RaceDistance | None = None) -> str:
    lines = []
    if current is not None:
        name = _distance(distance or RaceDistance.HALF)
        lines.append(
            _("Your goal race: {day}, {distance}.").format(
                day=day_with_year(current), distance=name
            )
        )
    # TRANSLATORS: the examples must be dates and words the bot reads in your language
    lines.append(
        _(
            "Send <code>/race 18 April</code> (or <code>/race 2027-04-18 marathon</code>; a half "
            "marathon unless you add 5k, 10k or marathon) to set a goal race, or "
            "<code>/race off</code> to clear it."
        )
    )
    return "\n".join(lines)


def bad_race_date(text: str) -> str:
    return _(
        "I couldn't read '{text}' as a date. Try <code>/race 18 April</code> or "
        "<code>/race 2027-04-18</code>."
    ).format(text=quote(text))


def race_not_future(value: date) -> str:
    return _("{day} isn't in the future. Which race are you training for?").format(
        day=day_with_year(value)
    )


def race_set(
    race_day: date, light_day: datetime | None, distance: RaceDistance = RaceDistance.HALF
) -> str:
    race = Race(race_day, distance)
    lines = [
        _("Goal race set: <b>{day}</b>. Good luck!").format(day=day_with_year(race_day)),
        race_rule(race),
        recovery_rule(race),
    ]
    if light_day is not None:
        lines.append(_("Your light session: <b>{when}</b>.").format(when=local_when(light_day)))
    lines.append(
        "<i>"
        + _(
            "The {days}-day cut-off is coaches' practice rather than firm evidence, but it "
            "keeps your legs fresh."
        ).format(days=race.taper_days)
        + "</i>"
    )
    return "\n".join(lines)


def race_cleared() -> str:
    return _("Goal race cleared: your usual leg days are back.")


def too_far_ahead(value: date, latest: date) -> str:
    return _("{day} is too far ahead: I plan up to {latest}. Pick a nearer date.").format(
        day=day_with_year(value), latest=day_with_year(latest)
    )


def _date_problem(problem: DateProblem | None, readings: Sequence[date]) -> str | None:
    """A typed date we could read but not take, said in one line."""
    if problem is DateProblem.AMBIGUOUS and len(readings) == 2:
        first, second = readings
        return _(
            "Did you mean {first} or {second}? Write the month as a word, like 4 May."
        ).format(first=local_day(first), second=local_day(second))
    if problem is DateProblem.WEEKDAY_MISMATCH:
        return _("The weekday and the date don't match: which one did you mean?")
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
        # LIMIT: 200
        LegDayOutcome.SKIPPED: _("Skipped."),
        # LIMIT: 200
        LegDayOutcome.MOVED: _("Moved to tomorrow."),
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
