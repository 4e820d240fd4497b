"""Body proportions and forward kinematics: joint angles in, joint positions out.

Every figure has the same body, so every picture has the same proportions. Lengths are
fractions of standing height (after Winter's anthropometric table: hip joint at 0.53, shoulder
at 0.82), rounded a little towards a pictogram: a slightly large head, no hands or fingers.

The kinematics are a small hand-written chain rather than a library: a few sines and cosines
per limb, which keeps poses pure data and the maths readable in one screen. The model is 3-D
so a front view (the side lunge) and a side view come from the same angles: x points the
way the figure faces, y up, z to the figure's right. Each limb bends in one vertical plane
turned out by its ``heading``; the pelvis and shoulders keep their width along z.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import StrEnum

from content.figures.pose import Arm, Leg, Pose, Side

Vec3 = tuple[float, float, float]
Point = tuple[float, float]


class View(StrEnum):
    """Which way the camera looks: at the figure's right side, or at its front."""

    SIDE = "side"
    FRONT = "front"


@dataclass(frozen=True, slots=True)
class Body:
    """Segment lengths and drawn thicknesses (radii), in body heights."""

    trunk: float = 0.29  # hip joints to shoulder joints
    neck: float = 0.135  # shoulder line to the centre of the head
    head: float = 0.066  # head radius
    thigh: float = 0.245
    shank: float = 0.246
    ankle_height: float = 0.042  # ankle joint above the sole
    heel: float = 0.045  # heel behind the ankle, along the sole
    ball: float = 0.095  # ball of the foot in front of the ankle
    toe: float = 0.045  # ball to the tip of the toes
    upper_arm: float = 0.18
    forearm: float = 0.175  # elbow to the middle of the hand
    hip_width: float = 0.06  # half the distance between the hip joints
    shoulder_width: float = 0.1  # half the distance between the shoulder joints
    foot_width: float = 0.06
    # radii as drawn: trunk, then each limb at its upper and lower end
    trunk_radius: float = 0.062
    thigh_radius: tuple[float, float] = (0.05, 0.036)
    shank_radius: tuple[float, float] = (0.035, 0.024)
    upper_arm_radius: tuple[float, float] = (0.03, 0.024)
    forearm_radius: tuple[float, float] = (0.023, 0.019)
    hand_radius: float = 0.026
    heel_radius: float = 0.022
    ball_radius: float = 0.018
    toe_radius: float = 0.012

    def foot_radius(self, part: str) -> float:
        """The drawn radius of the foot at a sole point: heel, ball or toe."""
        return {"heel": self.heel_radius, "ball": self.ball_radius, "toe": self.toe_radius}[part]

    def surface_radius(self, point: str) -> float:
        """How far the drawn surface lies from a (side-less) point name such as ``knee``."""
        return {
            "pelvis": self.trunk_radius,
            "shoulders": self.trunk_radius,
            "head": self.head,
            "hip": self.thigh_radius[0],
            "knee": self.shank_radius[0],
            "ankle": self.shank_radius[1],
            "shoulder": self.upper_arm_radius[0],
            "elbow": self.forearm_radius[0],
            "hand": self.hand_radius,
        }[point]


BODY = Body()

_LEG_POINTS = ("hip", "knee", "ankle", "heel", "ball", "toe")
_ARM_POINTS = ("shoulder", "elbow", "hand")
# Every named point of the skeleton; Anchor.point and Contact.point must be one of these.
POINTS: tuple[str, ...] = (
    "pelvis",
    "shoulders",
    "head",
    *(f"{side}_{name}" for side in Side for name in (*_LEG_POINTS, *_ARM_POINTS)),
)


@dataclass(frozen=True, slots=True)
class Skeleton:
    """A posed body in the picture's plane: each point's (x, y) and its depth.

    ``y`` is height above the floor; ``depth`` grows towards the camera, so of two limbs the
    one with the larger depth is drawn on top.
    """

    view: View
    points: dict[str, Point]
    depth: dict[str, float]

    body: Body = field(default_factory=Body)

    def __getitem__(self, name: str) -> Point:
        return self.points[name]

    def underside(self, point: str) -> float:
        """The height of the drawn body's underside at ``point``: what rests on a surface.

        A sole point rests by the underside of the foot's disc there, so a tilted foot rests
        on its curve and a foot turned sole-up (laid on a bench) on its instep; any other
        point rests by the surface of its limb.
        """
        side, _, part = point.partition("_")
        if part in ("heel", "ball", "toe"):
            if self.view is View.FRONT:
                return self.points[point][1]
            return self.foot_disc(side, part)[1] - self.body.foot_radius(part)
        return self.points[point][1] - self.body.surface_radius(part or side)

    def foot_disc(self, side: str, part: str) -> Point:
        """The centre of the foot's drawn disc at a sole point: inside the foot, off the sole."""
        sole = self.points[f"{side}_{part}"]
        along = self.points[f"{side}_heel" if part == "ball" else f"{side}_ball"]
        ankle = self.points[f"{side}_ankle"]
        radius = self.body.foot_radius(part)
        length = math.dist(sole, along) or 1.0
        dx, dy = (along[0] - sole[0]) / length, (along[1] - sole[1]) / length
        nx, ny = -dy, dx
        if (ankle[0] - sole[0]) * nx + (ankle[1] - sole[1]) * ny < 0:
            nx, ny = dy, -dx
        return (sole[0] + nx * radius, sole[1] + ny * radius)


