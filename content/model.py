"""Plain data types of the exercise library.

These are frozen dataclasses so that the library, once loaded and validated, can be shared
freely between handlers and never changes under them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Level(StrEnum):
    """How experienced the runner is with strength work; drives where ladders start."""

    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"


class Equipment(StrEnum):
    """Kit a runner may own. ``NONE`` is body weight, which everyone always has."""

    NONE = "none"
    HIP_BAND = "hip_band"
    LONG_BAND = "long_band"
    DUMBBELLS = "dumbbells"


class Unit(StrEnum):
    """What a rung's numbers count: repetitions, seconds held, or foot contacts (jumps)."""

    REPS = "reps"
    SECONDS = "seconds"
    CONTACTS = "contacts"


class Effort(StrEnum):
    """How an exercise felt, as reps in reserve (Zourdos 2016, Helms 2016): Easy is about 4
    or more left in the tank, Just right 2-3, Hard 0-1. An unanswered question counts as
    Just right."""

    EASY = "easy"
    RIGHT = "right"
    HARD = "hard"


class Area(StrEnum):
    """Where a runner can be sore (COACHING.md, "Pain memory"). The library marks which
    exercises load each area (``loads`` in exercises.toml) and the warm-up which drills do;
    ``OTHER`` is asked about like the rest but spares nothing on its own."""

    KNEE = "knee"
    HIP = "hip"
    ANKLE = "ankle"
    CALF = "calf"
    SHIN = "shin"
    FOOT = "foot"
    HAMSTRING = "hamstring"
    BACK = "back"
    OTHER = "other"


class WeightUnit(StrEnum):
    """How a runner counts dumbbell weight."""

    KG = "kg"
    LB = "lb"


@dataclass(frozen=True, slots=True)
class Rung:
    """One step of an exercise's progression ladder.

    ``equipment`` is what this rung needs on top of body weight (empty for body-weight rungs).
    A rung prescribes ``sets`` of ``rep_min``..``rep_max`` in ``unit``, counted per leg when
    ``per_side`` is set. ``per_side`` lives on the rung rather than the exercise because one
    ladder can mix both: calf raises start on two legs and move on to one. The loader defaults
    it to the exercise's ``unilateral`` flag. ``change`` says in one line what is different
    from the rung below, which is what the runner reads when they press Harder.
    """

    id: str
    name: str
    equipment: frozenset[Equipment]
    sets: int
    rep_min: int
    rep_max: int
    unit: Unit
    change: str
    cue: str  # the one key cue shown on the exercise message for this rung
    per_side: bool = False  # counts are per leg: the runner does every set on each side

    @property
    def loaded(self) -> bool:
        """Whether the rung is done with dumbbells, whose weight the runner can tell."""
        return Equipment.DUMBBELLS in self.equipment


@dataclass(frozen=True, slots=True)
class Exercise:
    """An exercise with its how-to text and its ladder (ordered easiest first)."""

    id: str
    name: str
    aliases: tuple[str, ...]
    misspellings: tuple[str, ...]
    muscles: tuple[str, ...]
    why: str
    steps: tuple[str, ...]
    cues: tuple[str, ...]
    mistakes: tuple[str, ...]
    unilateral: bool
    ladder: tuple[Rung, ...]
    # index into ``ladder`` of the rung that fits each level before equipment filtering
    level_rungs: dict[Level, int]
    # what to do once the top rung open to the runner is too easy
    beyond_top: str
    # the sore areas this exercise loads: a runner sore there does not get it
    loads: frozenset[Area] = frozenset()

    def rung(self, rung_id: str) -> Rung | None:
        """The rung with this id, or None."""
        for rung in self.ladder:
            if rung.id == rung_id:
                return rung
        return None


@dataclass(frozen=True, slots=True)
class Prescription:
    """What the runner is asked to do for one exercise in one session."""

    exercise_id: str
    rung_id: str
    sets: int
    reps: int
    unit: Unit
    per_side: bool
