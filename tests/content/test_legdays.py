"""Leg-day placement: a table of real weekly patterns plus properties over every week."""

from __future__ import annotations

from datetime import date, timedelta
from itertools import combinations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.texts.schedule import plan_note
from content.legdays import (
    SESSIONS_PER_WEEK,
    TAPER_DAYS,
    LegDayPlan,
    day_allowed,
    plan_leg_days,
    race_window,
    why_not,
)
from content.model import Level

WEEKDAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")


def _notes(plan: LegDayPlan) -> list[str]:
    """The notes as the bot words them in English."""
    return [plan_note(note) for note in plan.notes]


def _why_not(*args: object, **kwargs: object) -> str | None:
    note = why_not(*args, **kwargs)  # type: ignore[arg-type]
    return None if note is None else plan_note(note)


MON, TUE, WED, THU, FRI, SAT, SUN = range(7)
EVERY_DAY = tuple(range(7))
BEG, INT, ADV = Level.BEGINNER, Level.INTERMEDIATE, Level.ADVANCED

# (running days, hard days, level, expected leg days, expected paired days, shortfall,
#  words every one of which must appear somewhere in the notes)
PATTERNS: list[
    tuple[
        tuple[int, ...],
        tuple[int, ...],
        Level,
        tuple[int, ...],
        tuple[int, ...],
        int,
        tuple[str, ...],
    ]
] = [
    # no running at all: spread as far as the week allows, earliest first
    ((), (), BEG, (MON, THU), (), 0, ()),
    ((), (), ADV, (MON, WED, FRI), (), 0, ()),
    # Tue easy, Thu hard, Sat easy, Sun long: Wed and Sat are out, Mon and Fri are rest days
    (
        (TUE, THU, SAT, SUN),
        (THU, SUN),
        BEG,
        (MON, FRI),
        (),
        0,
        ("No leg day on Wednesday: Thursday",),
    ),
    # the same week cannot hold three: Mon-Tue are adjacent
    (
        (TUE, THU, SAT, SUN),
        (THU, SUN),
        ADV,
        (MON, FRI),
        (),
        1,
        ("Wednesday", "No leg day on Saturday: Sunday", "Only 2 leg days fit", "aims for 3"),
    ),
    # rest days Tue and Thu win over pairing with a run
    ((MON, WED, FRI, SUN), (SUN,), INT, (TUE, THU), (), 0, ("No leg day on Saturday",)),
    # weekday runner with hard Tue/Thu: Sat-Sun are adjacent, so Friday pairs with a run
    (
        (MON, TUE, WED, THU, FRI),
        (TUE, THU),
        BEG,
        (FRI, SUN),
        (FRI,),
        0,
        (
            "No leg day on Monday: Tuesday",
            "No leg day on Saturday: Friday is already a leg day",
            "rest days can't hold every session",
            "easy run on Friday",
            "6 hours",
        ),
    ),
    # runs every day, long run Sunday: Tue and Fri pair with easy runs, Mon follows the long run
    (
        EVERY_DAY,
        (SUN,),
        BEG,
        (TUE, FRI),
        (TUE, FRI),
        0,
        ("Every day is a running day", "easy runs on Tuesday and Friday", "6 hours"),
    ),
    # runs every day with three hard days: only Sunday is left
    (
        EVERY_DAY,
        (TUE, THU, SAT),
        ADV,
        (SUN,),
        (SUN,),
        2,
        ("Every day is a running day", "Only 1 leg day fits", "aims for 3"),
    ),
    # every day hard: nothing fits, and the runner is told why
    (EVERY_DAY, EVERY_DAY, BEG, (), (), 2, ("No leg day fits your week",)),
    # long run Saturday: Friday is out; Wed and Sun are the rest days left
    ((MON, TUE, THU, SAT), (SAT,), BEG, (WED, SUN), (), 0, ("No leg day on Friday: Saturday",)),
    # three rest days, no hard runs: beginner takes the widest two, advanced takes all three
    ((TUE, WED, FRI, SUN), (), BEG, (MON, THU), (), 0, ()),
    ((TUE, WED, FRI, SUN), (), ADV, (MON, THU, SAT), (), 0, ()),
    # a hard day missing from the running days still counts as a run; the day after it is avoided
    (
        (TUE, THU),
        (SAT,),
        BEG,
        (MON, WED),
        (),
        0,
        ("Counting Saturday as a running day", "No leg day on Friday: Saturday"),
    ),
    # six running days, long run Saturday: Sunday rest plus one easy run, as spread as possible
    (
        (MON, TUE, WED, THU, FRI, SAT),
        (SAT,),
        BEG,
        (WED, SUN),
        (WED,),
        0,
        ("No leg day on Friday: Saturday", "easy run on Wednesday", "strength first"),
    ),
    # hard Wednesday: every pair of rest days includes Thursday, so take the widest pair
    ((MON, WED, FRI), (WED,), INT, (THU, SUN), (), 0, ("No leg day on Tuesday: Wednesday",)),
    # same week for an advanced runner: the only spaced triple pairs with Monday's run
    (
        (MON, WED, FRI),
        (WED,),
        ADV,
        (MON, THU, SAT),
        (MON,),
        0,
        (
            "No leg day on Tuesday",
            "No leg day on Sunday: Saturday is already a leg day",
            "easy run on Monday",
        ),
    ),
    # every day runs, hard Wed and Sun: Mon and Thu follow hard runs, so Fri is preferred
    (EVERY_DAY, (WED, SUN), INT, (MON, FRI), (MON, FRI), 0, ("Every day is a running day",)),
    # three easy days a week plus a long Sunday: Wed+Fri avoids the day after the long run
    ((TUE, THU, SUN), (SUN,), BEG, (WED, FRI), (), 0, ("No leg day on Saturday: Sunday",)),
    ((TUE, THU, SUN), (SUN,), ADV, (MON, WED, FRI), (), 0, ("Saturday",)),
    # six running days, no hard day: Sunday rest plus the best-spread easy run
    ((MON, TUE, WED, THU, FRI, SAT), (), BEG, (WED, SUN), (WED,), 0, ("easy run on Wednesday",)),
    # only a Saturday long run: Mon+Thu avoid Sunday, the day after it
    ((SAT,), (SAT,), BEG, (MON, THU), (), 0, ("No leg day on Friday",)),
    # advanced with only a Saturday long run: the one spaced triple includes Sunday
    ((SAT,), (SAT,), ADV, (TUE, THU, SUN), (), 0, ("No leg day on Friday",)),
    # only a hard day given, on Monday: Sunday (the week wraps) is out
    (
        (),
        (MON,),
        BEG,
        (WED, SAT),
        (),
        0,
        ("Counting Monday as a running day", "No leg day on Sunday: Monday"),
    ),
    # three easy runs: widest pair of rest days
    ((MON, WED, FRI), (), INT, (TUE, SAT), (), 0, ()),
    ((MON, WED, FRI), (), ADV, (TUE, THU, SAT), (), 0, ()),
    # every day easy, advanced: three pairings two-two-three days apart
    (
        EVERY_DAY,
        (),
        ADV,
        (MON, WED, FRI),
        (MON, WED, FRI),
        0,
        ("Every day is a running day", "easy runs on Monday, Wednesday and Friday"),
    ),
    # back-to-back weekend long runs: Friday is out too; Tue+Thu skip Monday after Sunday's run
    ((SAT, SUN), (SAT, SUN), BEG, (TUE, THU), (), 0, ("No leg day on Friday: Saturday",)),
]


