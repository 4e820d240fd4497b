"""Texts shared by every topic: help, fallbacks, errors, group chats."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

COMMANDS: tuple[tuple[str, str], ...] = (
    ("start", "Set up, or see your plan"),
    ("workout", "Start a leg session now"),
    ("how", "How to do an exercise, e.g. /how side lunge"),
    ("exercises", "All exercises"),
    ("next", "Your next three leg days"),
    ("history", "Your past sessions"),
    ("progress", "Your progress as a chart"),
    ("settings", "Change level, kit, days, time or zone"),
    ("profile", "Your plan at a glance"),
    ("stop", "End the current session early"),
    ("pause", "Pause reminders (/pause 2026-12-24)"),
    ("resume", "Resume reminders"),
    ("race", "Set a goal race (/race 2026-04-20)"),
    ("export", "All your data as files"),
    ("privacy", "What I keep about you, and why"),
    ("deletedata", "Erase all your data"),
    ("help", "This list"),
)
COMMAND_NAMES = tuple(name for name, _description in COMMANDS)


# What a new user sees before /start: the description in the empty chat ("What can this bot
# do?", at most 512 characters) and the short one on the bot's profile and in shared links
# (at most 120). Plain text: Telegram shows these without markup.
BOT_DESCRIPTION = (
    "I coach distance runners through short leg-strength sessions: planned on the right days "
    "around your running, a reminder at your local time, one exercise at a time with Done, "
    "Harder, Easier and Skip buttons, and each exercise moved up its ladder as you get "
    "stronger.\n\nPress Start to set up in six quick questions."
)
BOT_SHORT_DESCRIPTION = (
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
    lines = ["<b>What I can do</b>"]
    lines += [f"/{name} - {escape(description)}" for name, description in COMMANDS]
    lines.append("")
    lines.append("You can also just ask, like <i>how do I do a bridge?</i>")
    return "\n".join(lines)


def short_help() -> str:
    return (
        "I'm your leg-strength coach. Try /workout for a session, /next for your leg days, "
        "or ask <i>how do I do a side lunge?</i> /help lists everything."
    )


def unknown_command(command: str, suggestions: Sequence[str] = ()) -> str:
    """An unknown /command: the closest known ones when it looks like a typo of them, else
    the whole list."""
    if suggestions:
        names = [f"/{name}" for name in suggestions]
        choice = names[0] if len(names) == 1 else ", ".join(names[:-1]) + f" or {names[-1]}"
        return f"I don't know {quote(command)}. Did you mean {choice}? /help lists everything."
    return f"I don't know {quote(command)}. Here is what I do know:\n\n" + help_text()


def group_chat(deep_link: str) -> str:
    return (
        "I coach runners one to one, in a private chat, so your plan stays yours. "
        f'<a href="{escape(deep_link)}">Open a private chat with me</a> and send /start.'
    )


def stale_button() -> str:
    return "That button no longer works. Here's where we are now."


def button_too_old() -> str:
    return "That button is too old. Send /start to carry on."


def not_your_button() -> str:
    return "That button isn't for you."


def something_broke() -> str:
    return (
        "Sorry, something went wrong on my side. What you had already logged is safe; "
        "please try that again in a moment."
    )


def non_text_message() -> str:
    return "I can only read text and buttons. " + short_help()


def when(instant: datetime) -> str:
    """A local instant the way a runner says it: Thu 27 Nov, 07:30."""
    return f"{instant:%a} {instant.day} {instant:%b}, {instant:%H:%M}"
