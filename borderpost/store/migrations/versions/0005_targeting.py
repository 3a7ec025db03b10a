"""Pre-arrival targeting: manifests (API data), travellers, assessments, hits, reviews
(append-only), lookouts to the arrival port, and PNR bookings with their masked state.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-10
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "manifests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.Column("kind", sa.String(length=9), nullable=False),
        sa.Column("flight", sa.String(length=16), nullable=False),
        sa.Column("carrier", sa.String(length=8), nullable=True),
        sa.Column("origin", sa.String(length=8), nullable=True),
        sa.Column("arrival_port", sa.String(length=16), nullable=True),
        sa.Column("scheduled", sa.DateTime(), nullable=True),
        sa.Column("travellers", sa.Integer(), nullable=False),
        sa.Column("received_by", sa.String(length=128), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manifests")),
    )
    op.create_index(op.f("ix_manifests_arrival_port"), "manifests", ["arrival_port"], unique=False)
    op.create_index(op.f("ix_manifests_received_at"), "manifests", ["received_at"], unique=False)
    op.create_table(
        "manifest_travellers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("manifest_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=9), nullable=False),
        sa.Column("surname", sa.Text(), nullable=False),
        sa.Column("given_names", sa.Text(), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("document_number", sa.String(length=32), nullable=True),
        sa.Column("document_issuer", sa.String(length=3), nullable=True),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manifest_id"],
            ["manifests.id"],
            name=op.f("fk_manifest_travellers_manifest_id_manifests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_manifest_travellers")),
    )
    op.create_index(
        op.f("ix_manifest_travellers_document_number"),
        "manifest_travellers",
        ["document_number"],
        unique=False,
    )
    op.create_index(
        op.f("ix_manifest_travellers_manifest_id"),
        "manifest_travellers",
        ["manifest_id"],
        unique=False,
    )
    op.create_table(
        "pnr_bookings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("manifest_id", sa.Integer(), nullable=True),
        sa.Column("record_locator", sa.String(length=32), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("masked", sa.JSON(), nullable=True),
        sa.Column("masked_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["manifest_id"],
            ["manifests.id"],
            name=op.f("fk_pnr_bookings_manifest_id_manifests"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_pnr_bookings")),
    )
    op.create_index(
        op.f("ix_pnr_bookings_manifest_id"), "pnr_bookings", ["manifest_id"], unique=False
    )
    op.create_index(
        op.f("ix_pnr_bookings_received_at"), "pnr_bookings", ["received_at"], unique=False
    )
    op.create_index(
        op.f("ix_pnr_bookings_record_locator"), "pnr_bookings", ["record_locator"], unique=False
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("traveller_id", sa.Integer(), nullable=False),
        sa.Column("manifest_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=9), nullable=False),
        sa.Column("score", sa.Integer(), nullable=False),
        sa.Column("band", sa.String(length=16), nullable=False),
        sa.Column("facts", sa.JSON(), nullable=False),
        sa.Column("notes", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["manifest_id"],
            ["manifests.id"],
            name=op.f("fk_assessments_manifest_id_manifests"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"],
            ["manifest_travellers.id"],
            name=op.f("fk_assessments_traveller_id_manifest_travellers"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assessments")),
    )
    op.create_index(
        op.f("ix_assessments_manifest_id"), "assessments", ["manifest_id"], unique=False
    )
    op.create_index(
        op.f("ix_assessments_traveller_id"), "assessments", ["traveller_id"], unique=False
    )
    op.create_table(
        "targeting_hits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("manifest_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("entry_id", sa.String(length=200), nullable=True),
        sa.Column("name", sa.Text(), nullable=True),
        sa.Column("score", sa.Float(), nullable=True),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=6), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('watchlist', 'lost_stolen', 'document', 'rule')",
            name=op.f("ck_targeting_hits_kind"),
        ),
        sa.CheckConstraint("status IN ('open', 'closed')", name=op.f("ck_targeting_hits_status")),
        sa.ForeignKeyConstraint(
            ["assessment_id"],
            ["assessments.id"],
            name=op.f("fk_targeting_hits_assessment_id_assessments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["manifest_id"],
            ["manifests.id"],
            name=op.f("fk_targeting_hits_manifest_id_manifests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_targeting_hits")),
    )
    op.create_index(
        op.f("ix_targeting_hits_assessment_id"), "targeting_hits", ["assessment_id"], unique=False
    )
    op.create_index(
        op.f("ix_targeting_hits_manifest_id"), "targeting_hits", ["manifest_id"], unique=False
    )
    op.create_index(op.f("ix_targeting_hits_source"), "targeting_hits", ["source"], unique=False)
    op.create_index(op.f("ix_targeting_hits_status"), "targeting_hits", ["status"], unique=False)
    op.create_table(
        "arrival_lookouts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=True),
        sa.Column("port", sa.String(length=16), nullable=False),
        sa.Column("flight", sa.String(length=16), nullable=False),
        sa.Column("scheduled", sa.DateTime(), nullable=True),
        sa.Column("surname", sa.Text(), nullable=False),
        sa.Column("given_names", sa.Text(), nullable=False),
        sa.Column("document_number", sa.String(length=32), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("created_by", sa.String(length=128), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["hit_id"],
            ["targeting_hits.id"],
            name=op.f("fk_arrival_lookouts_hit_id_targeting_hits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_arrival_lookouts")),
    )
    op.create_index(
        op.f("ix_arrival_lookouts_hit_id"), "arrival_lookouts", ["hit_id"], unique=False
    )
    op.create_index(op.f("ix_arrival_lookouts_port"), "arrival_lookouts", ["port"], unique=False)
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("hit_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=12), nullable=False),
        sa.Column("source", sa.String(length=200), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("reviewer", sa.String(length=128), nullable=False),
        sa.Column("reviewed_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "outcome IN ('confirmed', 'false_match', 'secondary_referral', 'refuse_entry', "
            "'no_show', 'duplicate')",
            name=op.f("ck_reviews_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["hit_id"],
            ["targeting_hits.id"],
            name=op.f("fk_reviews_hit_id_targeting_hits"),
            ondelete="SET NULL",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_reviews")),
    )
    op.create_index(op.f("ix_reviews_hit_id"), "reviews", ["hit_id"], unique=False)
    op.create_index(op.f("ix_reviews_source"), "reviews", ["source"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_reviews_source"), table_name="reviews")
    op.drop_index(op.f("ix_reviews_hit_id"), table_name="reviews")
    op.drop_table("reviews")
    op.drop_index(op.f("ix_arrival_lookouts_port"), table_name="arrival_lookouts")
    op.drop_index(op.f("ix_arrival_lookouts_hit_id"), table_name="arrival_lookouts")
    op.drop_table("arrival_lookouts")
    op.drop_index(op.f("ix_targeting_hits_status"), table_name="targeting_hits")
    op.drop_index(op.f("ix_targeting_hits_source"), table_name="targeting_hits")
    op.drop_index(op.f("ix_targeting_hits_manifest_id"), table_name="targeting_hits")
    op.drop_index(op.f("ix_targeting_hits_assessment_id"), table_name="targeting_hits")
    op.drop_table("targeting_hits")
    op.drop_index(op.f("ix_assessments_traveller_id"), table_name="assessments")
    op.drop_index(op.f("ix_assessments_manifest_id"), table_name="assessments")
    op.drop_table("assessments")
    op.drop_index(op.f("ix_pnr_bookings_record_locator"), table_name="pnr_bookings")
    op.drop_index(op.f("ix_pnr_bookings_received_at"), table_name="pnr_bookings")
    op.drop_index(op.f("ix_pnr_bookings_manifest_id"), table_name="pnr_bookings")
    op.drop_table("pnr_bookings")
    op.drop_index(op.f("ix_manifest_travellers_manifest_id"), table_name="manifest_travellers")
    op.drop_index(op.f("ix_manifest_travellers_document_number"), table_name="manifest_travellers")
    op.drop_table("manifest_travellers")
    op.drop_index(op.f("ix_manifests_received_at"), table_name="manifests")
    op.drop_index(op.f("ix_manifests_arrival_port"), table_name="manifests")
    op.drop_table("manifests")
