"""Whether a leg session may start now, and what kind: the one gate every start goes through.

The rules come from ``content.races`` (race day: none; the taper: its one light session at
most; the recovery days: an easy session at most, no jumps) and ``content.spacing`` (not
twice a day, not on consecutive days, 40 hours between sessions, unless the runner
confirms). A gentle session that replaces one a pain report ended needs no confirmation: it
is the same session, made safe. Returns a ``Hold`` code (bot/texts explains each, and
bot/keyboards offers what the rule still allows) or the kind of session to plan.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum

from content.races import Race, RacePhase, light_done, phase
from content.spacing import TooSoon, Wait, local_day, too_soon


class Hold(StrEnum):
    """Why a session does not start at once."""

    RACE_DAY = "race_day"  # no leg work on race day
    TAPER = "taper"  # only the light session now: offered
    TAPER_DONE = "taper_done"  # the taper's light session is done: nothing until the race
    RECOVERY = "recovery"  # after the race: an easy session at most, offered
    SAME_DAY = "same_day"  # a session today already: confirm
    NEXT_DAY = "next_day"  # yesterday's session: confirm
    UNDER_REST = "under_rest"  # under 40 hours since the last one: confirm
    ALL_SPARED = "all_spared"  # every exercise loads a sore area: rest

    @property
    def confirmable(self) -> bool:
        """The runner may insist (spacing); the race rules and sore areas are not waived."""
        return self in (Hold.SAME_DAY, Hold.NEXT_DAY, Hold.UNDER_REST)

    @property
    def offers_light(self) -> bool:
        return self in (Hold.TAPER, Hold.RECOVERY)


_WAITS = {
    TooSoon.SAME_DAY: Hold.SAME_DAY,
    TooSoon.NEXT_DAY: Hold.NEXT_DAY,
    TooSoon.UNDER_REST: Hold.UNDER_REST,
}


@dataclass(frozen=True, slots=True)
class Gate:
    """The gate's answer: a hold (with the spacing wait or the race behind it), or a
    session to start, light in the taper and the recovery days."""

    hold: Hold | None
    light: bool = False
    wait: Wait | None = None
    race: Race | None = None


def gate(
    *,
    race: Race | None,
    last_end: datetime | None,
    now: datetime,
    zone: str,
    light: bool = False,
    confirmed: bool = False,
    replacing: bool = False,
) -> Gate:
    """Whether a session may start now.

    ``light``: the runner chose the light (or easy) session, or a leg-day reminder of the
    taper started it; ``confirmed``: they insisted after a spacing hold; ``replacing``: a
    gentle session in place of one a pain report ended (spacing does not apply: it is the
    same session).
    """
    today = local_day(now, zone)
    last_day: date | None = local_day(last_end, zone) if last_end is not None else None
    stage = phase(race, today)
    in_window = stage in (RacePhase.TAPER, RacePhase.RECOVERY)
    if stage is RacePhase.RACE_DAY:
        return Gate(Hold.RACE_DAY, race=race)
    if stage is RacePhase.TAPER and race is not None and not replacing:
        if light_done(race, last_day):
            return Gate(Hold.TAPER_DONE, race=race)
        if not light:
            return Gate(Hold.TAPER, race=race)
    if stage is RacePhase.RECOVERY and not light and not replacing:
        return Gate(Hold.RECOVERY, race=race)
    if not confirmed and not replacing:
        wait = too_soon(last_end, now, zone)
        if wait is not None:
            return Gate(_WAITS[wait.reason], light=in_window, wait=wait, race=race)
    return Gate(None, light=in_window, race=race)
