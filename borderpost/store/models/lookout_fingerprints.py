"""Fingerprints attached to lookout entries, as ISO/IEC 19794-2 templates (personal data).

A fingerprint belongs to one watchlist entry and names its finger (ISO/IEC 19794-2 / ANSI
finger position codes: 1 right thumb ... 5 right little, 6 left thumb ... 10 left little).
Only the minutiae template is kept, not the image. A fingerprint is never edited, only
removed (``removed_at`` set), so a template read once stays true for its id.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime


class LookoutFingerprint(Base):
    """One finger of a listed person, searched 1:N at primary inspection."""

    __tablename__ = "lookout_fingerprints"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    entry_row_id: Mapped[int] = mapped_column(ForeignKey("watchlist_entries.id"), index=True)
    finger: Mapped[int] = mapped_column(Integer)
    record: Mapped[bytes] = mapped_column(LargeBinary)
    sha256: Mapped[str] = mapped_column(String(64))
    minutiae: Mapped[int] = mapped_column(Integer)
    quality: Mapped[int | None] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    added_by: Mapped[str] = mapped_column(String(128))
    added_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    removed_by: Mapped[str | None] = mapped_column(String(128))
    removed_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