@pytest.mark.parametrize(
    ("running", "hard", "level", "days", "paired", "shortfall", "words"), PATTERNS
)
def test_weekly_patterns(
    running: tuple[int, ...],
    hard: tuple[int, ...],
    level: Level,
    days: tuple[int, ...],
    paired: tuple[int, ...],
    shortfall: int,
    words: tuple[str, ...],
) -> None:
    plan = plan_leg_days(running, hard, level)
    assert plan.days == days
    assert plan.paired_with_run == paired
    assert plan.shortfall == shortfall
    text = " ".join(_notes(plan))
    for word in words:
        assert word in text


def test_table_is_large_enough() -> None:
    assert len(PATTERNS) >= 25


def test_a_plain_week_has_no_notes() -> None:
    assert plan_leg_days((MON, WED, FRI), (), Level.INTERMEDIATE).notes == ()


def test_notes_are_short_sentences() -> None:
    plan = plan_leg_days((MON, TUE, WED, THU, FRI), (TUE, THU), Level.ADVANCED)
    assert plan.notes
    for note in _notes(plan):
        assert note.endswith(".")
        assert len(note) <= 140


def test_rejects_days_outside_the_week() -> None:
    with pytest.raises(ValueError, match="weekdays 0-6"):
        plan_leg_days((7,), (), Level.BEGINNER)
    with pytest.raises(ValueError, match="weekdays 0-6"):
        plan_leg_days((), (-1,), Level.BEGINNER)


