"""Factories with sensible defaults: runners onboarded through the real chat, or stored."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import time
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from bot.i18n import speaking
from bot.keyboards import onboarding as keyboards
from bot.offline import ChatDriver
from bot.texts.onboarding import EQUIPMENT_LABELS, LEVEL_LABELS, day_short
from content.model import Equipment, Level
from storage import runners
from storage.runners import RunnerProfile
from tests.harness import new_user_id

DAY = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")


def _set_up_labels() -> list[str]:
    """The labels of the set-up buttons in the current language, in a fixed order."""
    return [
        *(str(LEVEL_LABELS[level]) for level in Level),
        *(str(EQUIPMENT_LABELS[item]) for item in Equipment),
        *(day_short(day) for day in range(7)),
        keyboards.done(),
        keyboards.none(),
        keyboards.yes(),
        keyboards.no(),
    ]


def localized(label: str, language: str | None) -> str:
    """An English set-up button label as a runner speaking ``language`` sees it."""
    with speaking("en"):
        english = _set_up_labels()
    with speaking(language):
        theirs = _set_up_labels()
    return theirs[english.index(label)] if label in english else label


async def onboard(
    driver: ChatDriver,
    *,
    level: str = "Beginner",
    equipment: Sequence[str] = ("None",),
    days: Sequence[str] = ("Tue", "Thu", "Sat"),
    hard: Sequence[str] = ("Sat",),
    reminder: str = "07:30",
    zone: str = "Europe/Berlin",
) -> None:
    """Answer every onboarding question through the chat, as a runner would (the English
    labels are pressed as the runner's language words them)."""

    def press(label: str) -> Any:
        return driver.press(localized(label, driver.language_code))

    await driver.command("start")
    await press(level)
    for item in equipment:
        await press(item)
    await press("Done")
    for day in days:
        await press(day)
    await press("Done")
    if hard:
        for day in hard:
            await press(day)
        await press("Done")
    else:
        await press("None")
    await driver.send(reminder)
    await driver.send(zone)
    await press("Yes")


async def make_runner(db: AsyncSession, **overrides: Any) -> RunnerProfile:
    """A fully set-up runner stored directly (for tests that are not about onboarding)."""
    user_id = overrides.pop("telegram_user_id", new_user_id())
    profile, _ = await runners.get_or_create(
        db,
        telegram_user_id=user_id,
        chat_id=user_id,
        first_name=overrides.pop("first_name", "Kim"),
    )
    fields: dict[str, Any] = {
        "level": Level.BEGINNER,
        "equipment": [],
        "running_days": [1, 3, 5],
        "hard_days": [5],
        "reminder_time": time(7, 30),
        "time_zone": "Europe/Berlin",
        "onboarded": True,
    }
    fields.update(overrides)
    fields["equipment"] = [Equipment(item) for item in fields["equipment"]]
    return await runners.update_runner(db, profile.id, **fields)


EFFORT_QUESTION = "How did it feel?"


async def finish_session(driver: ChatDriver, limit: int = 120, effort: str = "Just right") -> str:
    """Press Done on the live card until the summary arrives, answering the last exercise's
    effort question (the summary waits for it); returns the summary text."""
    for _ in range(limit):
        text = driver.last_text
        if "Summary" in text:
            return text
        if EFFORT_QUESTION in text:
            await driver.press(effort)
        else:
            await driver.press("Done")
    raise AssertionError(f"the session never finished: {driver.last_text!r}")
