"""The warm-up before a leg session, as drills with amounts (words are in bot/texts).

RAMP (Jeffreys 2007): raise, activate and mobilise, then rehearse the session's movements at
low intensity. ``warmup_for`` picks the drills; today every session gets the same short one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from content.model import Unit


class Drill(StrEnum):
    """A warm-up drill; bot/texts names and explains it."""

    MARCH = "march"
    LEG_SWINGS = "leg_swings"
    EASY_SQUATS = "easy_squats"
    ANKLE_BOUNCES = "ankle_bounces"


@dataclass(frozen=True, slots=True)
class WarmupStep:
    """One drill and how much of it: seconds, or repetitions."""

    drill: Drill
    amount: int
    unit: Unit


@dataclass(frozen=True, slots=True)
class Warmup:
    """About ``minutes`` of drills, in order."""

    minutes: int
    steps: tuple[WarmupStep, ...]

    @property
    def code(self) -> str:
        """A compact, stable form for storing with the session ("march:30s,...")."""
        return ",".join(
            f"{step.drill}:{step.amount}{'s' if step.unit is Unit.SECONDS else ''}"
            for step in self.steps
        )


STANDARD = Warmup(
    3,
    (
        WarmupStep(Drill.MARCH, 30, Unit.SECONDS),
        WarmupStep(Drill.LEG_SWINGS, 10, Unit.REPS),
        WarmupStep(Drill.EASY_SQUATS, 10, Unit.REPS),
        WarmupStep(Drill.ANKLE_BOUNCES, 20, Unit.SECONDS),
    ),
)


def warmup_for(exercise_ids: tuple[str, ...]) -> Warmup:
    """The warm-up for a session of these exercises."""
    return STANDARD
