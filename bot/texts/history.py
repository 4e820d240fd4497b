"""/history in words: a page of past sessions, each with what was done and what changed.

A page always fits one message: if the full page would pass Telegram's 4,096 characters
(long exercise names, many changes) it is drawn without the change sentences, and as a last
resort cut between lines with a note, never mid-tag.
"""

from __future__ import annotations

from html import escape

from bot.flows.history import ExerciseDone, HistoryPage, PastSession, RungSets
from bot.i18n import _, current_language, ngettext, npgettext, number, pgettext, weight
from bot.texts.common import when
from bot.texts.limits import TEXT_LIMIT, utf16_len
from bot.texts.progress import change_sentence
from content.model import Unit, WeightUnit
from content.record import SessionKind
from content.zones import zone_label
from storage.enums import ItemStatus, SessionStatus


def _kind(kind: SessionKind) -> str:
    if kind is SessionKind.LIGHT:
        return pgettext("history", "light session (race taper)")
    if kind is SessionKind.GENTLE:
        return pgettext("history", "gentle session (sparing a sore spot)")
    return pgettext("history", "leg session")


def _effort(effort: str | None) -> str | None:
    """How the exercise felt, as the runner answered (None when not asked or not stored)."""
    if effort == "easy":
        return pgettext("history", "felt easy")
    if effort == "right":
        return pgettext("history", "felt just right")
    if effort == "hard":
        return pgettext("history", "felt hard")
    return None


def _status(status: ItemStatus) -> str:
    """Why an exercise of a past session has no sets."""
    if status is ItemStatus.SKIPPED:
        return pgettext("history", "skipped")
    if status is ItemStatus.NOT_DONE:
        return pgettext("history", "not done")
    if status in (ItemStatus.PENDING, ItemStatus.ACTIVE):
        return pgettext("history", "not yet")
    return pgettext("history", "no sets logged")


def _cut() -> str:
    # TRANSLATORS: the last line of a /history page cut short; keep /export as it is.
    return "<i>{}</i>".format(_("(more in /export)"))


def empty() -> str:
    return _("No sessions yet. Send /workout to do your first one; it will show up here.")


def page_text(page: HistoryPage) -> str:
    """The page as one message, under Telegram's limit whatever it holds."""
    full = _page(page, changes=True)
    if utf16_len(full) <= TEXT_LIMIT:
        return full
    compact = _page(page, changes=False)
    if utf16_len(compact) <= TEXT_LIMIT:
        return compact
    cut = _cut()
    kept: list[str] = []
    size = utf16_len(cut)
    for line in compact.split("\n"):
        size += utf16_len(line) + 1
        if size > TEXT_LIMIT:
            break
        kept.append(line)
    return "\n".join([*kept, cut])


def _page(page: HistoryPage, *, changes: bool) -> str:
    if not page.sessions:
        return empty()
    zone = escape(zone_label(page.zone, current_language())) if page.zone != "UTC" else "UTC"
    blocks = [_("<b>Your sessions</b>, newest first (times in {zone})").format(zone=zone)]
    blocks += [_session(session, changes=changes) for session in page.sessions]
    return "\n\n".join(blocks)


def _session(session: PastSession, *, changes: bool) -> str:
    head = when(session.started) if session.started else _("Date unknown")
    parts = [f"<b>{head}</b>", _kind(session.kind)]
    if session.minutes is not None and session.status is not SessionStatus.ACTIVE:
        # TRANSLATORS: how long a past session took, in minutes.
        parts.append(pgettext("history", "{minutes} min").format(minutes=session.minutes))
    lines = [" · ".join(parts)]
    lines += [f"• {_exercise(item)}" for item in session.exercises]
    if changes:
        lines += [
            # TRANSLATORS: a change to the plan under a past session: the exercise, then why.
            pgettext("history", "↳ {exercise}: {change}").format(
                exercise=escape(exercise.name), change=escape(change_sentence(exercise, change))
            )
            for exercise, change in session.changes
        ]
    elif session.changes:
        count = len(session.changes)
        lines.append(
            ngettext("↳ {n} change to your plan", "↳ {n} changes to your plan", count).format(
                n=count
            )
        )
    note = _note(session)
    if note:
        lines.append(f"<i>{note}</i>")
    return "\n".join(lines)


