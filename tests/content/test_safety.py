"""Pain mentions and the exercises a sore area spares (pure)."""

from __future__ import annotations

import pytest

from content.model import Level
from content.safety import mentions_pain
from content.session import choose_exercises


@pytest.mark.parametrize(
    ("text", "area"),
    [
        ("my knee hurts", "knee"),
        ("Knee pain when I lunge", "knee"),
        ("sore knees after the long run", "knee"),
        ("I tweaked my ankle", "ankle"),
        ("achilles is sore", "ankle"),
        ("calf strain :(", "ankle"),
        ("my hip aches", "hip"),
        ("lower back pain", "back"),
        ("hamstring feels strained", "hamstring"),
        ("I'm injured", None),
        ("everything hurts", None),
    ],
)
def test_pain_is_recognised_with_its_area(text: str, area: str | None) -> None:
    report = mentions_pain(text)
    assert report is not None
    assert report.area == area


@pytest.mark.parametrize(
    "text", ["how do I do a bridge?", "hello", "painting the fence", "I ran 10k", "back again!"]
)
def test_no_pain_no_report(text: str) -> None:
    assert mentions_pain(text) is None


def test_a_sore_knee_swaps_jumps_and_lunges_for_bridges_and_calf_raises() -> None:
    report = mentions_pain("my knee is sore")
    assert report is not None
    chosen = choose_exercises(Level.INTERMEDIATE, 0, avoid=report.avoid)
    assert "single_leg_bridge" in chosen and "calf_raise" in chosen
    assert not {"squat_jump", "moving_lunge", "side_lunge"} & set(chosen)
    assert chosen[-1] == "calf_raise"
