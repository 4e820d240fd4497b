"""The rules every pose must keep: human joint ranges, resting on what it says, in the frame.

These are data, shared by the tests and by ``docs/CONTENT.md``, so a new pose is checked
against the same numbers the documentation gives. ``problems`` returns readable findings rather
than raising, so a test can show every problem of a pose at once.
"""

from __future__ import annotations

from dataclasses import fields

from content.figures.body import Skeleton, pose_skeleton
from content.figures.motion import animation_poses
from content.figures.picture import Contact, Picture
from content.figures.pose import Pose, Side
from content.figures.scene import FRAME, arrow_shapes, body_shapes, shift
from content.figures.shapes import bounds, moved

# (lowest, highest) in degrees for each joint angle; a few degrees of hyperextension allowed.
LEG_RANGES: dict[str, tuple[float, float]] = {
    "hip": (-35.0, 135.0),
    "knee": (-3.0, 160.0),
    "ankle": (-50.0, 45.0),
    "toes": (-30.0, 70.0),
    "heading": (-20.0, 80.0),
}
ARM_RANGES: dict[str, tuple[float, float]] = {
    "shoulder": (-60.0, 180.0),
    "elbow": (0.0, 150.0),
    "heading": (-90.0, 90.0),
}
NECK_RANGE = (-45.0, 45.0)
# How close a resting point must be to its surface, and how far anything may sink below the
# floor, in body heights: about 2 pixels of the PNG.
TOLERANCE = 0.005
# Steps of the animation checked for the floor and the frame.
CHECK_STEPS = 12


def joint_problems(pose: Pose) -> list[str]:
    """Every joint angle of ``pose`` outside its human range."""
    found = []
    if not NECK_RANGE[0] <= pose.neck <= NECK_RANGE[1]:
        found.append(f"neck {pose.neck} outside {NECK_RANGE}")
    for side in Side:
        for limb, ranges in ((pose.leg(side), LEG_RANGES), (pose.arm(side), ARM_RANGES)):
            for f in fields(limb):
                value = getattr(limb, f.name)
                low, high = ranges[f.name]
                if not low <= value <= high:
                    kind = type(limb).__name__.lower()
                    found.append(f"{side} {kind} {f.name} {value} outside ({low}, {high})")
    return found


def contact_problems(skeleton: Skeleton, contacts: tuple[Contact, ...]) -> list[str]:
    """Contacts that do not rest on their surface."""
    found = []
    for contact in contacts:
        gap = skeleton.underside(contact.point) - contact.height
        if abs(gap) > TOLERANCE:
            found.append(f"{contact.point} is {gap:+.4f} from its surface at {contact.height}")
    return found


def floor_problems(picture: Picture, pose: Pose) -> list[str]:
    """Anything of the figure or its kit below the floor."""
    _left, bottom, _right, _top = bounds(body_shapes(picture, pose))
    return [f"the figure sinks {-bottom:.4f} below the floor"] if bottom < -TOLERANCE else []


def frame_problems(picture: Picture, pose: Pose, *, arrow: bool = False) -> list[str]:
    """Anything of the figure, its kit or (on the start panel) the arrow outside the panel."""
    dx = shift(picture)
    shapes = tuple(moved(shape, dx, FRAME.floor) for shape in body_shapes(picture, pose))
    if arrow:
        shapes += arrow_shapes(picture)
    left, bottom, right, top = bounds(shapes)
    if left < 0 or bottom < 0 or right > FRAME.width or top > FRAME.height:
        return [f"outside the frame: {left:.3f}, {bottom:.3f}, {right:.3f}, {top:.3f}"]
    return []


def problems(picture: Picture) -> list[str]:
    """Everything wrong with a picture's poses, each finding naming the pose."""
    found: list[str] = []
    movement = picture.movement
    ends = ((picture.start, movement.start_contacts), (picture.end, movement.end_contacts))
    for name, (pose, contacts) in zip(("start", "end"), ends, strict=True):
        sk = pose_skeleton(pose, picture.view)
        for finding in joint_problems(pose) + contact_problems(sk, contacts):
            found.append(f"{picture.id} {name}: {finding}")
    if picture.start.anchor.point != picture.end.anchor.point:
        found.append(f"{picture.id}: start and end are pinned at different points")
        return found
    for step, pose in enumerate(animation_poses(picture, CHECK_STEPS)):
        framing = frame_problems(picture, pose, arrow=step == 0)
        for finding in floor_problems(picture, pose) + framing:
            found.append(f"{picture.id} step {step}/{CHECK_STEPS}: {finding}")
    return found
