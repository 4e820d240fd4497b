"""A picture's panels as layers of shapes, placed in a fixed frame.

Every panel of every picture uses the same frame and the same scale (``FRAME``), so the
figure is the same size everywhere and start and end panels line up; only a horizontal shift
per picture centres its movement. Coordinates here are frame coordinates in body heights:
``(0, 0)`` is the panel's bottom-left corner and the floor is the line ``y = FRAME.floor``.

Painting order: far limbs, trunk, head, near limbs, kit, then furniture and the floor (which
never overlap the body, and so cover the halos where a foot or a hand touches them), then the
arrow.
"""

from __future__ import annotations

import functools
import itertools
import math
from dataclasses import dataclass

from content.figures.body import BODY, Point, Skeleton, View, pose_skeleton
from content.figures.motion import pose_at
from content.figures.picture import Arrow, Band, Furniture, Grip, Picture, Thing
from content.figures.pose import Pose, Side
from content.figures.shapes import (
    Capsule,
    Disc,
    Ink,
    Layer,
    Polygon,
    Shape,
    Stroke,
    bounds,
    convex_hull,
    moved,
    unit,
)


@dataclass(frozen=True, slots=True)
class Frame:
    """One panel, in body heights: its size, where the floor is, and the line weights."""

    width: float = 1.5
    height: float = 1.5
    floor: float = 0.12  # the floor line's height above the panel's bottom edge
    floor_weight: float = 0.014
    band_width: float = 0.017
    arrow_width: float = 0.024
    arrow_head: float = 0.065
    arrow_min: float = 0.2  # shorter paths (a calf raise) are lengthened to this
    halo: float = 0.016  # the background rim round a layer


FRAME = Frame()

# Dumbbell size, in body heights: handle length, plate radius, plate thickness.
_HANDLE = 0.11
_PLATE_RADIUS = 0.042
_PLATE = 0.03
# A hip-circle band sits a few centimetres above the knee; a long band just above the ankle.
_BAND_AT = {Band.THIGHS: ("hip", "knee", 0.74), Band.ANKLES: ("knee", "ankle", 0.86)}


@functools.cache
def shift(picture: Picture) -> float:
    """The horizontal shift that centres the picture's movement (both poses and the arrow).

    Cached: every frame of an animation needs it, and pictures are frozen values.
    """
    shapes = [*_arrow(picture, picture.movement.arrow, 0.0)]
    for pose in (picture.start, picture.end):
        shapes += body_shapes(picture, pose)
    left, _bottom, right, _top = bounds(tuple(shapes))
    return FRAME.width / 2 - (left + right) / 2


def panel(picture: Picture, pose: Pose, *, arrow: bool = False) -> tuple[Layer, ...]:
    """The layers of one panel showing ``pose``; the start panel carries the arrow."""
    return _layers(picture, pose, shift(picture), arrow)


def arrow_shapes(picture: Picture) -> tuple[Shape, ...]:
    """The arrow of the start panel, in frame coordinates."""
    return _arrow(picture, picture.movement.arrow, shift(picture))


def body_shapes(picture: Picture, pose: Pose) -> tuple[Shape, ...]:
    """The figure and its kit alone (no furniture, floor or arrow), in pose coordinates."""
    layers = _figure_layers(picture, pose_skeleton(pose, picture.view))
    return tuple(shape for layer in layers for shape in layer.shapes)


def _layers(picture: Picture, pose: Pose, dx: float, arrow: bool) -> tuple[Layer, ...]:
    skeleton = pose_skeleton(pose, picture.view)
    layers = [*_figure_layers(picture, skeleton)]
    layers.append(Layer(tuple(_thing(thing) for thing in picture.movement.things), halo=False))
    layers.append(Layer((_floor(dx),), halo=False))
    placed = [
        Layer(tuple(moved(s, dx, FRAME.floor) for s in layer.shapes), layer.halo)
        for layer in layers
    ]
    if arrow:
        placed.append(Layer(_arrow(picture, picture.movement.arrow, dx)))
    return tuple(placed)


