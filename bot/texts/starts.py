"""Why a session did not start at once, and the notes a session's start and end carry for
the race, the spacing and the sore areas: each decision in a sentence or two."""

from __future__ import annotations

from datetime import date, datetime

from bot.flows.session import Intro, IntroNote, Summary
from bot.flows.starts import StartHold
from bot.texts.common import when
from bot.texts.safety import areas_named, gentle_session_note
from content.library import Library
from content.races import Race, RaceDistance
from content.spacing import MIN_REST
from content.starts import Hold

DISTANCE_NAMES = {
    RaceDistance.FIVE_K: "5k",
    RaceDistance.TEN_K: "10k",
    RaceDistance.HALF: "half marathon",
    RaceDistance.MARATHON: "marathon",
}
REST_HOURS = int(MIN_REST.total_seconds() // 3600)


def day(value: date) -> str:
    return f"{value:%a} {value.day} {value:%b}"


def race_name(race: Race) -> str:
    return f"your {DISTANCE_NAMES[race.distance]}"


def hold_text(hold: StartHold) -> str:
    """Why the session did not start, and what is on offer instead (the buttons)."""
    race = hold.race
    code = hold.hold
    if code is Hold.RACE_DAY:
        return "It's race day: no leg work today. Good luck!"
    if code is Hold.TAPER and race is not None:
        return (
            f"{race_name(race).capitalize()} is on {day(race.day)}: its last "
            f"{race.taper_days} days hold one light session at most (no jumps, two sets "
            "each), so your legs are fresh on the day. Want it now?"
        )
    if code is Hold.TAPER_DONE and race is not None:
        return (
            f"{race_name(race).capitalize()} is on {day(race.day)} and you've done your light "
            "session: no more leg work until then, so your legs are fresh on the day."
        )
    if code is Hold.RECOVERY and race is not None:
        return (
            f"You raced {race_name(race)} on {day(race.day)}: no jumps or hard leg work until "
            f"{day(race.recovery_end)} while your legs repair. If they feel fine, an easy "
            "session is OK (no jumps, two sets each)."
        )
    if code is Hold.SAME_DAY:
        return (
            "You've already done a leg session today. Once a day is enough: strength grows "
            "while you recover between sessions, and a second one mostly adds tiredness "
            "(it won't move your exercises up again today). Do it anyway?"
        )
    if code is Hold.ALL_SPARED:
        return (
            f"Every exercise I have loads your {areas_named(hold.spared)}: rest it today. If "
            "it isn't getting better, see a physio or doctor."
        )
    since = (
        "Your last leg session was yesterday"
        if code is Hold.NEXT_DAY
        else f"Your last leg session ended {hold.hours_since} hours ago"
    )
    fits = f" The next one fits from {when(hold.earliest)}." if hold.earliest else ""
    return (
        f"{since}: legs need about {REST_HOURS} hours to recover between sessions.{fits} "
        "Start anyway?"
    )


def intro_note(intro: Intro, note: IntroNote) -> str:
    """A session intro's note (the back-after-a-break one is ``texts.session``'s)."""
    if note is IntroNote.BACK_AFTER_RACE:
        return (
            "Welcome back after your race! Every exercise starts one step easier while your "
            "legs finish recovering."
        )
    if note is IntroNote.GENTLE:
        return gentle_session_note(intro.spared)
    if note is IntroNote.EASY_RECOVERY:
        return "Easy session while you recover from your race: no jumps, two sets each."
    if note is IntroNote.REPLACES:
        hurt = f" and no {intro.hurt.lower()}" if intro.hurt else ""
        return f"In place of the session you stopped: no jumps{hurt}."
    return "Light session for your race taper: no jumps, two sets each."


def summary_notes(summary: Summary, library: Library) -> list[str]:
    """Below a summary: ladders that waited (once a day), a next leg day moved for rest."""
    lines = []
    if summary.held_today:
        names = ", ".join(library.get(exercise_id).name for exercise_id in summary.held_today)
        lines.append(
            f"{names}: staying where today's first session left them, since progress counts "
            "once a day."
        )
    if summary.respaced_from is not None:
        lines.append(respaced(summary.respaced_from, summary.next_leg_day))
    return lines


def respaced(usual: datetime, planned: datetime | None) -> str:
    """The spacing rule moved the next leg day."""
    to = f" to {when(planned)}" if planned is not None else ""
    return (
        f"Next leg day moved from {when(usual)}{to}: legs need about {REST_HOURS} hours "
        "between sessions."
    )
