"""The translation catalogs: ``bot/locale/<lang>/LC_MESSAGES/messages.po``, read and compiled
in memory, once per language.

No ``.mo`` files are built or kept in git: a fresh checkout installs and runs with the README's
two commands, and what translators edit is what the bot speaks. Babel reads each ``.po``
(``read_po``, syntax errors abort) and writes it as a ``.mo`` into a buffer (``write_mo``,
fuzzy entries left out, so a message ``pybabel update`` marked for review falls back to
English until a translator confirms it); ``gettext.GNUTranslations`` reads that buffer and
brings gettext's plural rules from the catalog's ``Plural-Forms`` header.

English is the source language: its messages are the ids themselves, so it has no catalog.
"""

from __future__ import annotations

import functools
import gettext
import io
from importlib import resources
from importlib.abc import Traversable

from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import PoFileError, read_po

from content.languages import SUPPORTED, Language

DOMAIN = "messages"
SOURCE_LANGUAGE = Language.EN


class CatalogError(RuntimeError):
    """A catalog is missing or is not a valid .po file: the bot must not start half-translated."""


def locale_dir() -> Traversable:
    """``bot/locale``, inside the installed package (works from a wheel as from a checkout)."""
    return resources.files("bot").joinpath("locale")


def po_file(language: Language) -> Traversable:
    return locale_dir().joinpath(language.value, "LC_MESSAGES", f"{DOMAIN}.po")


def read_catalog(language: Language) -> Catalog:
    """The parsed catalog of one language (translations, fuzzy flags, comments)."""
    source = po_file(language)
    try:
        data = source.read_bytes()
    except OSError as exc:
        raise CatalogError(f"no catalog for {language.value!r} at {source}: {exc}") from exc
    try:
        return read_po(io.BytesIO(data), locale=language.value, abort_invalid=True)
    except (PoFileError, ValueError) as exc:
        raise CatalogError(f"{language.value}/{DOMAIN}.po is not a valid catalog: {exc}") from exc


def compile_catalog(catalog: Catalog) -> gettext.GNUTranslations:
    """A parsed catalog as gettext reads it, compiled in memory (no .mo on disk)."""
    buffer = io.BytesIO()
    write_mo(buffer, catalog, use_fuzzy=False)
    buffer.seek(0)
    return gettext.GNUTranslations(buffer)


@functools.cache
def translations(language: Language) -> gettext.NullTranslations:
    """The gettext translations of a language, loaded on first use and kept for the process."""
    if language is SOURCE_LANGUAGE:
        return gettext.NullTranslations()
    return compile_catalog(read_catalog(language))


def load_all() -> None:
    """Load every catalog now (at start-up), so a broken one stops the bot with its name
    rather than failing the first runner who speaks that language."""
    for language in SUPPORTED:
        translations(language)
