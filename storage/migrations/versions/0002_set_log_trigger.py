"""set-log trigger: a Done press is one atomic statement

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

# Frozen copies of storage/triggers.py at this revision (migrations must not drift).
_COLUMNS = (
    "session_id, item_id, runner_id, exercise_id, rung_id, set_number, reps, unit, side, logged_at"
)
_VALUES = (
    "NEW.session_id, NEW.id, s.runner_id, NEW.exercise_id, NEW.rung_id, NEW.sets_done, "
    "NEW.reps, NEW.unit, CASE WHEN NEW.per_side THEN 'each' ELSE NULL END, NEW.last_set_at"
)


def upgrade() -> None:
    with op.batch_alter_table("session_item") as batch:
        batch.add_column(sa.Column("last_set_at", sa.DateTime(timezone=True), nullable=True))
    if op.get_bind().dialect.name == "sqlite":
        op.execute(
            "CREATE TRIGGER session_item_log_set AFTER UPDATE OF sets_done ON session_item "
            "WHEN NEW.sets_done = OLD.sets_done + 1 "
            f"BEGIN INSERT INTO set_log ({_COLUMNS}) SELECT {_VALUES} "
            "FROM leg_session AS s WHERE s.id = NEW.session_id; END"
        )
    else:
        op.execute(
            "CREATE OR REPLACE FUNCTION session_item_log_set() RETURNS trigger AS $$ "
            "BEGIN "
            "IF NEW.sets_done = OLD.sets_done + 1 THEN "
            f"INSERT INTO set_log ({_COLUMNS}) SELECT {_VALUES} "
            "FROM leg_session AS s WHERE s.id = NEW.session_id; "
            "END IF; RETURN NEW; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER session_item_log_set AFTER UPDATE OF sets_done ON session_item "
            "FOR EACH ROW EXECUTE FUNCTION session_item_log_set()"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TRIGGER IF EXISTS session_item_log_set")
    else:
        op.execute("DROP TRIGGER IF EXISTS session_item_log_set ON session_item")
        op.execute("DROP FUNCTION IF EXISTS session_item_log_set()")
    with op.batch_alter_table("session_item") as batch:
        batch.drop_column("last_set_at")
