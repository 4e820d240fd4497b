"""What the coach says when a runner mentions pain: never a diagnosis."""

from __future__ import annotations

from collections.abc import Sequence

AREA_NAMES = {
    "knee": "knee",
    "ankle": "ankle, calf or foot",
    "hip": "hip",
    "back": "back",
    "hamstring": "hamstring",
}


def pain_advice(area: str | None, spared: Sequence[str]) -> str:
    lines = [
        "I'm a coach, not a clinician, so I can't tell what's going on. Sharp pain, swelling, "
        "or pain that changes how you run means stop, and see a physio or doctor.",
    ]
    if area is not None:
        lines.append(
            f"If your {AREA_NAMES[area]} is just a bit sore, here's a session that leaves out "
            f"{', '.join(spared)}. Stop anything that hurts."
        )
    else:
        lines.append("If it's only ordinary soreness, an easier session is fine.")
    lines.append("Need a break? /pause stops reminders until you /resume.")
    return "\n\n".join(lines)


def gentle_session_note(area: str) -> str:
    return (
        f"Gentle on your {AREA_NAMES[area]}: a shorter session without the exercises that load it."
    )
