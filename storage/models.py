"""Typed SQLAlchemy 2 models.

Wall-clock things a runner chose (reminder time, zone, running weekdays) are stored as they
were given: a local time plus an IANA zone name. UTC instants are computed only when
scheduling (``Reminder.due_at``), so a change of DST rules or zone never corrupts a profile.
"""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    Double,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
    func,
    text,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column

from storage.base import Base, UTCDateTime


class Runner(Base):
    """A Telegram user being coached, with the profile that drives planning."""

    __tablename__ = "runner"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    telegram_user_id: Mapped[int] = mapped_column(BigInteger, unique=True)
    chat_id: Mapped[int] = mapped_column(BigInteger)
    first_name: Mapped[str] = mapped_column(String(128), default="")
    username: Mapped[str | None] = mapped_column(String(64))
    language: Mapped[str] = mapped_column(String(8), default="en")
    level: Mapped[str | None] = mapped_column(String(16))
    equipment: Mapped[list[str]] = mapped_column(JSON, default=list)
    running_days: Mapped[list[int]] = mapped_column(JSON, default=list)
    hard_days: Mapped[list[int]] = mapped_column(JSON, default=list)
    reminder_time: Mapped[time | None] = mapped_column(Time)
    time_zone: Mapped[str | None] = mapped_column(String(64))
    # The question the bot is waiting for an answer to (conversation state lives here, so a
    # restart resumes at the same question). None: not waiting for anything.
    pending_question: Mapped[str | None] = mapped_column(String(32))
    # Scratch answers of the pending question (a zone awaiting Yes/No, "editing" from
    # /settings), and which questions have been answered at least once.
    draft: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    onboarded: Mapped[bool] = mapped_column(Boolean, default=False)
    paused: Mapped[bool] = mapped_column(Boolean, default=False)
    paused_until: Mapped[date | None] = mapped_column(Date)
    # The runner blocked the bot (Telegram answered 403): no reminders until /start again.
    blocked: Mapped[bool] = mapped_column(Boolean, default=False)
    race_date: Mapped[date | None] = mapped_column(Date)
    # the goal race's distance (content.races.RaceDistance); None with a race date: a half
    race_distance: Mapped[str | None] = mapped_column(String(16))
    # kg or lb for dumbbells; None: from the language's country (content.load.unit_for)
    weight_unit: Mapped[str | None] = mapped_column(String(2))
    # the rest timer: the card says "Go" when a rest between sets is over
    rest_timer: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    # the weekly recap on the week's last day, at the reminder time (on by default)
    weekly_recap: Mapped[bool] = mapped_column(Boolean, default=True, server_default=true())
    last_session_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, server_default=func.now(), onupdate=func.now()
    )


class Progression(Base):
    """Where a runner stands on one exercise's ladder: the rung and the target reps."""

    __tablename__ = "progression"

    runner_id: Mapped[int] = mapped_column(
        ForeignKey("runner.id", ondelete="CASCADE"), primary_key=True
    )
    exercise_id: Mapped[str] = mapped_column(String(48), primary_key=True)
    rung_id: Mapped[str] = mapped_column(String(48))
    reps: Mapped[int] = mapped_column(Integer)
    # sessions running in which every set reached the top of the rep range
    top_streak: Mapped[int] = mapped_column(Integer, default=0)
    # sessions running with every set at the target (paces jump volume)
    clean_streak: Mapped[int] = mapped_column(Integer, default=0)
    # sessions running on this rung short of the target or Hard; sessions running Easy
    struggle_streak: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    easy_streak: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    # fewer sets than the rung's (Easier on the first rung); None: the rung's own
    sets: Mapped[int | None] = mapped_column(Integer)
    # the dumbbell weight on rungs done with dumbbells
    load: Mapped[float | None] = mapped_column(Double)
    load_unit: Mapped[str | None] = mapped_column(String(2))
    # a second Harder in one session was held back: offer it next time
    harder_next: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    updated_at: Mapped[datetime] = mapped_column(
        UTCDateTime, server_default=func.now(), onupdate=func.now()
    )