def pose_skeleton(pose: Pose, view: View, body: Body = BODY) -> Skeleton:
    """Forward kinematics: place every joint of ``pose``, pinned at its anchor, in ``view``."""
    world = _world_points(pose, body)
    if pose.anchor.point not in world:
        raise KeyError(f"unknown anchor point {pose.anchor.point!r} (known: {POINTS})")
    projected = {name: _project(point, view) for name, point in world.items()}
    depth = {name: _depth(point, view) for name, point in world.items()}
    loose = Skeleton(view, projected, depth, body)
    # The anchor's x is the point's own; its y is where the body's underside there rests.
    dx = pose.anchor.x - projected[pose.anchor.point][0]
    dy = pose.anchor.y - loose.underside(pose.anchor.point)
    points = {name: (p[0] + dx, p[1] + dy) for name, p in projected.items()}
    return Skeleton(view, points, depth, body)


def _project(p: Vec3, view: View) -> Point:
    # Facing the camera, the figure's right (z > 0) is on the viewer's left.
    return (p[0], p[1]) if view is View.SIDE else (-p[2], p[1])


def _depth(p: Vec3, view: View) -> float:
    return p[2] if view is View.SIDE else p[0]


def _world_points(pose: Pose, body: Body) -> dict[str, Vec3]:
    lean = math.radians(pose.trunk)
    up = (math.sin(lean), math.cos(lean), 0.0)
    shoulders = _add((0.0, 0.0, 0.0), up, body.trunk)
    nod = math.radians(pose.trunk + pose.neck)
    points: dict[str, Vec3] = {
        "pelvis": (0.0, 0.0, 0.0),
        "shoulders": shoulders,
        "head": _add(shoulders, (math.sin(nod), math.cos(nod), 0.0), body.neck),
    }
    for side in Side:
        sign = 1.0 if side is Side.RIGHT else -1.0
        hip = (0.0, 0.0, sign * body.hip_width)
        points.update(_leg(side, sign, hip, pose.leg(side), pose.trunk, body))
        shoulder = (shoulders[0], shoulders[1], sign * body.shoulder_width)
        points.update(_arm(side, sign, shoulder, pose.arm(side), pose.trunk, body))
    return points


def _leg(
    side: Side, sign: float, hip: Vec3, leg: Leg, trunk: float, body: Body
) -> dict[str, Vec3]:
    thigh_angle = leg.hip - trunk
    knee = _add(hip, _limb_direction(thigh_angle, leg.heading, sign), body.thigh)
    shank = _limb_direction(thigh_angle - leg.knee, leg.heading, sign)
    ankle = _add(knee, shank, body.shank)
    # The foot works in the sagittal plane whatever the leg's heading (feet point forward):
    # its angle follows the shin's forward tilt, plus the ankle's own bend.
    shin_tilt = math.degrees(math.atan2(shank[0], -shank[1]))
    foot = math.radians(shin_tilt + 90.0 + leg.ankle)
    along = (math.sin(foot), -math.cos(foot), 0.0)
    sole = (-math.cos(foot), -math.sin(foot), 0.0)  # from the ankle down to the sole
    heel = _add(_add(ankle, along, -body.heel), sole, body.ankle_height)
    ball = _add(_add(ankle, along, body.ball), sole, body.ankle_height)
    toes = foot + math.radians(leg.toes)
    toe = _add(ball, (math.sin(toes), -math.cos(toes), 0.0), body.toe)
    named = {"hip": hip, "knee": knee, "ankle": ankle, "heel": heel, "ball": ball, "toe": toe}
    return {f"{side}_{name}": point for name, point in named.items()}


def _arm(
    side: Side, sign: float, shoulder: Vec3, arm: Arm, trunk: float, body: Body
) -> dict[str, Vec3]:
    upper = arm.shoulder - trunk
    elbow = _add(shoulder, _limb_direction(upper, arm.heading, sign), body.upper_arm)
    hand = _add(elbow, _limb_direction(upper + arm.elbow, arm.heading, sign), body.forearm)
    named = {"shoulder": shoulder, "elbow": elbow, "hand": hand}
    return {f"{side}_{name}": point for name, point in named.items()}


def _limb_direction(angle: float, heading: float, sign: float) -> Vec3:
    """Unit vector ``angle`` degrees from straight down, in a plane turned out by ``heading``.

    Angle 90 points forward (heading 0) or straight out to the limb's own side (heading 90).
    """
    a, h = math.radians(angle), math.radians(heading)
    return (math.cos(h) * math.sin(a), -math.cos(a), sign * math.sin(h) * math.sin(a))


def _add(p: Vec3, direction: Vec3, length: float) -> Vec3:
    return (
        p[0] + direction[0] * length,
        p[1] + direction[1] * length,
        p[2] + direction[2] * length,
    )
