"""A figure's pose as joint angles, and eased interpolation between two poses.

Angles are in degrees and mean what a physiotherapist would call them, so a pose can be read
against the cues in the library ("knee over the foot", "hips back", "trunk upright"):

* ``Pose.trunk``: the trunk's lean forward from vertical (0 upright, 90 level with the floor
  face down, -90 lying on the back with the head behind the hips).
* ``Leg.hip``: hip flexion, the thigh's angle from the trunk line (0 standing, 90 thigh level
  when upright, negative is extension: the leg behind the body).
* ``Leg.knee``: knee flexion (0 straight, 90 a right angle).
* ``Leg.ankle``: dorsiflexion, shin towards the toes (0 standing, negative is rising onto the
  toes).
* ``Leg.toes``: toe extension at the ball of the foot (lets the toes stay flat on tiptoe).
* ``Leg.heading``: the plane the leg bends in, turned out from straight ahead; 0 for every
  side view, large for the stepping leg of a side lunge.
* ``Arm.shoulder`` / ``Arm.elbow``: shoulder flexion from the trunk line (0 hanging beside
  the body, 90 reaching forward, 180 overhead) and elbow flexion; ``Arm.heading`` turns the
  arm's plane out (positive) or across the body (negative).
* ``Pose.neck``: the head's nod forward from the trunk line.

Where the figure stands is not an angle: ``Anchor`` pins one named point (a heel, a toe, the
pelvis) to a place in the picture, and the rest of the body hangs off it by forward kinematics
(``content.figures.body``).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, fields, replace
from enum import StrEnum
from typing import TypeVar


class Side(StrEnum):
    """The body's sides. In a side view the figure faces right and shows its right side."""

    RIGHT = "right"
    LEFT = "left"


@dataclass(frozen=True, slots=True)
class Leg:
    """One leg's joint angles (see the module docstring for what each means)."""

    hip: float = 0.0
    knee: float = 0.0
    ankle: float = 0.0
    toes: float = 0.0
    heading: float = 0.0


@dataclass(frozen=True, slots=True)
class Arm:
    """One arm's joint angles."""

    shoulder: float = 0.0
    elbow: float = 0.0
    heading: float = 0.0


@dataclass(frozen=True, slots=True)
class Anchor:
    """Pin the named point of the body to ``(x, y)`` in the picture, in body heights.

    ``y = 0`` is the floor. ``x`` is along the picture's width (the figure's forward direction
    in a side view, its left-to-right from the viewer in a front view). The point names are
    those of ``content.figures.body.POINTS``.
    """

    point: str
    x: float = 0.0
    y: float = 0.0


@dataclass(frozen=True, slots=True)
class Pose:
    """A whole body: the trunk's lean, each limb's joint angles, and where it stands."""

    anchor: Anchor
    trunk: float = 0.0
    neck: float = 0.0
    right_leg: Leg = field(default_factory=Leg)
    left_leg: Leg = field(default_factory=Leg)
    right_arm: Arm = field(default_factory=Arm)
    left_arm: Arm = field(default_factory=Arm)

    def leg(self, side: Side) -> Leg:
        return self.right_leg if side is Side.RIGHT else self.left_leg

    def arm(self, side: Side) -> Arm:
        return self.right_arm if side is Side.RIGHT else self.left_arm

    def with_arms(self, right: Arm, left: Arm) -> Pose:
        """The same pose holding the arms differently (e.g. with dumbbells in the hands)."""
        return replace(self, right_arm=right, left_arm=left)


_Limb = TypeVar("_Limb", Leg, Arm)


def ease(t: float) -> float:
    """Ease in and out (a half cosine): a movement starts and ends gently, like a real rep."""
    t = min(1.0, max(0.0, t))
    return 0.5 - 0.5 * math.cos(math.pi * t)


def blend(start: Pose, end: Pose, t: float) -> Pose:
    """The pose a fraction ``t`` of the way from ``start`` to ``end`` (angles interpolated).

    Both poses must pin the same point, so the point that stays put (the standing foot) stays
    put all the way; the anchor's position itself is interpolated, which lets a jump rise.
    """
    if start.anchor.point != end.anchor.point:
        raise ValueError(
            f"cannot blend poses anchored at {start.anchor.point!r} and {end.anchor.point!r}"
        )
    return Pose(
        anchor=Anchor(
            start.anchor.point,
            _mix(start.anchor.x, end.anchor.x, t),
            _mix(start.anchor.y, end.anchor.y, t),
        ),
        trunk=_mix(start.trunk, end.trunk, t),
        neck=_mix(start.neck, end.neck, t),
        right_leg=_blend_limb(start.right_leg, end.right_leg, t),
        left_leg=_blend_limb(start.left_leg, end.left_leg, t),
        right_arm=_blend_limb(start.right_arm, end.right_arm, t),
        left_arm=_blend_limb(start.left_arm, end.left_arm, t),
    )


def _mix(a: float, b: float, t: float) -> float:
    return a + (b - a) * t


def _blend_limb(a: _Limb, b: _Limb, t: float) -> _Limb:
    values = {f.name: _mix(getattr(a, f.name), getattr(b, f.name), t) for f in fields(a)}
    return replace(a, **values)
