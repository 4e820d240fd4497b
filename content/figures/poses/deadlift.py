"""Single-leg deadlift: from standing on one leg, hinge until trunk and back leg are level.

Cues drawn: one long line from head to heel like a see-saw (the lifted leg in line with the
trunk, the head in line too), a soft bend in the standing knee, the lifted foot's toes
pointing at the floor, arms (and dumbbells) hanging straight down close to the standing shin.
"""

from __future__ import annotations

from content.figures.body import View
from content.figures.picture import Arrow, Dumbbells, Furniture, Grip, Movement, Thing
from content.figures.pose import Anchor, Arm, Leg, Pose
from content.figures.poses.common import HANGING, RIGHT_FOOT_FLAT, hanging

_LIFTED = Leg(hip=-12.0, knee=50.0, ankle=-15.0)
_STAND = Pose(
    anchor=Anchor("right_heel"),
    right_leg=Leg(hip=6.0, knee=8.0, ankle=2.0),
    left_leg=_LIFTED,
    right_arm=HANGING,
    left_arm=HANGING,
)
_HINGE = Pose(
    anchor=Anchor("right_heel"),
    trunk=78.0,
    right_leg=Leg(hip=95.1, knee=20.0, ankle=3.0),
    left_leg=Leg(),
    right_arm=hanging(78.0),
    left_arm=hanging(78.0),
)
_ARROW = Arrow("left_ankle", offset=(0.0, 0.1), trim=0.1)

DEADLIFT = Movement(
    id="single_leg_deadlift",
    view=View.SIDE,
    start=_STAND,
    end=_HINGE,
    start_contacts=RIGHT_FOOT_FLAT,
    end_contacts=RIGHT_FOOT_FLAT,
    arrow=_ARROW,
    dumbbells=Dumbbells(
        Grip.PAIR_HANGING,
        start=(hanging(0.0), hanging(0.0)),
        end=(hanging(78.0), hanging(78.0)),
    ),
)

# The first rung: one hand rests on a wall in front, for balance only. A beginner hinges a
# little less, which also keeps the head clear of the wall the hand reaches at the start.
_WALL = 0.44
DEADLIFT_SUPPORTED = Movement(
    id="single_leg_deadlift_supported",
    view=View.SIDE,
    start=Pose(
        anchor=Anchor("right_heel"),
        trunk=7.0,
        right_leg=Leg(hip=13.0, knee=8.0, ankle=2.0),
        left_leg=_LIFTED,
        right_arm=Arm(shoulder=85.4),
        left_arm=HANGING,
    ),
    end=Pose(
        anchor=Anchor("right_heel"),
        trunk=58.0,
        right_leg=Leg(hip=72.9, knee=18.0, ankle=3.1),
        left_leg=Leg(ankle=-25.0),  # the leg is less level, so point the toes down
        right_arm=Arm(shoulder=82.3, elbow=10.0),
        left_arm=hanging(58.0),
    ),
    start_contacts=RIGHT_FOOT_FLAT,
    end_contacts=RIGHT_FOOT_FLAT,
    arrow=_ARROW,
    things=(Thing(Furniture.WALL, _WALL, _WALL + 0.08, 0.0),),
)

MOVEMENTS = (DEADLIFT, DEADLIFT_SUPPORTED)
