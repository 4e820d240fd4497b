"""Pictures of the exercises: poses as data, forward kinematics, and scenes to paint.

Pure: no files, no Pillow. ``bot.pictures`` paints and caches what this package describes.
"""

from content.figures.body import BODY, POINTS, Body, Skeleton, View, pose_skeleton
from content.figures.motion import animation_poses, pose_at
from content.figures.picture import (
    Arrow,
    Band,
    Contact,
    Dumbbells,
    Furniture,
    Grip,
    Movement,
    Picture,
    Thing,
)
from content.figures.pose import Anchor, Arm, Leg, Pose, Side, blend, ease
from content.figures.scene import FRAME, Frame, body_shapes, panel, shift
from content.figures.shapes import Layer

__all__ = [
    "BODY",
    "FRAME",
    "POINTS",
    "Anchor",
    "Arm",
    "Arrow",
    "Band",
    "Body",
    "Contact",
    "Dumbbells",
    "Frame",
    "Furniture",
    "Grip",
    "Layer",
    "Leg",
    "Movement",
    "Picture",
    "Pose",
    "Side",
    "Skeleton",
    "Thing",
    "View",
    "animation_poses",
    "blend",
    "body_shapes",
    "ease",
    "panel",
    "pose_at",
    "pose_skeleton",
    "shift",
]
