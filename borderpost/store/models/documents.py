"""Travel-document checks recorded at a post: what was read, what the engine found."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base


class DocumentCheck(Base):
    __tablename__ = "document_checks"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    checked_at: Mapped[dt.datetime] = mapped_column(DateTime(timezone=True), index=True)
    mrz: Mapped[str] = mapped_column(Text)
    layout: Mapped[str | None] = mapped_column(String(8))
    document_code: Mapped[str | None] = mapped_column(String(2))
    issuing_state: Mapped[str | None] = mapped_column(String(3), index=True)
    document_number: Mapped[str | None] = mapped_column(String(32), index=True)
    nationality: Mapped[str | None] = mapped_column(String(3))
    surname: Mapped[str | None] = mapped_column(String(128))
    given_names: Mapped[str | None] = mapped_column(String(128))
    birth_date: Mapped[dt.date | None] = mapped_column(Date)
    expiry_date: Mapped[dt.date | None] = mapped_column(Date)
    valid: Mapped[bool] = mapped_column(Boolean)
    findings: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
