"""The bot's profile as users see it: commands, descriptions and the menu button, per language.

Telegram keeps a command list per (scope, language) and a description (shown in an empty chat,
at most 512 characters) and short description (the profile's "about", at most 120) per
language, the empty language code being the fallback for everyone else. ``getMy*`` answers
with exactly what was set for that scope and language; which list a given user sees is
decided by Telegram's documented fallback, which :meth:`BotProfile.commands_for` follows.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Final

from bot.offline.errors import (
    COMMAND_DESCRIPTION_INVALID,
    COMMAND_INVALID,
    DESCRIPTION_TOO_LONG,
    LANGUAGE_CODE_INVALID,
    MAX_COMMAND_DESCRIPTION,
    MAX_COMMANDS,
    MAX_DESCRIPTION,
    MAX_SHORT_DESCRIPTION,
    SHORT_DESCRIPTION_TOO_LONG,
    TOO_MANY_COMMANDS,
    JSONDict,
    bad_request,
)
from bot.offline.html import utf16_len
from bot.offline.state import Chats

_COMMAND: Final = re.compile(r"[a-z0-9_]{1,32}")
_LANGUAGE: Final = re.compile(r"(?:[a-z]{2})?")
DEFAULT_SCOPE: Final[JSONDict] = {"type": "default"}


def _language(params: JSONDict) -> str:
    language = str(params.get("language_code") or "")
    if not _LANGUAGE.fullmatch(language):
        raise bad_request(LANGUAGE_CODE_INVALID)
    return language


def _key(scope: JSONDict | None, language: str) -> str:
    return json.dumps([scope or DEFAULT_SCOPE, language], sort_keys=True)


class BotProfile:
    """Commands, descriptions and menu buttons, as set through the Bot API."""

    def __init__(self, chats: Chats) -> None:
        self._chats = chats
        self._commands: dict[str, list[JSONDict]] = {}
        self._descriptions: dict[str, str] = {}
        self._short_descriptions: dict[str, str] = {}
        self._default_menu_button: JSONDict | None = None

    def handlers(self) -> dict[str, Callable[[JSONDict], object]]:
        """The Bot API methods this profile answers, by lower-case method name."""
        return {
            "setmycommands": self._set_my_commands,
            "getmycommands": self._get_my_commands,
            "deletemycommands": self._delete_my_commands,
            "setmydescription": self._set_my_description,
            "getmydescription": lambda params: {
                "description": self._descriptions.get(_language(params), "")
            },
            "setmyshortdescription": self._set_my_short_description,
            "getmyshortdescription": lambda params: {
                "short_description": self._short_descriptions.get(_language(params), "")
            },
            "setchatmenubutton": self._set_chat_menu_button,
            "getchatmenubutton": self._get_chat_menu_button,
        }

    # -- for tests ---------------------------------------------------------------------------

    def commands(self, scope: JSONDict | None = None, language_code: str = "") -> list[JSONDict]:
        """The command list set for exactly this scope (default if ``None``) and language."""
        return list(self._commands.get(_key(scope, language_code), []))

    def commands_for(
        self, chat_id: int, language_code: str = "", user_id: int | None = None
    ) -> list[JSONDict]:
        """The commands a user with ``language_code`` sees in a chat, by Telegram's fallback:
        the narrowest scope that has a list, the user's language before the default one."""
        chat_type = self._chats.get(chat_id).data.get("type", "private")
        scopes: list[JSONDict] = []
        if chat_type != "private" and user_id is not None:
            scopes.append({"type": "chat_member", "chat_id": chat_id, "user_id": user_id})
        scopes.append({"type": "chat", "chat_id": chat_id})
        everywhere = "all_private_chats" if chat_type == "private" else "all_group_chats"
        scopes.append({"type": everywhere})
        scopes.append(DEFAULT_SCOPE)
        for scope in scopes:
            for language in dict.fromkeys((language_code, "")):
                found = self._commands.get(_key(scope, language))
                if found is not None:
                    return list(found)
        return []

    def description(self, language_code: str = "") -> str:
        """The description set for exactly this language ("" when none)."""
        return self._descriptions.get(language_code, "")

    def short_description(self, language_code: str = "") -> str:
        """The short description set for exactly this language ("" when none)."""
        return self._short_descriptions.get(language_code, "")

    def description_for(self, language_code: str) -> str:
        """The description a user with ``language_code`` sees: theirs, else the default."""
        return self._descriptions.get(language_code) or self._descriptions.get("", "")

    def short_description_for(self, language_code: str) -> str:
        """The short description a user with ``language_code`` sees: theirs, else the default."""
        return self._short_descriptions.get(language_code) or self._short_descriptions.get("", "")

    # -- methods -----------------------------------------------------------------------------

    def _set_my_commands(self, params: JSONDict) -> bool:
        commands = list(params.get("commands") or [])
        if len(commands) > MAX_COMMANDS:
            raise bad_request(TOO_MANY_COMMANDS)
        for command in commands:
            if not _COMMAND.fullmatch(str(command.get("command", ""))):
                raise bad_request(COMMAND_INVALID)
            description = str(command.get("description", ""))
            if not 1 <= utf16_len(description) <= MAX_COMMAND_DESCRIPTION:
                raise bad_request(COMMAND_DESCRIPTION_INVALID)
        self._commands[_key(params.get("scope"), _language(params))] = commands
        return True

    def _get_my_commands(self, params: JSONDict) -> list[JSONDict]:
        return self.commands(params.get("scope"), _language(params))

    def _delete_my_commands(self, params: JSONDict) -> bool:
        self._commands.pop(_key(params.get("scope"), _language(params)), None)
        return True

    def _set_my_description(self, params: JSONDict) -> bool:
        language, text = _language(params), str(params.get("description") or "")
        if utf16_len(text) > MAX_DESCRIPTION:
            raise bad_request(DESCRIPTION_TOO_LONG)
        _set_or_clear(self._descriptions, language, text)
        return True

    def _set_my_short_description(self, params: JSONDict) -> bool:
        language, text = _language(params), str(params.get("short_description") or "")
        if utf16_len(text) > MAX_SHORT_DESCRIPTION:
            raise bad_request(SHORT_DESCRIPTION_TOO_LONG)
        _set_or_clear(self._short_descriptions, language, text)
        return True

    def _set_chat_menu_button(self, params: JSONDict) -> bool:
        button = params.get("menu_button")
        if "chat_id" in params:
            self._chats.target(params, sending=False).menu_button = button
        else:
            self._default_menu_button = button
        return True

    def _get_chat_menu_button(self, params: JSONDict) -> JSONDict:
        button = None
        if "chat_id" in params:
            button = self._chats.target(params, sending=False).menu_button
        button = button or self._default_menu_button
        return dict(button) if button else {"type": "default"}


def _set_or_clear(store: dict[str, str], language: str, text: str) -> None:
    """An empty text removes the language's own text, as Telegram documents."""
    if text:
        store[language] = text
    else:
        store.pop(language, None)
