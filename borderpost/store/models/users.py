"""People who sign in: officers, supervisors, analysts, auditors and administrators.

Officers are users, not a table of their own: an officer or supervisor is a user whose role
says so, attached to the port they work at. Inspections, decisions and clearances point at
``users.id``, so one identity carries a person's sign-in, permissions and audit trail.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, CheckConstraint, ForeignKey, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime

ROLES = (
    "officer",
    "supervisor",
    "analyst",
    "auditor",
    "admin",
    "issuance_officer",
    "issuance_supervisor",
)


class User(Base):
    """A user account; ``password_hash`` is an argon2id hash, never the password."""

    __tablename__ = "users"
    __table_args__ = (
        CheckConstraint(
            "role IN ('officer', 'supervisor', 'analyst', 'auditor', 'admin', "
            "'issuance_officer', 'issuance_supervisor')",
            name="role",
        ),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(32))
    port_id: Mapped[int | None] = mapped_column(ForeignKey("ports.id"), index=True)
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    failed_logins: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_login_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
