"""The catalogs keep up with the code: every message the code marks (``_``, ``ngettext``,
``pgettext``, ``N_``) is translated in every language, with the same placeholders and markup,
within Telegram's limits. A missing, fuzzy or broken translation fails CI here.

Written over whatever the code marks, read from the source as ``pybabel extract`` reads it,
so it guards every text converted later without a change here.
"""

from __future__ import annotations

import re
import string
from collections import Counter
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog, Message
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from bot.i18n import speaking
from bot.i18n.catalogs import SOURCE_LANGUAGE, read_catalog, translations
from bot.texts.limits import TEXT_LIMIT, utf16_len
from content.languages import SUPPORTED, Language

ROOT = Path(__file__).resolve().parents[2]
TRANSLATED = tuple(language for language in SUPPORTED if language is not SOURCE_LANGUAGE)
# The same keywords and comment tags as docs/TRANSLATING.md's `pybabel extract`.
KEYWORDS = {**DEFAULT_KEYWORDS, "N_": None, "ngettext": (1, 2)}
COMMENT_TAGS = ("LIMIT:", "TRANSLATORS:")
_LIMIT = re.compile(r"LIMIT:\s*(\d+)")
_PERCENT = re.compile(r"%(?:\([^)]*\))?[#0 +-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa%]")
_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9-]*)[^>]*>")


@dataclass(frozen=True, slots=True)
class Marked:
    """One message the code marks, where, and the limit its comment gives (if any)."""

    msgid: str
    plural: str | None
    context: str | None
    where: str
    limit: int


@cache
def marked() -> tuple[Marked, ...]:
    with (ROOT / "babel.cfg").open(encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config)
    found: dict[tuple[str | None, str], Marked] = {}
    for filename, lineno, message, comments, context in extract_from_dir(
        str(ROOT),
        method_map,
        options_map,
        keywords=KEYWORDS,
        comment_tags=COMMENT_TAGS,
        strip_comment_tags=False,
        directory_filter=lambda path: not Path(path).name.startswith((".", "_")),
    ):
        msgid, plural = (message, None) if isinstance(message, str) else message[:2]
        limits = [int(m.group(1)) for c in comments if (m := _LIMIT.search(c))]
        limit = min(limits, default=TEXT_LIMIT)
        key = (context, msgid)
        previous = found.get(key)
        if previous is not None:
            limit = min(limit, previous.limit)
        found[key] = Marked(msgid, plural, context, f"{filename}:{lineno}", limit)
    return tuple(found.values())


def _placeholders(text: str) -> Counter[str]:
    fields: Counter[str] = Counter()
    try:
        for _literal, field, _spec, _conversion in string.Formatter().parse(text):
            if field is not None:
                fields["{" + field + "}"] += 1
    except ValueError:
        fields["<unbalanced braces>"] += 1
    fields.update(_PERCENT.findall(text))
    return fields


def _tags(text: str) -> Counter[str]:
    return Counter(match.group(0).split()[0].rstrip(">") for match in _TAG.finditer(text))


def _forms(message: Message) -> list[str]:
    return list(message.string) if isinstance(message.string, tuple) else [message.string]


def test_the_code_marks_messages() -> None:
    ids = {item.msgid for item in marked()}
    assert "That button isn't for you." in ids
    assert "Change my language: English, Deutsch, Español, Français" in ids  # N_ at import


def test_the_template_holds_every_marked_message() -> None:
    """``pybabel update`` works from the template: it must be extracted again after a change."""
    with (ROOT / "bot" / "locale" / "messages.pot").open("rb") as pot:
        template = read_po(pot)
    missing = [
        f"{item.where}: {item.msgid!r}"
        for item in marked()
        if template.get(item.msgid, context=item.context) is None
    ]
    assert missing == [], "run pybabel extract (docs/TRANSLATING.md)"


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_every_marked_message_is_translated(language: Language) -> None:
    catalog = read_catalog(language)
    problems = []
    for item in marked():
        message = catalog.get(item.msgid, context=item.context)
        if message is None:
            problems.append(f"{item.where}: missing {item.msgid!r}")
        elif message.fuzzy:
            problems.append(f"{item.where}: fuzzy (to review) {item.msgid!r}")
        elif not all(form.strip() for form in _forms(message)):
            problems.append(f"{item.where}: untranslated {item.msgid!r}")
        elif item.plural is not None and len(_forms(message)) != catalog.num_plurals:
            problems.append(f"{item.where}: {catalog.num_plurals} plural forms needed")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_translations_keep_the_placeholders_and_the_markup(language: Language) -> None:
    catalog = read_catalog(language)
    problems = []
    for item in marked():
        message = catalog.get(item.msgid, context=item.context)
        if message is None or not message.string:
            continue  # reported by the test above
        forms = _forms(message)
        if item.plural is None:
            expected = [(_placeholders(item.msgid), forms[0])]
        else:
            # the last form is the general one ("{n} sets"): it says everything the plural
            # id says; the others may leave the number out ("one set", "ein Satz")
            source = _placeholders(item.msgid) | _placeholders(item.plural)
            expected = [(_placeholders(item.plural), forms[-1])]
            for form in forms[:-1]:
                if not set(_placeholders(form)) <= set(source):
                    problems.append(f"{item.where}: {form!r} has a placeholder of its own")
        for wanted, form in expected:
            if _placeholders(form) != wanted:
                problems.append(f"{item.where}: placeholders of {form!r} are not {wanted}")
        for form in forms:
            if _tags(form) != _tags(item.msgid):
                problems.append(f"{item.where}: markup of {form!r} differs from the English")
    assert problems == []


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_translations_fit_telegrams_limits(language: Language) -> None:
    """A ``# LIMIT: n`` comment before the marked text gives its limit (a button answer,
    a description); every other text must fit one message."""
    catalog = read_catalog(language)
    too_long = [
        f"{item.where}: {utf16_len(form)} > {item.limit}: {form[:40]!r}"
        for item in marked()
        if (message := catalog.get(item.msgid, context=item.context)) is not None
        for form in _forms(message)
        if utf16_len(form) > item.limit
    ]
    assert too_long == []


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_each_catalog_counts_as_its_language_does(language: Language) -> None:
    catalog = read_catalog(language)
    assert isinstance(catalog, Catalog)
    assert catalog.plural_expr == get_plural(language.value).plural_expr
    assert catalog.num_plurals == get_plural(language.value).num_plurals


@pytest.mark.parametrize("language", TRANSLATED, ids=str)
def test_each_catalog_compiles_and_answers(language: Language) -> None:
    translated = translations(language)
    with speaking(language):
        assert translated.gettext("That button isn't for you.") != "That button isn't for you."
