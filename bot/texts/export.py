"""/export in words: the CSV columns and cells, the profile document, the captions.

The set file follows Strong's export where a column means the same (Date, Workout Name,
Duration, Exercise Name, Set Order, Weight, Weight Unit, Reps, Distance, Seconds, Notes,
Workout Notes, RPE), so workout apps and spreadsheets that read Strong's files read ours;
our own columns follow. Weight and Weight Unit are the load (empty until loads are logged);
Effort is ours (Easy / Just right / Hard is not an RPE, so RPE stays empty).

Which words follow the runner's language, and which stay as they are:

* In the runner's language: what a person reads. The workout name ("Beintraining"), the
  exercise and variation names (from the localized library), the notes ("each side",
  "stopped early"), the "why" of every change in the profile, the profile's note on
  weekdays, and the captions and the message around the documents.
* Unchanged whatever the language: what a program reads. The column names (Strong's and
  ours: importers find columns by these names), the profile's JSON keys, and the coded
  cells and values: dates and times in ISO 8601, Strong's duration ("1h 5m"), numbers with
  a dot, Session Kind, Exercise ID, Variation ID, Unit, Per Side (yes/no), Effort and the
  time zone's IANA name, and the file names. The ids are the stable key across languages:
  a runner who changes language gets other names but the same ids.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Final

from bot.flows.export import ExportedSet, ProfileExport
from bot.i18n import _, ngettext, npgettext, pgettext
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


def _workout(kind: SessionKind) -> str:
    """The Workout Name cell of the exported sets file."""
    if kind is SessionKind.LIGHT:
        return pgettext("export", "Light leg session")
    if kind is SessionKind.GENTLE:
        return pgettext("export", "Gentle leg session")
    return pgettext("export", "Leg session")


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
    # TRANSLATORS: the Notes cell of a set done on each side: the variation's name, then this.
    note = pgettext("export", "{variation} (each side)").format(variation=item.variation)
    if not item.per_side:
        note = item.variation
    # TRANSLATORS: the Workout Notes cell of a session the runner ended early.
    stopped = (
        pgettext("export", "Stopped early") if item.session_status is SessionStatus.STOPPED else ""
    )
    return (
        item.when.strftime("%Y-%m-%d %H:%M:%S"),
        _workout(item.session_kind),
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
            # TRANSLATORS: a note in the exported profile on how running_days are written.
            "weekdays": _("0 is Monday, 6 is Sunday"),
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
    if parts > 1:
        # LIMIT: 1024 (a document's caption)
        head = ngettext(
            "Every set you logged, part {part} of {parts} ({n} set here).",
            "Every set you logged, part {part} of {parts} ({n} sets here).",
            sets,
        ).format(part=part, parts=parts, n=sets)
    else:
        # TRANSLATORS: {sessions} is a count of its own: "in 1 session", "in 12 sessions".
        # LIMIT: 1024 (a document's caption)
        head = ngettext(
            "Every set you logged: {n} set in {sessions}.",
            "Every set you logged: {n} sets in {sessions}.",
            sets,
        ).format(n=sets, sessions=_sessions(sessions))
    # LIMIT: 1024 (a document's caption, after the sentence before it)
    tail = _(
        "Opens in any spreadsheet; the columns follow Strong's export, so workout apps that "
        "import Strong files can read it."
    )
    return f"{head} {tail}"


def _sessions(count: int) -> str:
    # TRANSLATORS: the end of "Every set you logged: 40 sets in 12 sessions."
    return npgettext("export", "{n} session", "{n} sessions", count).format(n=count)


def profile_caption() -> str:
    # LIMIT: 1024 (a document's caption)
    return _("Your profile, where you stand on each exercise, and every change to your plan.")


def nothing_logged() -> str:
    return _("You haven't logged a set yet, so there is no workout file. Here is your profile.")


def filename_sets(today: str, part: int, parts: int) -> str:
    """The file's name: a machine name, the same in every language."""
    suffix = f"-part{part}of{parts}" if parts > 1 else ""
    return f"legcoach-sets-{today}{suffix}.csv"


def filename_profile(today: str) -> str:
    return f"legcoach-profile-{today}.json"
