"""The warm-up before a leg session, built from what the session holds (words: bot/texts).

RAMP (Jeffreys 2007, COACHING.md): 5-10 minutes that raise, activate and mobilise, then
rehearse the session's movements at low intensity. Before jumps it ends with low, then
higher hops. A sore area is spared in the warm-up too: a drill that loads it is left out.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum
from math import ceil
from typing import Final

from content.model import Area, Unit


class Drill(StrEnum):
    """A warm-up drill; bot/texts names and explains it."""

    MARCH = "march"
    LEG_SWINGS = "leg_swings"
    GLUTE_BRIDGES = "glute_bridges"
    EASY_SQUATS = "easy_squats"
    REVERSE_LUNGES = "reverse_lunges"
    HIP_HINGES = "hip_hinges"
    EASY_CALF_RAISES = "easy_calf_raises"
    LOW_HOPS = "low_hops"
    HIGHER_HOPS = "higher_hops"
    # kept so sessions stored before the warm-up was built from the session still read
    ANKLE_BOUNCES = "ankle_bounces"


@dataclass(frozen=True, slots=True)
class WarmupStep:
    """One drill and how much of it: seconds, or repetitions (per leg where it is one-sided)."""

    drill: Drill
    amount: int
    unit: Unit
    sets: int = 1


@dataclass(frozen=True, slots=True)
class Warmup:
    """About ``minutes`` of drills, in order."""

    minutes: int
    steps: tuple[WarmupStep, ...]

    @property
    def code(self) -> str:
        """A compact, stable form for storing with the session ("march:60s,...")."""
        return ",".join(
            f"{step.drill}:{step.sets}x{step.amount}{'s' if step.unit is Unit.SECONDS else ''}"
            for step in self.steps
        )

    @property
    def has_hops(self) -> bool:
        return any(step.drill in (Drill.LOW_HOPS, Drill.HIGHER_HOPS) for step in self.steps)


# What each drill loads (the sore areas of content.model.Area); a sore area leaves it out.
_HOPS = frozenset({Area.ANKLE, Area.CALF, Area.FOOT, Area.SHIN, Area.KNEE, Area.HIP})
LOADS: Final[dict[Drill, frozenset[Area]]] = {
    Drill.MARCH: frozenset(),
    Drill.LEG_SWINGS: frozenset({Area.HIP}),
    Drill.GLUTE_BRIDGES: frozenset({Area.BACK, Area.HAMSTRING}),
    Drill.EASY_SQUATS: frozenset({Area.KNEE}),
    Drill.REVERSE_LUNGES: frozenset({Area.KNEE, Area.HIP}),
    Drill.HIP_HINGES: frozenset({Area.BACK, Area.HAMSTRING}),
    Drill.EASY_CALF_RAISES: frozenset({Area.ANKLE, Area.CALF, Area.FOOT}),
    Drill.LOW_HOPS: _HOPS,
    Drill.HIGHER_HOPS: _HOPS,
    Drill.ANKLE_BOUNCES: frozenset({Area.ANKLE, Area.CALF, Area.FOOT, Area.SHIN}),
}
# About how long each takes, in seconds, with the moves between drills.
SECONDS: Final[dict[Drill, int]] = {
    Drill.MARCH: 60,
    Drill.LEG_SWINGS: 60,
    Drill.GLUTE_BRIDGES: 40,
    Drill.EASY_SQUATS: 30,
    Drill.REVERSE_LUNGES: 40,
    Drill.HIP_HINGES: 30,
    Drill.EASY_CALF_RAISES: 25,
    Drill.LOW_HOPS: 40,
    Drill.HIGHER_HOPS: 35,
    Drill.ANKLE_BOUNCES: 30,
}
MIN_MINUTES: Final = 5

_JUMPS = "squat_jump"
_SQUATTING = frozenset({"squat", "squat_jump", "moving_lunge", "side_lunge"})
_LUNGING = frozenset({"moving_lunge", "side_lunge"})
_HINGING = frozenset({"single_leg_deadlift"})
_CALVES = frozenset({"calf_raise", "squat_jump"})


def warmup_for(exercise_ids: Collection[str], spare: Collection[str] = ()) -> Warmup:
    """The warm-up for a session of these exercises, sparing the ``spare`` areas.

    Raise (marching), activate and mobilise (leg swings, glute bridges), rehearse what the
    session holds at low intensity (squats, lunges, hinges, calf raises), and before jumps
    end with low, then higher hops.
    """
    held = set(exercise_ids)
    steps = [
        WarmupStep(Drill.MARCH, 60, Unit.SECONDS),
        WarmupStep(Drill.LEG_SWINGS, 10, Unit.REPS),
        WarmupStep(Drill.GLUTE_BRIDGES, 10, Unit.REPS),
    ]
    if held & _SQUATTING:
        steps.append(WarmupStep(Drill.EASY_SQUATS, 8, Unit.REPS))
    if held & _LUNGING:
        steps.append(WarmupStep(Drill.REVERSE_LUNGES, 4, Unit.REPS))
    if held & _HINGING:
        steps.append(WarmupStep(Drill.HIP_HINGES, 8, Unit.REPS))
    if held & _CALVES:
        steps.append(WarmupStep(Drill.EASY_CALF_RAISES, 10, Unit.REPS))
    if _JUMPS in held:
        steps.append(WarmupStep(Drill.LOW_HOPS, 10, Unit.REPS, sets=2))
        steps.append(WarmupStep(Drill.HIGHER_HOPS, 5, Unit.REPS, sets=2))
    sore = frozenset(spare)
    kept = tuple(step for step in steps if not LOADS[step.drill] & sore)
    seconds = sum(SECONDS[step.drill] for step in kept)
    return Warmup(max(MIN_MINUTES, ceil(seconds / 60)), kept)
