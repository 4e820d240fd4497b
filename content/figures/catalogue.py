"""Which picture shows which rung: every rung of the library names a movement here.

A rung's picture is its movement plus the kit the rung lists in the library (a hip band, a
long band, dumbbells), so a rung that only adds load needs no pose of its own. Rungs that
change only the tempo (a slower lowering, a pause, a longer hold) or the sets share their
movement's picture. ``tests/content/test_figures.py`` checks that every rung of the library
is mapped and that nothing here names a rung the library does not have.
"""

from __future__ import annotations

from collections.abc import Mapping

from content.figures.picture import Band, Movement, Picture
from content.figures.poses import (
    bridge,
    calf_raise,
    deadlift,
    lunge,
    side_lunge,
    squat,
    squat_jump,
)
from content.library import Library, default_library
from content.model import Equipment, Exercise, Rung

MOVEMENTS: Mapping[str, Movement] = {
    movement.id: movement
    for module in (lunge, squat, squat_jump, deadlift, bridge, calf_raise, side_lunge)
    for movement in module.MOVEMENTS
}

# exercise id -> rung id -> movement id
RUNG_MOVEMENTS: Mapping[str, Mapping[str, str]] = {
    "moving_lunge": {
        "body_weight": "lunge",
        "hip_band": "lunge",
        "pause": "lunge",
        "dumbbells": "lunge",
        "dumbbells_slow": "lunge",
    },
    "squat": {
        "body_weight": "squat",
        "hip_band": "squat",
        "slow": "squat",
        "dumbbells": "squat",
        "split_squat": "split_squat",
        "split_squat_dumbbells": "split_squat",
    },
    "squat_jump": {
        "body_weight": "squat_jump",
        "hip_band": "squat_jump",
        "pause": "squat_jump",
        "four_sets": "squat_jump",
        "dumbbells": "squat_jump",
    },
    "single_leg_deadlift": {
        "supported": "single_leg_deadlift_supported",
        "body_weight": "single_leg_deadlift",
        "slow": "single_leg_deadlift",
        "long_band": "single_leg_deadlift",
        "dumbbells": "single_leg_deadlift",
        "dumbbells_slow": "single_leg_deadlift",
    },
    "single_leg_bridge": {
        "two_leg": "bridge",
        "one_leg": "single_leg_bridge",
        "pause": "single_leg_bridge",
        "hold": "single_leg_bridge",
        "hip_band": "single_leg_bridge",
        "shoulders_raised": "single_leg_bridge_raised",
    },
    "calf_raise": {
        "two_leg": "calf_raise",
        "step": "calf_raise_step",
        "one_leg": "calf_raise_one_leg",
        "one_leg_slow": "calf_raise_one_leg",
        "one_leg_dumbbell": "calf_raise_one_leg",
        "one_leg_step_dumbbell": "calf_raise_one_leg_step",
    },
    "side_lunge": {
        "body_weight": "side_lunge",
        "hip_band": "side_lunge",
        "pause": "side_lunge",
        "dumbbell": "side_lunge",
        "dumbbell_slow": "side_lunge",
    },
}

_BANDS = {Equipment.HIP_BAND: Band.THIGHS, Equipment.LONG_BAND: Band.ANKLES}


def picture_for(exercise_id: str, rung_id: str, library: Library | None = None) -> Picture:
    """The picture of one rung; a KeyError names what is missing, since a miss is a bug."""
    exercise = (library or default_library()).get(exercise_id)
    rung = exercise.rung(rung_id)
    if rung is None:
        raise KeyError(f"exercise {exercise_id!r} has no rung {rung_id!r}")
    return _picture(exercise, rung)


def exercise_picture(exercise_id: str, library: Library | None = None) -> Picture:
    """The picture that stands for a whole exercise (its first rung), e.g. in /exercises."""
    exercise = (library or default_library()).get(exercise_id)
    return _picture(exercise, exercise.ladder[0])


def all_pictures(library: Library | None = None) -> tuple[Picture, ...]:
    """Every distinct picture the library needs, in library order, each once."""
    seen: dict[str, Picture] = {}
    for exercise in library or default_library():
        for rung in exercise.ladder:
            picture = _picture(exercise, rung)
            seen.setdefault(picture.id, picture)
    return tuple(seen.values())


def _picture(exercise: Exercise, rung: Rung) -> Picture:
    try:
        movement = MOVEMENTS[RUNG_MOVEMENTS[exercise.id][rung.id]]
    except KeyError:
        raise KeyError(
            f"no picture for exercise {exercise.id!r}, rung {rung.id!r}: "
            "add it to content/figures/catalogue.py (see docs/CONTENT.md)"
        ) from None
    bands = tuple(sorted(_BANDS[kit] for kit in rung.equipment if kit in _BANDS))
    grip = None
    if Equipment.DUMBBELLS in rung.equipment:
        if movement.dumbbells is None:
            raise KeyError(f"movement {movement.id!r} has no dumbbell hold for rung {rung.id!r}")
        grip = movement.dumbbells.grip
    kit = sorted(item.value for item in rung.equipment)
    return Picture("-".join([movement.id, *kit]), movement, bands, grip)
