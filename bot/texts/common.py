"""Texts shared by every topic: help, fallbacks, errors, group chats, the command menu and
the bot's descriptions, in the current language (``bot.i18n``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from bot.i18n import N_, LazyText, _, join
from bot.i18n import when as format_when

# The command menu, in menu order. Telegram allows 1-256 characters per description; the
# menu is set once per language at start-up (bot.app), so each label is translated then.
COMMANDS: tuple[tuple[str, LazyText], ...] = (
    ("start", N_("Set up, or see your plan")),
    ("workout", N_("Start a leg session now")),
    ("how", N_("How to do an exercise, e.g. /how side lunge")),
    ("exercises", N_("All exercises")),
    ("next", N_("Your next three leg days")),
    ("history", N_("Your past sessions")),
    ("progress", N_("Your progress as a chart")),
    ("settings", N_("Change level, kit, days, time or zone")),
    ("language", N_("Change my language: English, Deutsch, Español, Français")),
    ("profile", N_("Your plan at a glance")),
    ("stop", N_("End the current session early")),
    ("pause", N_("Pause reminders (/pause 2026-12-24)")),
    ("resume", N_("Resume reminders")),
    ("race", N_("Set a goal race (/race 2026-04-20 marathon)")),
    ("export", N_("All your data as files")),
    ("privacy", N_("What I keep about you, and why")),
    ("deletedata", N_("Erase all your data")),
    ("help", N_("This list")),
)
COMMAND_NAMES = tuple(name for name, _description in COMMANDS)


def commands() -> list[tuple[str, str]]:
    """The command menu in the current language: (command, description) pairs."""
    return [(name, str(description)) for name, description in COMMANDS]


# What a new user sees before /start: the description in the empty chat ("What can this bot
# do?", at most 512 characters) and the short one on the bot's profile and in shared links
# (at most 120). Plain text: Telegram shows these without markup.
# LIMIT: 512 (Telegram's bot description)
BOT_DESCRIPTION = N_(
    "I coach distance runners through short leg-strength sessions: planned on the right days "
    "around your running, a reminder at your local time, one exercise at a time with Done, "
    "Harder, Easier and Skip buttons, and each exercise moved up its ladder as you get "
    "stronger.\n\nPress Start to set up in six quick questions."
)
# LIMIT: 120 (Telegram's short description)
BOT_SHORT_DESCRIPTION = N_(
    "Short leg-strength sessions for distance runners, planned around your runs."
)


# How much of the runner's own words is quoted back by default: enough to recognise them,
# never enough to push a reply past Telegram's 4096 characters.
QUOTE_LIMIT = 40


def quote(text: str, limit: int = QUOTE_LIMIT) -> str:
    """The runner's words for quoting back in an HTML reply: one line, shortened, escaped.

    Everything a runner typed goes through here before it is echoed, so no input can break
    the markup or make a reply too long to send.
    """
    flat = " ".join(text.split())
    if len(flat) > limit:
        flat = flat[: limit - 1].rstrip() + "…"
    return escape(flat)


def help_text() -> str:
    lines = [_("<b>What I can do</b>")]
    lines += [f"/{name} - {escape(description)}" for name, description in commands()]
    lines.append("")
    lines.append(_("You can also just ask, like <i>how do I do a bridge?</i>"))
    return "\n".join(lines)


def short_help() -> str:
    return _(
        "I'm your leg-strength coach. Try /workout for a session, /next for your leg days, "
        "or ask <i>how do I do a side lunge?</i> /help lists everything."
    )


def unknown_command(command: str, suggestions: Sequence[str] = ()) -> str:
    """An unknown /command: the closest known ones when it looks like a typo of them, else
    the whole list."""
    if suggestions:
        choice = join((f"/{name}" for name in suggestions), "or")
        return _("I don't know {command}. Did you mean {choice}? /help lists everything.").format(
            command=quote(command), choice=choice
        )
    known = _("I don't know {command}. Here is what I do know:").format(command=quote(command))
    return f"{known}\n\n{help_text()}"


def some_command() -> str:
    """What an unknown command is called when Telegram marked none."""
    return _("that command")


def group_chat(deep_link: str) -> str:
    return _(
        "I coach runners one to one, in a private chat, so your plan stays yours. "
        '<a href="{link}">Open a private chat with me</a> and send /start.'
    ).format(link=escape(deep_link))


def private_chats_only() -> str:
    """A button pressed in a group chat."""
    # LIMIT: 200 (an answer to a button press)
    return _("I coach in private chats only.")


def stale_button() -> str:
    # LIMIT: 200
    return _("That button no longer works. Here's where we are now.")


def button_too_old() -> str:
    # LIMIT: 200
    return _("That button is too old. Send /start to carry on.")


def not_your_button() -> str:
    # LIMIT: 200
    return _("That button isn't for you.")


def something_broke() -> str:
    # LIMIT: 200 (also shown as an alert under a pressed button)
    return _(
        "Sorry, something went wrong on my side. What you had already logged is safe; "
        "please try that again in a moment."
    )


def non_text_message() -> str:
    return _("I can only read text and buttons.") + " " + short_help()


def when(instant: datetime) -> str:
    """A local instant the way a runner says it: Thu 27 Nov, 07:30 (in the current
    language's format)."""
    return format_when(instant)