class ProgressionEvent(Base):
    """A change of rung or reps, with why: the runner pressed Harder/Easier, or auto."""

    __tablename__ = "progression_event"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    runner_id: Mapped[int] = mapped_column(ForeignKey("runner.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(48))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("leg_session.id", ondelete="SET NULL")
    )
    kind: Mapped[str] = mapped_column(String(16))
    from_rung: Mapped[str] = mapped_column(String(48))
    to_rung: Mapped[str] = mapped_column(String(48))
    # A ChangeReason code (older rows: the sentence itself) and the numbers it speaks of.
    reason: Mapped[str] = mapped_column(Text, default="")
    from_reps: Mapped[int | None] = mapped_column(Integer)
    to_reps: Mapped[int | None] = mapped_column(Integer)
    sets: Mapped[int | None] = mapped_column(Integer)
    days: Mapped[int | None] = mapped_column(Integer)
    from_load: Mapped[float | None] = mapped_column(Double)
    to_load: Mapped[float | None] = mapped_column(Double)
    load_unit: Mapped[str | None] = mapped_column(String(2))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())

    __table_args__ = (Index(None, "runner_id", "exercise_id"),)


class LegSession(Base):
    """One leg workout: planned, then active, then finished, stopped early or skipped."""

    __tablename__ = "leg_session"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    runner_id: Mapped[int] = mapped_column(ForeignKey("runner.id", ondelete="CASCADE"))
    status: Mapped[str] = mapped_column(String(16), default="active")
    warmup: Mapped[str] = mapped_column(Text, default="")
    current_position: Mapped[int] = mapped_column(Integer, default=0)
    planned_for: Mapped[datetime | None] = mapped_column(UTCDateTime)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())
    # what the session was started as (content.record.SessionKind); None: older rows
    kind: Mapped[str | None] = mapped_column(String(16))
    # the session a gentle one replaces after a pain report mid-session (at most one each:
    # a second press finds it replaced). A plain id, not a foreign key: a runner's sessions
    # are only ever erased all together, and SQLite cannot add a constraint in place.
    replaces_id: Mapped[int | None] = mapped_column(Integer)

    __table_args__ = (
        Index(None, "runner_id", "status"),
        Index("uq_leg_session_replaces_id", "replaces_id", unique=True),
        # At most one active session per runner, enforced by the database: two presses of
        # "Start" racing (in one process or two) cannot both create one.
        Index(
            "uq_leg_session_one_active",
            "runner_id",
            unique=True,
            sqlite_where=text("status = 'active'"),
            postgresql_where=text("status = 'active'"),
        ),
    )


class SessionItem(Base):
    """One exercise of a session's stored plan, with how far the runner got."""

    __tablename__ = "session_item"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("leg_session.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    exercise_id: Mapped[str] = mapped_column(String(48))
    rung_id: Mapped[str] = mapped_column(String(48))
    sets: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(16))
    per_side: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    sets_done: Mapped[int] = mapped_column(Integer, default=0)
    # when the last set was logged and what it counted (fewer than prescribed when the
    # runner said so); the set_log trigger copies both into the log row
    last_set_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    last_reps: Mapped[int | None] = mapped_column(Integer)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    # how the exercise felt (content.model.Effort), asked after its last set
    effort: Mapped[str | None] = mapped_column(String(8))
    # the dumbbell weight used on a loaded rung, as the runner told it
    load: Mapped[float | None] = mapped_column(Double)
    load_unit: Mapped[str | None] = mapped_column(String(2))
    # Harder moved this exercise up in this session (one rung per session at most)
    moved_up: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # the runner asked for a second step up last time: the card offers Harder
    offer_harder: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (UniqueConstraint("session_id", "position"),)


