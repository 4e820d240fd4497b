"""/privacy and /deletedata in words."""

from __future__ import annotations

from bot.flows.erase import CONFIRM_FOR
from bot.i18n import _, ngettext, pgettext
from storage.erase import RowCounts


def privacy() -> str:
    return "\n".join(
        (
            _("<b>What I keep about you, and why</b>"),
            _(
                "• Your Telegram id, chat id, first name, username and language: to know it's "
                "you and to write to you."
            ),
            _(
                "• Your answers: level, kit, running days, reminder time, time zone, race date "
                "and distance, pauses: to plan your leg days and remind you on time."
            ),
            _(
                "• Every session, exercise and set you log, with times, and each change to your "
                "plan with the reason: so your exercises get harder at the right pace, and for "
                "/history, /progress and /export."
            ),
            _("• The reminders I send you and how you answered: so none is sent twice."),
            _(
                "• When you say something hurts: where (knee, hip...) and since when, never "
                "your words, until you tell me it's better: to spare it and ask how it is."
            ),
            "",
            _(
                "<b>How long</b>: for as long as you use me. Nothing is shared or sold, and "
                "nothing is used for anything but coaching you."
            ),
            "",
            _(
                "<b>Your data is yours</b>: /export sends you all of it as files. /deletedata "
                "erases all of it at once. The messages in this chat are kept by Telegram: "
                "delete the chat to remove them there."
            ),
        )
    )


def _counts(counts: RowCounts) -> list[str]:
    lines = [
        _("your profile and settings") if counts.profile else _("no profile"),
        ngettext(
            "{sessions} session ({exercises}, {sets} logged)",
            "{sessions} sessions ({exercises}, {sets} logged)",
            counts.sessions,
        ).format(
            sessions=counts.sessions,
            exercises=ngettext("{n} exercise", "{n} exercises", counts.exercises).format(
                n=counts.exercises
            ),
            sets=ngettext("{n} set", "{n} sets", counts.sets).format(n=counts.sets),
        ),
        ngettext(
            "{n} exercise progression", "{n} exercise progressions", counts.progressions
        ).format(n=counts.progressions),
        ngettext("{n} change to your plan", "{n} changes to your plan", counts.changes).format(
            n=counts.changes
        ),
        ngettext(
            "{n} reminder (sent and scheduled)",
            "{n} reminders (sent and scheduled)",
            counts.reminders,
        ).format(n=counts.reminders),
    ]
    if counts.sore_areas:
        lines.append(
            ngettext("{n} sore area", "{n} sore areas", counts.sore_areas).format(
                n=counts.sore_areas
            )
        )
    return lines


def ask(counts: RowCounts) -> str:
    minutes = int(CONFIRM_FOR.total_seconds() // 60)
    lines = [_("<b>Erase everything I keep about you?</b>"), _("That is:")]
    lines += [f"• {line}" for line in _counts(counts)]
    lines += [
        "",
        _(
            "It can't be undone: your progress starts from scratch. Want a copy first? Send "
            "/export before you confirm."
        ),
        ngettext(
            "This button works for {n} minute.", "This button works for {n} minutes.", minutes
        ).format(n=minutes),
    ]
    return "\n".join(lines)


def erased(counts: RowCounts) -> str:
    lines = [_("<b>Done: everything is erased.</b>"), _("Gone:")]
    lines += [f"• {line}" for line in _counts(counts)]
    lines += [
        "",
        _(
            "No reminder will come. If you ever want to start again, send /start: we begin "
            "from nothing."
        ),
    ]
    return "\n".join(lines)


def cancelled() -> str:
    return _("Nothing was erased. Your data stays as it is.")


def expired() -> str:
    # LIMIT: 200 (also shown as an alert on the pressed button)
    return _(
        "That button has expired. Send /deletedata again if you still want to erase your data."
    )


def already_gone() -> str:
    # LIMIT: 200 (also shown as an alert on the pressed button)
    return _("That data is already erased. Send /deletedata to erase what there is now.")


def delete_label() -> str:
    return _("Delete everything")


def cancel_label() -> str:
    # TRANSLATORS: the button that keeps the data after /deletedata
    return pgettext("button", "Cancel")
