"""Biometric data: enrolment photos and face templates of passport applications; live
captures of inspections whose face did not verify (kept for the referral, then deleted).

Revision ID: 0015
Revises: 0012
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "application_faces",
        sa.Column("application_id", sa.Integer(), nullable=False),
        sa.Column("photo", sa.LargeBinary(), nullable=False),
        sa.Column("photo_sha256", sa.String(length=64), nullable=False),
        sa.Column("template", sa.LargeBinary(), nullable=False),
        sa.Column("quality", sa.JSON(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("enrolled_by", sa.String(length=128), nullable=False),
        sa.Column("enrolled_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["application_id"],
            ["issuance_applications.id"],
            name=op.f("fk_application_faces_application_id_issuance_applications"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("application_id", name=op.f("pk_application_faces")),
    )
    op.create_table(
        "live_face_captures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=False),
        sa.Column("image", sa.LargeBinary(), nullable=False),
        sa.Column("image_sha256", sa.String(length=64), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("captured_by", sa.String(length=128), nullable=False),
        sa.Column("captured_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_live_face_captures_inspection_id_inspections"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_live_face_captures")),
        sa.UniqueConstraint("inspection_id", name=op.f("uq_live_face_captures_inspection_id")),
    )
    op.create_index(
        op.f("ix_live_face_captures_captured_at"),
        "live_face_captures",
        ["captured_at"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index(op.f("ix_live_face_captures_captured_at"), table_name="live_face_captures")
    op.drop_table("live_face_captures")
    op.drop_table("application_faces")
