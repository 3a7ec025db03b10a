"""Lookout photos: face images and templates attached to watchlist entries (1:N search).

Revision ID: 0014
Revises: 0015
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014"
down_revision = "0015"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "lookout_photos",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("entry_row_id", sa.Integer(), nullable=False),
        sa.Column("media_type", sa.String(length=32), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("template", sa.LargeBinary(), nullable=False),
        sa.Column("analysis", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("added_by", sa.String(length=128), nullable=False),
        sa.Column("added_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("removed_by", sa.String(length=128), nullable=True),
        sa.Column("removed_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["entry_row_id"],
            ["watchlist_entries.id"],
            name=op.f("fk_lookout_photos_entry_row_id_watchlist_entries"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lookout_photos")),
    )
    op.create_index(
        op.f("ix_lookout_photos_entry_row_id"), "lookout_photos", ["entry_row_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_lookout_photos_entry_row_id"), table_name="lookout_photos")
    op.drop_table("lookout_photos")
