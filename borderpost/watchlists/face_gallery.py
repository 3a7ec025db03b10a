"""The lookout photos' templates in memory, searched 1:N at primary inspection.

One :class:`LookoutFaces` per process (the web app keeps one in its state). Before each search
it reads which photos are in force (ids and labels only, one small query: photos not removed,
of entries still on their list); when that set differs from the one in memory, it loads the
templates it lacks (audited as ``lookout_photo.load``: templates are personal data) and
rebuilds the numpy :class:`~borderpost.biometrics.Gallery`. A photo is never edited, so its id
names its template for good: the gallery is always the database's, in every process.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.biometrics import Gallery
from borderpost.biometrics.templates import TEMPLATE_SIZE, template_from_bytes
from borderpost.store.models import LookoutPhoto, Watchlist, WatchlistEntry
from borderpost.watchlists.gallery_sync import sync_templates

__all__ = ["FaceCandidate", "LookoutFaces", "score_of"]

ADVICE = "a candidate for an officer to confirm, never an automatic decision"


def score_of(distance: float) -> float:
    """The similarity score shown to officers: 1 - Euclidean distance, at least 0."""
    return max(0.0, 1.0 - distance)


@dataclass(frozen=True, slots=True)
class _Label:
    list_name: str
    entry_id: str
    name: str


@dataclass(frozen=True, slots=True)
class FaceCandidate:
    """A lookout photo whose face resembles the probe: for an officer to confirm."""

    photo_id: int
    list_name: str
    entry_id: str
    name: str
    rank: int
    score: float
    distance: float
    probe: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "photo": self.photo_id,
            "list": self.list_name,
            "entry_id": self.entry_id,
            "name": self.name,
            "rank": self.rank,
            "score": round(self.score, 4),
            "distance": round(self.distance, 4),
            "probe": self.probe,
            "reason": self.reason,
            "advice": ADVICE,
        }


class LookoutFaces:
    """The gallery of lookout photos, kept equal to the database's photos in force."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._templates: dict[int, npt.NDArray[np.float32]] = {}
        self._ids: tuple[int, ...] = ()
        self._gallery = Gallery([], np.zeros((0, TEMPLATE_SIZE), dtype=np.float32))
        self._labels: dict[int, _Label] = {}

    def refresh(self, session: Session, *, actor: str, now: dt.datetime) -> int:
        """Bring the gallery up to date with the database; returns its size."""
        rows = session.execute(
            select(LookoutPhoto.id, Watchlist.name, WatchlistEntry.entry_id, WatchlistEntry.name)
            .join(WatchlistEntry, WatchlistEntry.id == LookoutPhoto.entry_row_id)
            .join(Watchlist, Watchlist.id == WatchlistEntry.watchlist_id)
            .where(LookoutPhoto.removed_at.is_(None))
            .where(WatchlistEntry.removed_in_version_id.is_(None))
            .order_by(LookoutPhoto.id)
        ).all()
        labels = {int(r[0]): _Label(str(r[1]), str(r[2]), str(r[3])) for r in rows}
        ids = tuple(labels)
        with self._lock:
            self._labels = labels
            if ids == self._ids:
                return len(ids)
            self._templates = sync_templates(
                session,
                self._templates,
                ids,
                id_column=LookoutPhoto.id,
                data_column=LookoutPhoto.template,
                decode=lambda data: template_from_bytes(data).astype(np.float32),
                action="lookout_photo.load",
                actor=actor,
                now=now,
            )
            matrix = (
                np.stack([self._templates[i] for i in ids])
                if ids
                else np.zeros((0, TEMPLATE_SIZE), dtype=np.float32)
            )
            self._gallery = Gallery([str(i) for i in ids], matrix)
            self._ids = ids
            return len(ids)

    def search(
        self,
        session: Session,
        probe: npt.ArrayLike,
        *,
        min_score: float,
        probe_name: str,
        actor: str,
        now: dt.datetime,
        limit: int = 5,
        refresh: bool = True,
    ) -> list[FaceCandidate]:
        """Lookout photos scoring at least ``min_score`` against ``probe``, best first
        (``refresh=False``: the caller has just called :meth:`refresh`)."""
        if refresh and self.refresh(session, actor=actor, now=now) == 0:
            return []
        with self._lock:
            gallery, labels = self._gallery, self._labels
        if len(gallery) == 0:
            return []
        found = gallery.search(
            np.asarray(probe, dtype=np.float64), threshold=1.0 - min_score, limit=limit
        )
        candidates = []
        for hit in found:
            label = labels[int(hit.key)]
            score = score_of(hit.distance)
            reason = (
                f"face resembles lookout photo of {label.name} ({label.list_name} "
                f"{label.entry_id}, photo {hit.key}) (score {score:.2f}, distance "
                f"{hit.distance:.3f}; {probe_name}) — candidate for an officer to confirm"
            )
            candidates.append(
                FaceCandidate(
                    photo_id=int(hit.key),
                    list_name=label.list_name,
                    entry_id=label.entry_id,
                    name=label.name,
                    rank=hit.rank,
                    score=score,
                    distance=hit.distance,
                    probe=probe_name,
                    reason=reason,
                )
            )
        return candidates
