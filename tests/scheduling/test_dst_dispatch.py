"""A week of real dispatch ticks across both DST changes in five zones: each leg day's
reminder goes out once, at the runner's wall-clock time (an hour later in the spring gap)."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from content.model import Level
from content.reminders import ReminderStatus
from tests.harness import BotHarness
from tests.scheduling.conftest import VirtualTime, dispatcher, reminders_of, stored_runner
from tests.scheduling.test_rules import DST_CHANGES

TICK = timedelta(hours=1)


@pytest.mark.parametrize(("zone", "sunday", "at", "expected_utc", "wall"), DST_CHANGES)
async def test_a_week_of_reminders_across_a_dst_change(
    bot: BotHarness,
    vtime: VirtualTime,
    zone: str,
    sunday: date,
    at: time,
    expected_utc: datetime,
    wall: str,
) -> None:
    tz = ZoneInfo(zone)
    start = datetime.combine(sunday - timedelta(days=6), time(12, 0), tzinfo=tz)  # Monday
    bot.clock.set(start)
    # leg days Tuesday, Thursday and Sunday (the long run is on Saturday)
    runner = await stored_runner(
        bot,
        level=Level.ADVANCED,
        running_days=[5],
        hard_days=[5],
        reminder_time=at,
        time_zone=zone,
    )
    dispatch = dispatcher(bot, vtime)
    # tick hourly for 8 days, 5 minutes after the UTC minute reminders fall on in this zone
    now = bot.clock.now().replace(minute=(expected_utc.minute + 5) % 60, second=0)
    end = start + timedelta(days=8)
    while now < end:
        now += TICK
        bot.clock.set(now)
        await dispatch.tick(now)

    sent = [r for r in await reminders_of(bot, runner.id) if r.status == ReminderStatus.SENT]
    expected_dates = [sunday + timedelta(days=n) for n in (-5, -3, 0, 2)]
    assert [r.local_date for r in sent] == expected_dates
    walls = {r.local_date: r.due_at.astimezone(tz).strftime("%H:%M") for r in sent}
    assert walls == {day: wall if day == sunday else f"{at:%H:%M}" for day in expected_dates}
    (on_sunday,) = [r for r in sent if r.local_date == sunday]
    assert on_sunday.due_at == expected_utc.replace(tzinfo=UTC)
    for r in sent:
        assert r.sent_at is not None and timedelta(0) <= r.sent_at - r.due_at <= TICK
    texts = bot.api.texts(runner.chat_id)
    assert len(texts) == 4
    assert all(text.startswith("Leg day") and "late" not in text for text in texts)
    assert len(bot.api.calls_to("sendMessage")) == 4
    # and the following Thursday is already planned
    (waiting,) = [
        r for r in await reminders_of(bot, runner.id) if r.status == ReminderStatus.PENDING
    ]
    assert waiting.local_date == sunday + timedelta(days=4)
