"""Pieces many poses share: contacts of standing feet and the usual arm positions."""

from __future__ import annotations

from content.figures.picture import Contact
from content.figures.pose import Arm

FEET_FLAT = (
    Contact("right_heel"),
    Contact("right_ball"),
    Contact("left_heel"),
    Contact("left_ball"),
)
RIGHT_FOOT_FLAT = (Contact("right_heel"), Contact("right_ball"))
LEFT_FOOT_FLAT = (Contact("left_heel"), Contact("left_ball"))

# Arms long beside the body; hands resting on the hips.
HANGING = Arm(shoulder=3.0, elbow=8.0)
HANDS_ON_HIPS = Arm(shoulder=-30.0, elbow=100.0, heading=30.0)


def hanging(trunk: float) -> Arm:
    """Arms hanging straight down whatever the trunk's lean (dumbbells pull them plumb)."""
    return Arm(shoulder=trunk, elbow=0.0)
