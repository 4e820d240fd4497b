"""The drawing vocabulary: a few plain shapes in body heights, each with an ink role.

Scenes are built from these by ``content.figures.scene`` and painted by ``bot.pictures``; the
painter maps each ``Ink`` to a colour and body heights to pixels, so the style (one set of
colours and line weights for every picture) lives in one place and the geometry stays pure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from enum import StrEnum

from content.figures.body import Point


class Ink(StrEnum):
    """What a shape is, which decides its colour."""

    BODY = "body"  # trunk, head and the limbs nearest the viewer
    FAR = "far"  # limbs on the far side in a side view, drawn lighter
    BAND = "band"
    METAL = "metal"  # dumbbells
    FURNITURE = "furniture"
    FLOOR = "floor"
    ARROW = "arrow"


@dataclass(frozen=True, slots=True)
class Capsule:
    """A limb: two discs joined by their tangents (radius ``ra`` at ``a``, ``rb`` at ``b``)."""

    a: Point
    b: Point
    ra: float
    rb: float
    ink: Ink


@dataclass(frozen=True, slots=True)
class Disc:
    centre: Point
    radius: float
    ink: Ink


@dataclass(frozen=True, slots=True)
class Polygon:
    """A filled polygon, corners in order."""

    points: tuple[Point, ...]
    ink: Ink


@dataclass(frozen=True, slots=True)
class Stroke:
    """A line of ``width`` through ``points`` with round joins and ends; ``closed`` loops."""

    points: tuple[Point, ...]
    width: float
    ink: Ink
    closed: bool = False


Shape = Capsule | Disc | Polygon | Stroke


@dataclass(frozen=True, slots=True)
class Layer:
    """Shapes painted together; with ``halo`` a rim of background is painted round them first.

    The halo is what keeps a near limb readable where it crosses the trunk or the other leg,
    as in sports pictograms, without outlines round every shape.
    """

    shapes: tuple[Shape, ...]
    halo: bool = True


def bounds(shapes: tuple[Shape, ...]) -> tuple[float, float, float, float]:
    """``(left, bottom, right, top)`` of everything the shapes cover."""
    xs: list[float] = []
    ys: list[float] = []
    for shape in shapes:
        for (x, y), r in _extents(shape):
            xs += [x - r, x + r]
            ys += [y - r, y + r]
    return min(xs), min(ys), max(xs), max(ys)


def _extents(shape: Shape) -> list[tuple[Point, float]]:
    if isinstance(shape, Capsule):
        return [(shape.a, shape.ra), (shape.b, shape.rb)]
    if isinstance(shape, Disc):
        return [(shape.centre, shape.radius)]
    if isinstance(shape, Polygon):
        return [(p, 0.0) for p in shape.points]
    return [(p, shape.width / 2) for p in shape.points]


def moved(shape: Shape, dx: float, dy: float) -> Shape:
    """The same shape shifted by ``(dx, dy)``."""

    def m(p: Point) -> Point:
        return (p[0] + dx, p[1] + dy)

    if isinstance(shape, Capsule):
        return Capsule(m(shape.a), m(shape.b), shape.ra, shape.rb, shape.ink)
    if isinstance(shape, Disc):
        return Disc(m(shape.centre), shape.radius, shape.ink)
    if isinstance(shape, Polygon):
        return Polygon(tuple(m(p) for p in shape.points), shape.ink)
    return Stroke(tuple(m(p) for p in shape.points), shape.width, shape.ink, shape.closed)


def convex_hull(points: list[Point]) -> tuple[Point, ...]:
    """The convex hull, counter-clockwise (Andrew's monotone chain); used for band loops."""
    unique = sorted(set(points))
    if len(unique) <= 2:
        return tuple(unique)

    def cross(o: Point, a: Point, b: Point) -> float:
        return (a[0] - o[0]) * (b[1] - o[1]) - (a[1] - o[1]) * (b[0] - o[0])

    lower: list[Point] = []
    for p in unique:
        while len(lower) >= 2 and cross(lower[-2], lower[-1], p) <= 0:
            lower.pop()
        lower.append(p)
    upper: list[Point] = []
    for p in reversed(unique):
        while len(upper) >= 2 and cross(upper[-2], upper[-1], p) <= 0:
            upper.pop()
        upper.append(p)
    return tuple(lower[:-1] + upper[:-1])


def unit(dx: float, dy: float) -> Point:
    """``(dx, dy)`` scaled to length 1 (a zero vector stays zero)."""
    length = math.hypot(dx, dy)
    return (dx / length, dy / length) if length else (0.0, 0.0)
