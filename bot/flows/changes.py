"""What a /settings visit changed, so the plan card can say it ("Reminder time: 07:00 →
06:30") instead of leaving the runner to spot the difference.

The settings as they were are kept in the pending question's draft from the moment the
question opens (running days are stored tick by tick, so the profile itself no longer knows
them by the time Done is pressed). The leg days are the rules' answer to the settings, so a
change of days or level that moves them is shown too.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import time
from enum import StrEnum
from typing import Any

from bot.flows.plan import leg_day_plan
from content.model import Equipment, Level
from storage.runners import RunnerProfile


class Setting(StrEnum):
    """A line of the plan card a change can show on; the order is the card's."""

    LEVEL = "level"
    EQUIPMENT = "equipment"
    RUNNING_DAYS = "running_days"
    HARD_DAYS = "hard_days"
    LEG_DAYS = "leg_days"
    REMINDER_TIME = "reminder_time"
    TIME_ZONE = "time_zone"


@dataclass(frozen=True, slots=True)
class Snapshot:
    """The settings at one moment, and the leg days they give."""

    level: Level | None
    equipment: frozenset[Equipment]
    running_days: tuple[int, ...]
    hard_days: tuple[int, ...]
    leg_days: tuple[int, ...]
    reminder_time: time | None
    time_zone: str | None


@dataclass(frozen=True, slots=True)
class Changes:
    """Before and after one /settings visit; ``settings`` are the lines that differ."""

    before: Snapshot
    after: Snapshot

    @property
    def settings(self) -> tuple[Setting, ...]:
        return tuple(
            setting
            for setting in Setting
            if getattr(self.before, setting.value) != getattr(self.after, setting.value)
        )


def snapshot(runner: RunnerProfile) -> Snapshot:
    return Snapshot(
        level=runner.level,
        equipment=runner.equipment,
        running_days=runner.running_days,
        hard_days=runner.hard_days,
        leg_days=leg_day_plan(runner).days if runner.running_days else (),
        reminder_time=runner.reminder_time,
        time_zone=runner.time_zone,
    )


def to_draft(runner: RunnerProfile) -> dict[str, Any]:
    """The settings as JSON for the question's draft, before anything is changed."""
    before = snapshot(runner)
    return {
        "level": before.level.value if before.level else None,
        "equipment": sorted(item.value for item in before.equipment),
        "running_days": list(before.running_days),
        "hard_days": list(before.hard_days),
        "leg_days": list(before.leg_days),
        "reminder_time": before.reminder_time.strftime("%H:%M") if before.reminder_time else None,
        "time_zone": before.time_zone,
    }


def from_draft(draft: dict[str, Any]) -> Snapshot | None:
    """The settings kept by ``to_draft``; None if the draft holds none (an older draft)."""
    stored = draft.get("before")
    if not isinstance(stored, dict) or set(stored) != {field.name for field in fields(Snapshot)}:
        return None
    try:
        level, clock = stored["level"], stored["reminder_time"]
        return Snapshot(
            level=Level(level) if level else None,
            equipment=frozenset(Equipment(item) for item in stored["equipment"]),
            running_days=tuple(int(day) for day in stored["running_days"]),
            hard_days=tuple(int(day) for day in stored["hard_days"]),
            leg_days=tuple(int(day) for day in stored["leg_days"]),
            reminder_time=time.fromisoformat(clock) if clock else None,
            time_zone=stored["time_zone"],
        )
    except (TypeError, ValueError):
        return None


def changes(draft: dict[str, Any], runner: RunnerProfile) -> Changes | None:
    """What changed since the question opened; None when the draft kept no settings."""
    before = from_draft(draft)
    return None if before is None else Changes(before, snapshot(runner))
