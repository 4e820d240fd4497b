"""The start gate (content.starts): race day, the taper's one light session, the recovery's
easy one, and the spacing rule the runner may waive; a gentle replacement needs no waiver."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from content.races import Race, RaceDistance
from content.starts import Hold, gate

BERLIN = "Europe/Berlin"
NOW = datetime(2027, 4, 14, 17, 0, tzinfo=UTC)  # Wednesday 19:00 in Berlin (summer time)
MARATHON = Race(date(2027, 4, 25), RaceDistance.MARATHON)  # taper from Sunday 11 April
FIVE_K = Race(date(2027, 4, 12), RaceDistance.FIVE_K)  # recovery 13-14 April
PAST = Race(date(2027, 3, 1))
LONG_AGO = NOW - timedelta(days=5)
IN_TAPER = datetime(2027, 4, 12, 6, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("race", "last", "options", "hold", "light"),
    [
        (None, None, {}, None, False),
        (None, LONG_AGO, {}, None, False),
        # race day: nothing, whatever is asked
        (Race(date(2027, 4, 14)), LONG_AGO, {"light": True}, Hold.RACE_DAY, False),
        # the taper: the light one is offered, then it starts light
        (MARATHON, LONG_AGO, {}, Hold.TAPER, False),
        (MARATHON, LONG_AGO, {"light": True}, None, True),
        # ... once: a session in the taper used it up
        (MARATHON, IN_TAPER, {"light": True}, Hold.TAPER_DONE, False),
        # the recovery: an easy one on offer
        (FIVE_K, LONG_AGO, {}, Hold.RECOVERY, False),
        (FIVE_K, LONG_AGO, {"light": True}, None, True),
        # a race long past changes nothing
        (PAST, LONG_AGO, {}, None, False),
        # spacing: the runner may insist
        (None, NOW - timedelta(hours=2), {}, Hold.SAME_DAY, False),
        (None, NOW - timedelta(hours=2), {"confirmed": True}, None, False),
        (None, NOW - timedelta(hours=22), {}, Hold.NEXT_DAY, False),
        (None, NOW - timedelta(hours=44), {}, None, False),
        # a gentle session replacing one a pain report ended: no confirmation
        (None, NOW - timedelta(minutes=5), {"replacing": True}, None, False),
        # the taper's light one, a day after the last: confirm the spacing, still light
        (MARATHON, None, {"light": True}, None, True),
    ],
)
def test_the_gate(
    race: Race | None,
    last: datetime | None,
    options: dict[str, bool],
    hold: Hold | None,
    light: bool,
) -> None:
    decided = gate(race=race, last_end=last, now=NOW, zone=BERLIN, **options)
    assert decided.hold is hold
    assert decided.light is light
    if hold is not None and hold.confirmable:
        assert decided.wait is not None


def test_two_days_on_but_under_forty_hours_waits_too() -> None:
    late_monday = datetime(2027, 4, 12, 21, 30, tzinfo=UTC)  # 23:30 in Berlin
    wednesday_morning = datetime(2027, 4, 14, 7, 0, tzinfo=UTC)  # 09:00: 33.5 h on
    decided = gate(race=None, last_end=late_monday, now=wednesday_morning, zone=BERLIN)
    assert decided.hold is Hold.UNDER_REST
    assert decided.wait is not None and decided.wait.hours_since == 33
    assert decided.wait.earliest == late_monday + timedelta(hours=40)


def test_which_holds_the_runner_may_waive_and_which_offer_the_light_session() -> None:
    assert {hold for hold in Hold if hold.confirmable} == {
        Hold.SAME_DAY,
        Hold.NEXT_DAY,
        Hold.UNDER_REST,
    }
    assert {hold for hold in Hold if hold.offers_light} == {Hold.TAPER, Hold.RECOVERY}
