"""/language: the choice, its confirmation, and the language line of /settings.

Each language is named in itself ("Deutsch", "Español"), on the buttons and in /settings,
so a runner who landed in a language they cannot read still finds their own.
"""

from __future__ import annotations

from bot.i18n import _
from bot.texts.common import quote
from content.languages import Language, endonym


def name(language: Language) -> str:
    """The language's own name: "English", "Deutsch", "Español", "Français"."""
    return endonym(language)


def choose() -> str:
    """/language (or the settings button): the question above the four buttons."""
    return _("Which language should I speak with you?")


def switched() -> str:
    """After a choice, already in the new language."""
    # TRANSLATORS: name your own language: "Ab jetzt spreche ich Deutsch mit dir."
    return _("From now on I'll speak English with you. /language changes it again.")


def unchanged() -> str:
    # TRANSLATORS: name your own language, as in the message above.
    return _("I'm already speaking English with you. /language changes it.")


def unknown(asked: str) -> str:
    """/language with a name we do not speak."""
    return _("I can't speak “{asked}” yet. Pick one of these:").format(asked=quote(asked))


def settings_line(language: Language) -> str:
    """The runner's language, listed on the /settings screen."""
    return _("Language: {language}").format(language=name(language))


def settings_button() -> str:
    """The /settings button that opens the choice."""
    return _("Language")
