"""Rest between sets, by what kind of work an exercise is (COACHING.md).

About 60-90 s for strength exercises at 8-12 reps, 1-2 min between sets of jumps so every
jump is of quality (ACSM 2009: 1-2 min for moderate loads; plyometric practice uses
work:rest of about 1:5 to 1:10). No rest between the two sides of a set.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

from content.model import Level, Rung, Unit


@dataclass(frozen=True, slots=True)
class Rest:
    """A rest range in seconds, and what the rest timer counts down (``timer``)."""

    low: int
    high: int
    timer: int


STRENGTH: Final = Rest(60, 90, 75)
JUMPS: Final = Rest(60, 120, 90)
# Beginners work at body weight and lighter loads: the short end of the range is enough,
# and it keeps their session near 25 minutes.
BEGINNER_STRENGTH: Final = Rest(60, 90, 60)
BEGINNER_JUMPS: Final = Rest(60, 120, 60)


def rest_for(rung: Rung, level: Level | None = None) -> Rest:
    """The rest between sets of this rung (for a runner of ``level``)."""
    jumps = rung.unit is Unit.CONTACTS
    if level is Level.BEGINNER:
        return BEGINNER_JUMPS if jumps else BEGINNER_STRENGTH
    return JUMPS if jumps else STRENGTH