def _figure_layers(picture: Picture, sk: Skeleton) -> list[Layer]:
    side_view = picture.view is View.SIDE
    weights = _dumbbells(picture.grip, sk)
    bands = tuple(_band(band, sk) for band in picture.bands)
    if side_view:
        far_arm, far_leg = _arm(sk, Side.LEFT, Ink.FAR), _leg(sk, Side.LEFT, Ink.FAR)
        near_leg, near_arm = _leg(sk, Side.RIGHT, Ink.BODY), _arm(sk, Side.RIGHT, Ink.BODY)
        return [
            Layer(far_arm + weights.get(Side.LEFT, ())),
            Layer(far_leg),
            Layer(_trunk(sk)),
            Layer((Disc(sk["head"], BODY.head, Ink.BODY),)),
            Layer(near_leg),
            Layer(near_arm + weights.get(Side.RIGHT, ())),
            Layer(bands),
        ]
    legs = _leg(sk, Side.RIGHT, Ink.BODY) + _leg(sk, Side.LEFT, Ink.BODY)
    arms = _arm(sk, Side.RIGHT, Ink.BODY) + _arm(sk, Side.LEFT, Ink.BODY)
    return [
        Layer(legs),
        Layer(bands),
        Layer(_trunk(sk)),
        Layer((Disc(sk["head"], BODY.head, Ink.BODY),)),
        Layer(weights.get(Side.RIGHT, ()) + weights.get(Side.LEFT, ())),
        Layer(arms),
    ]


def _trunk(sk: Skeleton) -> tuple[Shape, ...]:
    """A capsule from the side; from the front, the shoulders-to-hips block, corners rounded."""
    if sk.view is View.SIDE:
        r = BODY.trunk_radius
        return (Capsule(sk["pelvis"], sk["shoulders"], r, r, Ink.BODY),)
    corners = (sk["right_shoulder"], sk["left_shoulder"], sk["left_hip"], sk["right_hip"])
    return (
        Polygon(corners, Ink.BODY),
        Stroke(corners, 2 * BODY.trunk_radius * 0.8, Ink.BODY, closed=True),
    )


def _leg(sk: Skeleton, side: Side, ink: Ink) -> tuple[Shape, ...]:
    p = {name: sk[f"{side}_{name}"] for name in ("hip", "knee", "ankle", "heel", "ball", "toe")}
    limb: list[Shape] = [
        Capsule(p["hip"], p["knee"], *BODY.thigh_radius, ink),
        Capsule(p["knee"], p["ankle"], *BODY.shank_radius, ink),
    ]
    if sk.view is View.FRONT:
        # Seen from the front a foot is a short bar across, resting on its sole.
        sole = min(p["heel"][1], p["ball"][1])
        half = BODY.foot_width / 2
        x = p["ankle"][0]
        r = BODY.heel_radius
        limb.append(Capsule((x - half, sole + r), (x + half, sole + r), r, r, ink))
        limb.append(Capsule(p["ankle"], (x, sole + r), BODY.shank_radius[1], r, ink))
        return tuple(limb)
    heel, ball, toe = (sk.foot_disc(side, part) for part in ("heel", "ball", "toe"))
    limb.append(Capsule(heel, ball, BODY.heel_radius, BODY.ball_radius, ink))
    limb.append(Capsule(ball, toe, BODY.ball_radius, BODY.toe_radius, ink))
    limb.append(Capsule(p["ankle"], heel, BODY.shank_radius[1], BODY.heel_radius, ink))
    return tuple(limb)


def _arm(sk: Skeleton, side: Side, ink: Ink) -> tuple[Shape, ...]:
    shoulder, elbow, hand = (sk[f"{side}_{n}"] for n in ("shoulder", "elbow", "hand"))
    return (
        Capsule(shoulder, elbow, *BODY.upper_arm_radius, ink),
        Capsule(elbow, hand, *BODY.forearm_radius, ink),
        Disc(hand, BODY.hand_radius, ink),
    )


def _dumbbells(grip: Grip | None, sk: Skeleton) -> dict[Side, tuple[Shape, ...]]:
    if grip is None:
        return {}
    if grip is Grip.ONE_AT_CHEST:
        r, left = sk["right_hand"], sk["left_hand"]
        centre = ((r[0] + left[0]) / 2, (r[1] + left[1]) / 2)
        return {Side.RIGHT: _dumbbell(centre, (0.0, 1.0))}
    sides = (Side.RIGHT,) if grip is Grip.ONE_HANGING else (Side.RIGHT, Side.LEFT)
    # Side view: handles point forward (a neutral grip), so the dumbbell shows its profile.
    axis = (1.0, 0.0) if sk.view is View.SIDE else (0.0, 1.0)
    return {side: _dumbbell(sk[f"{side}_hand"], axis) for side in sides}


def _dumbbell(centre: Point, axis: Point) -> tuple[Shape, ...]:
    ax, ay = axis
    px, py = -ay, ax
    shapes: list[Shape] = [
        Capsule(
            (centre[0] - ax * _HANDLE / 2, centre[1] - ay * _HANDLE / 2),
            (centre[0] + ax * _HANDLE / 2, centre[1] + ay * _HANDLE / 2),
            0.011,
            0.011,
            Ink.METAL,
        )
    ]
    reach = _PLATE_RADIUS - _PLATE / 2
    for end in (-1.0, 1.0):
        cx, cy = centre[0] + ax * end * _HANDLE / 2, centre[1] + ay * end * _HANDLE / 2
        shapes.append(
            Capsule(
                (cx - px * reach, cy - py * reach),
                (cx + px * reach, cy + py * reach),
                _PLATE / 2,
                _PLATE / 2,
                Ink.METAL,
            )
        )
    return tuple(shapes)


