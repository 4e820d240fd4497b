"""a coach that listens: reps done, effort, load, struggle and easy streaks, the rest timer

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# The set-log trigger from this revision on (a frozen copy of storage/triggers.py).
_COLUMNS = (
    "session_id, item_id, runner_id, exercise_id, rung_id, set_number, reps, unit, side, "
    "load, load_unit, logged_at"
)
_VALUES = (
    "NEW.session_id, NEW.id, s.runner_id, NEW.exercise_id, NEW.rung_id, NEW.sets_done, "
    "COALESCE(NEW.last_reps, NEW.reps), NEW.unit, "
    "CASE WHEN NEW.per_side THEN 'each' ELSE NULL END, NEW.load, NEW.load_unit, NEW.last_set_at"
)
_SQLITE_CREATE = (
    "CREATE TRIGGER session_item_log_set AFTER UPDATE OF sets_done ON session_item "
    "WHEN NEW.sets_done = OLD.sets_done + 1 "
    f"BEGIN INSERT INTO set_log ({_COLUMNS}) SELECT {_VALUES} "
    "FROM leg_session AS s WHERE s.id = NEW.session_id; END"
)
_POSTGRES_CREATE_FUNCTION = (
    "CREATE OR REPLACE FUNCTION session_item_log_set() RETURNS trigger AS $$ "
    "BEGIN "
    "IF NEW.sets_done = OLD.sets_done + 1 THEN "
    f"INSERT INTO set_log ({_COLUMNS}) SELECT {_VALUES} "
    "FROM leg_session AS s WHERE s.id = NEW.session_id; "
    "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
)
_POSTGRES_CREATE_TRIGGER = (
    "CREATE TRIGGER session_item_log_set AFTER UPDATE OF sets_done ON session_item "
    "FOR EACH ROW EXECUTE FUNCTION session_item_log_set()"
)
_SQLITE_DROP = "DROP TRIGGER IF EXISTS session_item_log_set"
_POSTGRES_DROP = (
    "DROP TRIGGER IF EXISTS session_item_log_set ON session_item",
    "DROP FUNCTION IF EXISTS session_item_log_set()",
)

# The set-log trigger as it was before this revision (frozen: migrations must not drift).
_OLD_COLUMNS = (
    "session_id, item_id, runner_id, exercise_id, rung_id, set_number, reps, unit, side, logged_at"
)
_OLD_VALUES = (
    "NEW.session_id, NEW.id, s.runner_id, NEW.exercise_id, NEW.rung_id, NEW.sets_done, "
    "NEW.reps, NEW.unit, CASE WHEN NEW.per_side THEN 'each' ELSE NULL END, NEW.last_set_at"
)


def _drop_trigger() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_SQLITE_DROP)
    else:
        for statement in _POSTGRES_DROP:
            op.execute(statement)


def upgrade() -> None:
    # plain ALTER TABLE ... ADD COLUMN: a batch "move and copy" on SQLite would drop and
    # recreate tables, and with foreign keys on, dropping runner would cascade its rows away
    _drop_trigger()
    op.add_column("runner", sa.Column("weight_unit", sa.String(length=2), nullable=True))
    op.add_column(
        "runner", sa.Column("rest_timer", sa.Boolean(), server_default=sa.true(), nullable=False)
    )
    op.add_column(
        "progression",
        sa.Column("struggle_streak", sa.Integer(), server_default="0", nullable=False),
    )
    op.add_column(
        "progression", sa.Column("easy_streak", sa.Integer(), server_default="0", nullable=False)
    )
    op.add_column("progression", sa.Column("sets", sa.Integer(), nullable=True))
    op.add_column("progression", sa.Column("load", sa.Double(), nullable=True))
    op.add_column("progression", sa.Column("load_unit", sa.String(length=2), nullable=True))
    op.add_column(
        "progression",
        sa.Column("harder_next", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("progression_event", sa.Column("from_load", sa.Double(), nullable=True))
    op.add_column("progression_event", sa.Column("to_load", sa.Double(), nullable=True))
    op.add_column("progression_event", sa.Column("load_unit", sa.String(length=2), nullable=True))
    op.add_column("session_item", sa.Column("last_reps", sa.Integer(), nullable=True))
    op.add_column("session_item", sa.Column("effort", sa.String(length=8), nullable=True))
    op.add_column("session_item", sa.Column("load", sa.Double(), nullable=True))
    op.add_column("session_item", sa.Column("load_unit", sa.String(length=2), nullable=True))
    op.add_column(
        "session_item",
        sa.Column("moved_up", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column(
        "session_item",
        sa.Column("offer_harder", sa.Boolean(), server_default=sa.false(), nullable=False),
    )
    op.add_column("set_log", sa.Column("load", sa.Double(), nullable=True))
    op.add_column("set_log", sa.Column("load_unit", sa.String(length=2), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute(_SQLITE_CREATE)
    else:
        op.execute(_POSTGRES_CREATE_FUNCTION)
        op.execute(_POSTGRES_CREATE_TRIGGER)


def downgrade() -> None:
    _drop_trigger()
    for table, columns in (
        ("set_log", ("load_unit", "load")),
        (
            "session_item",
            ("offer_harder", "moved_up", "load_unit", "load", "effort", "last_reps"),
        ),
        ("progression_event", ("load_unit", "to_load", "from_load")),
        (
            "progression",
            ("harder_next", "load_unit", "load", "sets", "easy_streak", "struggle_streak"),
        ),
        ("runner", ("rest_timer", "weight_unit")),
    ):
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column)
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER session_item_log_set AFTER UPDATE OF sets_done ON session_item "
            "WHEN NEW.sets_done = OLD.sets_done + 1 "
            f"BEGIN INSERT INTO set_log ({_OLD_COLUMNS}) SELECT {_OLD_VALUES} "
            "FROM leg_session AS s WHERE s.id = NEW.session_id; END"
        )
    else:
        op.execute(
            "CREATE OR REPLACE FUNCTION session_item_log_set() RETURNS trigger AS $$ "
            "BEGIN "
            "IF NEW.sets_done = OLD.sets_done + 1 THEN "
            f"INSERT INTO set_log ({_OLD_COLUMNS}) SELECT {_OLD_VALUES} "
            "FROM leg_session AS s WHERE s.id = NEW.session_id; "
            "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER session_item_log_set AFTER UPDATE OF sets_done ON session_item "
            "FOR EACH ROW EXECUTE FUNCTION session_item_log_set()"
        )
