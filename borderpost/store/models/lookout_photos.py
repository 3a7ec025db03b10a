"""Face photos attached to lookout entries, with their face templates (personal data).

A photo belongs to one watchlist entry (usually of the national lookout list). The image and
its template (128 float32 numbers, little-endian) are kept together; a photo is never edited,
only removed (``removed_at`` set), so a template read once stays true for its id.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime


class LookoutPhoto(Base):
    """One face photo of a listed person, searched 1:N at primary inspection."""

    __tablename__ = "lookout_photos"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_row_id: Mapped[int] = mapped_column(ForeignKey("watchlist_entries.id"), index=True)
    media_type: Mapped[str] = mapped_column(String(32))
    image: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    template: Mapped[bytes] = mapped_column(LargeBinary)
    analysis: Mapped[dict[str, Any]] = mapped_column(JSON)
    note: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(String(128))
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    removed_by: Mapped[str | None] = mapped_column(String(128))
    removed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
