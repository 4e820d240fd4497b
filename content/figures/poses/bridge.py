"""Bridge on the back: hips from the floor up to one straight line from shoulders to knee.

Cues drawn: the working heel flat under the knee (shin upright at the top), shoulders, hips
and knee in line at the top, the head resting; on one leg the lifted knee stays level with
the other (the thighs parallel). The raised version rests the upper back on a sofa.
"""

from __future__ import annotations

from content.figures.body import View
from content.figures.picture import Arrow, Contact, Furniture, Movement, Thing
from content.figures.pose import Anchor, Arm, Leg, Pose

_DOWN_LEG = Leg(hip=46.5, knee=100.0, ankle=-36.5)
_UP_LEG = Leg(hip=0.0, knee=114.4, ankle=-1.5)
_DOWN = Pose(
    anchor=Anchor("right_heel"),
    trunk=-90.0,
    neck=1.7,
    right_leg=_DOWN_LEG,
    left_leg=_DOWN_LEG,
    right_arm=Arm(shoulder=-5.8),
    left_arm=Arm(shoulder=-5.8),
)
_UP = Pose(
    anchor=Anchor("right_heel"),
    trunk=-114.8,
    neck=25.8,
    right_leg=_UP_LEG,
    left_leg=_UP_LEG,
    right_arm=Arm(shoulder=-30.7),
    left_arm=Arm(shoulder=-30.7),
)
_ON_FLOOR = (Contact("shoulders"), Contact("head"), Contact("right_hand"))
_FEET = (Contact("right_heel"), Contact("right_ball"))
_BOTH_FEET = (*_FEET, Contact("left_heel"), Contact("left_ball"))
_ARROW = Arrow("pelvis", offset=(-0.04, 0.16), trim=0.05)


def _lifted(pose: Pose, hip: float) -> Pose:
    """The same pose with the left foot lifted: thigh level with the other, knee soft."""
    return Pose(
        anchor=pose.anchor,
        trunk=pose.trunk,
        neck=pose.neck,
        right_leg=pose.right_leg,
        left_leg=Leg(hip=hip, knee=40.0, ankle=-10.0),
        right_arm=pose.right_arm,
        left_arm=pose.left_arm,
    )


BRIDGE = Movement(
    id="bridge",
    view=View.SIDE,
    start=_DOWN,
    end=_UP,
    start_contacts=(*_BOTH_FEET, *_ON_FLOOR, Contact("pelvis")),
    end_contacts=(*_BOTH_FEET, *_ON_FLOOR),
    arrow=_ARROW,
)
SINGLE_LEG_BRIDGE = Movement(
    id="single_leg_bridge",
    view=View.SIDE,
    start=_lifted(_DOWN, _DOWN_LEG.hip),
    end=_lifted(_UP, _UP_LEG.hip),
    start_contacts=(*_FEET, *_ON_FLOOR, Contact("pelvis")),
    end_contacts=(*_FEET, *_ON_FLOOR),
    arrow=_ARROW,
)

# Upper back on a sofa: the hips travel from near the floor to level with shoulders and knee.
_SOFA = 0.226
_SOFA_DOWN = Pose(
    anchor=Anchor("right_heel"),
    trunk=-53.4,
    neck=20.0,
    right_leg=Leg(hip=74.3, knee=101.8, ankle=-25.6),
    right_arm=Arm(shoulder=0.0, elbow=10.0),
    left_arm=Arm(shoulder=0.0, elbow=10.0),
)
_SOFA_UP = Pose(
    anchor=Anchor("right_heel"),
    trunk=-90.0,
    neck=20.0,
    right_leg=Leg(hip=0.0, knee=90.0),
    right_arm=Arm(shoulder=0.0, elbow=10.0),
    left_arm=Arm(shoulder=0.0, elbow=10.0),
)
BRIDGE_ON_SOFA = Movement(
    id="single_leg_bridge_raised",
    view=View.SIDE,
    start=_lifted(_SOFA_DOWN, 74.3),
    end=_lifted(_SOFA_UP, 0.0),
    start_contacts=(*_FEET, Contact("shoulders", _SOFA)),
    end_contacts=(*_FEET, Contact("shoulders", _SOFA)),
    arrow=_ARROW,
    things=(Thing(Furniture.BENCH, -0.86, -0.44, _SOFA),),
)

MOVEMENTS = (BRIDGE, SINGLE_LEG_BRIDGE, BRIDGE_ON_SOFA)