def test_weekday_names() -> None:
    assert date(2024, 1, 1).weekday() == MON  # the same numbering as date.weekday()


def test_sessions_per_week_follow_coaching_defaults() -> None:
    assert SESSIONS_PER_WEEK == {Level.BEGINNER: 2, Level.INTERMEDIATE: 2, Level.ADVANCED: 3}


# --- day_allowed / why_not: what "Move to tomorrow" asks -------------------------------------


def test_day_before_hard_run_is_refused_with_reason() -> None:
    assert not day_allowed(FRI, (TUE, SAT), (SAT,))
    assert _why_not(FRI, (TUE, SAT), (SAT,)) == (
        "No leg day on Friday: Saturday is your long or hard run."
    )


def test_hard_day_itself_is_refused() -> None:
    assert not day_allowed(SAT, (SAT,), (SAT,))
    reason = _why_not(SAT, (SAT,), (SAT,))
    assert reason is not None and "Saturday" in reason and "hard run" in reason


def test_week_wraps_for_the_day_before() -> None:
    reason = _why_not(SUN, (MON,), (MON,))
    assert reason is not None and "Monday" in reason
    assert not day_allowed(SUN, (MON,), (MON,))


def test_easy_and_rest_days_are_allowed() -> None:
    assert day_allowed(WED, (TUE, SAT), (SAT,))
    assert day_allowed(TUE, (TUE, SAT), (SAT,))  # an easy run day
    assert why_not(WED, (TUE, SAT), (SAT,)) is None


def test_moving_next_to_another_leg_day_is_refused() -> None:
    # Leg days Mon and Thu; moving Mon to Tue is fine, moving Thu to Fri next to Sat is not.
    assert day_allowed(TUE, (), (), other_leg_days=(THU,))
    assert not day_allowed(WED, (), (), other_leg_days=(THU,))
    reason = _why_not(SUN, (), (), other_leg_days=(MON,))
    assert reason is not None and "Monday is already a leg day" in reason
    # the day itself in other_leg_days is not a neighbour of itself
    assert day_allowed(TUE, (), (), other_leg_days=(TUE,))


# --- properties over every possible week ------------------------------------------------------

weekdays = st.frozensets(st.integers(min_value=0, max_value=6))
levels = st.sampled_from(list(Level))


def _allowed_by_rules(day: int, hard: frozenset[int]) -> bool:
    return day not in hard and (day + 1) % 7 not in hard


def _feasible(hard: frozenset[int]) -> list[tuple[int, ...]]:
    """Every rule-abiding set of leg days, by brute force, independent of the planner."""
    allowed = [day for day in range(7) if _allowed_by_rules(day, hard)]
    result = []
    for size in range(len(allowed) + 1):
        for combo in combinations(allowed, size):
            if all((day + 1) % 7 not in combo for day in combo):
                result.append(combo)
    return result


