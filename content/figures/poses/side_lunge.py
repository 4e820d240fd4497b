"""Side lunge, seen from the front: a wide step out to one side and down over that foot.

Cues drawn: the bent knee over the toes (never inside the foot), the other leg long with its
whole foot down, hips sent back as in a squat (the pelvis sits behind the bent leg's foot:
a depth the front view cannot show, so the cue test checks it), chest up.
"""

from __future__ import annotations

from content.figures.body import View
from content.figures.picture import Arrow, Dumbbells, Grip, Movement
from content.figures.pose import Anchor, Arm, Leg, Pose
from content.figures.poses.common import FEET_FLAT

# Hands together in front of the chest (elbows low, forearms across); with a dumbbell, holding
# it upright there.
_CHEST = Arm(shoulder=-32.0, elbow=141.0, heading=-85.0)
_CHEST_LEANING = Arm(shoulder=-2.0, elbow=141.0, heading=-85.0)

SIDE_LUNGE = Movement(
    id="side_lunge",
    view=View.FRONT,
    start=Pose(anchor=Anchor("left_ball"), right_arm=_CHEST, left_arm=_CHEST),
    end=Pose(
        anchor=Anchor("left_ball"),
        trunk=30.0,
        right_leg=Leg(hip=107.4, knee=85.0, ankle=6.5, heading=38.5),
        left_leg=Leg(hip=82.1, ankle=-16.5, heading=75.0),
        right_arm=_CHEST_LEANING,
        left_arm=_CHEST_LEANING,
    ),
    start_contacts=FEET_FLAT,
    end_contacts=FEET_FLAT,
    arrow=Arrow("right_ankle", offset=(0.0, 0.1)),
    dumbbells=Dumbbells(Grip.ONE_AT_CHEST, (_CHEST, _CHEST), (_CHEST_LEANING, _CHEST_LEANING)),
)

MOVEMENTS = (SIDE_LUNGE,)