class SoreArea(Base):
    """A sore area a runner reported, remembered until they say it is better (the row then
    goes). Sessions spare it and every leg-day reminder asks about it (``content.pain``)."""

    __tablename__ = "sore_area"

    runner_id: Mapped[int] = mapped_column(
        ForeignKey("runner.id", ondelete="CASCADE"), primary_key=True
    )
    area: Mapped[str] = mapped_column(String(16), primary_key=True)
    # the runner's local date of the first report: two weeks on, suggest a professional
    since: Mapped[date] = mapped_column(Date)
    reported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    # the last answer to "How's your knee?" (content.pain.PainAnswer) and when
    answer: Mapped[str | None] = mapped_column(String(8))
    answered_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class SetLog(Base):
    """A set the runner said they did. Unique per item and set number: a double tap logs one."""

    __tablename__ = "set_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("leg_session.id", ondelete="CASCADE"))
    item_id: Mapped[int] = mapped_column(ForeignKey("session_item.id", ondelete="CASCADE"))
    runner_id: Mapped[int] = mapped_column(ForeignKey("runner.id", ondelete="CASCADE"))
    exercise_id: Mapped[str] = mapped_column(String(48))
    rung_id: Mapped[str] = mapped_column(String(48))
    set_number: Mapped[int] = mapped_column(Integer)
    reps: Mapped[int] = mapped_column(Integer)
    unit: Mapped[str] = mapped_column(String(16))
    side: Mapped[str | None] = mapped_column(String(8))
    load: Mapped[float | None] = mapped_column(Double)
    load_unit: Mapped[str | None] = mapped_column(String(2))
    logged_at: Mapped[datetime] = mapped_column(UTCDateTime)

    __table_args__ = (
        UniqueConstraint("item_id", "set_number"),
        Index(None, "runner_id", "exercise_id"),
    )


class Reminder(Base):
    """A leg-day message due at an instant. The database, not memory, is the source of truth.

    ``status`` moves pending -> claimed -> sent (or missed / failed), and a sent reminder
    records the runner's answer (started / snoozed / skipped / moved). A claim expires at
    ``claimed_until`` so a process that died between claim and send does not lose the
    reminder; on a pending reminder ``claimed_until`` is the back-off after a failed send.
    ``kind`` is leg_day, snooze, moved or recap (the weekly recap). See ``storage.reminders``
    and docs/SCHEDULING.md.
    """

    __tablename__ = "reminder"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    runner_id: Mapped[int] = mapped_column(ForeignKey("runner.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(16), default="leg_day")
    local_date: Mapped[date] = mapped_column(Date)
    due_at: Mapped[datetime] = mapped_column(UTCDateTime)
    status: Mapped[str] = mapped_column(String(16), default="pending")
    claimed_until: Mapped[datetime | None] = mapped_column(UTCDateTime)
    claimed_by: Mapped[str | None] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    sent_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    message_id: Mapped[int | None] = mapped_column(BigInteger)
    last_error: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())

    __table_args__ = (
        UniqueConstraint("runner_id", "local_date", "kind"),
        Index(None, "status", "due_at"),
    )


class SendBudget(Base):
    """The send budget of one bot, shared by every process sending for it.

    ``next_at`` is the next free send slot on the database's clock (seconds since the epoch):
    a process reserves slots by moving it forward in one atomic upsert, so all processes
    together stay within Telegram's limit for the bot. See ``storage.sendbudget``.
    """

    __tablename__ = "send_budget"

    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    next_at: Mapped[float] = mapped_column(Double)


class MediaFile(Base):
    """The file_id Telegram gave a picture on its first upload, reused for every later send.

    One row per picture and kind (the two-panel photo, the looping animation): a picture
    costs one upload per bot, not one per runner. ``key`` names the drawing itself (its
    content hash), so a redrawn picture gets a new key and is uploaded afresh.
    """

    __tablename__ = "media_file"

    key: Mapped[str] = mapped_column(String(96), primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    file_id: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, server_default=func.now())


class HandledUpdate(Base):
    """A Telegram message update already handled, kept for a while to skip redeliveries.

    Polling confirms an update only after it is handled, and webhook mode answers only then,
    so after a crash Telegram may send a handled update again; a typed answer or a command is
    not idempotent the way a button's state token is. The row is written in the update's own
    transaction, so an update that failed (rolled back) is handled again when it comes back.
    Rows older than Telegram's redelivery horizon are pruned. See ``storage.handled``.
    """

    __tablename__ = "handled_update"

    update_id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=False)
    handled_at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)


def _attach_triggers() -> None:
    from storage import triggers

    triggers.attach(SessionItem.__table__)  # type: ignore[arg-type]


_attach_triggers()
