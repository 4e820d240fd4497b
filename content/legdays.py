"""Which weekdays are leg days, and what a goal race does to them.

The placement rules come from COACHING.md. A strength session can blunt the next endurance
session for hours to days, and jumps and eccentric work hurt later hard running most, so a
leg day never falls on a hard run day or on the day before one, and two leg days never sit
back to back. Within those rules rest days beat pairing with a run, the day after an easy run
or a rest beats the day after a hard run, and the sessions are spread over the week.

Every rule the planner applies comes back as a note (a ``NoteKind`` code and its weekdays) the
bot words as one short sentence for the runner (``bot.texts.schedule.plan_note``), because a
runner who sees *why* a day was skipped trusts the plan and does not fight it.

Weekdays are ints, 0 = Monday .. 6 = Sunday, as ``date.weekday()`` returns them. The week
wraps: Sunday and Monday are consecutive days.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from itertools import combinations

from content.model import Level

DAYS_PER_WEEK = 7


# Blagrove 2018 and Balsalobre-Fernandez 2016 found 2-3 sessions a week work; beginners and
# intermediates start at the low end so the running does not suffer while they adapt.
SESSIONS_PER_WEEK: dict[Level, int] = {
    Level.BEGINNER: 2,
    Level.INTERMEDIATE: 2,
    Level.ADVANCED: 3,
}

# Hard leg work stops this many days before a goal race (practitioner guidance: 10-14 days;
# the evidence is thin, so we take the short end and keep one light session at most).
TAPER_DAYS = 10
TAPER_LIGHT_SESSIONS = 1


class NoteKind(StrEnum):
    """Why the plan looks as it does (or why a day cannot be a leg day)."""

    HARD_RUN = "hard_run"  # ``day`` is a long or hard run
    BEFORE_HARD_RUN = "before_hard_run"  # ``other`` (the day after ``day``) is a hard run
    NEXT_TO_LEG_DAY = "next_to_leg_day"  # ``other`` next to ``day`` already is a leg day
    HARD_COUNTS_AS_RUN = "hard_counts_as_run"  # ``day`` was marked hard, not running
    PAIRED = "paired"  # leg work on the easy-run ``days``, for the ``lead`` reason
    NO_DAY_FITS = "no_day_fits"  # every day is a hard run or the day before one
    FEWER_FIT = "fewer_fit"  # only ``count`` leg days fit; the level aims for ``target``
    ALREADY_LEG_DAY = "already_leg_day"  # moving: ``day`` already is a leg day
    RACE_DAY = "race_day"  # moving: ``day`` is race day


class PairingLead(StrEnum):
    """Why leg work shares a day with an easy run."""

    EVERY_DAY_RUNS = "every_day_runs"
    REST_DAYS_SHORT = "rest_days_short"  # the rest days cannot hold every session
    NO_REST_DAY_FITS = "no_rest_day_fits"


@dataclass(frozen=True, slots=True)
class PlanNote:
    """One rule that shaped the plan, with its weekdays (0 = Monday) and numbers; the bot
    words it in the runner's language."""

    kind: NoteKind
    day: int = 0
    other: int = 0
    days: tuple[int, ...] = ()
    lead: PairingLead | None = None
    count: int = 0
    target: int = 0


@dataclass(frozen=True, slots=True)
class LegDayPlan:
    """A week's leg days and the reasons behind them.

    ``days`` is sorted. ``paired_with_run`` is the subset of ``days`` that are also running
    days: the session shares the day with an easy run, which the runner is told how to do.
    ``notes`` holds one note per rule that shaped the plan, for the bot to word.
    ``shortfall`` counts sessions the level calls for that no rule-abiding week can hold; the
    bot says so rather than quietly breaking a rule.
    """

    days: tuple[int, ...]
    paired_with_run: tuple[int, ...]
    notes: tuple[PlanNote, ...]
    shortfall: int


