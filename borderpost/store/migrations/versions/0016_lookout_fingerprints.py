"""Lookout fingerprints: ISO/IEC 19794-2 templates attached to watchlist entries (1:N search).

Revision ID: 0016
Revises: 0014
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lookout_fingerprints",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entry_row_id", sa.Integer(), nullable=False),
        sa.Column("finger", sa.Integer(), nullable=False),
        sa.Column("record", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("minutiae", sa.Integer(), nullable=False),
        sa.Column("quality", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("added_by", sa.String(length=128), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_by", sa.String(length=128), nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_row_id"],
            ["watchlist_entries.id"],
            name=op.f("fk_lookout_fingerprints_entry_row_id_watchlist_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookout_fingerprints")),
    )
    op.create_index(
        op.f("ix_lookout_fingerprints_entry_row_id"),
        "lookout_fingerprints",
        ["entry_row_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_lookout_fingerprints_entry_row_id"), table_name="lookout_fingerprints")
    op.drop_table("lookout_fingerprints")
