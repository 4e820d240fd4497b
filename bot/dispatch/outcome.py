"""What happened to a claimed reminder, and what one dispatch tick did."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum

from storage.claims import DueReminder


class DispatchOutcome(StrEnum):
    """The outcome of one claimed reminder, as the dispatcher records it."""

    SENT = "sent"  # Telegram accepted it
    MISSED = "missed"  # more than 3 hours late: not sent
    RETRY = "retry"  # a transient failure: the claim is given back with a back-off
    FAILED = "failed"  # Telegram refused it for good
    BLOCKED = "blocked"  # the runner blocked the bot (403)
    DROP = "drop"  # the runner no longer wants it (paused or blocked meanwhile)

    @property
    def ends_day(self) -> bool:
        """Whether the leg day is dealt with, so the runner's next one is planned."""
        return self in (DispatchOutcome.SENT, DispatchOutcome.MISSED, DispatchOutcome.FAILED)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One claimed reminder's outcome, waiting to be recorded: the message id and send
    instant of a sent one, Telegram's error of a failed one."""

    kind: DispatchOutcome
    due: DueReminder
    message_id: int = 0
    at: datetime | None = None
    error: str = ""


@dataclass
class TickReport:
    """What one tick did (for logs, tests and benchmarks)."""

    claimed: int = 0
    sent: int = 0
    late: int = 0
    missed: int = 0
    retried: int = 0
    released: int = 0
    blocked: int = 0
    failed: int = 0
    dropped: int = 0
    expired: int = 0
    stale_slots: int = 0
    waited_for_flood: float = 0.0
    errors: list[str] = field(default_factory=list)
