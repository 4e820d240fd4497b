"""Pain and safety: recognise a runner mentioning pain, and which exercises to swap out.

The bot is a coach, not a clinician (COACHING.md): it never diagnoses. It tells the runner
that sharp pain means stop and to see a professional, and offers a session that spares the
sore area: for a sore knee, bridges and calf raises instead of jumps and lunges.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_PAIN = re.compile(
    r"\b(pain|painful|hurts?|hurting|sore|soreness|injur(?:y|ed|ies)|ache|aches|aching|"
    r"tweaked|strain(?:ed)?|sprain(?:ed)?|swollen|twinge)\b"
)

# Area -> the words a runner uses for it, and the exercises that load it most.
AREAS: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "knee": (
        ("knee", "knees", "kneecap", "patella", "itb", "it band"),
        frozenset({"squat_jump", "moving_lunge", "side_lunge", "squat"}),
    ),
    "ankle": (
        (
            "ankle",
            "ankles",
            "achilles",
            "calf",
            "calves",
            "shin",
            "shins",
            "foot",
            "feet",
            "heel",
            "plantar",
        ),
        frozenset({"squat_jump", "calf_raise", "moving_lunge"}),
    ),
    "hip": (
        ("hip", "hips", "groin", "adductor", "glute", "glutes"),
        frozenset({"squat_jump", "side_lunge", "moving_lunge"}),
    ),
    "back": (
        ("back", "lower back", "spine"),
        frozenset({"single_leg_deadlift", "squat_jump"}),
    ),
    "hamstring": (
        ("hamstring", "hamstrings", "back of my thigh", "back of the thigh"),
        frozenset({"single_leg_deadlift", "squat_jump", "single_leg_bridge"}),
    ),
}


@dataclass(frozen=True, slots=True)
class PainReport:
    """A runner said something hurts; ``area`` is None when they did not say where."""

    area: str | None

    @property
    def avoid(self) -> frozenset[str]:
        return AREAS[self.area][1] if self.area else frozenset()


def mentions_pain(text: str) -> PainReport | None:
    """A PainReport if the text talks about pain or injury, else None."""
    lowered = text.lower()
    if not _PAIN.search(lowered):
        return None
    for area, (words, _avoid) in AREAS.items():
        if any(re.search(rf"\b{re.escape(word)}\b", lowered) for word in words):
            return PainReport(area)
    return PainReport(None)
