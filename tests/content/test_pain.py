"""Pain memory (content.pain): what an answer means, two weeks on, what is spared, and which
areas a leg-day message still asks about."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from content.library import default_library
from content.model import Area
from content.pain import (
    PROFESSIONAL_AFTER_DAYS,
    PainAnswer,
    PainVerdict,
    SoreArea,
    TypedAnswer,
    overdue,
    read_answer,
    spared_areas,
    spared_exercises,
    still_to_ask,
    verdict,
)

LIBRARY = default_library()
SINCE = date(2026, 11, 23)
ASKED = datetime(2026, 11, 30, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("answer", "days", "expected"),
    [
        (PainAnswer.BETTER, 1, PainVerdict.CLEARED),
        (PainAnswer.BETTER, 30, PainVerdict.CLEARED),
        (PainAnswer.SAME, 1, PainVerdict.KEEP_SPARING),
        (PainAnswer.SAME, PROFESSIONAL_AFTER_DAYS - 1, PainVerdict.KEEP_SPARING),
        # two weeks on and not better: worth a physio or doctor
        (PainAnswer.SAME, PROFESSIONAL_AFTER_DAYS, PainVerdict.SEE_PROFESSIONAL),
        (PainAnswer.SAME, 40, PainVerdict.SEE_PROFESSIONAL),
        # worse: stop what hurts and see someone, whatever the date
        (PainAnswer.WORSE, 0, PainVerdict.STOP_AND_SEE),
        (PainAnswer.WORSE, 20, PainVerdict.STOP_AND_SEE),
    ],
)
def test_what_an_answer_means(answer: PainAnswer, days: int, expected: PainVerdict) -> None:
    sore = SoreArea(Area.KNEE, SINCE)
    assert verdict(answer, sore, SINCE + timedelta(days=days)) is expected


@pytest.mark.parametrize(("days", "expected"), [(0, False), (13, False), (14, True), (60, True)])
def test_two_weeks_after_the_report_is_overdue(days: int, expected: bool) -> None:
    assert overdue(SoreArea(Area.HIP, SINCE), SINCE + timedelta(days=days)) is expected


@pytest.mark.parametrize(
    ("areas", "spared"),
    [
        ((), frozenset()),
        ((Area.OTHER,), frozenset()),  # asked about, spares nothing on its own
        ((Area.KNEE, Area.OTHER), frozenset({Area.KNEE})),
        ((Area.CALF, Area.SHIN), frozenset({Area.CALF, Area.SHIN})),
    ],
)
def test_other_spares_nothing(areas: tuple[Area, ...], spared: frozenset[Area]) -> None:
    assert spared_areas(SoreArea(area, SINCE) for area in areas) == spared


def test_several_areas_spare_every_exercise_that_loads_any_of_them() -> None:
    both = spared_exercises(LIBRARY, [Area.KNEE, Area.HAMSTRING])
    assert both == LIBRARY.loading({Area.KNEE}) | LIBRARY.loading({Area.HAMSTRING})
    assert spared_exercises(LIBRARY, [Area.OTHER]) == frozenset()


@pytest.mark.parametrize(
    ("sore", "expected"),
    [
        # never answered: asked, in Area order
        (
            [SoreArea(Area.HIP, SINCE), SoreArea(Area.KNEE, SINCE)],
            [Area.KNEE, Area.HIP],
        ),
        # answered before this message (the last one): asked again
        ([SoreArea(Area.KNEE, SINCE, PainAnswer.SAME, ASKED - timedelta(days=3))], [Area.KNEE]),
        # answered on this message: its row goes
        ([SoreArea(Area.KNEE, SINCE, PainAnswer.SAME, ASKED + timedelta(minutes=2))], []),
        # reported after this message: it never asked
        ([SoreArea(Area.CALF, SINCE, reported_at=ASKED + timedelta(hours=1))], []),
    ],
)
def test_which_areas_a_leg_day_message_still_asks_about(
    sore: list[SoreArea], expected: list[Area]
) -> None:
    assert [item.area for item in still_to_ask(sore, ASKED)] == expected
    assert len(still_to_ask(sore)) == len(sore)  # a new message asks about all of them


@pytest.mark.parametrize(
    ("text", "answer", "areas"),
    [
        ("better", PainAnswer.BETTER, ()),
        ("Knee: same", PainAnswer.SAME, (Area.KNEE,)),
        ("my hip is worse", PainAnswer.WORSE, (Area.HIP,)),
        ("my knee is much better thanks", PainAnswer.BETTER, (Area.KNEE,)),
        ("it's the same", PainAnswer.SAME, ()),
        ("back is getting worse", PainAnswer.WORSE, (Area.BACK,)),
    ],
)
def test_a_typed_answer(text: str, answer: PainAnswer, areas: tuple[Area, ...]) -> None:
    assert read_answer(text) == TypedAnswer(answer, areas)


@pytest.mark.parametrize(
    "text",
    ["done", "harder", "fine", "how do I do a better squat with a sore knee please", "same as"],
)
def test_no_typed_answer(text: str) -> None:
    assert read_answer(text) is None
