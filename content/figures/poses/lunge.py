"""Moving lunge: from standing, a long step forward and down until both knees are bent.

Cues drawn: a step long enough that the front shin stays close to upright, the trunk tall,
the back knee hovering just above the floor on the ball of the back foot.
"""

from __future__ import annotations

from content.figures.body import View
from content.figures.picture import Arrow, Contact, Dumbbells, Grip, Movement
from content.figures.pose import Anchor, Leg, Pose
from content.figures.poses.common import FEET_FLAT, HANDS_ON_HIPS, RIGHT_FOOT_FLAT, hanging

LUNGE = Movement(
    id="lunge",
    view=View.SIDE,
    start=Pose(anchor=Anchor("left_ball"), right_arm=HANDS_ON_HIPS, left_arm=HANDS_ON_HIPS),
    end=Pose(
        anchor=Anchor("left_ball"),
        trunk=4.0,
        right_leg=Leg(hip=87.8, knee=83.9, ankle=0.6),
        left_leg=Leg(hip=-9.3, knee=86.4, ankle=28.9, toes=58.2),
        right_arm=HANDS_ON_HIPS,
        left_arm=HANDS_ON_HIPS,
    ),
    start_contacts=FEET_FLAT,
    end_contacts=(*RIGHT_FOOT_FLAT, Contact("left_ball"), Contact("left_toe")),
    arrow=Arrow("right_ankle", offset=(0.0, 0.12)),
    dumbbells=Dumbbells(
        Grip.PAIR_HANGING,
        start=(hanging(0.0), hanging(0.0)),
        end=(hanging(4.0), hanging(4.0)),
    ),
)

MOVEMENTS = (LUNGE,)
