"""Post ↔ HQ synchronisation: the post's outbox and list state, HQ's posts and id map.

Revision ID: 0011
Revises: 0007
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sync_node",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("post_code", sa.String(length=16), nullable=False),
        sa.Column("hq_url", sa.String(length=500), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("last_seq", sa.Integer(), nullable=False),
        sa.Column("acked_seq", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_push_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_pull_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_node")),
    )
    op.create_table(
        "sync_outbox",
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("op", sa.String(length=8), nullable=False),
        sa.Column("local_id", sa.Integer(), nullable=False),
        sa.Column("row", sa.JSON(), nullable=False),
        sa.Column("refs", sa.JSON(), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("seq", name=op.f("pk_sync_outbox")),
    )
    op.create_table(
        "sync_list_state",
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("version", sa.String(length=100), nullable=False),
        sa.Column("pulled_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("kind", "name", name=op.f("pk_sync_list_state")),
    )
    op.create_table(
        "sync_posts",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("code", sa.String(length=16), nullable=False),
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("applied_seq", sa.Integer(), nullable=False),
        sa.Column("records", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_contact_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("last_post_time", sa.DateTime(timezone=True), nullable=True),
        sa.Column("clock_skew_seconds", sa.Float(), nullable=True),
        sa.Column("backlog", sa.Integer(), nullable=True),
        sa.Column("list_age_seconds", sa.Float(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_sync_posts")),
        sa.UniqueConstraint("code", name=op.f("uq_sync_posts_code")),
    )
    op.create_table(
        "sync_id_map",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("table_name", sa.String(length=64), nullable=False),
        sa.Column("local_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("hq_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("post_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"], ["sync_posts.id"], name=op.f("fk_sync_id_map_post_id_sync_posts")
        ),
        sa.PrimaryKeyConstraint("post_id", "table_name", "local_id", name=op.f("pk_sync_id_map")),
    )
    op.create_index(
        "ix_sync_id_map_table_hq_id", "sync_id_map", ["table_name", "hq_id"], unique=False
    )
    op.create_table(
        "sync_post_audit_events",
        sa.Column("post_id", sa.Integer(), nullable=False),
        sa.Column("seq", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(length=128), nullable=False),
        sa.Column("action", sa.String(length=64), nullable=False),
        sa.Column("subject_type", sa.String(length=64), nullable=False),
        sa.Column("subject_id", sa.String(length=128), nullable=True),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("prev_hash", sa.String(length=64), nullable=False),
        sa.Column("hash", sa.String(length=64), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["post_id"],
            ["sync_posts.id"],
            name=op.f("fk_sync_post_audit_events_post_id_sync_posts"),
        ),
        sa.PrimaryKeyConstraint("post_id", "seq", name=op.f("pk_sync_post_audit_events")),
    )


def downgrade() -> None:
    op.drop_table("sync_post_audit_events")
    op.drop_index("ix_sync_id_map_table_hq_id", table_name="sync_id_map")
    op.drop_table("sync_id_map")
    op.drop_table("sync_posts")
    op.drop_table("sync_list_state")
    op.drop_table("sync_outbox")
    op.drop_table("sync_node")
