"""When a picture goes out unasked: the first card of an exercise a runner ever gets.

A runner meeting a movement for the first time sees how it looks just above its card, so
the card (and its Done) stays the last message. Asked only for a card that was never sent
before (its item has no message id yet): a redraw, a resend after How? or a resumed session
never asks, and a Done press asks only when an exercise closes and the next card goes out.
How "met before" is read, and why no table of its own: ``storage.meetings``.
"""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from storage import meetings
from storage.fast import FastPath
from storage.sessions import ItemView


async def first_meeting(db: AsyncSession | None, fast: FastPath, item: ItemView) -> bool:
    """Whether this card is the runner's first of its exercise, ever.

    ``db`` is the update's session when it has a transaction open (the item's session may
    be new in it), else None and the fast path's connection asks, as ``card_shown`` does.
    """
    if item.message_id is not None:
        return False
    if item.met is not None:  # asked already, by the statement that made the item
        return not item.met
    if db is not None:
        return not await meetings.met_before(db, item.session_id, item.exercise_id)
    return not await meetings.met_before_fast(fast, item.session_id, item.exercise_id)
