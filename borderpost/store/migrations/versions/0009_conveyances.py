"""Vehicles at land posts, stolen-vehicle lists and hits, cargo manifests, consignments,
containers and their examinations (targeted and random controls).

Revision ID: 0009
Revises: 0013
Create Date: 2026-11-29
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:

    op.create_table(
        "stolen_vehicles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("list_name", sa.String(length=200), nullable=False),
        sa.Column("vin", sa.String(length=32), nullable=True),
        sa.Column("vin_key", sa.String(length=32), nullable=True),
        sa.Column("engine_number", sa.String(length=32), nullable=True),
        sa.Column("engine_key", sa.String(length=32), nullable=True),
        sa.Column("plate", sa.String(length=16), nullable=True),
        sa.Column("country", sa.String(length=3), nullable=True),
        sa.Column("make", sa.String(length=64), nullable=True),
        sa.Column("model", sa.String(length=64), nullable=True),
        sa.Column("reported_on", sa.Date(), nullable=True),
        sa.Column("reference", sa.String(length=128), nullable=True),
        sa.Column("imported_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("withdrawn_on", sa.Date(), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stolen_vehicles")),
    )
    with op.batch_alter_table("stolen_vehicles", schema=None) as batch_op:
        batch_op.create_index("ix_stolen_vehicles_engine_key", ["engine_key"], unique=False)
        batch_op.create_index("ix_stolen_vehicles_engine_number", ["engine_number"], unique=False)
        batch_op.create_index("ix_stolen_vehicles_vin", ["vin"], unique=False)
        batch_op.create_index("ix_stolen_vehicles_vin_key", ["vin_key"], unique=False)

    op.create_table(
        "vehicles",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("vin", sa.String(length=32), nullable=True),
        sa.Column("vin_status", sa.String(length=24), nullable=True),
        sa.Column("plate", sa.String(length=16), nullable=True),
        sa.Column("plate_country", sa.String(length=3), nullable=True),
        sa.Column("plate_key", sa.String(length=24), nullable=True),
        sa.Column("make", sa.String(length=64), nullable=True),
        sa.Column("engine_number", sa.String(length=32), nullable=True),
        sa.Column("first_seen", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicles")),
    )
    with op.batch_alter_table("vehicles", schema=None) as batch_op:
        batch_op.create_index("ix_vehicles_plate_key", ["plate_key"], unique=False)
        batch_op.create_index("ix_vehicles_vin", ["vin"], unique=False)

    op.create_table(
        "cargo_manifests",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(length=64), nullable=True),
        sa.Column("source", sa.String(length=8), nullable=False),
        sa.Column("vessel", sa.String(length=64), nullable=True),
        sa.Column("imo", sa.String(length=7), nullable=True),
        sa.Column("voyage", sa.String(length=32), nullable=True),
        sa.Column("carrier", sa.String(length=64), nullable=True),
        sa.Column("arrival_port", sa.String(length=8), nullable=True),
        sa.Column("arrival_date", sa.Date(), nullable=True),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("submitted_by", sa.Integer(), nullable=False),
        sa.Column("warnings", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["submitted_by"], ["users.id"], name=op.f("fk_cargo_manifests_submitted_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cargo_manifests")),
    )
    op.create_table(
        "vehicle_crossings",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("port_id", sa.Integer(), nullable=False),
        sa.Column("vehicle_id", sa.Integer(), nullable=False),
        sa.Column("officer_id", sa.Integer(), nullable=False),
        sa.Column("direction", sa.String(length=5), nullable=False),
        sa.Column("occurred_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("plate_read", sa.String(length=32), nullable=True),
        sa.Column("vin_read", sa.String(length=40), nullable=True),
        sa.Column("engine_read", sa.String(length=40), nullable=True),
        sa.Column("container", sa.String(length=16), nullable=True),
        sa.Column("finding", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "direction IN ('entry', 'exit')", name=op.f("ck_vehicle_crossings_direction")
        ),
        sa.ForeignKeyConstraint(
            ["officer_id"], ["users.id"], name=op.f("fk_vehicle_crossings_officer_id_users")
        ),
        sa.ForeignKeyConstraint(
            ["port_id"], ["ports.id"], name=op.f("fk_vehicle_crossings_port_id_ports")
        ),
        sa.ForeignKeyConstraint(
            ["vehicle_id"], ["vehicles.id"], name=op.f("fk_vehicle_crossings_vehicle_id_vehicles")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_crossings")),
    )
    with op.batch_alter_table("vehicle_crossings", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vehicle_crossings_container"), ["container"], unique=False
        )
        batch_op.create_index(
            "ix_vehicle_crossings_port_occurred_at", ["port_id", "occurred_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vehicle_crossings_vehicle_id"), ["vehicle_id"], unique=False
        )

    op.create_table(
        "consignments",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("manifest_id", sa.Integer(), nullable=False),
        sa.Column("bill_of_lading", sa.String(length=64), nullable=False),
        sa.Column("shipper", sa.String(length=200), nullable=True),
        sa.Column("shipper_key", sa.String(length=200), nullable=True),
        sa.Column("consignee", sa.String(length=200), nullable=True),
        sa.Column("consignee_key", sa.String(length=200), nullable=True),
        sa.Column("notify", sa.String(length=200), nullable=True),
        sa.Column("notify_key", sa.String(length=200), nullable=True),
        sa.Column("route", sa.String(length=200), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("hs_codes", sa.String(length=200), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["manifest_id"],
            ["cargo_manifests.id"],
            name=op.f("fk_consignments_manifest_id_cargo_manifests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_consignments")),
    )
    with op.batch_alter_table("consignments", schema=None) as batch_op:
        batch_op.create_index("ix_consignments_consignee_key", ["consignee_key"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_consignments_manifest_id"), ["manifest_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_consignments_shipper_key"), ["shipper_key"], unique=False
        )

    op.create_table(
        "stolen_vehicle_hits",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("crossing_id", sa.Integer(), nullable=True),
        sa.Column("stolen_id", sa.Integer(), nullable=False),
        sa.Column("port_id", sa.Integer(), nullable=True),
        sa.Column("field", sa.String(length=16), nullable=False),
        sa.Column("exact", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("status", sa.String(length=9), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("decided_by", sa.Integer(), nullable=True),
        sa.Column("decided_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("decision_reason", sa.Text(), nullable=True),
        sa.CheckConstraint(
            "status IN ('open', 'confirmed', 'dismissed')",
            name=op.f("ck_stolen_vehicle_hits_status"),
        ),
        sa.ForeignKeyConstraint(
            ["crossing_id"],
            ["vehicle_crossings.id"],
            name=op.f("fk_stolen_vehicle_hits_crossing_id_vehicle_crossings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["decided_by"], ["users.id"], name=op.f("fk_stolen_vehicle_hits_decided_by_users")
        ),
        sa.ForeignKeyConstraint(
            ["port_id"], ["ports.id"], name=op.f("fk_stolen_vehicle_hits_port_id_ports")
        ),
        sa.ForeignKeyConstraint(
            ["stolen_id"],
            ["stolen_vehicles.id"],
            name=op.f("fk_stolen_vehicle_hits_stolen_id_stolen_vehicles"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_stolen_vehicle_hits")),
    )
    with op.batch_alter_table("stolen_vehicle_hits", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_stolen_vehicle_hits_crossing_id"), ["crossing_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_stolen_vehicle_hits_port_id"), ["port_id"], unique=False
        )

    op.create_table(
        "vehicle_occupants",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("crossing_id", sa.Integer(), nullable=False),
        sa.Column("role", sa.String(length=9), nullable=False),
        sa.Column("inspection_id", sa.Integer(), nullable=True),
        sa.Column("traveller_id", sa.Integer(), nullable=True),
        sa.Column("name", sa.String(length=200), nullable=True),
        sa.Column("birth_date", sa.Date(), nullable=True),
        sa.CheckConstraint(
            "role IN ('driver', 'passenger')", name=op.f("ck_vehicle_occupants_role")
        ),
        sa.ForeignKeyConstraint(
            ["crossing_id"],
            ["vehicle_crossings.id"],
            name=op.f("fk_vehicle_occupants_crossing_id_vehicle_crossings"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["inspection_id"],
            ["inspections.id"],
            name=op.f("fk_vehicle_occupants_inspection_id_inspections"),
        ),
        sa.ForeignKeyConstraint(
            ["traveller_id"],
            ["travellers.id"],
            name=op.f("fk_vehicle_occupants_traveller_id_travellers"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_vehicle_occupants")),
    )
    with op.batch_alter_table("vehicle_occupants", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_vehicle_occupants_crossing_id"), ["crossing_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vehicle_occupants_inspection_id"), ["inspection_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_vehicle_occupants_traveller_id"), ["traveller_id"], unique=False
        )

    op.create_table(
        "cargo_containers",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("manifest_id", sa.Integer(), nullable=False),
        sa.Column("consignment_id", sa.Integer(), nullable=False),
        sa.Column("number", sa.String(length=64), nullable=False),
        sa.Column("score", sa.Float(), nullable=False),
        sa.Column("selected", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("indicators", sa.JSON(), nullable=False),
        sa.Column("control", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["consignment_id"],
            ["consignments.id"],
            name=op.f("fk_cargo_containers_consignment_id_consignments"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["manifest_id"],
            ["cargo_manifests.id"],
            name=op.f("fk_cargo_containers_manifest_id_cargo_manifests"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_cargo_containers")),
    )
    with op.batch_alter_table("cargo_containers", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_cargo_containers_consignment_id"), ["consignment_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_cargo_containers_manifest_id"), ["manifest_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_cargo_containers_number"), ["number"], unique=False)

    op.create_table(
        "container_examinations",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("container_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=8), nullable=False),
        sa.Column("outcome", sa.String(length=13), nullable=False),
        sa.Column("finding", sa.Text(), nullable=True),
        sa.Column("examined_by", sa.Integer(), nullable=False),
        sa.Column("examined_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "kind IN ('targeted', 'control', 'other')", name=op.f("ck_container_examinations_kind")
        ),
        sa.CheckConstraint(
            "outcome IN ('nothing_found', 'contraband', 'misdeclared', 'other_offence')",
            name=op.f("ck_container_examinations_outcome"),
        ),
        sa.ForeignKeyConstraint(
            ["container_id"],
            ["cargo_containers.id"],
            name=op.f("fk_container_examinations_container_id_cargo_containers"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["examined_by"], ["users.id"], name=op.f("fk_container_examinations_examined_by_users")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_container_examinations")),
    )
    with op.batch_alter_table("container_examinations", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_container_examinations_container_id"), ["container_id"], unique=False
        )


def downgrade() -> None:

    with op.batch_alter_table("container_examinations", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_container_examinations_container_id"))

    op.drop_table("container_examinations")
    with op.batch_alter_table("cargo_containers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_cargo_containers_number"))
        batch_op.drop_index(batch_op.f("ix_cargo_containers_manifest_id"))
        batch_op.drop_index(batch_op.f("ix_cargo_containers_consignment_id"))

    op.drop_table("cargo_containers")
    with op.batch_alter_table("vehicle_occupants", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vehicle_occupants_traveller_id"))
        batch_op.drop_index(batch_op.f("ix_vehicle_occupants_inspection_id"))
        batch_op.drop_index(batch_op.f("ix_vehicle_occupants_crossing_id"))

    op.drop_table("vehicle_occupants")
    with op.batch_alter_table("stolen_vehicle_hits", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_stolen_vehicle_hits_port_id"))
        batch_op.drop_index(batch_op.f("ix_stolen_vehicle_hits_crossing_id"))

    op.drop_table("stolen_vehicle_hits")
    with op.batch_alter_table("consignments", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_consignments_shipper_key"))
        batch_op.drop_index(batch_op.f("ix_consignments_manifest_id"))
        batch_op.drop_index("ix_consignments_consignee_key")

    op.drop_table("consignments")
    with op.batch_alter_table("vehicle_crossings", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_vehicle_crossings_vehicle_id"))
        batch_op.drop_index("ix_vehicle_crossings_port_occurred_at")
        batch_op.drop_index(batch_op.f("ix_vehicle_crossings_container"))

    op.drop_table("vehicle_crossings")
    op.drop_table("cargo_manifests")
    with op.batch_alter_table("vehicles", schema=None) as batch_op:
        batch_op.drop_index("ix_vehicles_vin")
        batch_op.drop_index("ix_vehicles_plate_key")

    op.drop_table("vehicles")
    with op.batch_alter_table("stolen_vehicles", schema=None) as batch_op:
        batch_op.drop_index("ix_stolen_vehicles_vin_key")
        batch_op.drop_index("ix_stolen_vehicles_vin")
        batch_op.drop_index("ix_stolen_vehicles_engine_number")
        batch_op.drop_index("ix_stolen_vehicles_engine_key")

    op.drop_table("stolen_vehicles")
