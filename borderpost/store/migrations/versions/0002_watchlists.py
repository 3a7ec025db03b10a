"""Watchlists with their version history, and lost/stolen travel documents.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "watchlists",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlists")),
        sa.UniqueConstraint("name", name=op.f("uq_watchlists_name")),
    )
    op.create_table(
        "watchlist_versions",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("watchlist_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.Integer(), nullable=False),
        sa.Column("label", sa.String(length=100), nullable=True),
        sa.Column("source_format", sa.String(length=16), nullable=False),
        sa.Column("files", sa.JSON(), nullable=False),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("read", sa.Integer(), nullable=False),
        sa.Column("kept", sa.Integer(), nullable=False),
        sa.Column("skipped", sa.Integer(), nullable=False),
        sa.Column("added", sa.Integer(), nullable=False),
        sa.Column("changed", sa.Integer(), nullable=False),
        sa.Column("removed", sa.Integer(), nullable=False),
        sa.Column("unchanged", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.Column("errors", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name=op.f("fk_watchlist_versions_watchlist_id_watchlists"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_versions")),
        sa.UniqueConstraint(
            "watchlist_id", "number", name=op.f("uq_watchlist_versions_watchlist_number")
        ),
    )
    op.create_table(
        "watchlist_entries",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("watchlist_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(length=200), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("content_hash", sa.String(length=64), nullable=False),
        sa.Column("first_seen_version_id", sa.Integer(), nullable=False),
        sa.Column("last_changed_version_id", sa.Integer(), nullable=False),
        sa.Column("removed_in_version_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["watchlist_id"],
            ["watchlists.id"],
            name=op.f("fk_watchlist_entries_watchlist_id_watchlists"),
        ),
        sa.ForeignKeyConstraint(
            ["first_seen_version_id"],
            ["watchlist_versions.id"],
            name=op.f("fk_watchlist_entries_first_seen_version_id_watchlist_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["last_changed_version_id"],
            ["watchlist_versions.id"],
            name=op.f("fk_watchlist_entries_last_changed_version_id_watchlist_versions"),
        ),
        sa.ForeignKeyConstraint(
            ["removed_in_version_id"],
            ["watchlist_versions.id"],
            name=op.f("fk_watchlist_entries_removed_in_version_id_watchlist_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_entries")),
        sa.UniqueConstraint(
            "watchlist_id", "entry_id", name=op.f("uq_watchlist_entries_watchlist_entry")
        ),
    )
    op.create_table(
        "watchlist_changes",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("version_id", sa.Integer(), nullable=False),
        sa.Column("entry_id", sa.String(length=200), nullable=False),
        sa.Column("change", sa.String(length=8), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.CheckConstraint(
            "change IN ('added', 'changed', 'removed')",
            name=op.f("ck_watchlist_changes_change"),
        ),
        sa.ForeignKeyConstraint(
            ["version_id"],
            ["watchlist_versions.id"],
            name=op.f("fk_watchlist_changes_version_id_watchlist_versions"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_watchlist_changes")),
    )
    op.create_index(
        op.f("ix_watchlist_changes_version_id"), "watchlist_changes", ["version_id"], unique=False
    )
    op.create_table(
        "lost_stolen_documents",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("list_name", sa.String(length=200), nullable=False),
        sa.Column("country", sa.String(length=3), nullable=False),
        sa.Column("number", sa.String(length=100), nullable=False),
        sa.Column("normalized_number", sa.String(length=100), nullable=False),
        sa.Column("document_type", sa.String(length=100), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=200), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_lost_stolen_documents")),
        sa.UniqueConstraint(
            "list_name",
            "country",
            "normalized_number",
            name=op.f("uq_lost_stolen_documents_list_country_number"),
        ),
    )
    op.create_index(
        "ix_lost_stolen_documents_country_number",
        "lost_stolen_documents",
        ["country", "normalized_number"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_lost_stolen_documents_country_number", table_name="lost_stolen_documents")
    op.drop_table("lost_stolen_documents")
    op.drop_index(op.f("ix_watchlist_changes_version_id"), table_name="watchlist_changes")
    op.drop_table("watchlist_changes")
    op.drop_table("watchlist_entries")
    op.drop_table("watchlist_versions")
    op.drop_table("watchlists")
