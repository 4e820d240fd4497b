"""The stored status and kind values of sessions and progression events.

StrEnums, so a row's value compares equal to its member and stored data reads unchanged.
"""

from __future__ import annotations

from enum import StrEnum


class SessionStatus(StrEnum):
    """A leg session is active until it is finished or stopped early."""

    ACTIVE = "active"
    FINISHED = "finished"
    STOPPED = "stopped"


class ItemStatus(StrEnum):
    """One exercise of a session: waiting, current, then done, skipped or left undone."""

    PENDING = "pending"
    ACTIVE = "active"
    DONE = "done"
    SKIPPED = "skipped"
    NOT_DONE = "not_done"

    @property
    def closed(self) -> bool:
        return self in (ItemStatus.DONE, ItemStatus.SKIPPED, ItemStatus.NOT_DONE)


class EventKind(StrEnum):
    """Who or what changed a progression: the runner's buttons, a restart after a break, or
    the automatic double progression at the end of a session (``auto_<ChangeKind>``)."""

    HARDER = "harder"
    EASIER = "easier"
    RESTART = "restart"
    AUTO_UP = "auto_up"
    AUTO_REPS = "auto_reps"
    AUTO_AT_TOP = "auto_at_top"
    AUTO_DOWN = "auto_down"
    AUTO_LOAD = "auto_load"
