"""The plan card (after set-up, /start, /profile, /settings) and what a /settings visit
changed, shown above it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from html import escape

from bot.flows.changes import Changes, Setting, Snapshot
from bot.flows.profile import PlanCard
from bot.texts.common import when
from bot.texts.onboarding import LEVEL_LABELS, day_list, equipment_list
from bot.texts.safety import sparing_line
from bot.texts.schedule import plan_note
from bot.texts.starts import DISTANCE_NAMES, respaced
from content.model import Equipment, Level
from content.races import Race, RaceDistance, RacePhase
from content.zones import zone_label

SETTING_LABELS = {
    Setting.LEVEL: "Level",
    Setting.EQUIPMENT: "Equipment",
    Setting.RUNNING_DAYS: "Running days",
    Setting.HARD_DAYS: "Long/hard days",
    Setting.LEG_DAYS: "Leg days",
    Setting.REMINDER_TIME: "Reminder time",
    Setting.TIME_ZONE: "Time zone",
}


def _day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def race_note(
    race_day: date, days_to_race: int, distance: RaceDistance = RaceDistance.HALF
) -> str:
    """The goal race ahead, and what it means for leg work now."""
    race = Race(race_day, distance)
    if days_to_race == 0:
        return "Goal race: today. No leg work today: good luck!"
    when_ = f"{_day(race_day)} {race_day.year} ({DISTANCE_NAMES[distance]}), in {days_to_race} day"
    when_ += "" if days_to_race == 1 else "s"
    if days_to_race <= race.taper_days:
        return f"Goal race: {when_}. Light leg work only until then."
    return f"Goal race: {when_}. No hard leg work in its last {race.taper_days} days."


def recovery_note(race: Race) -> str:
    """After the race: the recovery days, and the comeback one rung lower."""
    return (
        f"Recovering from your {DISTANCE_NAMES[race.distance]} until "
        f"{_day(race.recovery_end)}: no jumps or hard leg work; the first session after "
        "starts one step easier."
    )


def pause_note(paused_through: date | None) -> str:
    if paused_through is None:
        return "Reminders paused until you /resume."
    return f"Reminders paused through {_day(paused_through)}: /resume brings them back sooner."


def plan_card(card: PlanCard) -> str:
    runner = card.runner
    race = None
    if card.race is not None and card.race_phase is RacePhase.RECOVERY:
        race = recovery_note(card.race)
    elif card.race_day is not None and card.days_to_race is not None:
        distance = card.race.distance if card.race is not None else RaceDistance.HALF
        race = race_note(card.race_day, card.days_to_race, distance)
    text = summary_card(
        first_name=runner.first_name,
        level=runner.level,
        equipment=runner.equipment,
        running_days=runner.running_days,
        hard_days=runner.hard_days,
        leg_days=card.plan.days,
        notes=[plan_note(note) for note in card.plan.notes],
        reminder_time=runner.reminder_time,
        zone_label=zone_label(runner.time_zone) if runner.time_zone else None,
        next_leg_day=card.next_leg_day,
        paused_note=pause_note(card.paused_through) if card.paused else None,
        race_note=race,
    )
    extra = [sparing_line(card.sore)]
    if card.respaced_from is not None:
        extra.append(respaced(card.respaced_from, card.next_leg_day))
    lines = [escape(line) for line in extra if line]
    return "\n".join([text, *lines]) if lines else text


def summary_card(
    *,
    first_name: str,
    level: Level | None,
    equipment: Iterable[Equipment],
    running_days: Sequence[int],
    hard_days: Sequence[int],
    leg_days: Sequence[int],
    notes: Sequence[str],
    reminder_time: time | None,
    zone_label: str | None,
    next_leg_day: datetime | None,
    paused_note: str | None = None,
    race_note: str | None = None,
) -> str:
    hard = f" (long/hard: {day_list(hard_days)})" if hard_days else ""
    lines = [
        f"<b>Your plan, {escape(first_name) or 'runner'}</b>",
        f"Level: {LEVEL_LABELS[level] if level else 'not set'}",
        f"Equipment: {escape(equipment_list(equipment))}",
        f"Running days: {day_list(running_days)}{hard}",
        f"Leg days: <b>{day_list(leg_days)}</b>",
    ]
    lines += [f"<i>{escape(note)}</i>" for note in notes]
    if reminder_time is not None and zone_label:
        lines.append(f"Reminder: {reminder_time:%H:%M}, {escape(zone_label)}")
    if race_note:
        lines.append(escape(race_note))
    if paused_note:
        lines.append(escape(paused_note))
    if next_leg_day is not None:
        lines.append(f"Next leg day: <b>{when(next_leg_day)}</b>")
    else:
        lines.append("Next leg day: none planned")
    return "\n".join(lines)


def setting_value(setting: Setting, settings: Snapshot) -> str:
    """One setting as the plan card words it."""
    if setting is Setting.LEVEL:
        return str(LEVEL_LABELS[settings.level]) if settings.level else "not set"
    if setting is Setting.EQUIPMENT:
        return equipment_list(settings.equipment)
    if setting is Setting.RUNNING_DAYS:
        return day_list(settings.running_days)
    if setting is Setting.HARD_DAYS:
        return day_list(settings.hard_days)
    if setting is Setting.LEG_DAYS:
        return day_list(settings.leg_days)
    if setting is Setting.REMINDER_TIME:
        return f"{settings.reminder_time:%H:%M}" if settings.reminder_time else "not set"
    return zone_label(settings.time_zone) if settings.time_zone else "not set"


def saved(changes: Changes | None = None) -> str:
    """Above the plan card after /settings: "Saved." and each change, old → new."""
    if changes is None:
        return "Saved."
    if not changes.settings:
        return "Saved. Nothing changed."
    lines = ["<b>Saved.</b>"]
    for setting in changes.settings:
        before = escape(setting_value(setting, changes.before))
        after = escape(setting_value(setting, changes.after))
        lines.append(f"{SETTING_LABELS[setting]}: {before} → <b>{after}</b>")
    return "\n".join(lines)


def settings_intro() -> str:
    return "What would you like to change?"
