"""Lost, stolen and revoked travel documents, one row per reported document of a list."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Date, Index, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base


class LostStolenDocument(Base):
    """A reported document. ``number`` is as printed; lookups use ``normalized_number``."""

    __tablename__ = "lost_stolen_documents"
    __table_args__ = (
        UniqueConstraint(
            "list_name",
            "country",
            "normalized_number",
            name="uq_lost_stolen_documents_list_country_number",
        ),
        Index("ix_lost_stolen_documents_country_number", "country", "normalized_number"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    list_name: Mapped[str] = mapped_column(String(200))
    country: Mapped[str] = mapped_column(String(3))
    number: Mapped[str] = mapped_column(String(100))
    normalized_number: Mapped[str] = mapped_column(String(100))
    document_type: Mapped[str] = mapped_column(String(100))
    status: Mapped[str] = mapped_column(String(16))
    reported_on: Mapped[dt.date | None] = mapped_column(Date)
    reference: Mapped[str | None] = mapped_column(String(200))
