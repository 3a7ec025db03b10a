"""Analyst judgements on entity resolution (append-only; an undo is a row of its own).

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "resolution_judgements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("left_id", sa.String(length=128), nullable=False),
        sa.Column("right_id", sa.String(length=128), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undoes", sa.Integer(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["undoes"],
            ["resolution_judgements.id"],
            name=op.f("fk_resolution_judgements_undoes_resolution_judgements"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_resolution_judgements")),
    )
    op.create_index(
        "ix_resolution_judgements_pair",
        "resolution_judgements",
        ["left_id", "right_id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_resolution_judgements_pair", table_name="resolution_judgements")
    op.drop_table("resolution_judgements")
