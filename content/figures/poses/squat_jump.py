"""Squat jump: from a half squat with the arms back, up into the air with the arms high.

The loop shows take-off and landing: down into the soft squat, up, and down again.
"""

from __future__ import annotations

from content.figures.body import View
from content.figures.picture import Arrow, Dumbbells, Grip, Movement
from content.figures.pose import Anchor, Arm, Leg, Pose
from content.figures.poses.common import FEET_FLAT, hanging

_CROUCH = Leg(hip=75.0, knee=80.0, ankle=35.0)
_FLIGHT = Leg(ankle=-35.0, toes=5.0)
_SWING_BACK = Arm(shoulder=-50.0, elbow=12.0)
_REACH_UP = Arm(shoulder=140.0, elbow=8.0)

SQUAT_JUMP = Movement(
    id="squat_jump",
    view=View.SIDE,
    start=Pose(
        anchor=Anchor("right_ball"),
        trunk=30.0,
        neck=-15.0,
        right_leg=_CROUCH,
        left_leg=_CROUCH,
        right_arm=_SWING_BACK,
        left_arm=_SWING_BACK,
    ),
    end=Pose(
        anchor=Anchor("right_ball", y=0.12),
        trunk=-2.0,
        right_leg=_FLIGHT,
        left_leg=_FLIGHT,
        right_arm=_REACH_UP,
        left_arm=_REACH_UP,
    ),
    start_contacts=FEET_FLAT,
    end_contacts=(),
    arrow=Arrow("pelvis", offset=(0.3, 0.0)),
    dumbbells=Dumbbells(
        Grip.PAIR_HANGING,
        start=(hanging(30.0), hanging(30.0)),
        end=(hanging(-2.0), hanging(-2.0)),
    ),
)

MOVEMENTS = (SQUAT_JUMP,)
