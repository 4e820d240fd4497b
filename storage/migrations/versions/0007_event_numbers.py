"""progression events keep the numbers behind their reason code

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("from_reps", "to_reps", "sets", "days")


def upgrade() -> None:
    for name in COLUMNS:  # plain ADD COLUMN: no table rebuild on SQLite
        op.add_column("progression_event", sa.Column(name, sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("progression_event") as batch:
        for name in reversed(COLUMNS):
            batch.drop_column(name)
