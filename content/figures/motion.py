"""The movement between the two poses: what each frame of the animation (and the arrow) shows.

Joint angles are blended, eased so a rep starts and ends gently, with two touches a plain blend
lacks. A foot flat on the same spot at start and end stays flat in between: blending the ankle
alone would let the heel dip through the floor while the shin turns (it did, by 3 cm, in the
side lunge). A foot that rests on the floor at both ends but in different spots (the stepping
foot of a lunge) lifts on the way instead of sliding along the floor.
"""

from __future__ import annotations

import functools
import math
from dataclasses import replace

from content.figures.body import pose_skeleton
from content.figures.picture import Picture
from content.figures.pose import Leg, Pose, Side, blend, ease

# A foot counts as planted when it is flat at the same spot at start and end (body heights).
_SAME_SPOT = 0.005
# A stepping foot lifts by bending hip and knee this much more at mid-step (degrees).
_STEP_HIP = 20.0
_STEP_KNEE = 40.0


def pose_at(picture: Picture, t: float) -> Pose:
    """The pose a share ``t`` (0 to 1, not eased) of the way through the movement."""
    pose = blend(picture.start, picture.end, t)
    lift = math.sin(math.pi * t)
    for side in _stepping(picture):
        leg = pose.leg(side)
        stepped = replace(leg, hip=leg.hip + _STEP_HIP * lift, knee=leg.knee + _STEP_KNEE * lift)
        pose = _with_leg(pose, side, stepped)
    for side in _planted(picture):
        # Aim at the pitch the two poses themselves have (flat within the contact tolerance),
        # so the first and last frames are exactly the start and end poses.
        aim = (1 - t) * _pitch(picture, picture.start, side) + t * _pitch(
            picture, picture.end, side
        )
        pose = _level(picture, pose, side, aim)
    return pose


def animation_poses(picture: Picture, steps: int) -> list[Pose]:
    """``steps + 1`` poses from start to end, eased so the figure starts and stops gently."""
    return [pose_at(picture, ease(i / steps)) for i in range(steps + 1)]


@functools.cache
def _planted(picture: Picture) -> tuple[Side, ...]:
    """The sides whose foot rests flat on the floor, on the same spot, at start and end."""
    return tuple(side for side, moves in _floor_feet(picture).items() if not moves)


@functools.cache
def _stepping(picture: Picture) -> tuple[Side, ...]:
    """The sides whose foot rests on the floor at start and end, but in different spots."""
    return tuple(side for side, moves in _floor_feet(picture).items() if moves)


def _floor_feet(picture: Picture) -> dict[Side, bool]:
    """Each side whose foot is flat on the floor at start and end, and whether it moves."""
    names = {c.point for c in picture.movement.start_contacts if c.height == 0}
    names &= {c.point for c in picture.movement.end_contacts if c.height == 0}
    start = pose_skeleton(picture.start, picture.view)
    end = pose_skeleton(picture.end, picture.view)
    feet = {}
    for side in Side:
        heel, ball = f"{side}_heel", f"{side}_ball"
        if {heel, ball} <= names:
            feet[side] = math.dist(start[heel], end[heel]) >= _SAME_SPOT
    return feet


def _pitch(picture: Picture, pose: Pose, side: Side) -> float:
    """How far the foot's heel is raised above its ball, as an angle in degrees."""
    sk = pose_skeleton(pose, picture.view)
    rise = sk[f"{side}_heel"][1] - sk[f"{side}_ball"][1]
    ratio = rise / (sk.body.heel + sk.body.ball)
    return math.degrees(math.asin(max(-1.0, min(1.0, ratio))))


def _level(picture: Picture, pose: Pose, side: Side, aim: float) -> Pose:
    """Turn one ankle until its foot has the pitch ``aim`` (two small-angle corrections)."""
    for _ in range(2):
        leg = pose.leg(side)
        turned = replace(leg, ankle=leg.ankle + _pitch(picture, pose, side) - aim)
        pose = _with_leg(pose, side, turned)
    return pose


def _with_leg(pose: Pose, side: Side, leg: Leg) -> Pose:
    return replace(pose, right_leg=leg) if side is Side.RIGHT else replace(pose, left_leg=leg)