@dataclass(frozen=True, slots=True)
class RaceWindow:
    """What a goal race allows today.

    ``in_taper`` is true from ``TAPER_DAYS`` days before the race through race day: only
    light leg work then (``light_only``). ``days_to_race`` is negative once the race is past.
    ``sessions_left_allowed`` is how many leg sessions the race rule still allows between today
    and race day inside the taper window: ``TAPER_LIGHT_SESSIONS`` until the light session is
    done, 0 after it, 0 on race day, and 0 once the race is past (then ``in_taper`` is false
    and the race no longer limits anything). Before the window opens it is the light session
    the window will allow; the normal weekly plan applies until then.
    """

    in_taper: bool
    days_to_race: int
    light_only: bool
    sessions_left_allowed: int


def _weekdays(days: Iterable[int], what: str) -> frozenset[int]:
    """Validate weekday ints; a bad value is a programming error, not runner input."""
    result = frozenset(days)
    for day in result:
        if isinstance(day, bool) or not isinstance(day, int) or not 0 <= day < DAYS_PER_WEEK:
            raise ValueError(f"{what} must be weekdays 0-6 (Monday-Sunday), got {day!r}")
    return result


def _next(day: int) -> int:
    return (day + 1) % DAYS_PER_WEEK


def _prev(day: int) -> int:
    return (day - 1) % DAYS_PER_WEEK


def _blocked_by_hard(day: int, hard: frozenset[int]) -> PlanNote | None:
    """Why a hard run rules this day out, or None."""
    if day in hard:
        return PlanNote(NoteKind.HARD_RUN, day)
    if _next(day) in hard:
        return PlanNote(NoteKind.BEFORE_HARD_RUN, day, _next(day))
    return None


def why_not(
    day: int,
    running_days: Collection[int],
    hard_days: Collection[int],
    other_leg_days: Collection[int] = (),
) -> PlanNote | None:
    """Why ``day`` cannot be a leg day, or None when it can.

    ``other_leg_days`` are leg days that stay put (for "Move to tomorrow": the week's other
    leg days, without the one being moved); a leg day next to one of them is refused because
    two in a row leave the legs no time to recover.
    """
    (day,) = _weekdays([day], "day")
    _weekdays(running_days, "running_days")
    hard = _weekdays(hard_days, "hard_days")
    others = _weekdays(other_leg_days, "other_leg_days") - {day}
    reason = _blocked_by_hard(day, hard)
    if reason is not None:
        return reason
    for neighbour in (_prev(day), _next(day)):
        if neighbour in others:
            return PlanNote(NoteKind.NEXT_TO_LEG_DAY, day, neighbour)
    return None


def day_allowed(
    day: int,
    running_days: Collection[int],
    hard_days: Collection[int],
    other_leg_days: Collection[int] = (),
) -> bool:
    """Whether ``day`` may be a leg day; "Move to tomorrow" is offered only when it may."""
    return why_not(day, running_days, hard_days, other_leg_days) is None


def _spaced(days: tuple[int, ...]) -> bool:
    """No two of ``days`` are consecutive, counting Sunday-Monday."""
    chosen = set(days)
    return all(_next(day) not in chosen for day in days)


def _gaps(days: tuple[int, ...]) -> list[int]:
    """Days from each leg day to the next one, around the week."""
    if len(days) < 2:
        return [DAYS_PER_WEEK]
    ordered = sorted(days)
    return [
        (ordered[(i + 1) % len(ordered)] - ordered[i]) % DAYS_PER_WEEK for i in range(len(ordered))
    ]


def _score(
    days: tuple[int, ...], running: frozenset[int], hard: frozenset[int]
) -> tuple[int, int, int, int, tuple[int, ...]]:
    """Lower is better: fewest pairings with a run, fewest days after a hard run, widest
    spacing, most even spacing, then earliest weekdays so ties always break the same way."""
    paired = sum(1 for day in days if day in running)
    after_hard = sum(1 for day in days if _prev(day) in hard)
    gaps = _gaps(days)
    return (paired, after_hard, -min(gaps), max(gaps), days)


def _best_days(
    allowed: list[int], target: int, running: frozenset[int], hard: frozenset[int]
) -> tuple[int, ...]:
    """Exhaustive search: the week has seven days, so at most 35 subsets per size."""
    for size in range(min(target, len(allowed)), 0, -1):
        candidates = [combo for combo in combinations(allowed, size) if _spaced(combo)]
        if candidates:
            return min(candidates, key=lambda combo: _score(combo, running, hard))
    return ()


