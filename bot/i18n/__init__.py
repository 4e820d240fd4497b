"""Speaking the runner's language: gettext catalogs through Babel, the language of the
current update or reminder, and CLDR formats.

Texts write English and mark it; the current language's catalog answers::

    from bot.i18n import N_, _, ngettext

    _("That button isn't for you.")
    _("I don't know {command}.").format(command=quote(command))
    ngettext("{n} set", "{n} sets", n).format(n=n)
    LABEL = N_("Reminder time")      # at import time; str(LABEL) translates at use

Placeholders are named braces filled with ``.format`` after the lookup, so a translation can
move them. Dates, times, numbers and units come from ``bot.i18n.formats`` (re-exported here:
``day``, ``when``, ``time_of_day``, ``weight``...). The language is set per update by the
application and per reminder by the dispatcher (``bot.i18n.current`` says where);
``speaking(code)`` sets it for a block. docs/TRANSLATING.md is the translators' side.
"""

from __future__ import annotations

from bot.i18n.catalogs import CatalogError, load_all, translations
from bot.i18n.current import (
    Speech,
    _,
    current_language,
    current_locale,
    current_speech,
    gettext,
    ngettext,
    npgettext,
    pgettext,
    reset_language,
    speaking,
    speech_for,
    use_language,
)
from bot.i18n.formats import (
    day,
    day_with_year,
    join,
    long_date,
    measure,
    month,
    number,
    percent,
    seconds,
    time_of_day,
    weekday,
    weight,
    when,
)
from bot.i18n.lazy import N_, LazyText

__all__ = [
    "N_",
    "CatalogError",
    "LazyText",
    "Speech",
    "_",
    "current_language",
    "current_locale",
    "current_speech",
    "day",
    "day_with_year",
    "gettext",
    "join",
    "load_all",
    "long_date",
    "measure",
    "month",
    "ngettext",
    "npgettext",
    "number",
    "percent",
    "pgettext",
    "reset_language",
    "seconds",
    "speaking",
    "speech_for",
    "time_of_day",
    "translations",
    "use_language",
    "weekday",
    "weight",
    "when",
]
