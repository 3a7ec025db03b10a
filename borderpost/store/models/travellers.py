"""Travellers (person records) and the travel documents they were seen with."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime


class Traveller(Base):
    """A person as recorded at the border.

    ``name_key`` is a normalised form of the full name (see
    :func:`borderpost.store.repos.travellers.name_key`) used to find earlier records of the
    same person; it is a lookup key, not a proof of identity.
    """

    __tablename__ = "travellers"
    __table_args__ = (Index("ix_travellers_name_key_birth_date", "name_key", "birth_date"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    surname: Mapped[str] = mapped_column(String(200))
    given_names: Mapped[str] = mapped_column(String(200), default="")
    birth_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    nationality: Mapped[str | None] = mapped_column(String(3))
    gender: Mapped[str | None] = mapped_column(String(1))
    name_key: Mapped[str] = mapped_column(String(400))
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class DocumentSeen(Base):
    """A travel document presented at the border, as read (from the MRZ or typed in)."""

    __tablename__ = "documents_seen"
    __table_args__ = (Index("ix_documents_seen_issuing_state_number", "issuing_state", "number"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    traveller_id: Mapped[int | None] = mapped_column(ForeignKey("travellers.id"), index=True)
    document_type: Mapped[str] = mapped_column(String(2))
    number: Mapped[str] = mapped_column(String(32))
    issuing_state: Mapped[str] = mapped_column(String(3))
    nationality: Mapped[str | None] = mapped_column(String(3))
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    mrz: Mapped[str | None] = mapped_column(Text)
    first_seen_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