def _band(band: Band, sk: Skeleton) -> Shape:
    """A band loop round both legs: the hull of each leg's cross-section where it sits."""
    upper, lower, at = _BAND_AT[band]
    points: list[Point] = []
    for side in Side:
        a, b = sk[f"{side}_{upper}"], sk[f"{side}_{lower}"]
        centre = (a[0] + (b[0] - a[0]) * at, a[1] + (b[1] - a[1]) * at)
        dx, dy = unit(b[0] - a[0], b[1] - a[1])
        radii = BODY.thigh_radius if band is Band.THIGHS else BODY.shank_radius
        half = radii[0] + (radii[1] - radii[0]) * at + FRAME.band_width * 0.2
        points += [(centre[0] - dy * half, centre[1] + dx * half)]
        points += [(centre[0] + dy * half, centre[1] - dx * half)]
    return Stroke(convex_hull(points), FRAME.band_width, Ink.BAND, closed=True)


def _thing(thing: Thing) -> Shape:
    x0, x1, h = thing.x0, thing.x1, thing.height
    if thing.kind is Furniture.BENCH:
        # a seat on two legs, as a stroke so the corners are round like everything else
        top = h - 0.03
        return Stroke(
            ((x0 + 0.03, 0.0), (x0 + 0.03, top), (x1 - 0.03, top), (x1 - 0.03, 0.0)),
            0.06,
            Ink.FURNITURE,
        )
    if thing.kind is Furniture.WALL:
        h = FRAME.height  # a wall runs out of the top of the panel
    return Polygon(((x0, 0.0), (x1, 0.0), (x1, h), (x0, h)), Ink.FURNITURE)


def _floor(dx: float) -> Shape:
    w = FRAME.floor_weight
    return Polygon(
        ((-dx, -w), (FRAME.width - dx, -w), (FRAME.width - dx, 0.0), (-dx, 0.0)), Ink.FLOOR
    )


def _arrow(picture: Picture, arrow: Arrow, dx: float) -> tuple[Shape, ...]:
    """The path ``arrow.point`` travels from start to end, moved aside, with a head."""
    samples = 1 if arrow.straight else 24
    path: list[Point] = []
    for i in range(samples + 1):
        t = arrow.trim + (1 - 2 * arrow.trim) * i / samples
        sk = pose_skeleton(pose_at(picture, t), picture.view)
        x, y = sk[arrow.point]
        path.append((x + arrow.offset[0] + dx, y + arrow.offset[1] + FRAME.floor))
    path = _lengthen(path, FRAME.arrow_min)
    tip = path[-1]
    ux, uy = unit(tip[0] - path[-2][0], tip[1] - path[-2][1])
    size = FRAME.arrow_head
    base = (tip[0] - ux * size, tip[1] - uy * size)
    # stop the shaft inside the head so its round end does not poke out of the point
    shaft = [p for p in path if (p[0] - base[0]) * ux + (p[1] - base[1]) * uy < 0]
    shaft.append((base[0] + ux * size * 0.3, base[1] + uy * size * 0.3))
    head = (
        (tip[0] + ux * size * 0.15, tip[1] + uy * size * 0.15),
        (base[0] - uy * size * 0.6, base[1] + ux * size * 0.6),
        (base[0] + uy * size * 0.6, base[1] - ux * size * 0.6),
    )
    return (Stroke(tuple(shaft), FRAME.arrow_width, Ink.ARROW), Polygon(head, Ink.ARROW))


def _lengthen(path: list[Point], minimum: float) -> list[Point]:
    """Extend a short path at both ends, along its own direction, to ``minimum`` length."""
    segments = list(itertools.pairwise(path))
    length = sum(math.dist(a, b) for a, b in segments)
    moving = [(a, b) for a, b in segments if math.dist(a, b) > 1e-9]
    if not moving:
        raise ValueError("an arrow's point does not move between start and end")
    if length >= minimum:
        return path
    extra = (minimum - length) / 2
    (a0, b0), (a1, b1) = moving[0], moving[-1]
    u0, u1 = unit(b0[0] - a0[0], b0[1] - a0[1]), unit(b1[0] - a1[0], b1[1] - a1[1])
    first = (path[0][0] - u0[0] * extra, path[0][1] - u0[1] * extra)
    last = (path[-1][0] + u1[0] * extra, path[-1][1] + u1[1] * extra)
    return [first, *path, last]
