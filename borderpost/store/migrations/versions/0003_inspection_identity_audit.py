"""Port-of-entry records, identity and the hash-chained audit log.

Ports, users (officers are users with an officer or supervisor role), travellers, documents
seen, inspections, screening hits, decisions, referrals, crossings, stays and audit events.

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "audit_events",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=128), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_audit_events")),
    )
    op.create_index(op.f("ix_audit_events_action"), "audit_events", ["action"], unique=False)
    op.create_index("ix_audit_events_actor_at", "audit_events", ["actor", "at"], unique=False)
    op.create_index(
        "ix_audit_events_subject", "audit_events", ["subject_type", "subject_id"], unique=False
    )
    op.create_table(
        "ports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("remote", sa.Boolean(), nullable=False),
        sa.Column("timezone", sa.String(length=64), nullable=False),
        sa.Column("shift_start", sa.Time(), nullable=True),
        sa.Column("shift_end", sa.Time(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("kind IN ('airport', 'seaport', 'land')", name=op.f("ck_ports_kind")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_ports")),
        sa.UniqueConstraint("code", name=op.f("uq_ports_code")),
    )
    op.create_table(
        "travellers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("surname", sa.String(length=200), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("gender", sa.String(length=1), nullable=True),
        sa.Column("name_key", sa.String(length=400), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_travellers")),
    )
    op.create_index(
        "ix_travellers_name_key_birth_date", "travellers", ["name_key", "birth_date"], unique=False
    )
    op.create_table(
        "documents_seen",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("traveller_id", sa.Integer(), nullable=True),
        sa.Column("document_type", sa.String(length=2), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("issuing_state", sa.String(length=3), nullable=False),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("expiry_date", sa.Date(), nullable=True),
        sa.Column("mrz", sa.Text(), nullable=True),
        sa.Column("first_seen_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["traveller_id"],
            ["travellers.id"],
            name=op.f("fk_documents_seen_traveller_id_travellers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_documents_seen")),
    )
    op.create_index(
        "ix_documents_seen_issuing_state_number",
        "documents_seen",
        ["issuing_state", "number"],
        unique=False,
    )
    op.create_index(
        op.f("ix_documents_seen_traveller_id"), "documents_seen", ["traveller_id"], unique=False
    )
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("password_hash", sa.String(length=255), nullable=False),
        sa.Column("role", sa.String(length=16), nullable=False),
        sa.Column("port_id", sa.Integer(), nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_login_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "role IN ('officer', 'supervisor', 'analyst', 'auditor', 'admin')",
            name=op.f("ck_users_role"),
        ),
        sa.ForeignKeyConstraint(["port_id"], ["ports.id"], name=op.f("fk_users_port_id_ports")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    op.create_index(op.f("ix_users_port_id"), "users", ["port_id"], unique=False)
    op.create_table(
        "inspections",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("port_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=5), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("traveller_id", sa.Integer(), nullable=True),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("verdict", sa.String(length=16), nullable=False),
        sa.Column("findings", sa.JSON(), nullable=False),
        sa.Column("suggested_action", sa.String(length=8), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("direction IN ('entry', 'exit')", name=op.f("ck_inspections_direction")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents_seen.id"],
            name=op.f("fk_inspections_document_id_documents_seen"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["users.id"], name=op.f("fk_inspections_officer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["port_id"], ["ports.id"], name=op.f("fk_inspections_port_id_ports")
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_inspections_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inspections")),
    )
    op.create_index(
        op.f("ix_inspections_document_id"), "inspections", ["document_id"], unique=False
    )
    op.create_index(
        "ix_inspections_officer_created_at",
        "inspections",
        ["officer_id", "created_at"],
        unique=False,
    )
    op.create_index(
        "ix_inspections_port_created_at", "inspections", ["port_id", "created_at"], unique=False
    )
    op.create_index(
        op.f("ix_inspections_traveller_id"), "inspections", ["traveller_id"], unique=False
    )
    op.create_table(
        "crossings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("traveller_id", sa.Integer(), nullable=False),
        sa.Column("document_id", sa.Integer(), nullable=True),
        sa.Column("port_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=5), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=True),
        sa.Column("inspection_id", sa.Integer(), nullable=True),
        sa.CheckConstraint("direction IN ('entry', 'exit')", name=op.f("ck_crossings_direction")),
        sa.ForeignKeyConstraint(
            ["document_id"],
            ["documents_seen.id"],
            name=op.f("fk_crossings_document_id_documents_seen"),
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_crossings_inspection_id_inspections"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["users.id"], name=op.f("fk_crossings_officer_id_users")
        ),
        sa.ForeignKeyConstraint(["port_id"], ["ports.id"], name=op.f("fk_crossings_port_id_ports")),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_crossings_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_crossings")),
    )
    op.create_index(
        "ix_crossings_port_occurred_at", "crossings", ["port_id", "occurred_at"], unique=False
    )
    op.create_index(
        "ix_crossings_traveller_occurred_at",
        "crossings",
        ["traveller_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "decisions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("decision", sa.String(length=8), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("approval", sa.String(length=12), nullable=False),
        sa.Column("approved_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "approval IN ('not_required', 'pending', 'approved', 'rejected')",
            name=op.f("ck_decisions_approval"),
        ),
        sa.CheckConstraint(
            "decision IN ('admit', 'refer', 'refuse', 'detain')", name=op.f("ck_decisions_decision")
        ),
        sa.ForeignKeyConstraint(
            ["approved_by"], ["users.id"], name=op.f("fk_decisions_approved_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_decisions_inspection_id_inspections"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["users.id"], name=op.f("fk_decisions_officer_id_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_decisions")),
    )
    op.create_index(
        op.f("ix_decisions_inspection_id"), "decisions", ["inspection_id"], unique=False
    )
    op.create_index(op.f("ix_decisions_officer_id"), "decisions", ["officer_id"], unique=False)
    op.create_table(
        "referrals",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("assigned_to", sa.Integer(), nullable=True),
        sa.Column("outcome", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'in_progress', 'closed')", name=op.f("ck_referrals_status")
        ),
        sa.ForeignKeyConstraint(
            ["assigned_to"], ["users.id"], name=op.f("fk_referrals_assigned_to_users")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_referrals_inspection_id_inspections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_referrals")),
    )
    op.create_index(op.f("ix_referrals_assigned_to"), "referrals", ["assigned_to"], unique=False)
    op.create_index(
        op.f("ix_referrals_inspection_id"), "referrals", ["inspection_id"], unique=False
    )
    op.create_index(op.f("ix_referrals_status"), "referrals", ["status"], unique=False)
    op.create_table(
        "screening_hits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("list_name", sa.String(length=200), nullable=False),
        sa.Column("entry_id", sa.String(length=200), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("matched_name", sa.Text(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("cleared_by", sa.Integer(), nullable=True),
        sa.Column("cleared_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("clear_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["cleared_by"], ["users.id"], name=op.f("fk_screening_hits_cleared_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_screening_hits_inspection_id_inspections"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_screening_hits")),
    )
    op.create_index(
        op.f("ix_screening_hits_cleared_by"), "screening_hits", ["cleared_by"], unique=False
    )
    op.create_index(
        op.f("ix_screening_hits_inspection_id"), "screening_hits", ["inspection_id"], unique=False
    )
    op.create_table(
        "stays",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("traveller_id", sa.Integer(), nullable=False),
        sa.Column("entry_crossing_id", sa.Integer(), nullable=False),
        sa.Column("exit_crossing_id", sa.Integer(), nullable=True),
        sa.Column("permit_type", sa.String(length=32), nullable=False),
        sa.Column("permitted_until", sa.Date(), nullable=False),
        sa.ForeignKeyConstraint(
            ["entry_crossing_id"],
            ["crossings.id"],
            name=op.f("fk_stays_entry_crossing_id_crossings"),
        ),
        sa.ForeignKeyConstraint(
            ["exit_crossing_id"], ["crossings.id"], name=op.f("fk_stays_exit_crossing_id_crossings")
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"], ["travellers.id"], name=op.f("fk_stays_traveller_id_travellers")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stays")),
    )
    op.create_index(op.f("ix_stays_permitted_until"), "stays", ["permitted_until"], unique=False)
    op.create_index(op.f("ix_stays_traveller_id"), "stays", ["traveller_id"], unique=False)


def downgrade() -> None:
    op.drop_index(op.f("ix_stays_traveller_id"), table_name="stays")
    op.drop_index(op.f("ix_stays_permitted_until"), table_name="stays")
    op.drop_table("stays")
    op.drop_index(op.f("ix_screening_hits_inspection_id"), table_name="screening_hits")
    op.drop_index(op.f("ix_screening_hits_cleared_by"), table_name="screening_hits")
    op.drop_table("screening_hits")
    op.drop_index(op.f("ix_referrals_status"), table_name="referrals")
    op.drop_index(op.f("ix_referrals_inspection_id"), table_name="referrals")
    op.drop_index(op.f("ix_referrals_assigned_to"), table_name="referrals")
    op.drop_table("referrals")
    op.drop_index(op.f("ix_decisions_officer_id"), table_name="decisions")
    op.drop_index(op.f("ix_decisions_inspection_id"), table_name="decisions")
    op.drop_table("decisions")
    op.drop_index("ix_crossings_traveller_occurred_at", table_name="crossings")
    op.drop_index("ix_crossings_port_occurred_at", table_name="crossings")
    op.drop_table("crossings")
    op.drop_index(op.f("ix_inspections_traveller_id"), table_name="inspections")
    op.drop_index("ix_inspections_port_created_at", table_name="inspections")
    op.drop_index("ix_inspections_officer_created_at", table_name="inspections")
    op.drop_index(op.f("ix_inspections_document_id"), table_name="inspections")
    op.drop_table("inspections")
    op.drop_index(op.f("ix_users_port_id"), table_name="users")
    op.drop_table("users")
    op.drop_index(op.f("ix_documents_seen_traveller_id"), table_name="documents_seen")
    op.drop_index("ix_documents_seen_issuing_state_number", table_name="documents_seen")
    op.drop_table("documents_seen")
    op.drop_index("ix_travellers_name_key_birth_date", table_name="travellers")
    op.drop_table("travellers")
    op.drop_table("ports")
    op.drop_index("ix_audit_events_subject", table_name="audit_events")
    op.drop_index("ix_audit_events_actor_at", table_name="audit_events")
    op.drop_index(op.f("ix_audit_events_action"), table_name="audit_events")
    op.drop_table("audit_events")
