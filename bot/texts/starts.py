"""Why a session did not start at once, and the notes a session's start and end carry for
the race, the spacing and the sore areas: each decision in a sentence or two, in the current
language (``bot.i18n``)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Final

from bot.flows.session import Intro, IntroNote, Summary
from bot.flows.starts import StartHold
from bot.i18n import N_, _, current_language, join, ngettext
from bot.i18n import day as format_day
from bot.texts.amounts import Labels
from bot.texts.common import when
from bot.texts.safety import gentle_session_note, your_areas
from content.languages import Language
from content.library import Library
from content.races import Race, RaceDistance
from content.spacing import MIN_REST
from content.starts import Hold

DISTANCE_NAMES: Final = Labels(
    {
        RaceDistance.FIVE_K: N_("5k"),
        RaceDistance.TEN_K: N_("10k"),
        RaceDistance.HALF: N_("half marathon"),
        RaceDistance.MARATHON: N_("marathon"),
    }
)
# The runner's race inside a sentence, as its object ("You raced your 5k on ...").
YOUR_RACE: Final = Labels(
    {
        RaceDistance.FIVE_K: N_("your 5k"),
        RaceDistance.TEN_K: N_("your 10k"),
        RaceDistance.HALF: N_("your half marathon"),
        RaceDistance.MARATHON: N_("your marathon"),
    }
)
# ... and as its subject, at the start of a sentence ("Your 5k is on ...").
YOUR_RACE_SUBJECT: Final = Labels(
    {
        RaceDistance.FIVE_K: N_("Your 5k"),
        RaceDistance.TEN_K: N_("Your 10k"),
        RaceDistance.HALF: N_("Your half marathon"),
        RaceDistance.MARATHON: N_("Your marathon"),
    }
)
REST_HOURS = int(MIN_REST.total_seconds() // 3600)


def day(value: date) -> str:
    """A day without its year, as the current language writes it ("Sat 25 Apr")."""
    return format_day(value)


def race_name(race: Race) -> str:
    return YOUR_RACE[race.distance]


def hold_text(hold: StartHold) -> str:
    """Why the session did not start, and what is on offer instead (the buttons)."""
    race = hold.race
    code = hold.hold
    if code is Hold.RACE_DAY:
        return _("It's race day: no leg work today. Good luck!")
    if code is Hold.TAPER and race is not None:
        return ngettext(
            "{race} is on {day}: its last {days} day holds one light session at most (no "
            "jumps, two sets each), so your legs are fresh on the day. Want it now?",
            "{race} is on {day}: its last {days} days hold one light session at most (no "
            "jumps, two sets each), so your legs are fresh on the day. Want it now?",
            race.taper_days,
        ).format(race=YOUR_RACE_SUBJECT[race.distance], day=day(race.day), days=race.taper_days)
    if code is Hold.TAPER_DONE and race is not None:
        return _(
            "{race} is on {day} and you've done your light session: no more leg work until "
            "then, so your legs are fresh on the day."
        ).format(race=YOUR_RACE_SUBJECT[race.distance], day=day(race.day))
    if code is Hold.RECOVERY and race is not None:
        return _(
            "You raced {race} on {day}: no jumps or hard leg work until {until} while your "
            "legs repair. If they feel fine, an easy session is OK (no jumps, two sets each)."
        ).format(race=race_name(race), day=day(race.day), until=day(race.recovery_end))
    if code is Hold.SAME_DAY:
        return _(
            "You've already done a leg session today. Once a day is enough: strength grows "
            "while you recover between sessions, and a second one mostly adds tiredness "
            "(it won't move your exercises up again today). Do it anyway?"
        )
    if code is Hold.ALL_SPARED:
        return _(
            "Every exercise I have loads {areas}: rest it today. If it isn't getting "
            "better, see a physio or doctor."
        ).format(areas=your_areas(hold.spared))
    if code is Hold.NEXT_DAY:
        if hold.earliest:
            return _(
                "Your last leg session was yesterday: legs need about {hours} hours to recover "
                "between sessions. The next one fits from {when}. Start anyway?"
            ).format(hours=REST_HOURS, when=when(hold.earliest))
        return _(
            "Your last leg session was yesterday: legs need about {hours} hours to recover "
            "between sessions. Start anyway?"
        ).format(hours=REST_HOURS)
    if hold.earliest:
        return ngettext(
            "Your last leg session ended {since} hour ago: legs need about {hours} hours to "
            "recover between sessions. The next one fits from {when}. Start anyway?",
            "Your last leg session ended {since} hours ago: legs need about {hours} hours to "
            "recover between sessions. The next one fits from {when}. Start anyway?",
            hold.hours_since,
        ).format(since=hold.hours_since, hours=REST_HOURS, when=when(hold.earliest))
    return ngettext(
        "Your last leg session ended {since} hour ago: legs need about {hours} hours to "
        "recover between sessions. Start anyway?",
        "Your last leg session ended {since} hours ago: legs need about {hours} hours to "
        "recover between sessions. Start anyway?",
        hold.hours_since,
    ).format(since=hold.hours_since, hours=REST_HOURS)


def intro_note(intro: Intro, note: IntroNote) -> str:
    """A session intro's note (the back-after-a-break one is ``texts.session``'s)."""
    if note is IntroNote.BACK_AFTER_RACE:
        return _(
            "Welcome back after your race! Every exercise starts one step easier while your "
            "legs finish recovering."
        )
    if note is IntroNote.GENTLE:
        return gentle_session_note(intro.spared)
    if note is IntroNote.EASY_RECOVERY:
        return _("Easy session while you recover from your race: no jumps, two sets each.")
    if note is IntroNote.REPLACES:
        if intro.hurt:
            # German writes nouns with a capital; the others name the exercise in lower case.
            hurt = intro.hurt if current_language() is Language.DE else intro.hurt.lower()
            return _("In place of the session you stopped: no jumps and no {exercise}.").format(
                exercise=hurt
            )
        return _("In place of the session you stopped: no jumps.")
    return _("Light session for your race taper: no jumps, two sets each.")


def summary_notes(summary: Summary, library: Library) -> list[str]:
    """Below a summary: ladders that waited (once a day), a next leg day moved for rest."""
    lines = []
    if summary.held_today:
        names = join(library.get(exercise_id).name for exercise_id in summary.held_today)
        lines.append(
            ngettext(
                "{exercises}: staying where today's first session left it, since progress "
                "counts once a day.",
                "{exercises}: staying where today's first session left them, since progress "
                "counts once a day.",
                len(summary.held_today),
            ).format(exercises=names)
        )
    if summary.respaced_from is not None:
        lines.append(respaced(summary.respaced_from, summary.next_leg_day))
    return lines


def respaced(usual: datetime, planned: datetime | None) -> str:
    """The spacing rule moved the next leg day."""
    if planned is not None:
        return _(
            "Next leg day moved from {usual} to {planned}: legs need about {hours} hours "
            "between sessions."
        ).format(usual=when(usual), planned=when(planned), hours=REST_HOURS)
    return _(
        "Next leg day moved from {usual}: legs need about {hours} hours between sessions."
    ).format(usual=when(usual), hours=REST_HOURS)
