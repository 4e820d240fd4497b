"""A runner mentions pain: what the coach hears, and whether a gentle session can follow."""

from __future__ import annotations

from dataclasses import dataclass

from content.safety import mentions_pain
from storage.runners import RunnerProfile


@dataclass(frozen=True, slots=True)
class PainHeard:
    """The area that hurts (None: not said), the exercises a gentle session leaves out,
    and whether one can be offered (the runner is set up and named a place)."""

    area: str | None
    spared: tuple[str, ...]
    offer_gentle: bool


def hear(runner: RunnerProfile, text: str) -> PainHeard | None:
    """A PainHeard if ``text`` talks about pain or injury, else None."""
    report = mentions_pain(text)
    if report is None:
        return None
    return PainHeard(
        report.area, tuple(sorted(report.avoid)), report.area is not None and runner.onboarded
    )
