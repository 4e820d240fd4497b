"""/privacy and /deletedata in words."""

from __future__ import annotations

from bot.flows.erase import CONFIRM_FOR
from storage.erase import RowCounts


def privacy() -> str:
    return "\n".join(
        (
            "<b>What I keep about you, and why</b>",
            "• Your Telegram id, chat id, first name, username and language: to know it's "
            "you and to write to you.",
            "• Your answers: level, kit, running days, reminder time, time zone, race date and "
            "distance, pauses: to plan your leg days and remind you on time.",
            "• Every session, exercise and set you log, with times, and each change to your "
            "plan with the reason: so your exercises get harder at the right pace, and for "
            "/history, /progress and /export.",
            "• The reminders I send you and how you answered: so none is sent twice.",
            "• When you say something hurts: where (knee, hip...) and since when, never your "
            "words, until you tell me it's better: to spare it and ask how it is.",
            "",
            "<b>How long</b>: for as long as you use me. Nothing is shared or sold, and "
            "nothing is used for anything but coaching you.",
            "",
            "<b>Your data is yours</b>: /export sends you all of it as files. /deletedata "
            "erases all of it at once. The messages in this chat are kept by Telegram: "
            "delete the chat to remove them there.",
        )
    )


def _counts(counts: RowCounts) -> list[str]:
    def some(count: int, one: str, many: str) -> str:
        return f"{count} {one if count == 1 else many}"

    return [
        "your profile and settings" if counts.profile else "no profile",
        some(counts.sessions, "session", "sessions")
        + f" ({some(counts.exercises, 'exercise', 'exercises')}, "
        + f"{some(counts.sets, 'set', 'sets')} logged)",
        some(counts.progressions, "exercise progression", "exercise progressions"),
        some(counts.changes, "change to your plan", "changes to your plan"),
        some(counts.reminders, "reminder", "reminders") + " (sent and scheduled)",
    ] + ([some(counts.sore_areas, "sore area", "sore areas")] if counts.sore_areas else [])


def ask(counts: RowCounts) -> str:
    minutes = int(CONFIRM_FOR.total_seconds() // 60)
    lines = ["<b>Erase everything I keep about you?</b>", "That is:"]
    lines += [f"• {line}" for line in _counts(counts)]
    lines += [
        "",
        "It can't be undone: your progress starts from scratch. Want a copy first? "
        "Send /export before you confirm.",
        f"This button works for {minutes} minutes.",
    ]
    return "\n".join(lines)


def erased(counts: RowCounts) -> str:
    lines = ["<b>Done: everything is erased.</b>", "Gone:"]
    lines += [f"• {line}" for line in _counts(counts)]
    lines += [
        "",
        "No reminder will come. If you ever want to start again, send /start: "
        "we begin from nothing.",
    ]
    return "\n".join(lines)


def cancelled() -> str:
    return "Nothing was erased. Your data stays as it is."


def expired() -> str:
    return "That button has expired. Send /deletedata again if you still want to erase your data."


def already_gone() -> str:
    return "That data is already erased. Send /deletedata to erase what there is now."


def delete_label() -> str:
    return "Delete everything"


def cancel_label() -> str:
    return "Cancel"
