"""Leads: the facts index of intelligence records, the leads raised, analysts' reviews.

Revision ID: 0012
Revises: 0010
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0012"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "intel_records",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("place", sa.String(length=128), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
        sa.Column("indexed_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intel_records")),
        sa.UniqueConstraint("ref", name=op.f("uq_intel_records_ref")),
    )
    op.create_index(op.f("ix_intel_records_kind"), "intel_records", ["kind"], unique=False)
    op.create_index(op.f("ix_intel_records_date"), "intel_records", ["date"], unique=False)
    op.create_table(
        "intel_identifiers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("value", sa.String(length=256), nullable=False),
        sa.ForeignKeyConstraint(
            ["record_id"],
            ["intel_records.id"],
            name=op.f("fk_intel_identifiers_record_id_intel_records"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intel_identifiers")),
        sa.UniqueConstraint("record_id", "kind", "value", name="uq_intel_identifiers_record_value"),
    )
    op.create_index(
        "ix_intel_identifiers_value", "intel_identifiers", ["kind", "value"], unique=False
    )
    op.create_table(
        "intel_leads",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("record_ref", sa.String(length=128), nullable=False),
        sa.Column("other_ref", sa.String(length=128), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("headline", sa.Text(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("links", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("raised_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intel_leads")),
        sa.UniqueConstraint("record_ref", "other_ref", name="uq_intel_leads_pair"),
    )
    op.create_index(op.f("ix_intel_leads_other_ref"), "intel_leads", ["other_ref"], unique=False)
    op.create_index("ix_intel_leads_status_score", "intel_leads", ["status", "score"], unique=False)
    op.create_table(
        "intel_lead_reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("lead_id", sa.Integer(), nullable=False),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("undoes", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["lead_id"], ["intel_leads.id"], name=op.f("fk_intel_lead_reviews_lead_id_intel_leads")
        ),
        sa.ForeignKeyConstraint(
            ["undoes"],
            ["intel_lead_reviews.id"],
            name=op.f("fk_intel_lead_reviews_undoes_intel_lead_reviews"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_intel_lead_reviews")),
    )
    op.create_index(
        op.f("ix_intel_lead_reviews_lead_id"), "intel_lead_reviews", ["lead_id"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_intel_lead_reviews_lead_id"), table_name="intel_lead_reviews")
    op.drop_table("intel_lead_reviews")
    op.drop_index("ix_intel_leads_status_score", table_name="intel_leads")
    op.drop_index(op.f("ix_intel_leads_other_ref"), table_name="intel_leads")
    op.drop_table("intel_leads")
    op.drop_index("ix_intel_identifiers_value", table_name="intel_identifiers")
    op.drop_table("intel_identifiers")
    op.drop_index(op.f("ix_intel_records_date"), table_name="intel_records")
    op.drop_index(op.f("ix_intel_records_kind"), table_name="intel_records")
    op.drop_table("intel_records")
