"""The buttons under an exercise card.

Callback data is ``s:<item id>:<action>:<state>``, where ``state`` is what the action must
still find true when it is handled, so a double tap or an old card cannot act twice:
Done carries the number of sets logged when the card was drawn, Harder and Easier carry the
rung's place on the ladder, Skip and How? carry nothing (``-``): their own checks suffice.
Only the Done button changes from one set to the next; the other four are reused.
"""

from __future__ import annotations

from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack

DONE, HARDER, EASIER, SKIP, HOW = "d", "h", "e", "s", "w"
ACTIONS = frozenset({DONE, HARDER, EASIER, SKIP, HOW})
NO_STATE = "-"


def rung_state(rung_index: int) -> str:
    return f"r{rung_index}"


def exercise(item_id: int, sets_done: int, rung_index: int) -> InlineKeyboardMarkup:
    done = InlineKeyboardButton("Done ✅", callback_data=pack("s", item_id, DONE, sets_done))
    moves, other = _stable_rows(item_id, rung_index)
    return InlineKeyboardMarkup([[done], moves, other])


@lru_cache(maxsize=4096)
def _stable_rows(
    item_id: int, rung_index: int
) -> tuple[tuple[InlineKeyboardButton, ...], tuple[InlineKeyboardButton, ...]]:
    """The buttons that stay the same while sets are logged (immutable, so safe to share)."""
    state = rung_state(rung_index)

    def button(label: str, action: str, token: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=pack("s", item_id, action, token))

    return (
        (button("Harder ⬆️", HARDER, state), button("Easier ⬇️", EASIER, state)),
        (button("Skip ⏭", SKIP, NO_STATE), button("How? ❓", HOW, NO_STATE)),
    )
