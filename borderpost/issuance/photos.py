"""The applicant's enrolment photo: taken with the application, encoded once as a face template.

:func:`enrol_photo` checks the photo (readable, exactly one face) and stores it with its
template, or stores nothing and says what is wrong. The photo and template are personal data:
:func:`read_photo` is the one way to read the photo back and is audited; the stored-template
matcher (:mod:`borderpost.issuance.faces`) audits its reads of templates. Both are kept as
long as the application record (deleted with it). Functions work in the caller's session and
never commit.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from typing import Any

from sqlalchemy.orm import Session

from borderpost.audit import append
from borderpost.biometrics import BiometricFormatError, analyse_face, template_to_bytes
from borderpost.identity.roles import Permission
from borderpost.issuance.applications import get_application
from borderpost.issuance.errors import IssuanceConflict, IssuanceInvalid, IssuanceNotFound
from borderpost.issuance.staff import require
from borderpost.store.models import ApplicationFace, User

__all__ = ["MAX_PHOTO_BYTES", "enrol_photo", "photo_status", "read_photo"]

#: Largest enrolment photo accepted (an ICAO passport photo is well under 1 MB).
MAX_PHOTO_BYTES = 5 * 1024 * 1024


def enrol_photo(
    session: Session, application_id: int, *, actor: User, photo: bytes, now: dt.datetime
) -> dict[str, Any]:
    """Store ``photo`` as the application's enrolment photo, with its face template
    (replacing an earlier photo of the same draft).

    Returns the face found: ``faces_found``, ``quality`` (with any problems in words),
    ``reason``, ``sha256``.

    Raises:
        IssuanceInvalid: the photo is empty, too large, unreadable, or does not show exactly
            one face (nothing is stored).
        IssuanceConflict: the application is no longer a draft.
    """
    require(actor, Permission.ENROL, "enrol applicants' photos")
    application = get_application(session, application_id)
    if application.status != "draft":
        raise IssuanceConflict(
            f"application #{application_id} is {application.status}: the photo is taken "
            "before submission"
        )
    if len(photo) > MAX_PHOTO_BYTES:
        raise IssuanceInvalid(f"photo: larger than {MAX_PHOTO_BYTES} bytes")
    try:
        analysis = analyse_face(photo, "the enrolment photo")
    except BiometricFormatError as exc:
        raise IssuanceInvalid(f"photo: {exc.message}") from None
    if analysis.template is None:
        raise IssuanceInvalid(f"photo: {analysis.reason}")
    digest = hashlib.sha256(photo).hexdigest()
    quality = None if analysis.quality is None else analysis.quality.to_dict()
    row = session.get(ApplicationFace, application_id)
    if row is None:
        row = ApplicationFace(application_id=application_id)
        session.add(row)
    row.photo = photo
    row.photo_sha256 = digest
    row.template = template_to_bytes(analysis.template)
    row.quality = quality
    row.reason = analysis.reason
    row.enrolled_by = actor.username
    row.enrolled_at = now
    session.flush()
    append(
        session,
        actor=actor.username,
        action="issuance.photo",
        subject_type="issuance_application",
        subject_id=application_id,
        details={
            "sha256": digest,
            "bytes": len(photo),
            "quality_acceptable": quality is None or bool(quality["acceptable"]),
        },
        at=now,
    )
    return {**analysis.to_dict(), "sha256": digest}


def photo_status(session: Session, application_id: int) -> dict[str, Any]:
    """Whether a photo is enrolled, its quality and when (no image, no template)."""
    row = session.get(ApplicationFace, application_id)
    if row is None:
        return {"enrolled": False, "reason": "no photo enrolled"}
    return {
        "enrolled": True,
        "sha256": row.photo_sha256,
        "quality": row.quality,
        "reason": row.reason,
        "enrolled_by": row.enrolled_by,
        "enrolled_at": row.enrolled_at.isoformat(),
    }


def read_photo(
    session: Session, application_id: int, *, actor: User, purpose: str, now: dt.datetime
) -> bytes:
    """The enrolment photo as taken (audited: who read it, when and why).

    Raises:
        Forbidden: the actor may not read applications.
        IssuanceInvalid: no purpose given.
        IssuanceNotFound: no such application, or no photo enrolled.
    """
    require(actor, Permission.READ_APPLICATION, "read applicants' photos")
    why = " ".join(purpose.split())
    if not why or len(why) > 500:
        raise IssuanceInvalid("say why the photo is read (1-500 characters)")
    get_application(session, application_id)
    row = session.get(ApplicationFace, application_id)
    if row is None:
        raise IssuanceNotFound(f"application #{application_id}: no photo enrolled")
    append(
        session,
        actor=actor.username,
        action="issuance.photo_read",
        subject_type="issuance_application",
        subject_id=application_id,
        details={"purpose": why, "sha256": row.photo_sha256},
        at=now,
    )
    return row.photo
