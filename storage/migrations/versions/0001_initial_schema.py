"""initial schema

Revision ID: 0001
Revises:
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "runner",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("telegram_user_id", sa.BigInteger(), nullable=False),
        sa.Column("chat_id", sa.BigInteger(), nullable=False),
        sa.Column("first_name", sa.String(length=128), nullable=False),
        sa.Column("username", sa.String(length=64), nullable=True),
        sa.Column("language", sa.String(length=8), nullable=False),
        sa.Column("level", sa.String(length=16), nullable=True),
        sa.Column("equipment", sa.JSON(), nullable=False),
        sa.Column("running_days", sa.JSON(), nullable=False),
        sa.Column("hard_days", sa.JSON(), nullable=False),
        sa.Column("reminder_time", sa.Time(), nullable=True),
        sa.Column("time_zone", sa.String(length=64), nullable=True),
        sa.Column("pending_question", sa.String(length=32), nullable=True),
        sa.Column("draft", sa.JSON(), nullable=False),
        sa.Column("onboarded", sa.Boolean(), nullable=False),
        sa.Column("paused", sa.Boolean(), nullable=False),
        sa.Column("paused_until", sa.Date(), nullable=True),
        sa.Column("blocked", sa.Boolean(), nullable=False),
        sa.Column("race_date", sa.Date(), nullable=True),
        sa.Column("last_session_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_runner")),
        sa.UniqueConstraint("telegram_user_id", name=op.f("uq_runner_telegram_user_id")),
    )
    op.create_table(
        "leg_session",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("warmup", sa.Text(), nullable=False),
        sa.Column("current_position", sa.Integer(), nullable=False),
        sa.Column("planned_for", sa.DateTime(timezone=True), nullable=True),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("finished_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["runner_id"],
            ["runner.id"],
            name=op.f("fk_leg_session_runner_id_runner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_leg_session")),
    )
    with op.batch_alter_table("leg_session", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_leg_session_runner_id"), ["runner_id", "status"], unique=False
        )

    op.create_table(
        "progression",
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=48), nullable=False),
        sa.Column("rung_id", sa.String(length=48), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("top_streak", sa.Integer(), nullable=False),
        sa.Column("clean_streak", sa.Integer(), nullable=False),
        sa.Column(
            "updated_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["runner_id"],
            ["runner.id"],
            name=op.f("fk_progression_runner_id_runner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("runner_id", "exercise_id", name=op.f("pk_progression")),
    )
    op.create_table(
        "reminder",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("local_date", sa.Date(), nullable=False),
        sa.Column("due_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("claimed_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("claimed_by", sa.String(length=64), nullable=True),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["runner_id"],
            ["runner.id"],
            name=op.f("fk_reminder_runner_id_runner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reminder")),
        sa.UniqueConstraint(
            "runner_id", "local_date", "kind", name=op.f("uq_reminder_runner_id_local_date_kind")
        ),
    )
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_reminder_status"), ["status", "due_at"], unique=False)

    op.create_table(
        "progression_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=48), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("from_rung", sa.String(length=48), nullable=False),
        sa.Column("to_rung", sa.String(length=48), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column(
            "created_at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False
        ),
        sa.ForeignKeyConstraint(
            ["runner_id"],
            ["runner.id"],
            name=op.f("fk_progression_event_runner_id_runner"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["leg_session.id"],
            name=op.f("fk_progression_event_session_id_leg_session"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_progression_event")),
    )
    with op.batch_alter_table("progression_event", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_progression_event_runner_id"),
            ["runner_id", "exercise_id"],
            unique=False,
        )

    op.create_table(
        "session_item",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=48), nullable=False),
        sa.Column("rung_id", sa.String(length=48), nullable=False),
        sa.Column("sets", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("per_side", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("sets_done", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.BigInteger(), nullable=True),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["leg_session.id"],
            name=op.f("fk_session_item_session_id_leg_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_session_item")),
        sa.UniqueConstraint(
            "session_id", "position", name=op.f("uq_session_item_session_id_position")
        ),
    )
    op.create_table(
        "set_log",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("session_id", sa.Integer(), nullable=False),
        sa.Column("item_id", sa.Integer(), nullable=False),
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("exercise_id", sa.String(length=48), nullable=False),
        sa.Column("rung_id", sa.String(length=48), nullable=False),
        sa.Column("set_number", sa.Integer(), nullable=False),
        sa.Column("reps", sa.Integer(), nullable=False),
        sa.Column("unit", sa.String(length=16), nullable=False),
        sa.Column("side", sa.String(length=8), nullable=True),
        sa.Column("logged_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["item_id"],
            ["session_item.id"],
            name=op.f("fk_set_log_item_id_session_item"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["runner_id"],
            ["runner.id"],
            name=op.f("fk_set_log_runner_id_runner"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["session_id"],
            ["leg_session.id"],
            name=op.f("fk_set_log_session_id_leg_session"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_set_log")),
        sa.UniqueConstraint("item_id", "set_number", name=op.f("uq_set_log_item_id_set_number")),
    )
    with op.batch_alter_table("set_log", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_set_log_runner_id"), ["runner_id", "exercise_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("set_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_set_log_runner_id"))

    op.drop_table("set_log")
    op.drop_table("session_item")
    with op.batch_alter_table("progression_event", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_progression_event_runner_id"))

    op.drop_table("progression_event")
    with op.batch_alter_table("reminder", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_reminder_status"))

    op.drop_table("reminder")
    op.drop_table("progression")
    with op.batch_alter_table("leg_session", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_leg_session_runner_id"))

    op.drop_table("leg_session")
    op.drop_table("runner")
