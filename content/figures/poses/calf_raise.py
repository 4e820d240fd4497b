"""Calf raise: from flat feet up onto the balls of the feet, tall, a hand on a wall.

Cues drawn: straight up, body tall (no lean), as high as the feet allow; off a step the heels
first sink below its edge. On one leg the other foot rests behind the standing ankle.
"""

from __future__ import annotations

from content.figures.body import View
from content.figures.picture import Arrow, Contact, Dumbbells, Furniture, Grip, Movement, Thing
from content.figures.pose import Anchor, Arm, Leg, Pose
from content.figures.poses.common import HANGING

_WALL = Thing(Furniture.WALL, 0.24, 0.32, 0.0)
_STEP_HEIGHT = 0.1
_STEP = Thing(Furniture.STEP, -0.015, 0.24, _STEP_HEIGHT)
_FLAT = Leg()
_UP = Leg(ankle=-35.0, toes=33.4)
_SUNK = Leg(ankle=22.0, toes=-22.6)
_HOOKED = Leg(hip=42.2, knee=96.1, ankle=-20.0)
_WALL_HAND_LOW = Arm(shoulder=56.0, elbow=10.0)
_WALL_HAND_HIGH = Arm(shoulder=44.3, elbow=10.0)
_ARROW = Arrow("right_heel", offset=(-0.1, 0.08), trim=0.0, straight=True)


def _pose(right: Leg, left: Leg, wall_hand: Arm, height: float = 0.0) -> Pose:
    return Pose(
        anchor=Anchor("right_ball", y=height),
        right_leg=right,
        left_leg=left,
        right_arm=HANGING,
        left_arm=wall_hand,
    )


def _contacts(up: bool, height: float = 0.0, *sides: str) -> tuple[Contact, ...]:
    parts = ("ball", "toe") if up else ("heel", "ball")
    return tuple(Contact(f"{side}_{part}", height) for side in sides for part in parts)


def _one_dumbbell(start: Pose, end: Pose) -> Dumbbells:
    return Dumbbells(Grip.ONE_HANGING, (HANGING, start.left_arm), (HANGING, end.left_arm))


CALF_RAISE = Movement(
    id="calf_raise",
    view=View.SIDE,
    start=_pose(_FLAT, _FLAT, _WALL_HAND_LOW),
    end=_pose(_UP, _UP, _WALL_HAND_HIGH),
    start_contacts=_contacts(False, 0.0, "right", "left"),
    end_contacts=_contacts(True, 0.0, "right", "left"),
    arrow=_ARROW,
    things=(_WALL,),
)
CALF_RAISE_STEP = Movement(
    id="calf_raise_step",
    view=View.SIDE,
    start=_pose(_SUNK, _SUNK, _WALL_HAND_LOW, _STEP_HEIGHT),
    end=_pose(_UP, _UP, _WALL_HAND_HIGH, _STEP_HEIGHT),
    start_contacts=(Contact("right_ball", _STEP_HEIGHT), Contact("right_toe", _STEP_HEIGHT)),
    end_contacts=_contacts(True, _STEP_HEIGHT, "right", "left"),
    arrow=_ARROW,
    things=(_STEP, _WALL),
)
_ONE = (_pose(_FLAT, _HOOKED, _WALL_HAND_LOW), _pose(_UP, _HOOKED, _WALL_HAND_HIGH))
CALF_RAISE_ONE_LEG = Movement(
    id="calf_raise_one_leg",
    view=View.SIDE,
    start=_ONE[0],
    end=_ONE[1],
    start_contacts=_contacts(False, 0.0, "right"),
    end_contacts=_contacts(True, 0.0, "right"),
    arrow=_ARROW,
    things=(_WALL,),
    dumbbells=_one_dumbbell(*_ONE),
)
_ONE_STEP = (
    _pose(_SUNK, _HOOKED, _WALL_HAND_LOW, _STEP_HEIGHT),
    _pose(_UP, _HOOKED, _WALL_HAND_HIGH, _STEP_HEIGHT),
)
CALF_RAISE_ONE_LEG_STEP = Movement(
    id="calf_raise_one_leg_step",
    view=View.SIDE,
    start=_ONE_STEP[0],
    end=_ONE_STEP[1],
    start_contacts=(Contact("right_ball", _STEP_HEIGHT), Contact("right_toe", _STEP_HEIGHT)),
    end_contacts=_contacts(True, _STEP_HEIGHT, "right"),
    arrow=_ARROW,
    things=(_STEP, _WALL),
    dumbbells=_one_dumbbell(*_ONE_STEP),
)

MOVEMENTS = (CALF_RAISE, CALF_RAISE_STEP, CALF_RAISE_ONE_LEG, CALF_RAISE_ONE_LEG_STEP)
