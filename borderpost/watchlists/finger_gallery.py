"""The lookout fingerprints' templates in memory, searched 1:N at primary inspection.

One :class:`LookoutFingers` per process (the web app keeps one in its state), kept equal to
the database's fingerprints in force the same way as the face gallery
(:mod:`borderpost.watchlists.face_gallery`): before each search it reads the ids in force,
loads the templates it lacks (audited as ``lookout_fingerprint.load``) and repacks the
bozorth3 :class:`~borderpost.biometrics.fingerprint.FingerGallery`. A fingerprint is never
edited, so its id names its template for good.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.biometrics.fingerprint import (
    FingerGallery,
    FingerMinutiaeRecord,
    finger_name,
    parse_fmr,
)
from borderpost.biometrics.fingerprint.matching import ADVICE
from borderpost.store.models import LookoutFingerprint, Watchlist, WatchlistEntry
from borderpost.watchlists.gallery_sync import sync_templates

__all__ = ["FingerprintCandidate", "LookoutFingers"]


@dataclass(frozen=True, slots=True)
class _Label:
    list_name: str
    entry_id: str
    name: str
    finger: int


@dataclass(frozen=True, slots=True)
class FingerprintCandidate:
    """A lookout fingerprint the probe's minutiae agree with: for an officer to confirm."""

    fingerprint_id: int
    list_name: str
    entry_id: str
    name: str
    finger: int  # the lookout's finger
    probe_finger: int
    rank: int
    score: int
    threshold: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "fingerprint": self.fingerprint_id,
            "list": self.list_name,
            "entry_id": self.entry_id,
            "name": self.name,
            "finger": self.finger,
            "probe_finger": self.probe_finger,
            "rank": self.rank,
            "score": self.score,
            "threshold": self.threshold,
            "reason": self.reason,
            "advice": ADVICE,
        }


class LookoutFingers:
    """The gallery of lookout fingerprints, kept equal to the database's in force."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._records: dict[int, FingerMinutiaeRecord] = {}
        self._ids: tuple[int, ...] = ()
        self._gallery = FingerGallery([], [])
        self._labels: dict[int, _Label] = {}

    def refresh(self, session: Session, *, actor: str, now: dt.datetime) -> int:
        """Bring the gallery up to date with the database; returns its size."""
        in_force = session.execute(
            select(
                LookoutFingerprint.id,
                LookoutFingerprint.finger,
                Watchlist.name,
                WatchlistEntry.entry_id,
                WatchlistEntry.name,
            )
            .join(WatchlistEntry, WatchlistEntry.id == LookoutFingerprint.entry_row_id)
            .join(Watchlist, Watchlist.id == WatchlistEntry.watchlist_id)
            .where(
                LookoutFingerprint.removed_at.is_(None),
                WatchlistEntry.removed_in_version_id.is_(None),
            )
            .order_by(LookoutFingerprint.id)
        ).all()
        labels = {int(i): _Label(str(ln), str(e), str(n), int(f)) for i, f, ln, e, n in in_force}
        ids = tuple(labels)
        with self._lock:
            self._labels = labels
            if ids == self._ids:
                return len(ids)
            self._records = sync_templates(
                session,
                self._records,
                ids,
                id_column=LookoutFingerprint.id,
                data_column=LookoutFingerprint.record,
                decode=parse_fmr,
                action="lookout_fingerprint.load",
                actor=actor,
                now=now,
            )
            self._gallery = FingerGallery([str(i) for i in ids], [self._records[i] for i in ids])
            self._ids = ids
            return len(ids)

    def search(
        self,
        probe: FingerMinutiaeRecord,
        *,
        probe_finger: int,
        threshold: int,
        limit: int = 5,
    ) -> list[FingerprintCandidate]:
        """Lookout fingerprints scoring at least ``threshold`` against ``probe``, best first
        (call :meth:`refresh` first)."""
        with self._lock:
            gallery, labels = self._gallery, self._labels
        if len(gallery) == 0:
            return []
        found = []
        for hit in gallery.search(probe, threshold=threshold, limit=limit):
            label = labels[int(hit.key)]
            theirs = (
                ""
                if label.finger == probe_finger
                else f", the lookout's {finger_name(label.finger)}"
            )
            reason = (
                f"fingerprint ({finger_name(probe_finger)}) matches lookout {label.name} "
                f"({label.list_name} {label.entry_id}, fingerprint {hit.key}{theirs}) "
                f"(bozorth3 score {hit.score} \u2265 {threshold}) "
                "\u2014 candidate for an officer to confirm"
            )
            found.append(
                FingerprintCandidate(
                    fingerprint_id=int(hit.key),
                    list_name=label.list_name,
                    entry_id=label.entry_id,
                    name=label.name,
                    finger=label.finger,
                    probe_finger=probe_finger,
                    rank=hit.rank,
                    score=hit.score,
                    threshold=threshold,
                    reason=reason,
                )
            )
        return found
