"""The record's pure rules: a past session's kind from its stored plan, weeks, contacts."""

from __future__ import annotations

from datetime import date

from content.ladder import prescription
from content.library import default_library
from content.model import Area, Level, Unit
from content.record import (
    SessionKind,
    infer_kind,
    jump_contacts,
    week_start,
    weekly_totals,
    weeks_between,
)
from content.session import plan_session

LIBRARY = default_library()


def plan(level: Level, **options: object) -> list[tuple[str, int]]:
    session = plan_session(LIBRARY, level, (), {}, **options)  # type: ignore[arg-type]
    return [(item.exercise_id, item.sets) for item in session.items]


def test_every_planned_session_reads_back_as_the_kind_it_was_planned() -> None:
    for level in Level:
        for number in range(6):
            assert infer_kind(plan(level, session_number=number)) is SessionKind.NORMAL
            assert infer_kind(plan(level, session_number=number, light=True)) is (
                SessionKind.LIGHT
            )
        for area in Area:
            if area is not Area.OTHER:
                avoid = LIBRARY.loading({area})
                assert infer_kind(plan(level, avoid=avoid)) is SessionKind.GENTLE


def test_a_harder_press_in_a_light_session_keeps_it_light() -> None:
    light = plan(Level.BEGINNER, light=True)
    first, _sets = light[0]
    exercise = LIBRARY.get(first)
    # Harder re-prescribes the new rung's own sets on the exercise it was pressed on
    moved = (first, prescription(exercise, exercise.ladder[1]).sets)
    assert moved[1] >= 3
    assert infer_kind([moved, *light[1:]]) is SessionKind.LIGHT
    assert infer_kind([]) is SessionKind.NORMAL


def test_weeks_run_monday_to_sunday_and_keep_the_latest() -> None:
    assert week_start(date(2026, 11, 29)) == date(2026, 11, 23)  # a Sunday
    weeks = weeks_between(date(2026, 11, 4), date(2026, 11, 25))
    assert weeks == [date(2026, 11, 2), date(2026, 11, 9), date(2026, 11, 16), date(2026, 11, 23)]
    assert weeks_between(date(2025, 1, 1), date(2026, 11, 25), most=2) == weeks[-2:]
    assert weeks_between(date(2026, 12, 1), date(2026, 11, 25)) == []
    totals = weekly_totals(
        [(date(2026, 11, 10), 2), (date(2026, 11, 15), 1), (date(2027, 1, 1), 9)], weeks
    )
    assert totals == [0, 3, 0, 0]


def test_only_jumps_count_as_contacts_and_each_side_counts_twice() -> None:
    assert jump_contacts(8, Unit.CONTACTS, None) == 8
    assert jump_contacts(8, "contacts", "each") == 16
    assert jump_contacts(12, Unit.REPS, None) == 0
