"""The buttons under an exercise card.

Callback data is ``s:<item id>:<action>:<state>``: ``state`` is the sets done and the rung's
place on the ladder when the card was drawn, so a double tap or an old card cannot act twice.
"""

from __future__ import annotations

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack

DONE, HARDER, EASIER, SKIP, HOW = "d", "h", "e", "s", "w"
ACTIONS = frozenset({DONE, HARDER, EASIER, SKIP, HOW})


def state_token(sets_done: int, rung_index: int) -> str:
    return f"{sets_done}.{rung_index}"


def exercise(item_id: int, token: str) -> InlineKeyboardMarkup:
    def button(label: str, action: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=pack("s", item_id, action, token))

    return InlineKeyboardMarkup(
        [
            [button("Done ✅", DONE)],
            [button("Harder ⬆️", HARDER), button("Easier ⬇️", EASIER)],
            [button("Skip ⏭", SKIP), button("How? ❓", HOW)],
        ]
    )
