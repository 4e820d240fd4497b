"""Incoming updates: the queue ``getUpdates`` serves, its offsets, and the webhook switch.

Telegram keeps an update until the client asks for a higher offset, long-polls when the queue
is empty, and refuses ``getUpdates`` while a webhook is set. The queue does the same, waking
a long poll as soon as an update is pushed instead of making the caller spin.
"""

from __future__ import annotations

import asyncio
import contextlib

from bot.offline.errors import WEBHOOK_CONFLICT, ApiError, JSONDict


class UpdateQueue:
    """Updates waiting for the bot, numbered like Telegram's ``update_id``."""

    def __init__(self) -> None:
        self.webhook_url = ""
        self._updates: list[JSONDict] = []
        self._arrived = asyncio.Event()
        self._next_update_id = 1

    def __len__(self) -> int:
        return len(self._updates)

    def next_update_id(self) -> int:
        """A fresh update id, never reused."""
        update_id = self._next_update_id
        self._next_update_id += 1
        return update_id

    def push(self, update: JSONDict) -> int:
        """Queue an update for ``getUpdates``; an ``update_id`` is assigned if missing."""
        update = dict(update)
        update.setdefault("update_id", self.next_update_id())
        self._next_update_id = max(self._next_update_id, update["update_id"] + 1)
        self._updates.append(update)
        self._arrived.set()
        return int(update["update_id"])

    async def get_updates(self, params: JSONDict) -> list[JSONDict]:
        """``getUpdates``: confirm by offset, long-poll up to ``timeout`` seconds."""
        if self.webhook_url:
            raise ApiError(409, WEBHOOK_CONFLICT)
        self._confirm(params.get("offset"))
        timeout = float(params.get("timeout") or 0)
        if not self._updates and timeout > 0:
            self._arrived.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._arrived.wait(), timeout)
        limit = int(params.get("limit") or 100)
        return [dict(update) for update in self._updates[:limit]]

    def set_webhook(self, params: JSONDict) -> bool:
        self.webhook_url = str(params.get("url", ""))
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def delete_webhook(self, params: JSONDict) -> bool:
        self.webhook_url = ""
        if params.get("drop_pending_updates"):
            self._updates.clear()
        return True

    def webhook_info(self, _params: JSONDict) -> JSONDict:
        return {
            "url": self.webhook_url,
            "has_custom_certificate": False,
            "pending_update_count": len(self._updates),
        }

    def _confirm(self, offset: object) -> None:
        """Drop updates the client confirmed by asking for a higher offset."""
        if not isinstance(offset, int):
            return
        if offset < 0:
            del self._updates[:offset]
        else:
            self._updates = [u for u in self._updates if u["update_id"] >= offset]