@given(weekdays, weekdays, levels)
def test_plan_never_breaks_a_rule(
    running: frozenset[int], hard: frozenset[int], level: Level
) -> None:
    plan = plan_leg_days(running, hard, level)
    days = set(plan.days)
    assert list(plan.days) == sorted(days)
    for day in plan.days:
        assert (day + 1) % 7 not in days, "two leg days in a row"
        assert (day + 1) % 7 not in hard, "leg day before a hard run"
        assert day not in hard, "leg day on a hard run"
    assert len(plan.days) <= SESSIONS_PER_WEEK[level]
    assert len(plan.days) + plan.shortfall == SESSIONS_PER_WEEK[level]


@given(weekdays, weekdays, levels)
def test_plan_is_deterministic_and_order_free(
    running: frozenset[int], hard: frozenset[int], level: Level
) -> None:
    first = plan_leg_days(sorted(running), sorted(hard), level)
    again = plan_leg_days(sorted(running, reverse=True), list(hard) * 2, level)
    assert first == again
    assert isinstance(first, LegDayPlan)


@given(weekdays, weekdays, levels)
def test_plan_holds_as_many_sessions_as_the_rules_allow_with_fewest_pairings(
    running: frozenset[int], hard: frozenset[int], level: Level
) -> None:
    plan = plan_leg_days(running, hard, level)
    runs = running | hard
    target = SESSIONS_PER_WEEK[level]
    feasible = _feasible(hard)
    best_size = min(target, max(len(combo) for combo in feasible))
    assert len(plan.days) == best_size
    fewest_pairings = min(
        sum(1 for day in combo if day in runs) for combo in feasible if len(combo) == best_size
    )
    assert len(plan.paired_with_run) == fewest_pairings
    assert plan.paired_with_run == tuple(day for day in plan.days if day in runs)


@given(weekdays, levels)
def test_all_seven_running_days_pair_with_easy_runs(hard: frozenset[int], level: Level) -> None:
    plan = plan_leg_days(EVERY_DAY, hard, level)
    assert plan.paired_with_run == plan.days
    text = " ".join(_notes(plan))
    for day in plan.days:
        assert day not in hard and (day + 1) % 7 not in hard  # an easy run day
        assert WEEKDAY_NAMES[day] in text
    if plan.days:  # said once, however many leg days pair with a run (issue 18)
        assert text.count("Every day is a running day, so leg work pairs with your easy ") == 1
        assert text.count("6 hours apart") == 1


@given(weekdays, weekdays, levels)
def test_shortfall_is_explained(
    running: frozenset[int], hard: frozenset[int], level: Level
) -> None:
    plan = plan_leg_days(running, hard, level)
    if plan.shortfall:
        assert any("fit" in note for note in _notes(plan))
    else:
        assert not any("Only" in note or "No leg day fits" in note for note in _notes(plan))


@given(weekdays, weekdays, st.integers(min_value=0, max_value=6))
def test_why_not_agrees_with_day_allowed(
    running: frozenset[int], hard: frozenset[int], day: int
) -> None:
    assert day_allowed(day, running, hard) == (why_not(day, running, hard) is None)
    assert day_allowed(day, running, hard) == _allowed_by_rules(day, hard)


# --- race window -------------------------------------------------------------------------------

RACE = date(2025, 10, 12)


@pytest.mark.parametrize(
    ("days_before", "done", "in_taper", "light_only", "left"),
    [
        (30, 0, False, False, 1),
        (TAPER_DAYS + 1, 0, False, False, 1),
        (TAPER_DAYS, 0, True, True, 1),
        (7, 0, True, True, 1),
        (7, 1, True, True, 0),
        (1, 0, True, True, 1),
        (0, 0, True, True, 0),  # race day: no leg work
        (-1, 0, False, False, 0),  # race is past: the taper no longer applies
    ],
)
def test_race_window(
    days_before: int, done: int, in_taper: bool, light_only: bool, left: int
) -> None:
    window = race_window(RACE, RACE - timedelta(days=days_before), light_sessions_done=done)
    assert window.days_to_race == days_before
    assert window.in_taper is in_taper
    assert window.light_only is light_only
    assert window.sessions_left_allowed == left


def test_taper_starts_ten_days_out() -> None:
    assert TAPER_DAYS == 10
