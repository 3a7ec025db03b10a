"""The issuance service's face matcher: enrolment templates from the store, searched 1:N.

:class:`StoredFaceMatcher` is the default matcher of :func:`borderpost.issuance.decisions.submit`
(and so of the web API and ``borderpost issuance simulate``). For one submission it reads the
applicant's template, then every earlier submitted application's template in one query into a
:class:`~borderpost.biometrics.Gallery` (one matrix product per search, not one query per pair),
and reports the photos within the threshold as "one face under two identities" candidates.
The search is one audit event (``issuance.face_search``: how many templates were read, which
came back); it works in the caller's session and never commits.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.biometrics import DEFAULT_THRESHOLD, Gallery, template_from_bytes
from borderpost.biometrics.matching import compare_templates
from borderpost.biometrics.templates import templates_from_bytes
from borderpost.issuance.duplicates import FaceHit, FaceResult
from borderpost.store.models import ApplicationFace, IssuanceApplication

__all__ = ["StoredFaceMatcher", "face_ref", "face_score", "ref_id"]

_PREFIX = "application:"


def face_ref(application_id: int) -> str:
    """The face reference of an application (its enrolment photo, when there is one)."""
    return f"{_PREFIX}{application_id}"


def ref_id(ref: str) -> int:
    """The application id of a face reference."""
    if not ref.startswith(_PREFIX) or not ref[len(_PREFIX) :].isdigit():
        raise ValueError(f"{ref!r} is not a face reference (application:<id>)")
    return int(ref[len(_PREFIX) :])


def face_score(distance: float, threshold: float) -> float:
    """Similarity from a distance: 1 for identical templates, 0.5 at the threshold, 0 at twice
    the threshold and beyond."""
    return max(0.0, min(1.0, 1.0 - distance / (2.0 * threshold)))


class StoredFaceMatcher:
    """Compares and searches the stored enrolment templates of passport applications."""

    def __init__(
        self,
        session: Session,
        *,
        actor: str,
        now: dt.datetime,
        threshold: float = DEFAULT_THRESHOLD,
        limit: int = 20,
    ) -> None:
        if threshold <= 0:
            raise ValueError("the face threshold must be positive")
        self._session = session
        self._actor = actor
        self._now = now
        self.threshold = threshold
        self.limit = limit
        self._templates: dict[str, npt.NDArray[np.float64] | None] = {}
        self._gallery: Gallery | None = None
        self._rows: dict[str, int] = {}
        self._summary = "no face search run"

    @property
    def configured(self) -> bool:
        return True

    @property
    def summary(self) -> str:
        return self._summary

    def _template(self, ref: str) -> npt.NDArray[np.float64] | None:
        if self._gallery is not None and ref in self._rows:
            return np.asarray(self._gallery.matrix[self._rows[ref]], dtype=np.float64)
        if ref not in self._templates:
            data = self._session.scalar(
                select(ApplicationFace.template).where(
                    ApplicationFace.application_id == ref_id(ref)
                )
            )
            self._templates[ref] = None if data is None else template_from_bytes(data)
        return self._templates[ref]

    def compare(self, probe: str | None, candidate: str | None) -> FaceResult:
        """The two records' enrolment photos compared 1:1 (templates read once, cached)."""
        probe_template = None if probe is None else self._template(probe)
        if probe_template is None:
            return FaceResult(None, "no photo enrolled for this application")
        other = None if candidate is None else self._template(candidate)
        if other is None:
            return FaceResult(None, "no photo enrolled for the earlier record")
        distance = compare_templates(probe_template, other, self.threshold)
        score = round(face_score(distance, self.threshold), 4)
        if distance <= self.threshold:
            return FaceResult(
                score,
                f"the photos probably show the same person: distance {distance:.3f} is within "
                f"the threshold {self.threshold:.2f}",
            )
        return FaceResult(
            score,
            f"the photos probably show different people: distance {distance:.3f} is beyond "
            f"the threshold {self.threshold:.2f}",
        )

    def search(self, probe: str | None) -> list[FaceHit]:
        """The applicant's photo against every earlier submitted application's, 1:N."""
        if probe is None:
            self._summary = "no photo enrolled: the face was not searched"
            return []
        application_id = ref_id(probe)
        template = self._template(probe)
        if template is None:
            self._summary = "no photo enrolled: the face was not searched"
            return []
        rows = self._session.execute(
            select(ApplicationFace.application_id, ApplicationFace.template)
            .join(IssuanceApplication, IssuanceApplication.id == ApplicationFace.application_id)
            .where(
                ApplicationFace.application_id < application_id,
                IssuanceApplication.status != "draft",
            )
            .order_by(ApplicationFace.application_id)
        ).all()
        keys = [face_ref(int(other_id)) for other_id, _ in rows]
        gallery = Gallery(keys, templates_from_bytes([data for _, data in rows]))
        self._gallery = gallery
        self._rows = {key: row for row, key in enumerate(keys)}
        candidates = gallery.search(template, threshold=self.threshold, limit=self.limit)
        hits = [
            FaceHit(
                ref=c.key,
                score=face_score(c.distance, self.threshold),
                distance=c.distance,
                reason=(
                    f"the photo of application #{application_id} and that of application "
                    f"#{ref_id(c.key)} probably show the same person: distance "
                    f"{c.distance:.3f} is within the threshold {self.threshold:.2f} "
                    f"(rank {c.rank} of {len(gallery)} enrolled photos searched)"
                ),
            )
            for c in candidates
        ]
        self._summary = (
            f"the applicant's photo was searched against {len(gallery)} earlier enrolled "
            f"photo(s): {len(hits)} within the threshold {self.threshold:.2f}"
        )
        append(
            self._session,
            actor=self._actor,
            action="issuance.face_search",
            subject_type="issuance_application",
            subject_id=application_id,
            details={
                "templates_read": len(gallery) + 1,
                "threshold": self.threshold,
                "candidates": [ref_id(hit.ref) for hit in hits],
            },
            at=self._now,
        )
        return hits
