"""Casework records: seizures and their items, arrests, entities and typed links.

Revision ID: 0007
Revises: 0009
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0009"
branch_labels = None
depends_on = None


def _recorded() -> list[sa.Column[object]]:
    return [
        sa.Column("source", sa.String(length=400), nullable=False),
        sa.Column("recorded_by", sa.String(length=128), nullable=False),
        sa.Column("recorded_at", sa.DateTime(timezone=True), nullable=False),
    ]


def _place() -> list[sa.Column[object]]:
    return [
        sa.Column("ref", sa.String(length=64), nullable=False),
        sa.Column("date", sa.Date(), nullable=False),
        sa.Column("port", sa.String(length=16), nullable=True),
        sa.Column("place", sa.String(length=200), nullable=True),
        sa.Column("latitude", sa.Float(), nullable=True),
        sa.Column("longitude", sa.Float(), nullable=True),
    ]


def upgrade() -> None:
    op.create_table(
        "case_entities",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=256), nullable=False),
        sa.Column("label", sa.String(length=400), nullable=False),
        sa.Column("details", sa.JSON(), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=False),
        *_recorded(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_entities")),
        sa.UniqueConstraint("kind", "key", name="uq_case_entities_kind_key"),
    )
    op.create_index("ix_case_entities_kind", "case_entities", ["kind"], unique=False)
    op.create_table(
        "case_seizures",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_place(),
        sa.Column("concealment", sa.String(length=40), nullable=True),
        sa.Column("conveyance", sa.String(length=16), nullable=True),
        sa.Column("route_origin", sa.String(length=200), nullable=True),
        sa.Column("route_transit", sa.JSON(), nullable=False),
        sa.Column("route_destination", sa.String(length=200), nullable=True),
        sa.Column("summary", sa.Text(), nullable=False),
        sa.Column("notes", sa.Text(), nullable=True),
        *_recorded(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_seizures")),
        sa.UniqueConstraint("ref", name=op.f("uq_case_seizures_ref")),
    )
    op.create_index("ix_case_seizures_date", "case_seizures", ["date"], unique=False)
    op.create_index("ix_case_seizures_port", "case_seizures", ["port"], unique=False)
    op.create_table(
        "case_seizure_items",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("seizure_id", sa.Integer(), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("category", sa.String(length=32), nullable=False),
        sa.Column("type", sa.String(length=40), nullable=False),
        sa.Column("quantity", sa.String(length=40), nullable=False),
        sa.Column("unit", sa.String(length=8), nullable=False),
        sa.Column("measure", sa.String(length=8), nullable=False),
        sa.Column("base_quantity", sa.Float(), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=True),
        sa.Column("calibre", sa.String(length=32), nullable=True),
        sa.Column("description", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["seizure_id"],
            ["case_seizures.id"],
            name=op.f("fk_case_seizure_items_seizure_id_case_seizures"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_seizure_items")),
    )
    op.create_index(
        "ix_case_seizure_items_seizure_id", "case_seizure_items", ["seizure_id"], unique=False
    )
    op.create_index(
        "ix_case_seizure_items_category", "case_seizure_items", ["category"], unique=False
    )
    op.create_table(
        "case_arrests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        *_place(),
        sa.Column("person_id", sa.Integer(), nullable=False),
        sa.Column("charge", sa.String(length=400), nullable=False),
        sa.Column("seizure_id", sa.Integer(), nullable=True),
        sa.Column("notes", sa.Text(), nullable=True),
        *_recorded(),
        sa.ForeignKeyConstraint(
            ["person_id"],
            ["case_entities.id"],
            name=op.f("fk_case_arrests_person_id_case_entities"),
        ),
        sa.ForeignKeyConstraint(
            ["seizure_id"],
            ["case_seizures.id"],
            name=op.f("fk_case_arrests_seizure_id_case_seizures"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_arrests")),
        sa.UniqueConstraint("ref", name=op.f("uq_case_arrests_ref")),
    )
    for column in ("date", "port", "person_id", "seizure_id"):
        op.create_index(f"ix_case_arrests_{column}", "case_arrests", [column], unique=False)
    op.create_table(
        "case_links",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("left_kind", sa.String(length=16), nullable=False),
        sa.Column("left_id", sa.Integer(), nullable=False),
        sa.Column("right_kind", sa.String(length=16), nullable=False),
        sa.Column("right_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("source_date", sa.Date(), nullable=False),
        *_recorded(),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_links")),
    )
    op.create_index("ix_case_links_left", "case_links", ["left_kind", "left_id"], unique=False)
    op.create_index("ix_case_links_right", "case_links", ["right_kind", "right_id"], unique=False)


def downgrade() -> None:
    op.drop_index("ix_case_links_right", table_name="case_links")
    op.drop_index("ix_case_links_left", table_name="case_links")
    op.drop_table("case_links")
    for column in ("seizure_id", "person_id", "port", "date"):
        op.drop_index(f"ix_case_arrests_{column}", table_name="case_arrests")
    op.drop_table("case_arrests")
    op.drop_index("ix_case_seizure_items_category", table_name="case_seizure_items")
    op.drop_index("ix_case_seizure_items_seizure_id", table_name="case_seizure_items")
    op.drop_table("case_seizure_items")
    op.drop_index("ix_case_seizures_port", table_name="case_seizures")
    op.drop_index("ix_case_seizures_date", table_name="case_seizures")
    op.drop_table("case_seizures")
    op.drop_index("ix_case_entities_kind", table_name="case_entities")
    op.drop_table("case_entities")
