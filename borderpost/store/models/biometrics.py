"""Biometric data kept by the service layer, each under its own retention rule.

* :class:`ApplicationFace`: the photo enrolled with a passport application and its face
  template (128 float32 numbers). Kept as long as the application: deleted with it.
* :class:`LiveFaceCapture`: the camera image of a traveller whose live face did not verify
  against the chip portrait at an inspection (kept for the officer who takes the referral).
  Deleted by the retention job after ``live_face_retention_days`` unless a referral of the
  inspection is still open or closed within that period. Matching captures are never kept.

Reads of either are audited by the services that own them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime

__all__ = ["ApplicationFace", "LiveFaceCapture"]


class ApplicationFace(Base):
    """The enrolment photo of one passport application and its face template."""

    __tablename__ = "application_faces"

    application_id: Mapped[int] = mapped_column(
        ForeignKey("issuance_applications.id", ondelete="CASCADE"), primary_key=True
    )
    photo: Mapped[bytes] = mapped_column(LargeBinary)
    photo_sha256: Mapped[str] = mapped_column(String(64))
    #: 128 little-endian float32 numbers (``borderpost.biometrics.templates``).
    template: Mapped[bytes] = mapped_column(LargeBinary)
    quality: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    reason: Mapped[str] = mapped_column(Text)
    enrolled_by: Mapped[str] = mapped_column(String(128))
    enrolled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class LiveFaceCapture(Base):
    """The live capture of an inspection whose face did not verify (for the referral)."""

    __tablename__ = "live_face_captures"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    inspection_id: Mapped[int] = mapped_column(
        ForeignKey("inspections.id", ondelete="CASCADE"), unique=True
    )
    image: Mapped[bytes] = mapped_column(LargeBinary)
    image_sha256: Mapped[str] = mapped_column(String(64))
    outcome: Mapped[str] = mapped_column(String(16))
    captured_by: Mapped[str] = mapped_column(String(128))
    captured_at: Mapped[dt.datetime] = mapped_column(UtcDateTime, index=True)
