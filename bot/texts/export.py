"""/export in words: the CSV columns and cells, the profile document, the captions.

The set file follows Strong's export where a column means the same (Date, Workout Name,
Duration, Exercise Name, Set Order, Weight, Weight Unit, Reps, Distance, Seconds, Notes,
Workout Notes, RPE), so workout apps and spreadsheets that read Strong's files read ours;
our own columns follow. Weight and Weight Unit are the load (empty until loads are logged);
Effort is ours (Easy / Just right / Hard is not an RPE, so RPE stays empty). Column names are
a file format, not prose: they stay in English whatever the runner's language.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from bot.flows.export import ExportedSet, ProfileExport
from bot.texts.progress import change_sentence
from content.ladder import ChangeReason
from content.library import Library
from content.model import Unit
from content.record import SessionKind
from storage.enums import SessionStatus
from storage.record import ChangeRow

HEADER: Final = (
    # Strong's columns
    "Date",
    "Workout Name",
    "Duration",
    "Exercise Name",
    "Set Order",
    "Weight",
    "Weight Unit",
    "Reps",
    "Distance",
    "Seconds",
    "Notes",
    "Workout Notes",
    "RPE",
    # ours
    "Session ID",
    "Session Kind",
    "Exercise ID",
    "Variation",
    "Variation ID",
    "Unit",
    "Per Side",
    "Effort",
    "Time Zone",
)

_WORKOUT = {
    SessionKind.NORMAL: "Leg session",
    SessionKind.LIGHT: "Light leg session",
    SessionKind.GENTLE: "Gentle leg session",
}


def _duration(minutes: int | None) -> str:
    """Strong's style: "25m", "1h 5m"."""
    if minutes is None:
        return ""
    hours, rest = divmod(minutes, 60)
    return f"{hours}h {rest}m" if hours else f"{rest}m"


def _number(value: float | None) -> str:
    return "" if value is None else f"{value:g}"


def csv_row(item: ExportedSet, zone: str) -> tuple[str, ...]:
    """One set as the cells of a row, in ``HEADER`` order."""
    seconds = item.unit is Unit.SECONDS
    note = item.variation + (" (each side)" if item.per_side else "")
    stopped = "Stopped early" if item.session_status is SessionStatus.STOPPED else ""
    return (
        item.when.strftime("%Y-%m-%d %H:%M:%S"),
        _WORKOUT[item.session_kind],
        _duration(item.session_minutes),
        item.exercise,
        str(item.set_number),
        _number(item.load),
        item.load_unit or "" if item.load is not None else "",
        "" if seconds else str(item.amount),
        "",
        str(item.amount) if seconds else "",
        note,
        stopped,
        "",
        str(item.session_id),
        str(item.session_kind),
        item.exercise_id,
        item.variation,
        item.rung_id,
        str(item.unit),
        "yes" if item.per_side else "no",
        item.effort or "",
        zone,
    )


def _iso(instant: datetime | None) -> str | None:
    return instant.isoformat() if instant is not None else None


def profile_document(profile: ProfileExport, library: Library) -> dict[str, Any]:
    """The second file: the profile, where each ladder stands, and every change (JSON)."""
    runner = profile.runner
    return {
        "format": "legcoach-profile/1",
        "profile": {
            "first_name": runner.first_name,
            "language": runner.language,
            "level": runner.level,
            "equipment": sorted(str(item) for item in runner.equipment),
            "running_days": list(runner.running_days),
            "hard_days": list(runner.hard_days),
            "weekdays": "0 is Monday, 6 is Sunday",
            "reminder_time": runner.reminder_time.isoformat() if runner.reminder_time else None,
            "time_zone": profile.zone,
            "paused": runner.paused,
            "paused_until": runner.paused_until.isoformat() if runner.paused_until else None,
            "race_date": runner.race_date.isoformat() if runner.race_date else None,
            "race_distance": runner.race_distance,
            "sore_areas": [
                {
                    "area": item.area,
                    "since": item.since.isoformat(),
                    "last_answer": item.answer,
                    "answered_at": _iso(item.answered_at),
                }
                for item in profile.sore
            ],
            "last_session_at": _iso(runner.last_session_at),
            "sessions": profile.sessions,
            "sets_logged": profile.sets,
        },
        "progressions": [
            {
                "exercise_id": item.exercise_id,
                "exercise": item.exercise,
                "variation_id": item.rung_id,
                "variation": item.variation,
                "rung": item.rung_number,
                "rungs": item.rungs,
                "target_reps": item.reps,
                "sessions_at_top_of_range": item.top_streak,
                "sessions_all_sets_on_target": item.clean_streak,
            }
            for item in profile.standings
        ],
        "changes": [_change(change, library) for change in profile.changes],
    }


def _change(row: ChangeRow, library: Library) -> dict[str, Any]:
    """One change, with its reason code and the sentence the runner was shown (rows older
    than the codes keep the sentence they were stored with)."""
    coded = row.reason in set(ChangeReason)
    why = row.reason if not coded and row.reason else None
    if row.change is not None and row.exercise_id in library.ids:
        why = change_sentence(library.get(row.exercise_id), row.change)
    return {
        "at": _iso(row.at),
        "exercise_id": row.exercise_id,
        "kind": row.kind,
        "from_variation_id": row.from_rung,
        "to_variation_id": row.to_rung,
        "from_reps": row.from_reps,
        "to_reps": row.to_reps,
        "reason": row.reason if coded else None,
        "why": why,
        "session_id": row.session_id,
    }


def sets_caption(sets: int, sessions: int, part: int, parts: int) -> str:
    head = f"Every set you logged: {sets} sets in {sessions} sessions."
    if parts > 1:
        head = f"Every set you logged, part {part} of {parts} ({sets} sets here)."
    return (
        f"{head} Opens in any spreadsheet; the columns follow Strong's export, so workout "
        "apps that import Strong files can read it."
    )


def profile_caption() -> str:
    return "Your profile, where you stand on each exercise, and every change to your plan."


def nothing_logged() -> str:
    return "You haven't logged a set yet, so there is no workout file. Here is your profile."


def filename_sets(today: str, part: int, parts: int) -> str:
    suffix = f"-part{part}of{parts}" if parts > 1 else ""
    return f"legcoach-sets-{today}{suffix}.csv"


def filename_profile(today: str) -> str:
    return f"legcoach-profile-{today}.json"
