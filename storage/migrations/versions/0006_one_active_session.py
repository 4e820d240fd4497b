"""one active session per runner: close duplicates, then a partial unique index

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # Duplicate active sessions made by racing presses before this index existed: keep each
    # runner's newest, stop the others (their logged sets stay, as after /stop).
    op.execute(
        sa.text(
            "UPDATE leg_session SET status = 'stopped', "
            "finished_at = COALESCE(finished_at, started_at, created_at) "
            "WHERE status = 'active' AND id NOT IN ("
            "SELECT MAX(id) FROM leg_session WHERE status = 'active' GROUP BY runner_id)"
        )
    )
    op.execute(
        sa.text(
            "UPDATE session_item SET status = 'not_done' "
            "WHERE status IN ('active', 'pending') AND session_id IN ("
            "SELECT id FROM leg_session WHERE status = 'stopped')"
        )
    )
    op.create_index(
        "uq_leg_session_one_active",
        "leg_session",
        ["runner_id"],
        unique=True,
        sqlite_where=sa.text("status = 'active'"),
        postgresql_where=sa.text("status = 'active'"),
    )


def downgrade() -> None:
    op.drop_index("uq_leg_session_one_active", table_name="leg_session")
