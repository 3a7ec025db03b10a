"""What the primary-inspection workflow needs beyond 0003.

* ``screening_hits.kind``: ``watchlist`` or ``document`` (a lost/stolen document report).
* ``inspections.signals``: the rules that fired, with reasons, so a decision can be set
  against the suggestion that remains once hits are cleared.
* ``decisions``: the permit type of an admitted entry, why approval is needed, and when and
  why a supervisor approved or rejected.
* an index on ``travellers.birth_date``: candidates for matching names across spellings.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-02
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column(
        "screening_hits",
        sa.Column("kind", sa.String(length=16), server_default="watchlist", nullable=False),
    )
    op.add_column("inspections", sa.Column("signals", sa.JSON(), nullable=True))
    op.add_column("decisions", sa.Column("permit_type", sa.String(length=32), nullable=True))
    op.add_column("decisions", sa.Column("approval_reasons", sa.JSON(), nullable=True))
    op.add_column("decisions", sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=True))
    op.add_column("decisions", sa.Column("review_reason", sa.Text(), nullable=True))
    op.create_index(op.f("ix_travellers_birth_date"), "travellers", ["birth_date"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_travellers_birth_date"), table_name="travellers")
    with op.batch_alter_table("decisions") as batch:
        batch.drop_column("review_reason")
        batch.drop_column("reviewed_at")
        batch.drop_column("approval_reasons")
        batch.drop_column("permit_type")
    with op.batch_alter_table("inspections") as batch:
        batch.drop_column("signals")
    with op.batch_alter_table("screening_hits") as batch:
        batch.drop_column("kind")
