"""Keeping a process's lookout templates equal to the database's, by ids.

An attachment is never edited, so its id names its template for good: a gallery needs only
the ids in force to know what to load (the templates it lacks) and what to drop. Shared by
the face and the fingerprint galleries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from typing import Any, TypeVar

from sqlalchemy import select
from sqlalchemy.orm import InstrumentedAttribute, Session

from borderpost import audit

__all__ = ["sync_templates"]

T = TypeVar("T")


def sync_templates(
    session: Session,
    cached: Mapping[int, T],
    ids: tuple[int, ...],
    *,
    id_column: InstrumentedAttribute[int],
    data_column: InstrumentedAttribute[bytes],
    decode: Callable[[bytes], T],
    action: str,
    actor: str,
    now: dt.datetime,
) -> dict[int, T]:
    """The templates of ``ids``, in that order: those in ``cached`` kept, the others read
    (audited as ``action``: templates are personal data)."""
    lacking = [i for i in ids if i not in cached]
    loaded: dict[int, T] = {}
    if lacking:
        rows: Any = session.execute(select(id_column, data_column).where(id_column.in_(lacking)))
        loaded = {int(row_id): decode(data) for row_id, data in rows}
        audit.append(
            session,
            actor=actor,
            action=action,
            subject_type="lookout_gallery",
            details={"loaded": len(lacking), "in_gallery": len(ids)},
            at=now,
        )
    return {i: cached[i] if i in cached else loaded[i] for i in ids}
