"""/history in words: a page of past sessions, each with what was done and what changed.

A page always fits one message: if the full page would pass Telegram's 4,096 characters
(long exercise names, many changes) it is drawn without the change sentences, and as a last
resort cut between lines with a note, never mid-tag.
"""

from __future__ import annotations

from html import escape

from bot.flows.history import ExerciseDone, HistoryPage, PastSession, RungSets
from bot.texts.common import when
from bot.texts.limits import TEXT_LIMIT, utf16_len
from bot.texts.progress import change_sentence
from content.model import Unit
from content.record import SessionKind
from content.zones import zone_label
from storage.enums import ItemStatus, SessionStatus

_KIND = {
    SessionKind.NORMAL: "leg session",
    SessionKind.LIGHT: "light session (race taper)",
    SessionKind.GENTLE: "gentle session (sparing a sore spot)",
}
_EFFORT = {"easy": "felt easy", "right": "felt just right", "hard": "felt hard"}
_STATUS = {
    ItemStatus.SKIPPED: "skipped",
    ItemStatus.NOT_DONE: "not done",
    ItemStatus.PENDING: "not yet",
    ItemStatus.ACTIVE: "not yet",
}
_CUT = "<i>(more in /export)</i>"


def empty() -> str:
    return "No sessions yet. Send /workout to do your first one; it will show up here."


def page_text(page: HistoryPage) -> str:
    """The page as one message, under Telegram's limit whatever it holds."""
    full = _page(page, changes=True)
    if utf16_len(full) <= TEXT_LIMIT:
        return full
    compact = _page(page, changes=False)
    if utf16_len(compact) <= TEXT_LIMIT:
        return compact
    kept: list[str] = []
    size = utf16_len(_CUT)
    for line in compact.split("\n"):
        size += utf16_len(line) + 1
        if size > TEXT_LIMIT:
            break
        kept.append(line)
    return "\n".join([*kept, _CUT])


def _page(page: HistoryPage, *, changes: bool) -> str:
    if not page.sessions:
        return empty()
    zone = escape(zone_label(page.zone)) if page.zone != "UTC" else "UTC"
    blocks = [f"<b>Your sessions</b>, newest first (times in {zone})"]
    blocks += [_session(session, changes=changes) for session in page.sessions]
    return "\n\n".join(blocks)


def _session(session: PastSession, *, changes: bool) -> str:
    head = when(session.started) if session.started else "Date unknown"
    parts = [f"<b>{head}</b>", _KIND[session.kind]]
    if session.minutes is not None and session.status is not SessionStatus.ACTIVE:
        parts.append(f"{session.minutes} min")
    lines = [" · ".join(parts)]
    lines += [f"• {_exercise(item)}" for item in session.exercises]
    if changes:
        lines += [
            f"↳ {escape(exercise.name)}: {escape(change_sentence(exercise, change))}"
            for exercise, change in session.changes
        ]
    elif session.changes:
        lines.append(f"↳ {_plural(len(session.changes), 'change')} to your plan")
    note = _note(session)
    if note:
        lines.append(f"<i>{note}</i>")
    return "\n".join(lines)


def _exercise(item: ExerciseDone) -> str:
    if not item.runs:
        status = _STATUS.get(item.status, "no sets logged")
        return f"{_variation(item.name, item.planned_rung)}: {status}"
    runs = "; ".join(_run(item.name, run) for run in item.runs)
    extra = [_EFFORT[item.effort]] if item.effort in _EFFORT else []
    if item.status is ItemStatus.SKIPPED:
        extra.append("then skipped")
    tail = f" ({', '.join(extra)})" if extra else ""
    return f"{runs}{tail}"


def _variation(exercise: str, rung: str) -> str:
    """The variation, which most rungs name after their exercise ("Squat, 3-second
    lowering"); else both ("One-legged bridge (Bridge, both feet down)")."""
    if rung.lower().startswith(exercise.lower()):
        return escape(rung)
    return f"{escape(exercise)} ({escape(rung)})"


def _run(exercise: str, run: RungSets) -> str:
    counts = run.counts
    if len(set(counts)) == 1:
        amount = f"{len(counts)} x {counts[0]}{_unit(run.unit, counts[0])}"
    else:
        amount = ", ".join(str(count) for count in counts) + _unit(run.unit, max(counts))
    side = " per side" if run.per_side else ""
    return f"{_variation(exercise, run.rung_name)}: {amount}{side}{_load(run)}"


def _unit(unit: Unit, count: int) -> str:
    if unit is Unit.SECONDS:
        return " s"
    if unit is Unit.CONTACTS:
        return " jump" if count == 1 else " jumps"
    return " rep" if count == 1 else " reps"


def _load(run: RungSets) -> str:
    """The weight lifted (when the runner logged one): "12 kg", or "10-12 kg"."""
    if not run.loads:
        return ""
    weights = [weight for weight, _unit in run.loads]
    unit = escape(run.loads[-1][1] or "")
    low, high = min(weights), max(weights)
    shown = _number(low) if low == high else f"{_number(low)}-{_number(high)}"
    return f" @ {shown} {unit}".rstrip()


def _number(value: float) -> str:
    return f"{value:g}"


def _note(session: PastSession) -> str | None:
    total = len(session.exercises)
    done = sum(item.status is ItemStatus.DONE for item in session.exercises)
    if session.status is SessionStatus.ACTIVE:
        return f"In progress: {done} of {total} exercises done so far."
    notes = []
    if session.status is SessionStatus.STOPPED:
        notes.append(f"Stopped early: {done} of {total} exercises done.")
    if session.skipped:
        notes.append(f"{_plural(session.skipped, 'exercise')} skipped.")
    return " ".join(notes) or None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def older_label() -> str:
    return "⬅️ Older"


def newer_label() -> str:
    return "Newer ➡️"


def no_longer_works() -> str:
    return "That page has moved on. Here are your latest sessions."