def _exercise(item: ExerciseDone) -> str:
    if not item.runs:
        status = _status(item.status)
        # TRANSLATORS: an exercise of a past session with nothing logged, and why.
        return pgettext("history", "{variation}: {status}").format(
            variation=_variation(item.name, item.planned_rung), status=status
        )
    runs = "; ".join(_run(item.name, run) for run in item.runs)
    effort = _effort(item.effort)
    extra = [effort] if effort else []
    if item.status is ItemStatus.SKIPPED:
        extra.append(pgettext("history", "then skipped"))
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
        # TRANSLATORS: sets times one set's amount: "3 x 12 reps".
        amount = pgettext("history", "{sets} x {amount}").format(
            sets=len(counts), amount=_unit(run.unit, str(counts[0]), counts[0])
        )
    else:
        amount = _unit(run.unit, ", ".join(str(count) for count in counts), max(counts))
    if run.per_side:
        amount = pgettext("history", "{amount} per side").format(amount=amount)
    # TRANSLATORS: what was done on one variation: "Squat, 3-second lowering: 3 x 12 reps".
    line = pgettext("history", "{variation}: {amount}").format(
        variation=_variation(exercise, run.rung_name), amount=amount
    )
    load = _load(run)
    # TRANSLATORS: a line of /history with the weight lifted: "...: 3 x 12 reps @ 12 kg".
    return pgettext("history", "{done} @ {load}").format(done=line, load=load) if load else line


def _unit(unit: Unit, counts: str, most: int) -> str:
    """One set's amount (or several sets' amounts, "8, 10, 10"), with its unit."""
    if unit is Unit.SECONDS:
        # TRANSLATORS: seconds of a hold: "30 s" (or "30, 35, 40 s").
        return pgettext("history", "{count} s").format(count=counts)
    if unit is Unit.CONTACTS:
        return npgettext("history", "{count} jump", "{count} jumps", most).format(count=counts)
    return npgettext("history", "{count} rep", "{count} reps", most).format(count=counts)


def _load(run: RungSets) -> str:
    """The weight lifted (when the runner logged one): "12 kg", or "10-12 kg"."""
    if not run.loads:
        return ""
    weights = [load for load, _unit in run.loads]
    unit = run.loads[-1][1] or ""
    low, high = min(weights), max(weights)
    if unit in set(WeightUnit):
        shown = weight(high, WeightUnit(unit))
    else:
        shown = f"{number(high)} {escape(unit)}".rstrip()
    return shown if low == high else f"{number(low)}-{shown}"


def _note(session: PastSession) -> str | None:
    total = len(session.exercises)
    done = sum(item.status is ItemStatus.DONE for item in session.exercises)
    if session.status is SessionStatus.ACTIVE:
        return ngettext(
            "In progress: {done} of {total} exercise done so far.",
            "In progress: {done} of {total} exercises done so far.",
            total,
        ).format(done=done, total=total)
    notes = []
    if session.status is SessionStatus.STOPPED:
        notes.append(
            ngettext(
                "Stopped early: {done} of {total} exercise done.",
                "Stopped early: {done} of {total} exercises done.",
                total,
            ).format(done=done, total=total)
        )
    if session.skipped:
        notes.append(
            ngettext("{n} exercise skipped.", "{n} exercises skipped.", session.skipped).format(
                n=session.skipped
            )
        )
    return " ".join(notes) or None


def older_label() -> str:
    return _("⬅️ Older")


def newer_label() -> str:
    return _("Newer ➡️")


def no_longer_works() -> str:
    return _("That page has moved on. Here are your latest sessions.")
