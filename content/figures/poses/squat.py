"""Squat: body weight (also with a hip band), dumbbells at the shoulders, and the split squat.

Cues drawn: hips sent back and down until the thighs are about level, knees travelling over
the toes, heels down, chest up (``tests/content/test_figure_cues.py`` checks each). The split
squat keeps the trunk upright, drops the back knee straight down towards the floor and keeps
the front knee over the middle of the foot.
"""

from __future__ import annotations

from content.figures.body import View
from content.figures.picture import Arrow, Contact, Dumbbells, Furniture, Grip, Movement, Thing
from content.figures.pose import Anchor, Arm, Leg, Pose
from content.figures.poses.common import FEET_FLAT, HANGING, RIGHT_FOOT_FLAT, hanging

_DEEP = Leg(hip=122.0, knee=118.0, ankle=34.0)
_AT_SHOULDERS = Arm(shoulder=35.0, elbow=150.0)
_REACH = Arm(shoulder=118.0, elbow=5.0)

SQUAT = Movement(
    id="squat",
    view=View.SIDE,
    start=Pose(anchor=Anchor("right_heel"), right_arm=HANGING, left_arm=HANGING),
    end=Pose(
        anchor=Anchor("right_heel"),
        trunk=38.0,
        neck=-22.0,
        right_leg=_DEEP,
        left_leg=_DEEP,
        right_arm=_REACH,
        left_arm=_REACH,
    ),
    start_contacts=FEET_FLAT,
    end_contacts=FEET_FLAT,
    arrow=Arrow("pelvis", offset=(-0.17, 0.0)),
    dumbbells=Dumbbells(
        Grip.PAIR_SHOULDERS,
        start=(_AT_SHOULDERS, _AT_SHOULDERS),
        end=(Arm(shoulder=70.0, elbow=150.0), Arm(shoulder=70.0, elbow=150.0)),
    ),
)

# Split squat: the back foot's instep rests on a chair, the front foot a stride ahead of the
# hips; the body drops straight down between them.
_CHAIR = 0.25
SPLIT_SQUAT = Movement(
    id="split_squat",
    view=View.SIDE,
    start=Pose(
        anchor=Anchor("right_heel"),
        trunk=3.0,
        right_leg=Leg(hip=28.0, knee=5.0, ankle=-18.3),
        left_leg=Leg(hip=14.6, knee=113.4, ankle=-40.0),
        right_arm=HANGING,
        left_arm=HANGING,
    ),
    end=Pose(
        anchor=Anchor("right_heel"),
        trunk=8.0,
        right_leg=Leg(hip=83.5, knee=81.1, ankle=5.7),
        left_leg=Leg(hip=14.1, knee=135.8, ankle=-40.0),
        right_arm=Arm(shoulder=10.0, elbow=8.0),
        left_arm=Arm(shoulder=10.0, elbow=8.0),
    ),
    start_contacts=(*RIGHT_FOOT_FLAT, Contact("left_ball", _CHAIR)),
    end_contacts=(*RIGHT_FOOT_FLAT, Contact("left_ball", _CHAIR)),
    arrow=Arrow("pelvis", offset=(-0.17, 0.14), straight=True),
    things=(Thing(Furniture.BENCH, -0.64, -0.34, _CHAIR),),
    dumbbells=Dumbbells(
        Grip.PAIR_HANGING,
        start=(hanging(3.0), hanging(3.0)),
        end=(hanging(8.0), hanging(8.0)),
    ),
)

MOVEMENTS = (SQUAT, SPLIT_SQUAT)