def plan_leg_days(
    running_days: Collection[int], hard_days: Collection[int], level: Level
) -> LegDayPlan:
    """Pick this week's leg days for a runner's running pattern.

    ``hard_days`` are long runs and key sessions; a hard day missing from ``running_days`` is
    still treated as a running day, since the runner said they run hard then. The result is
    the same for the same inputs, whatever their order.
    """
    hard = _weekdays(hard_days, "hard_days")
    running = _weekdays(running_days, "running_days") | hard
    target = SESSIONS_PER_WEEK[level]
    allowed = [day for day in range(DAYS_PER_WEEK) if _blocked_by_hard(day, hard) is None]
    days = _best_days(allowed, target, running, hard)
    paired = tuple(day for day in days if day in running)
    shortfall = target - len(days)

    notes: list[PlanNote] = []
    for day in sorted(hard - _weekdays(running_days, "running_days")):
        notes.append(PlanNote(NoteKind.HARD_COUNTS_AS_RUN, day))
    # Rest days lost to a hard run always get a reason: the runner would expect leg work
    # there. Easy-run days get one only when the week came out short of ideal.
    short_of_ideal = bool(paired) or shortfall > 0
    for day in range(DAYS_PER_WEEK):
        reason = _blocked_by_hard(day, hard)
        if reason is not None and day not in hard and (day not in running or short_of_ideal):
            notes.append(reason)
    if short_of_ideal:
        for day in allowed:
            if day in running or day in days:
                continue
            neighbour = next((d for d in (_prev(day), _next(day)) if d in days), None)
            if neighbour is not None:
                notes.append(PlanNote(NoteKind.NEXT_TO_LEG_DAY, day, neighbour))
    if len(running) == DAYS_PER_WEEK:
        lead = PairingLead.EVERY_DAY_RUNS
    elif any(day not in running for day in allowed):
        lead = PairingLead.REST_DAYS_SHORT
    else:
        lead = PairingLead.NO_REST_DAY_FITS
    if paired:  # one note for all of them: the advice is the same every time
        notes.append(PlanNote(NoteKind.PAIRED, days=paired, lead=lead))
    if shortfall > 0:
        if not days:
            notes.append(PlanNote(NoteKind.NO_DAY_FITS))
        else:
            notes.append(PlanNote(NoteKind.FEWER_FIT, count=len(days), target=target))
    return LegDayPlan(days=days, paired_with_run=paired, notes=tuple(notes), shortfall=shortfall)


def race_window(
    race_date: date, today: date, light_sessions_done: int = 0, taper_days: int = TAPER_DAYS
) -> RaceWindow:
    """What the goal race allows today.

    From ``taper_days`` days out (``TAPER_DAYS``; 14 for a marathon, ``content.races``)
    through race day only light leg work is allowed, and at most
    ``TAPER_LIGHT_SESSIONS`` session in that window (``light_sessions_done`` counts the ones
    already done inside it). Race day itself gets none. After the race the window closes and
    the normal plan applies again. The 10-day cut-off is practitioner guidance, not firm
    evidence, which the bot should say when it explains the taper.
    """
    days_to_race = (race_date - today).days
    if days_to_race < 0:
        return RaceWindow(
            in_taper=False, days_to_race=days_to_race, light_only=False, sessions_left_allowed=0
        )
    if days_to_race == 0:
        return RaceWindow(in_taper=True, days_to_race=0, light_only=True, sessions_left_allowed=0)
    if days_to_race <= taper_days:
        left = max(0, TAPER_LIGHT_SESSIONS - max(0, light_sessions_done))
        return RaceWindow(
            in_taper=True, days_to_race=days_to_race, light_only=True, sessions_left_allowed=left
        )
    return RaceWindow(
        in_taper=False,
        days_to_race=days_to_race,
        light_only=False,
        sessions_left_allowed=TAPER_LIGHT_SESSIONS,
    )
