"""The chip trust store (trusted CSCA and link certificates); chip verdicts of inspections.

Revision ID: 0013
Revises: 0006
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0013"
down_revision = "0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "trusted_cscas",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("fingerprint", sa.String(length=64), nullable=False),
        sa.Column("country", sa.String(length=2), nullable=False),
        sa.Column("subject", sa.Text(), nullable=False),
        sa.Column("issuer", sa.Text(), nullable=False),
        sa.Column("serial", sa.String(length=100), nullable=False),
        sa.Column("not_before", sa.DateTime(timezone=True), nullable=False),
        sa.Column("not_after", sa.DateTime(timezone=True), nullable=False),
        sa.Column("self_signed", sa.Boolean(), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("der", sa.LargeBinary(), nullable=False),
        sa.Column("source", sa.String(length=300), nullable=False),
        sa.Column("imported_by", sa.String(length=128), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trusted_cscas")),
        sa.UniqueConstraint("fingerprint", name=op.f("uq_trusted_cscas_fingerprint")),
    )
    op.create_index("ix_trusted_cscas_country", "trusted_cscas", ["country"], unique=False)
    with op.batch_alter_table("inspections") as batch:
        batch.add_column(sa.Column("chip_verdict", sa.String(length=16), nullable=True))
        batch.add_column(sa.Column("chip", sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("inspections") as batch:
        batch.drop_column("chip")
        batch.drop_column("chip_verdict")
    op.drop_index("ix_trusted_cscas_country", table_name="trusted_cscas")
    op.drop_table("trusted_cscas")
