"""Has a runner met an exercise before? Read from the cards already shown, not stored apart.

The first card of an exercise a runner ever gets comes with its picture. "Met" means a card
of that exercise went out to this runner before: a session item of theirs with the exercise
and a ``message_id``, which every card that Telegram confirmed records (the live card's
message, kept so its buttons can be retired). So no table of its own is needed: the history
is already there, runners who trained before pictures existed count as having met their
exercises (nothing to backfill), a skipped exercise counts (its card was seen), and a card
whose send failed does not (no message id), so its picture comes again with the next copy.

One indexed statement (the runner's sessions by ``leg_session(runner_id, status)``, their
items by ``session_item(session_id, position)``), asked only when a card is about to be sent
for the first time (its own item has no message id yet): on a Done press, only when an
exercise closes and the next card goes out. It runs either in the update's open transaction
(whose new session row the fast path cannot see yet) or on the fast path's connection. A
session's first card needs no read of its own: the same question rides on the statement that
inserts the session (``storage.starts.claim``), and the item carries the answer (``met``).
"""

from __future__ import annotations

from functools import cache

from sqlalchemy import Select, bindparam, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import aliased

from storage.fast import FastPath, OneTrip
from storage.models import LegSession, SessionItem


async def met_before(db: AsyncSession, session_id: int, exercise_id: str) -> bool:
    """Whether the owner of session ``session_id`` was shown a card of ``exercise_id``."""
    found = await db.scalar(_statement(), {"session_id": session_id, "exercise_id": exercise_id})
    return found is not None


async def met_before_fast(fast: FastPath, session_id: int, exercise_id: str) -> bool:
    """:func:`met_before` on the fast path's connection, in one round trip."""
    row = await fast.fetch_one(_fast(), session_id=session_id, exercise_id=exercise_id)
    return row is not None


@cache
def _statement() -> Select[int]:
    owner = aliased(LegSession)
    runner_id = (
        select(owner.runner_id).where(owner.id == bindparam("session_id")).scalar_subquery()
    )
    return (
        select(SessionItem.id)
        .join(LegSession, LegSession.id == SessionItem.session_id)
        .where(
            LegSession.runner_id == runner_id,
            SessionItem.exercise_id == bindparam("exercise_id"),
            SessionItem.message_id.is_not(None),
        )
        .limit(1)
    )


@cache
def _fast() -> OneTrip:
    """Built once: compiling costs more than running it."""
    return OneTrip(_statement())
