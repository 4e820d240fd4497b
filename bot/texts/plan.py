"""The plan card (after set-up, /start, /profile, /settings) and what a /settings visit
changed, shown above it."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from html import escape

from bot.flows.changes import Changes, Setting, Snapshot
from bot.flows.profile import PlanCard
from bot.i18n import N_, LazyText, _, day, day_with_year, ngettext, time_of_day
from bot.texts.common import when
from bot.texts.onboarding import LEVEL_LABELS, day_list, equipment_list, zone_label
from bot.texts.safety import sparing_line
from bot.texts.schedule import plan_note
from bot.texts.starts import DISTANCE_NAMES, respaced
from content.model import Equipment, Level
from content.races import Race, RaceDistance, RacePhase

SETTING_LABELS: dict[Setting, LazyText] = {
    Setting.LEVEL: N_("Level"),
    Setting.EQUIPMENT: N_("Equipment"),
    Setting.RUNNING_DAYS: N_("Running days"),
    Setting.HARD_DAYS: N_("Long/hard days"),
    Setting.LEG_DAYS: N_("Leg days"),
    Setting.REMINDER_TIME: N_("Reminder time"),
    Setting.TIME_ZONE: N_("Time zone"),
}


def race_note(
    race_day: date, days_to_race: int, distance: RaceDistance = RaceDistance.HALF
) -> str:
    """The goal race ahead, and what it means for leg work now."""
    race = Race(race_day, distance)
    if days_to_race == 0:
        return _("Goal race: today. No leg work today: good luck!")
    if days_to_race <= race.taper_days:
        text = ngettext(
            "Goal race: {day} ({distance}), in {n} day. Light leg work only until then.",
            "Goal race: {day} ({distance}), in {n} days. Light leg work only until then.",
            days_to_race,
        )
    else:
        text = ngettext(
            "Goal race: {day} ({distance}), in {n} day. No hard leg work in its last {taper} "
            "days.",
            "Goal race: {day} ({distance}), in {n} days. No hard leg work in its last {taper} "
            "days.",
            days_to_race,
        )
    return text.format(
        day=day_with_year(race_day),
        distance=DISTANCE_NAMES[distance],
        n=days_to_race,
        taper=race.taper_days,
    )


def recovery_note(race: Race) -> str:
    """After the race: the recovery days, and the comeback one rung lower."""
    return _(
        "Recovering from your {distance} until {day}: no jumps or hard leg work; the first "
        "session after starts one step easier."
    ).format(distance=DISTANCE_NAMES[race.distance], day=day(race.recovery_end))


def pause_note(paused_through: date | None) -> str:
    if paused_through is None:
        return _("Reminders paused until you /resume.")
    return _("Reminders paused through {day}: /resume brings them back sooner.").format(
        day=day(paused_through)
    )


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
    lines = [
        _("<b>Your plan, {name}</b>").format(name=escape(first_name))
        if first_name
        else _("<b>Your plan</b>"),
        _("Level: {level}").format(level=LEVEL_LABELS[level] if level else _("not set")),
        _("Equipment: {equipment}").format(equipment=escape(equipment_list(equipment))),
        _("Running days: {days} (long/hard: {hard})").format(
            days=day_list(running_days), hard=day_list(hard_days)
        )
        if hard_days
        else _("Running days: {days}").format(days=day_list(running_days)),
        _("Leg days: <b>{days}</b>").format(days=day_list(leg_days)),
    ]
    lines += [f"<i>{escape(note)}</i>" for note in notes]
    if reminder_time is not None and zone_label:
        lines.append(
            _("Reminder: {time}, {zone}").format(
                time=time_of_day(reminder_time), zone=escape(zone_label)
            )
        )
    if race_note:
        lines.append(escape(race_note))
    if paused_note:
        lines.append(escape(paused_note))
    if next_leg_day is not None:
        lines.append(_("Next leg day: <b>{when}</b>").format(when=when(next_leg_day)))
    else:
        lines.append(_("Next leg day: none planned"))
    return "\n".join(lines)


def setting_value(setting: Setting, settings: Snapshot) -> str:
    """One setting as the plan card words it."""
    if setting is Setting.LEVEL:
        return str(LEVEL_LABELS[settings.level]) if settings.level else _("not set")
    if setting is Setting.EQUIPMENT:
        return equipment_list(settings.equipment)
    if setting is Setting.RUNNING_DAYS:
        return day_list(settings.running_days)
    if setting is Setting.HARD_DAYS:
        return day_list(settings.hard_days)
    if setting is Setting.LEG_DAYS:
        return day_list(settings.leg_days)
    if setting is Setting.REMINDER_TIME:
        return time_of_day(settings.reminder_time) if settings.reminder_time else _("not set")
    return zone_label(settings.time_zone) if settings.time_zone else _("not set")


def saved(changes: Changes | None = None) -> str:
    """Above the plan card after /settings: "Saved." and each change, old → new."""
    if changes is None:
        return _("Saved.")
    if not changes.settings:
        return _("Saved. Nothing changed.")
    lines = [_("<b>Saved.</b>")]
    for setting in changes.settings:
        before = escape(setting_value(setting, changes.before))
        after = escape(setting_value(setting, changes.after))
        lines.append(
            _("{setting}: {before} → <b>{after}</b>").format(
                setting=SETTING_LABELS[setting], before=before, after=after
            )
        )
    return "\n".join(lines)


def settings_intro() -> str:
    return _("What would you like to change?")
