"""The chip trust store: CSCA and link certificates trusted for passive authentication.

One row per certificate (deduplicated by SHA-256 fingerprint); ``source`` says which master
list or file it came from, ``imported_by``/``imported_at`` who added it and when.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Boolean, Index, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime


class TrustedCsca(Base):
    """A trusted CSCA (or link) certificate, kept whole (``der``) with what lists show."""

    __tablename__ = "trusted_cscas"
    __table_args__ = (Index("ix_trusted_cscas_country", "country"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    fingerprint: Mapped[str] = mapped_column(String(64), unique=True)
    country: Mapped[str] = mapped_column(String(2))
    subject: Mapped[str] = mapped_column(Text)
    issuer: Mapped[str] = mapped_column(Text)
    serial: Mapped[str] = mapped_column(String(100))
    not_before: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    not_after: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    self_signed: Mapped[bool] = mapped_column(Boolean)
    key: Mapped[str] = mapped_column(String(200))
    der: Mapped[bytes] = mapped_column(LargeBinary)
    source: Mapped[str] = mapped_column(String(300))
    imported_by: Mapped[str] = mapped_column(String(128))
    imported_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
