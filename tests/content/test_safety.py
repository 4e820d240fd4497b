"""Pain mentions, where it hurts, and the exercises a sore area spares (pure)."""

from __future__ import annotations

import pytest

from content.library import default_library
from content.model import Area, Level
from content.safety import mentions_pain
from content.session import choose_exercises
from content.warmup import LOADS, warmup_for

LIBRARY = default_library()


@pytest.mark.parametrize(
    ("text", "areas"),
    [
        ("my knee hurts", (Area.KNEE,)),
        ("Knee pain when I lunge", (Area.KNEE,)),
        ("sore knees after the long run", (Area.KNEE,)),
        ("I tweaked my ankle", (Area.ANKLE,)),
        ("achilles is sore", (Area.ANKLE,)),
        ("calf strain :(", (Area.CALF,)),
        ("shin splints are painful", (Area.SHIN,)),
        ("my heel hurts in the morning", (Area.FOOT,)),
        ("my hip aches", (Area.HIP,)),
        ("lower back pain", (Area.BACK,)),
        ("hamstring feels strained", (Area.HAMSTRING,)),
        # the longer phrase wins: the back of the thigh is a hamstring, not a back
        ("sore at the back of my thigh", (Area.HAMSTRING,)),
        # several at once, in one order whatever the words' order
        ("my hip and my knee hurt", (Area.KNEE, Area.HIP)),
        # an exercise's or a phrase's words are not a place
        ("calf raises hurt my knee", (Area.KNEE,)),
        ("I'm back and my knee is sore", (Area.KNEE,)),
        ("I'm injured", ()),
        ("everything hurts", ()),
    ],
)
def test_pain_is_recognised_with_its_areas(text: str, areas: tuple[Area, ...]) -> None:
    report = mentions_pain(text)
    assert report is not None
    assert report.areas == areas


@pytest.mark.parametrize(
    "text", ["how do I do a bridge?", "hello", "painting the fence", "I ran 10k", "back again!"]
)
def test_no_pain_no_report(text: str) -> None:
    assert mentions_pain(text) is None


def test_every_area_but_other_is_loaded_by_some_exercise_and_spares_a_session() -> None:
    """The library marks which exercises load which area; each sore area leaves a session
    of at least two exercises, and "other" spares nothing on its own."""
    for area in Area:
        loading = LIBRARY.loading({area})
        if area is Area.OTHER:
            assert loading == frozenset()
            continue
        assert loading, f"no exercise loads {area}"
        for level in Level:
            kept = choose_exercises(level, 0, avoid=loading)
            assert len(kept) >= 2 and not set(kept) & loading


@pytest.mark.parametrize(
    ("area", "spared"),
    [
        (Area.KNEE, {"squat_jump", "moving_lunge", "side_lunge", "squat"}),
        (Area.HIP, {"squat_jump", "moving_lunge", "side_lunge"}),
        (
            Area.ANKLE,
            {"squat_jump", "moving_lunge", "side_lunge", "calf_raise", "single_leg_deadlift"},
        ),
        (Area.CALF, {"squat_jump", "calf_raise"}),
        (Area.SHIN, {"squat_jump", "calf_raise"}),
        (Area.FOOT, {"squat_jump", "moving_lunge", "calf_raise"}),
        (Area.HAMSTRING, {"squat_jump", "single_leg_deadlift", "single_leg_bridge"}),
        (Area.BACK, {"squat_jump", "single_leg_deadlift"}),
        (Area.OTHER, set()),
    ],
)
def test_the_exercises_each_area_spares(area: Area, spared: set[str]) -> None:
    assert LIBRARY.loading({area}) == spared


def test_a_sore_knee_swaps_jumps_and_lunges_for_bridges_and_calf_raises() -> None:
    report = mentions_pain("my knee is sore")
    assert report is not None
    chosen = choose_exercises(Level.INTERMEDIATE, 0, avoid=LIBRARY.loading(report.areas))
    assert "single_leg_bridge" in chosen and "calf_raise" in chosen
    assert not {"squat_jump", "moving_lunge", "side_lunge"} & set(chosen)
    assert chosen[-1] == "calf_raise"


@pytest.mark.parametrize("area", [area for area in Area if area is not Area.OTHER])
def test_the_warm_up_spares_the_sore_area_too(area: Area) -> None:
    everything = [exercise.id for exercise in LIBRARY]
    warmup = warmup_for(everything, spare={area})
    assert warmup.steps
    assert all(area not in LOADS[step.drill] for step in warmup.steps)


def test_a_gentle_session_is_never_longer_than_the_usual_one() -> None:
    for level in Level:
        for number in range(5):
            usual = choose_exercises(level, number)
            assert len(choose_exercises(level, number, avoid={"squat_jump", "squat"})) <= len(
                usual
            )
