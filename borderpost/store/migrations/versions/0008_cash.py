"""Bulk cash: declarations with their lines and parties, offences, detentions, FIU
submissions, and the dated exchange-rate table.

Revision ID: 0008
Revises: 0011
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0008"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cash_rates",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("quote", sa.String(length=3), nullable=False),
        sa.Column("rate", sa.String(length=40), nullable=False),
        sa.Column("imported_by", sa.String(length=128), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_rates")),
    )
    op.create_index(
        "ix_cash_rates_pair_day", "cash_rates", ["currency", "quote", "day"], unique=True
    )
    op.create_table(
        "cash_declarations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("ref", sa.String(length=40), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("profile", sa.String(length=16), nullable=False),
        sa.Column("port_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=5), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=True),
        sa.Column("crossing_id", sa.Integer(), nullable=True),
        sa.Column("origin", sa.Text(), nullable=False),
        sa.Column("destination", sa.Text(), nullable=False),
        sa.Column("route", sa.Text(), nullable=False),
        sa.Column("intended_use", sa.Text(), nullable=False),
        sa.Column("source_of_funds", sa.Text(), nullable=False),
        sa.Column("party_ref", sa.String(length=64), nullable=True),
        sa.Column("conveyance_ref", sa.String(length=64), nullable=True),
        sa.Column("booking_ref", sa.String(length=16), nullable=True),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("total", sa.String(length=40), nullable=False),
        sa.Column("required", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("disclosure_requested_on", sa.Date(), nullable=True),
        sa.Column("disclosed_on", sa.Date(), nullable=True),
        sa.Column("fiu_due_on", sa.Date(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "direction IN ('entry', 'exit')", name=op.f("ck_cash_declarations_direction")
        ),
        sa.CheckConstraint(
            "kind IN ('accompanied', 'unaccompanied', 'ex_officio')",
            name=op.f("ck_cash_declarations_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["crossing_id"],
            ["crossings.id"],
            name=op.f("fk_cash_declarations_crossing_id_crossings"),
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_cash_declarations_inspection_id_inspections"),
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["users.id"], name=op.f("fk_cash_declarations_officer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["port_id"], ["ports.id"], name=op.f("fk_cash_declarations_port_id_ports")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_declarations")),
        sa.UniqueConstraint("ref", name=op.f("uq_cash_declarations_ref")),
    )
    op.create_index(
        op.f("ix_cash_declarations_crossing_id"), "cash_declarations", ["crossing_id"], unique=False
    )
    op.create_index(
        op.f("ix_cash_declarations_fiu_due_on"), "cash_declarations", ["fiu_due_on"], unique=False
    )
    op.create_index(
        op.f("ix_cash_declarations_inspection_id"),
        "cash_declarations",
        ["inspection_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_cash_declarations_officer_id"), "cash_declarations", ["officer_id"], unique=False
    )
    op.create_index(
        "ix_cash_declarations_port_occurred_at",
        "cash_declarations",
        ["port_id", "occurred_at"],
        unique=False,
    )
    op.create_table(
        "cash_detentions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("legal_basis", sa.Text(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("amount", sa.String(length=40), nullable=False),
        sa.Column("detained_by", sa.Integer(), nullable=False),
        sa.Column("detained_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_on", sa.Date(), nullable=False),
        sa.Column("released_by", sa.Integer(), nullable=True),
        sa.Column("released_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("release_reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["cash_declarations.id"],
            name=op.f("fk_cash_detentions_declaration_id_cash_declarations"),
        ),
        sa.ForeignKeyConstraint(
            ["detained_by"], ["users.id"], name=op.f("fk_cash_detentions_detained_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["released_by"], ["users.id"], name=op.f("fk_cash_detentions_released_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_detentions")),
    )
    op.create_index(
        op.f("ix_cash_detentions_declaration_id"),
        "cash_detentions",
        ["declaration_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_cash_detentions_expires_on"), "cash_detentions", ["expires_on"], unique=False
    )
    op.create_table(
        "cash_lines",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("instrument", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("amount", sa.String(length=40), nullable=False),
        sa.Column("gold_form", sa.String(length=8), nullable=True),
        sa.Column("purity", sa.String(length=40), nullable=True),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("rate", sa.String(length=40), nullable=False),
        sa.Column("rate_day", sa.Date(), nullable=True),
        sa.Column("value", sa.String(length=40), nullable=False),
        sa.Column("counted", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.CheckConstraint(
            "instrument IN ('currency', 'bearer_negotiable', 'prepaid_card', 'gold')",
            name=op.f("ck_cash_lines_instrument"),
        ),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["cash_declarations.id"],
            name=op.f("fk_cash_lines_declaration_id_cash_declarations"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_lines")),
    )
    op.create_index(
        op.f("ix_cash_lines_declaration_id"), "cash_lines", ["declaration_id"], unique=False
    )
    op.create_table(
        "cash_offences",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("amount", sa.String(length=40), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("recorded_by", sa.Integer(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('undeclared', 'false_declaration', 'late_disclosure')",
            name=op.f("ck_cash_offences_kind"),
        ),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["cash_declarations.id"],
            name=op.f("fk_cash_offences_declaration_id_cash_declarations"),
        ),
        sa.ForeignKeyConstraint(
            ["recorded_by"], ["users.id"], name=op.f("fk_cash_offences_recorded_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_offences")),
    )
    op.create_index(
        op.f("ix_cash_offences_declaration_id"), "cash_offences", ["declaration_id"], unique=False
    )
    op.create_table(
        "cash_parties",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=10), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.Column("nationality", sa.String(length=3), nullable=True),
        sa.Column("document", sa.String(length=40), nullable=True),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("address", sa.Text(), nullable=True),
        sa.Column("account", sa.String(length=64), nullable=True),
        sa.Column("traveller_id", sa.Integer(), nullable=True),
        sa.CheckConstraint(
            "role IN ('carrier', 'owner', 'sender', 'recipient', 'payer')",
            name=op.f("ck_cash_parties_role"),
        ),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["cash_declarations.id"],
            name=op.f("fk_cash_parties_declaration_id_cash_declarations"),
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"],
            ["travellers.id"],
            name=op.f("fk_cash_parties_traveller_id_travellers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cash_parties")),
    )
    op.create_index(
        op.f("ix_cash_parties_declaration_id"), "cash_parties", ["declaration_id"], unique=False
    )
    op.create_index(
        op.f("ix_cash_parties_traveller_id"), "cash_parties", ["traveller_id"], unique=False
    )
    op.create_table(
        "fiu_submissions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("declaration_id", sa.Integer(), nullable=False),
        sa.Column("detention_id", sa.Integer(), nullable=True),
        sa.Column("report_code", sa.String(length=8), nullable=False),
        sa.Column("due_on", sa.Date(), nullable=False),
        sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=False),
        sa.Column("on_time", sa.Boolean(), nullable=False),
        sa.Column("schema", sa.String(length=200), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["declaration_id"],
            ["cash_declarations.id"],
            name=op.f("fk_fiu_submissions_declaration_id_cash_declarations"),
        ),
        sa.ForeignKeyConstraint(
            ["detention_id"],
            ["cash_detentions.id"],
            name=op.f("fk_fiu_submissions_detention_id_cash_detentions"),
        ),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["users.id"], name=op.f("fk_fiu_submissions_submitted_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_fiu_submissions")),
    )
    op.create_index(
        op.f("ix_fiu_submissions_declaration_id"),
        "fiu_submissions",
        ["declaration_id"],
        unique=False,
    )
    op.create_index(
        op.f("ix_fiu_submissions_submitted_at"), "fiu_submissions", ["submitted_at"], unique=False
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_fiu_submissions_submitted_at"), table_name="fiu_submissions")
    op.drop_index(op.f("ix_fiu_submissions_declaration_id"), table_name="fiu_submissions")
    op.drop_table("fiu_submissions")
    op.drop_index(op.f("ix_cash_parties_traveller_id"), table_name="cash_parties")
    op.drop_index(op.f("ix_cash_parties_declaration_id"), table_name="cash_parties")
    op.drop_table("cash_parties")
    op.drop_index(op.f("ix_cash_offences_declaration_id"), table_name="cash_offences")
    op.drop_table("cash_offences")
    op.drop_index(op.f("ix_cash_lines_declaration_id"), table_name="cash_lines")
    op.drop_table("cash_lines")
    op.drop_index(op.f("ix_cash_detentions_expires_on"), table_name="cash_detentions")
    op.drop_index(op.f("ix_cash_detentions_declaration_id"), table_name="cash_detentions")
    op.drop_table("cash_detentions")
    op.drop_index("ix_cash_declarations_port_occurred_at", table_name="cash_declarations")
    op.drop_index(op.f("ix_cash_declarations_officer_id"), table_name="cash_declarations")
    op.drop_index(op.f("ix_cash_declarations_inspection_id"), table_name="cash_declarations")
    op.drop_index(op.f("ix_cash_declarations_fiu_due_on"), table_name="cash_declarations")
    op.drop_index(op.f("ix_cash_declarations_crossing_id"), table_name="cash_declarations")
    op.drop_table("cash_declarations")
    op.drop_index("ix_cash_rates_pair_day", table_name="cash_rates")
    op.drop_table("cash_rates")
