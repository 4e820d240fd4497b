"""the weekly recap: a runner's switch (on by default)

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0010"
down_revision: str | None = "0009"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # plain ALTER TABLE ... ADD COLUMN: a batch "move and copy" on SQLite would drop and
    # recreate tables, and with foreign keys on, dropping runner would cascade its rows away
    op.add_column(
        "runner",
        sa.Column("weekly_recap", sa.Boolean(), server_default=sa.true(), nullable=False),
    )


def downgrade() -> None:
    with op.batch_alter_table("runner") as batch:
        batch.drop_column("weekly_recap")
