"""A goal race: its distance, its taper, its recovery, and the comeback after it.

COACHING.md ("Races"): hard leg work stops 10 days before a race (14 before a marathon), with
at most one light session in that window. After the race, no jumps and no hard leg work for
2 days after a 5k, 3 after a 10k, 5 after a half and 7 after a marathon (soreness peaks
24-72 h after a marathon and running capacity is back within about a week, Takayama 2017);
then the first session comes back one rung lower on every exercise. The taper and the
recovery are not a "break": they never also trigger the two-weeks-off rule, so the comeback
is one rung lower, not two.

Pure functions of the race date, its distance and local dates; the bot words each code.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Final

from content.progression import BREAK_DAYS


class RaceDistance(StrEnum):
    FIVE_K = "5k"
    TEN_K = "10k"
    HALF = "half"
    MARATHON = "marathon"


DEFAULT_DISTANCE: Final = RaceDistance.HALF
TAPER_DAYS: Final[dict[RaceDistance, int]] = {
    RaceDistance.FIVE_K: 10,
    RaceDistance.TEN_K: 10,
    RaceDistance.HALF: 10,
    RaceDistance.MARATHON: 14,
}
RECOVERY_DAYS: Final[dict[RaceDistance, int]] = {
    RaceDistance.FIVE_K: 2,
    RaceDistance.TEN_K: 3,
    RaceDistance.HALF: 5,
    RaceDistance.MARATHON: 7,
}
LONGEST_TAPER: Final = max(TAPER_DAYS.values())

# What runners type after the date: "5k", "5 km", "half marathon", "HM", "42.2k", "full".
_WORDS: Final[dict[RaceDistance, tuple[str, ...]]] = {
    RaceDistance.FIVE_K: ("5k", "5 k", "5km", "5 km", "5000", "5000m", "parkrun"),
    RaceDistance.TEN_K: ("10k", "10 k", "10km", "10 km", "10000", "10000m"),
    RaceDistance.HALF: (
        "half",
        "half marathon",
        "halfmarathon",
        "hm",
        "21k",
        "21 k",
        "21km",
        "21.1k",
        "21.1 km",
        "halbmarathon",
        "semi",
        "semi marathon",
        "semi-marathon",
        "medio maratón",
        "media maratón",
        "media maraton",
    ),
    RaceDistance.MARATHON: (
        "marathon",
        "full",
        "full marathon",
        "42k",
        "42 k",
        "42km",
        "42.2k",
        "42.2 km",
        "maratón",
        "maraton",
    ),
}


def read_distance(text: str) -> RaceDistance | None:
    """The race distance a runner typed, or None when the words are not one."""
    words = " ".join(text.lower().split())
    for distance, spellings in _WORDS.items():
        if words in spellings:
            return distance
    return None


def split_distance(text: str) -> tuple[str, RaceDistance | None]:
    """``/race 2027-04-18 marathon``: the date text and the distance (None: not given).
    The distance is the last word or two when they name one; otherwise the whole text is
    the date."""
    words = " ".join(text.split())
    for size in (2, 1):
        parts = words.rsplit(" ", size)
        if len(parts) == size + 1:
            distance = read_distance(" ".join(parts[1:]))
            if distance is not None:
                return parts[0], distance
    return words, None


@dataclass(frozen=True, slots=True)
class Race:
    """A goal race: its local date and distance."""

    day: date
    distance: RaceDistance = DEFAULT_DISTANCE

    @property
    def taper_days(self) -> int:
        return TAPER_DAYS[self.distance]

    @property
    def recovery_days(self) -> int:
        return RECOVERY_DAYS[self.distance]

    @property
    def taper_start(self) -> date:
        """The first day of the taper (only light leg work from here to the race)."""
        return self.day - timedelta(days=self.taper_days)

    @property
    def recovery_end(self) -> date:
        """The last recovery day after the race."""
        return self.day + timedelta(days=self.recovery_days)

    def in_taper(self, day: date) -> bool:
        """From the taper's first day through race day."""
        return self.taper_start <= day <= self.day

    def in_recovery(self, day: date) -> bool:
        return self.day < day <= self.recovery_end


class RacePhase(StrEnum):
    """Where a runner stands relative to their goal race on a local date."""

    AHEAD = "ahead"  # before the taper: the usual plan
    TAPER = "taper"  # one light session at most
    RACE_DAY = "race_day"  # no leg work
    RECOVERY = "recovery"  # no jumps, no hard leg work
    AFTER = "after"  # back to the plan (the first session one rung lower)


def phase(race: Race | None, day: date) -> RacePhase | None:
    """The race phase of a local date (None: no race set)."""
    if race is None:
        return None
    if day == race.day:
        return RacePhase.RACE_DAY
    if race.in_taper(day):
        return RacePhase.TAPER
    if race.in_recovery(day):
        return RacePhase.RECOVERY
    return RacePhase.AHEAD if day < race.day else RacePhase.AFTER


def light_done(race: Race, last_session: date | None) -> bool:
    """Whether the taper's one light session is done: a session since the taper began."""
    return last_session is not None and race.taper_start <= last_session <= race.day


class ComebackKind(StrEnum):
    """Why a session starts one rung lower on every exercise."""

    RACE = "race"  # the first session after the race's recovery days
    BREAK = "break"  # two weeks or more without a session (the taper and recovery not counted)


@dataclass(frozen=True, slots=True)
class Comeback:
    kind: ComebackKind
    days_off: int  # days since the last session, all of them (what the runner is told)


def days_off(
    last_session: date, today: date, race: Race | None = None, elapsed: int | None = None
) -> int:
    """Days since the last session (``elapsed`` when the caller counted them), less the
    race's taper, race day and recovery days in between: those were rest by the plan, not a
    break."""
    days = (today - last_session).days if elapsed is None else elapsed
    if race is None:
        return days
    first = max(race.taper_start, last_session + timedelta(days=1))
    last = min(race.recovery_end, today - timedelta(days=1))
    planned_rest = (last - first).days + 1
    return days - max(0, planned_rest)


def comeback(
    last_session: date | None, today: date, race: Race | None, elapsed: int | None = None
) -> Comeback | None:
    """Whether today's session starts one rung lower, and why (one rung at most).

    The first session after a race's recovery days (the last one was before they ended) is
    the race comeback; otherwise two weeks or more off, the race's planned rest not
    counted, is a break. A runner with no session yet has nothing to come back to.
    ``elapsed`` is the days since the last session as the caller counts them (whole days
    from its end), the local dates' difference when not given.
    """
    if last_session is None:
        return None
    total = (today - last_session).days if elapsed is None else elapsed
    if race is not None and today > race.recovery_end and last_session <= race.recovery_end:
        return Comeback(ComebackKind.RACE, total)
    if days_off(last_session, today, race, total) >= BREAK_DAYS:
        return Comeback(ComebackKind.BREAK, total)
    return None
