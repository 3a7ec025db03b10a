"""Passport issuance: applications, evidence, alerts, duplicate candidates, issued passports,
the civil registry reference list and the blank-booklet stock ledger.

Revision ID: 0010
Revises: 0008
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0008"
branch_labels = None
depends_on = None

_TS = sa.DateTime(timezone=True)


def _pk(table: str) -> sa.PrimaryKeyConstraint:
    return sa.PrimaryKeyConstraint("id", name=op.f(f"pk_{table}"))


def _application_fk(table: str, ondelete: str) -> sa.ForeignKeyConstraint:
    return sa.ForeignKeyConstraint(
        ["application_id"],
        ["issuance_applications.id"],
        name=op.f(f"fk_{table}_application_id_issuance_applications"),
        ondelete=ondelete,
    )


_OLD_ROLES = "role IN ('officer', 'supervisor', 'analyst', 'auditor', 'admin')"
_NEW_ROLES = (
    "role IN ('officer', 'supervisor', 'analyst', 'auditor', 'admin', "
    "'issuance_officer', 'issuance_supervisor')"
)


def _roles(check: str, length: int) -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_constraint(op.f("ck_users_role"), type_="check")
        batch.alter_column(
            "role",
            existing_type=sa.String(length=16 if length == 32 else 32),
            type_=sa.String(length=length),
            existing_nullable=False,
        )
        batch.create_check_constraint(op.f("ck_users_role"), check)


def upgrade() -> None:
    # The issuance roles: issuance_officer and issuance_supervisor (19 characters).
    _roles(_NEW_ROLES, 32)
    op.create_table(
        "issuance_applications",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=24), nullable=False),
        sa.Column("status", sa.String(length=24), nullable=False),
        sa.Column("surname", sa.String(length=200), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("birth_place", sa.String(length=200), nullable=True),
        sa.Column("nationality", sa.String(length=3), nullable=False),
        sa.Column("national_id", sa.String(length=64), nullable=True),
        sa.Column("national_id_issued_on", sa.Date(), nullable=True),
        sa.Column("address", sa.String(length=300), nullable=True),
        sa.Column("phone", sa.String(length=64), nullable=True),
        sa.Column("guarantor", sa.String(length=200), nullable=True),
        sa.Column("loss_reported_on", sa.Date(), nullable=True),
        sa.Column("vip", sa.Boolean(), nullable=False),
        sa.Column("office", sa.String(length=64), nullable=False),
        sa.Column("officer", sa.String(length=128), nullable=False),
        sa.Column("created_at", _TS, nullable=False),
        sa.Column("enrolment_check", sa.Text(), nullable=True),
        sa.Column("submitted_at", _TS, nullable=True),
        sa.Column("decided_by", sa.String(length=128), nullable=True),
        sa.Column("decided_at", _TS, nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.Column("validity_years", sa.Integer(), nullable=True),
        sa.Column("collected_by", sa.String(length=128), nullable=True),
        sa.Column("collected_at", _TS, nullable=True),
        sa.Column("collection_check", sa.Text(), nullable=True),
        sa.Column("passport_number", sa.String(length=32), nullable=True),
        _pk("issuance_applications"),
    )
    for column in ("status", "birth_date", "national_id", "officer", "created_at", "decided_by"):
        op.create_index(
            op.f(f"ix_issuance_applications_{column}"), "issuance_applications", [column]
        )

    op.create_table(
        "issuance_evidence",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=40), nullable=False),
        sa.Column("issuer", sa.String(length=200), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("result", sa.String(length=16), nullable=False),
        sa.Column("verified_by", sa.String(length=128), nullable=False),
        sa.Column("verified_at", _TS, nullable=False),
        sa.Column("note", sa.Text(), nullable=True),
        _application_fk("issuance_evidence", "CASCADE"),
        _pk("issuance_evidence"),
    )
    op.create_index(
        op.f("ix_issuance_evidence_application_id"), "issuance_evidence", ["application_id"]
    )

    op.create_table(
        "issuance_alerts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=40), nullable=False),
        sa.Column("severity", sa.String(length=8), nullable=False),
        sa.Column("action", sa.String(length=24), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("figures", sa.JSON(), nullable=False),
        sa.Column("raised_at", _TS, nullable=False),
        sa.Column("overridden_by", sa.String(length=128), nullable=True),
        sa.Column("overridden_at", _TS, nullable=True),
        sa.Column("override_reason", sa.Text(), nullable=True),
        _application_fk("issuance_alerts", "CASCADE"),
        _pk("issuance_alerts"),
    )
    op.create_index(
        op.f("ix_issuance_alerts_application_id"), "issuance_alerts", ["application_id"]
    )
    op.create_index(op.f("ix_issuance_alerts_rule"), "issuance_alerts", ["rule"])

    op.create_table(
        "issuance_duplicates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("other_kind", sa.String(length=12), nullable=False),
        sa.Column("other_id", sa.Integer(), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("raised_at", _TS, nullable=False),
        sa.Column("decided_by", sa.String(length=128), nullable=True),
        sa.Column("decided_at", _TS, nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        _application_fk("issuance_duplicates", "CASCADE"),
        _pk("issuance_duplicates"),
        sa.UniqueConstraint(
            "application_id", "other_kind", "other_id", name="uq_issuance_duplicates_pair"
        ),
    )
    op.create_index(
        op.f("ix_issuance_duplicates_application_id"), "issuance_duplicates", ["application_id"]
    )
    op.create_index(op.f("ix_issuance_duplicates_status"), "issuance_duplicates", ["status"])

    op.create_table(
        "issued_passports",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("number", sa.String(length=32), nullable=False),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("surname", sa.String(length=200), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("sex", sa.String(length=1), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=False),
        sa.Column("national_id", sa.String(length=64), nullable=True),
        sa.Column("issued_on", sa.Date(), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        _application_fk("issued_passports", "SET NULL"),
        _pk("issued_passports"),
        sa.UniqueConstraint("country", "number", name="uq_issued_passports_number"),
    )
    op.create_index(op.f("ix_issued_passports_birth_date"), "issued_passports", ["birth_date"])
    op.create_index(op.f("ix_issued_passports_national_id"), "issued_passports", ["national_id"])

    op.create_table(
        "civil_registry",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("national_id", sa.String(length=64), nullable=False),
        sa.Column("surname", sa.String(length=200), nullable=False),
        sa.Column("given_names", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("status", sa.String(length=12), nullable=False),
        sa.Column("death_date", sa.Date(), nullable=True),
        _pk("civil_registry"),
        sa.UniqueConstraint("national_id", name="uq_civil_registry_national_id"),
    )

    op.create_table(
        "booklets",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("serial", sa.String(length=32), nullable=False),
        sa.Column("document_type", sa.String(length=32), nullable=False),
        sa.Column("batch", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("location", sa.String(length=64), nullable=True),
        sa.Column("application_id", sa.Integer(), nullable=True),
        sa.Column("lost_stolen_id", sa.Integer(), nullable=True),
        sa.Column("updated_at", _TS, nullable=False),
        _application_fk("booklets", "SET NULL"),
        sa.ForeignKeyConstraint(
            ["lost_stolen_id"],
            ["lost_stolen_documents.id"],
            name=op.f("fk_booklets_lost_stolen_id_lost_stolen_documents"),
            ondelete="SET NULL",
        ),
        _pk("booklets"),
        sa.UniqueConstraint("country", "serial", name="uq_booklets_serial"),
    )
    op.create_index("ix_booklets_state", "booklets", ["state"])

    op.create_table(
        "booklet_movements",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("booklet_id", sa.Integer(), nullable=False),
        sa.Column("event", sa.String(length=16), nullable=False),
        sa.Column("from_state", sa.String(length=16), nullable=True),
        sa.Column("to_state", sa.String(length=16), nullable=False),
        sa.Column("location", sa.String(length=64), nullable=True),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("witness", sa.String(length=128), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.Column("at", _TS, nullable=False),
        sa.ForeignKeyConstraint(
            ["booklet_id"],
            ["booklets.id"],
            name=op.f("fk_booklet_movements_booklet_id_booklets"),
        ),
        _pk("booklet_movements"),
    )
    op.create_index(op.f("ix_booklet_movements_booklet_id"), "booklet_movements", ["booklet_id"])


def downgrade() -> None:
    op.drop_table("booklet_movements")
    op.drop_table("booklets")
    op.drop_table("civil_registry")
    op.drop_table("issued_passports")
    op.drop_table("issuance_duplicates")
    op.drop_table("issuance_alerts")
    op.drop_table("issuance_evidence")
    op.drop_table("issuance_applications")
    _roles(_OLD_ROLES, 16)
