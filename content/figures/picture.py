"""What a picture shows: a movement (start and end pose, where it happens) plus the kit drawn.

A *movement* is the way the body moves: two poses, the furniture it uses (a wall, a step, a
bench), which points rest on what, and the arrow showing the way. Rungs that only add load
reuse their movement and draw their own props: a hip band round the thighs, a long band round
the ankles, dumbbells in the hands. Where dumbbells go differs by exercise (hanging at the
sides, at the shoulders, at the chest), so a movement that has dumbbell rungs says how they are
held and how the arms hold them.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from content.figures.body import View
from content.figures.pose import Arm, Pose


class Furniture(StrEnum):
    """Household things an exercise uses, drawn plainly behind the figure."""

    WALL = "wall"  # for balance: a hand rests on it
    STEP = "step"  # a stair: the heels drop below its edge
    BENCH = "bench"  # a chair, sofa or bench: a foot or the upper back rests on it


@dataclass(frozen=True, slots=True)
class Thing:
    """One piece of furniture standing on the floor between ``x0`` and ``x1``."""

    kind: Furniture
    x0: float
    x1: float
    height: float


@dataclass(frozen=True, slots=True)
class Contact:
    """A point of the body that rests on something: the floor (height 0) or furniture.

    Feet rest by their soles (the heel, ball and toe points are on the sole); any other point
    (pelvis, shoulders, a knee, a hand) rests by the surface of its drawn limb.
    """

    point: str
    height: float = 0.0


class Band(StrEnum):
    """Where an elastic band goes."""

    THIGHS = "thighs"  # a hip-circle band a few centimetres above the knees
    ANKLES = "ankles"  # a long band wrapped round both ankles


class Grip(StrEnum):
    """How the dumbbells of a movement are held."""

    PAIR_HANGING = "pair_hanging"  # one in each hand, arms long
    PAIR_SHOULDERS = "pair_shoulders"  # one resting on each shoulder
    ONE_AT_CHEST = "one_at_chest"  # one, upright, held against the chest in both hands
    ONE_HANGING = "one_hanging"  # one in the near (right) hand, the other hand free


@dataclass(frozen=True, slots=True)
class Dumbbells:
    """How a movement holds dumbbells: the grip, and the arms' angles at start and end."""

    grip: Grip
    start: tuple[Arm, Arm]  # (right arm, left arm)
    end: tuple[Arm, Arm]


@dataclass(frozen=True, slots=True)
class Arrow:
    """The direction of movement: the path ``point`` takes from start to end, moved aside.

    ``offset`` shifts the path off the body (in body heights); ``trim`` cuts that share of the
    path from each end so the arrow does not touch the figure in either panel. ``straight``
    draws the chord instead of the curve, for a movement that is simply up or down (a point
    pivoting about the ball of the foot traces a slight arc that reads as a turn).
    """

    point: str
    offset: tuple[float, float] = (0.0, 0.0)
    trim: float = 0.12
    straight: bool = False


@dataclass(frozen=True, slots=True)
class Movement:
    """The way the body moves in one or more rungs, as data to draw and to check."""

    id: str
    view: View
    start: Pose
    end: Pose
    start_contacts: tuple[Contact, ...]
    end_contacts: tuple[Contact, ...]
    arrow: Arrow
    things: tuple[Thing, ...] = ()
    dumbbells: Dumbbells | None = None


@dataclass(frozen=True, slots=True)
class Picture:
    """One picture to draw: a movement and the kit of a rung.

    ``id`` names what is drawn (``squat``, ``squat-hip_band``, ``split_squat-dumbbells``);
    rungs with the same movement and kit share a picture, so they share its file and upload.
    """

    id: str
    movement: Movement
    bands: tuple[Band, ...] = ()
    grip: Grip | None = None

    @property
    def view(self) -> View:
        return self.movement.view

    @property
    def start(self) -> Pose:
        """The start pose, arms holding the dumbbells when there are any."""
        hold = self.movement.dumbbells
        if self.grip is None or hold is None:
            return self.movement.start
        return self.movement.start.with_arms(*hold.start)

    @property
    def end(self) -> Pose:
        hold = self.movement.dumbbells
        if self.grip is None or hold is None:
            return self.movement.end
        return self.movement.end.with_arms(*hold.end)
