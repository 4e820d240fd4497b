"""The Older / Newer buttons under a page of /history.

Callback data is ``hi:<Telegram user id>:<o|n>:<session id>``: whose history it is, which
way to page, and the session the page starts from (keyset paging). A press by anyone else
is refused; a malformed one is answered as stale.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.flows.history import Direction, HistoryPage
from bot.texts import history as texts

TOPIC = "hi"


def pager(page: HistoryPage, telegram_user_id: int) -> InlineKeyboardMarkup | None:
    """Older and/or Newer, or None when the page is the whole history."""
    row = []
    if page.older is not None:
        row.append(
            InlineKeyboardButton(
                texts.older_label(),
                callback_data=pack(TOPIC, telegram_user_id, Direction.OLDER, page.older),
            )
        )
    if page.newer is not None:
        row.append(
            InlineKeyboardButton(
                texts.newer_label(),
                callback_data=pack(TOPIC, telegram_user_id, Direction.NEWER, page.newer),
            )
        )
    return InlineKeyboardMarkup([row]) if row else None
