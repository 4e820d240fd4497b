"""The buttons under an exercise card.

Callback data is ``s:<item id>:<action>:<state>``, where ``state`` is what the card showed
when it was drawn, so a double tap or an old card is recognised: Done carries the number of
sets logged, Harder and Easier carry the rung's place on the ladder, Skip and How? carry
nothing (``-``). Only the Done button changes from one set to the next; the other four are
reused.
"""

from __future__ import annotations

from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.flows.cards import Card
from bot.flows.session import Action, rung_token

TOPIC = "s"
NO_STATE = "-"


def exercise(card: Card) -> InlineKeyboardMarkup:
    item = card.item
    done = InlineKeyboardButton(
        "Done ✅", callback_data=pack(TOPIC, item.id, Action.DONE, item.sets_done)
    )
    moves, other = _stable_rows(item.id, card.rung_index)
    return InlineKeyboardMarkup([[done], moves, other])


@lru_cache(maxsize=4096)
def _stable_rows(
    item_id: int, rung_index: int
) -> tuple[tuple[InlineKeyboardButton, ...], tuple[InlineKeyboardButton, ...]]:
    """The buttons that stay the same while sets are logged (immutable, so safe to share)."""
    state = rung_token(rung_index)

    def button(label: str, action: Action, token: str) -> InlineKeyboardButton:
        return InlineKeyboardButton(label, callback_data=pack(TOPIC, item_id, action, token))

    return (
        (button("Harder ⬆️", Action.HARDER, state), button("Easier ⬇️", Action.EASIER, state)),
        (button("Skip ⏭", Action.SKIP, NO_STATE), button("How? ❓", Action.HOW, NO_STATE)),
    )
