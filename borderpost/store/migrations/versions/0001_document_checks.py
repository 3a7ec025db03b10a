"""Document checks recorded at a post.

Revision ID: 0001
Revises:
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "document_checks",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("checked_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("mrz", sa.Text(), nullable=False),
        sa.Column("layout", sa.String(length=8), nullable=True),
        sa.Column("document_code", sa.String(length=2), nullable=True),
        sa.Column("issuing_state", sa.String(length=3), nullable=True),
        sa.Column("document_number", sa.String(length=32), nullable=True),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("surname", sa.String(length=128), nullable=True),
        sa.Column("given_names", sa.String(length=128), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("expiry_date", sa.Date(), nullable=True),
        sa.Column("valid", sa.Boolean(), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_document_checks")),
    )
    op.create_index(
        op.f("ix_document_checks_checked_at"), "document_checks", ["checked_at"], unique=False
    )
    op.create_index(
        op.f("ix_document_checks_document_number"),
        "document_checks",
        ["document_number"],
        unique=False,
    )
    op.create_index(
        op.f("ix_document_checks_issuing_state"), "document_checks", ["issuing_state"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_document_checks_issuing_state"), table_name="document_checks")
    op.drop_index(op.f("ix_document_checks_document_number"), table_name="document_checks")
    op.drop_index(op.f("ix_document_checks_checked_at"), table_name="document_checks")
    op.drop_table("document_checks")
