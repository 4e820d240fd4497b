"""/language: which language the runner reads the bot in.

The first contact stores Telegram's code ("de-AT"); from then on the stored one is what the
bot speaks, until the runner picks another here. The flow stores the choice and says whether
anything changed; the handler speaks the new language at once (``bot.i18n.use_language``).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.ext.asyncio import AsyncSession

from content.languages import Language, base_language, language_named, with_language
from storage import runners
from storage.runners import RunnerProfile


@dataclass(frozen=True, slots=True)
class Chosen:
    """The runner after the choice, and whether it changed their language."""

    runner: RunnerProfile
    language: Language
    changed: bool


def spoken(runner: RunnerProfile) -> Language:
    """The language the runner is spoken to in."""
    return base_language(runner.language)


def understand(text: str) -> Language | None:
    """A language named after /language ("deutsch", "French", "es"), or None."""
    return language_named(text) if text.strip() else None


async def choose(db: AsyncSession, runner: RunnerProfile, language: Language) -> Chosen:
    """Store ``language`` as the runner's (keeping the region Telegram gave)."""
    if spoken(runner) is language:
        return Chosen(runner, language, changed=False)
    profile = await runners.update_runner(
        db, runner.id, language=with_language(runner.language, language)
    )
    return Chosen(profile, language, changed=True)
