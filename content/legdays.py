"""Which weekdays are leg days, and what a goal race does to them.

The placement rules come from COACHING.md. A strength session can blunt the next endurance
session for hours to days, and jumps and eccentric work hurt later hard running most, so a
leg day never falls on a hard run day or on the day before one, and two leg days never sit
back to back. Within those rules rest days beat pairing with a run, the day after an easy run
or a rest beats the day after a hard run, and the sessions are spread over the week.

Every rule the planner applies comes back as one short sentence the bot can show the runner,
because a runner who sees *why* a day was skipped trusts the plan and does not fight it.

Weekdays are ints, 0 = Monday .. 6 = Sunday, as ``date.weekday()`` returns them. The week
wraps: Sunday and Monday are consecutive days.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass
from datetime import date
from itertools import combinations

from content.model import Level

DAYS_PER_WEEK = 7

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
WEEKDAY_SHORT = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")

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

_PAIRING_ADVICE = "do it at least 6 hours apart, or strength first."


@dataclass(frozen=True, slots=True)
class LegDayPlan:
    """A week's leg days and the reasons behind them.

    ``days`` is sorted. ``paired_with_run`` is the subset of ``days`` that are also running
    days: the session shares the day with an easy run, which the runner is told how to do.
    ``notes`` holds one short sentence per rule that shaped the plan, ready to show.
    ``shortfall`` counts sessions the level calls for that no rule-abiding week can hold; the
    bot says so rather than quietly breaking a rule.
    """

    days: tuple[int, ...]
    paired_with_run: tuple[int, ...]
    notes: tuple[str, ...]
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


def _blocked_by_hard(day: int, hard: frozenset[int]) -> str | None:
    """Why a hard run rules this day out, or None."""
    if day in hard:
        return f"No leg day on {WEEKDAY_NAMES[day]}: it is your long or hard run."
    if _next(day) in hard:
        return (
            f"No leg day on {WEEKDAY_NAMES[day]}: "
            f"{WEEKDAY_NAMES[_next(day)]} is your long or hard run."
        )
    return None


def why_not(
    day: int,
    running_days: Collection[int],
    hard_days: Collection[int],
    other_leg_days: Collection[int] = (),
) -> str | None:
    """One sentence saying why ``day`` cannot be a leg day, or None when it can.

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
            return (
                f"No leg day on {WEEKDAY_NAMES[day]}: {WEEKDAY_NAMES[neighbour]} is already "
                "a leg day, and two in a row leave no time to recover."
            )
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

    notes: list[str] = []
    for day in sorted(hard - _weekdays(running_days, "running_days")):
        notes.append(
            f"Counting {WEEKDAY_NAMES[day]} as a running day: you marked it as a hard run."
        )
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
                notes.append(
                    f"No leg day on {WEEKDAY_NAMES[day]}: {WEEKDAY_NAMES[neighbour]} is "
                    "already a leg day, and two in a row leave no time to recover."
                )
    if len(running) == DAYS_PER_WEEK:
        lead = "Every day is a running day"
    elif any(day not in running for day in allowed):
        lead = "Your rest days can't hold every session"
    else:
        lead = "No rest day fits"
    if paired:  # one sentence for all of them: the advice is the same every time
        names = [WEEKDAY_NAMES[day] for day in paired]
        runs = "easy run on " if len(names) == 1 else "easy runs on "
        runs += names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" and {names[-1]}"
        notes.append(f"{lead}, so leg work pairs with your {runs}: {_PAIRING_ADVICE}")
    if shortfall > 0:
        if not days:
            notes.append(
                "No leg day fits your week: every day is a hard run or the day before one."
            )
        else:
            fits = "1 leg day fits" if len(days) == 1 else f"{len(days)} leg days fit"
            notes.append(
                f"Only {fits} your week without breaking a rule (your level aims for {target})."
            )
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
