"""``N_()``: a message marked for translation where it is defined, translated where it is used.

Labels and tables built at import time (the command menu, button labels keyed by an enum)
exist before any update says which language to speak; translating them then would freeze
them in English. ``N_("Start a leg session now")`` keeps the English id, and each use
(``str(label)``, ``f"{label}"``) translates it in the language current at that moment.

Hand-written rather than Babel's ``LazyProxy``: that proxy passes for a ``str`` everywhere
(mypy sees ``Any``), so a forgotten conversion (a lazy label given to Telegram, used as a
dict key, written into JSON) only shows at run time. ``LazyText`` is not a ``str``: mypy
asks for the ``str()`` at each place a text is needed.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.i18n.current import gettext, pgettext


@dataclass(frozen=True, slots=True)
class LazyText:
    """An English message id (and optional gettext context), translated on each use."""

    message: str
    context: str | None = None

    def __str__(self) -> str:
        if self.context is not None:
            return pgettext(self.context, self.message)
        return gettext(self.message)

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)


def N_(message: str) -> LazyText:
    """Mark ``message`` for extraction; it is translated whenever it is turned into text."""
    return LazyText(message)
