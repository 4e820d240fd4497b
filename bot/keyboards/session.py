"""The buttons under an exercise card, and under the question how an exercise felt.

Callback data is ``s:<item id>:<action>:<state>``, where ``state`` is what the card showed
when it was drawn, so a double tap or an old card is recognised: Done, Fewer and Back carry
the number of sets logged, a Fewer count ``<sets logged>_<count>``, Harder and Easier the
rung's place on the ladder, the effort answer its code, Skip and How? nothing (``-``). Only
the first row changes from one set to the next; the other buttons are reused.
"""

from __future__ import annotations

from functools import lru_cache

from telegram import InlineKeyboardButton, InlineKeyboardMarkup

from bot.callbacks import pack
from bot.flows.cards import Card, Closed, Mode
from bot.flows.press import Action, count_token, rung_token
from bot.i18n import current_language, ngettext, pgettext
from bot.i18n import number as format_number
from bot.texts.amounts import weight

TOPIC = "s"
NO_STATE = "-"
PER_ROW = 4


def _button(label: str, item_id: int, action: Action, token: object) -> InlineKeyboardButton:
    return InlineKeyboardButton(label, callback_data=pack(TOPIC, item_id, action, token))


def exercise(card: Card) -> InlineKeyboardMarkup:
    item = card.item
    if card.mode is Mode.FEWER:
        return _fewer(card)
    if card.mode is Mode.WHICH and card.typed is not None:
        value = card.typed
        return InlineKeyboardMarkup(
            [
                [
                    _button(
                        weight(value, card.weight_unit),
                        item.id,
                        Action.WEIGHT,
                        count_token(item.sets_done, round(value * 10)),
                    ),
                    _button(
                        ngettext("{count} rep", "{count} reps", int(value)).format(
                            count=format_number(value)
                        ),
                        item.id,
                        Action.COUNT,
                        count_token(item.sets_done, int(value)),
                    ),
                ],
                [_button(pgettext("card button", "Back"), item.id, Action.BACK, item.sets_done)],
            ]
        )
    first = (
        _button(pgettext("card button", "Done") + " ✅", item.id, Action.DONE, item.sets_done),
        _button(pgettext("card button", "Fewer") + "…", item.id, Action.FEWER, item.sets_done),
    )
    moves, other = _stable_rows(item.id, card.rung_index, current_language().value)
    return InlineKeyboardMarkup([first, moves, other])


def _fewer(card: Card) -> InlineKeyboardMarkup:
    item = card.item
    seconds = item.unit.value == "seconds"
    buttons = [
        _button(
            _seconds(count) if seconds else str(count),
            item.id,
            Action.COUNT,
            count_token(item.sets_done, count),
        )
        for count in card.counts
    ]
    rows = [buttons[i : i + PER_ROW] for i in range(0, len(buttons), PER_ROW)]
    rows.append([_button(pgettext("card button", "Back"), item.id, Action.BACK, item.sets_done)])
    return InlineKeyboardMarkup(rows)


def _seconds(count: int) -> str:
    return ngettext("{count} s", "{count} s", count).format(count=count)


@lru_cache(maxsize=4096)
def _stable_rows(
    item_id: int, rung_index: int, language: str
) -> tuple[tuple[InlineKeyboardButton, ...], tuple[InlineKeyboardButton, ...]]:
    """The buttons that stay the same while sets are logged (immutable, so safe to share;
    one set per language, which the labels are in: ``language`` keys the cache)."""
    state = rung_token(rung_index)
    return (
        (
            _button(pgettext("card button", "Harder") + " ⬆️", item_id, Action.HARDER, state),
            _button(pgettext("card button", "Easier") + " ⬇️", item_id, Action.EASIER, state),
        ),
        (
            _button(pgettext("card button", "Skip") + " ⏭", item_id, Action.SKIP, NO_STATE),
            _button(pgettext("card button", "How?") + " ❓", item_id, Action.HOW, NO_STATE),
        ),
    )


def effort(closed: Closed) -> InlineKeyboardMarkup:
    """Easy / Just right / Hard, and Skip on the session's last exercise (whose summary
    waits for the answer)."""
    row = [
        _button(pgettext("effort button", "Easy"), closed.item_id, Action.EFFORT, "e"),
        _button(pgettext("effort button", "Just right"), closed.item_id, Action.EFFORT, "r"),
        _button(pgettext("effort button", "Hard"), closed.item_id, Action.EFFORT, "h"),
    ]
    rows = [row]
    if closed.last:
        rows.append([_button(pgettext("card button", "Skip"), closed.item_id, Action.EFFORT, "s")])
    return InlineKeyboardMarkup(rows)
