"""safety that remembers: sore areas, the race distance, a session's kind and what it replaces

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0009"
down_revision: str | None = "0008"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ALTER TABLE ... ADD COLUMN and CREATE TABLE: a batch "move and copy" on SQLite
    # would drop and recreate tables, and with foreign keys on, dropping runner would
    # cascade its rows away
    op.add_column("runner", sa.Column("race_distance", sa.String(length=16), nullable=True))
    op.add_column("leg_session", sa.Column("kind", sa.String(length=16), nullable=True))
    op.add_column("leg_session", sa.Column("replaces_id", sa.Integer(), nullable=True))
    op.create_index("uq_leg_session_replaces_id", "leg_session", ["replaces_id"], unique=True)
    op.create_table(
        "sore_area",
        sa.Column("runner_id", sa.Integer(), nullable=False),
        sa.Column("area", sa.String(length=16), nullable=False),
        sa.Column("since", sa.Date(), nullable=False),
        sa.Column("reported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("answer", sa.String(length=8), nullable=True),
        sa.Column("answered_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["runner_id"],
            ["runner.id"],
            name=op.f("fk_sore_area_runner_id_runner"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("runner_id", "area", name=op.f("pk_sore_area")),
    )


def downgrade() -> None:
    op.drop_table("sore_area")
    op.drop_index("uq_leg_session_replaces_id", table_name="leg_session")
    # ALTER TABLE ... DROP COLUMN (SQLite 3.35+): no table rebuild, so nothing cascades
    op.drop_column("leg_session", "replaces_id")
    op.drop_column("leg_session", "kind")
    op.drop_column("runner", "race_distance")
