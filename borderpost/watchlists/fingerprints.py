"""Fingerprints of lookouts: attach, list and remove, every access audited.

A fingerprint is attached to a current entry of a watchlist (usually the national lookout
list) and names its finger (1-10, :data:`~borderpost.biometrics.fingerprint.FINGERS`). It
comes as an image (PNG, TIFF, BMP, JPEG or JPEG 2000 at 500 ppi; WSQ is refused) or as an
ISO/IEC 19794-2 template. Only the template is kept (the image is not): it is the only thing
the 1:N search needs. No usable ridges, or a corrupt file, and nothing is stored. The caller
commits. Primary inspection searches the templates 1:N
(:mod:`borderpost.watchlists.finger_gallery`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.biometrics import BiometricFormatError
from borderpost.biometrics.fingerprint import (
    check_finger,
    encode_fmr,
    finger_name,
    read_finger,
)
from borderpost.store import UnitOfWork
from borderpost.store.models import LookoutFingerprint, WatchlistEntry
from borderpost.watchlists.errors import FingerprintInputError, UnknownFingerprintError
from borderpost.watchlists.lookout_entries import (
    AttachmentView,
    attached,
    attachment_fields,
    current_entry,
    list_attached,
    mark_removed,
)

__all__ = [
    "MAX_FINGERPRINT_BYTES",
    "FingerprintView",
    "add_fingerprint",
    "list_fingerprints",
    "remove_fingerprint",
]

#: Largest fingerprint file accepted (a 500 ppi PNG of a finger is well under 1 MB).
MAX_FINGERPRINT_BYTES = 4 * 1024 * 1024
_MAX_NOTE = 500
#: What the fingerprint decoder's codes mean for the person uploading.
_CODES = {"image_unsupported": "wsq_unsupported", "image_empty": "image_undecodable"}


@dataclass(frozen=True, slots=True)
class FingerprintView(AttachmentView):
    """A stored fingerprint as the API and the console show it (never the template)."""

    finger: int
    minutiae: int
    quality: int | None
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.common_dict(),
            "finger": self.finger,
            "finger_name": finger_name(self.finger),
            "minutiae": self.minutiae,
            "quality": self.quality,
            "reason": self.reason,
        }


def _view(row: LookoutFingerprint, list_name: str, entry: WatchlistEntry) -> FingerprintView:
    return FingerprintView(
        **attachment_fields(row, list_name, entry),
        finger=row.finger,
        minutiae=row.minutiae,
        quality=row.quality,
        reason=row.reason,
    )


def _fingerprint(
    session: Session, fingerprint_id: int
) -> tuple[LookoutFingerprint, str, WatchlistEntry]:
    missing = UnknownFingerprintError(f"lookout fingerprint {fingerprint_id} does not exist")
    return attached(session, LookoutFingerprint, fingerprint_id, missing)


def add_fingerprint(
    uow: UnitOfWork,
    *,
    list_name: str,
    entry_id: str,
    finger: int,
    data: bytes,
    actor: str,
    now: dt.datetime,
    note: str | None = None,
) -> FingerprintView:
    """Attach one finger's print (image or ISO/IEC 19794-2 template) to a current entry;
    audited as ``lookout_fingerprint.add``.

    Raises:
        UnknownEntryError: the list holds no current entry ``entry_id``.
        FingerprintInputError: not a finger position, too large, corrupt or WSQ image,
            malformed template, no usable ridges, already attached, or a note too long
            (nothing is stored).
    """
    entry = current_entry(uow.session, list_name, entry_id)
    problem = check_finger(finger)
    if problem is not None:
        raise FingerprintInputError("finger_position", problem)
    text = (note or "").strip() or None
    if text is not None and len(text) > _MAX_NOTE:
        raise FingerprintInputError("note_too_long", f"the note is longer than {_MAX_NOTE} chars")
    if len(data) > MAX_FINGERPRINT_BYTES:
        raise FingerprintInputError(
            "too_large", f"the fingerprint is {len(data)} bytes, more than {MAX_FINGERPRINT_BYTES}"
        )
    try:
        analysis = read_finger(data, "the fingerprint", position=finger)
    except BiometricFormatError as exc:
        raise FingerprintInputError(_CODES.get(exc.code, exc.code), exc.message) from None
    if analysis.record is None:
        raise FingerprintInputError(
            "no_usable_ridges", f"no usable ridges in the fingerprint: {analysis.reason}"
        )
    record = encode_fmr(analysis.record)
    digest = hashlib.sha256(record).hexdigest()
    duplicate = uow.session.scalar(
        select(LookoutFingerprint.id).where(
            LookoutFingerprint.entry_row_id == entry.id,
            LookoutFingerprint.sha256 == digest,
            LookoutFingerprint.removed_at.is_(None),
        )
    )
    if duplicate is not None:
        raise FingerprintInputError(
            "duplicate_fingerprint",
            f"this fingerprint is already attached to {entry_id} (fingerprint {duplicate})",
        )
    row = LookoutFingerprint(
        entry_row_id=entry.id,
        finger=finger,
        record=record,
        sha256=digest,
        minutiae=len(analysis.minutiae),
        quality=None if analysis.quality is None else analysis.quality.score,
        reason=analysis.reason,
        note=text,
        added_by=actor,
        added_at=now,
    )
    uow.session.add(row)
    uow.session.flush()
    audit.append(
        uow.session,
        actor=actor,
        action="lookout_fingerprint.add",
        subject_type="lookout_fingerprint",
        subject_id=row.id,
        details={"list": list_name, "entry_id": entry_id, "finger": finger, "sha256": digest},
        at=now,
    )
    return _view(row, list_name, entry)


def list_fingerprints(
    session: Session, list_name: str, entry_id: str, *, actor: str, now: dt.datetime
) -> list[FingerprintView]:
    """The fingerprints of an entry (removed ones too), oldest first; audited as
    ``lookout_fingerprint.list``.

    Raises:
        UnknownEntryError: the list holds no current entry ``entry_id``.
    """
    entry, rows = list_attached(
        session,
        LookoutFingerprint,
        list_name,
        entry_id,
        kind="lookout_fingerprint",
        actor=actor,
        now=now,
    )
    return [_view(row, list_name, entry) for row in rows]


def remove_fingerprint(
    uow: UnitOfWork, fingerprint_id: int, *, reason: str, actor: str, now: dt.datetime
) -> FingerprintView:
    """Take a fingerprint out of the 1:N search (the row stays, marked removed); audited as
    ``lookout_fingerprint.remove``.

    Raises:
        UnknownFingerprintError: no such fingerprint.
        FingerprintInputError: already removed, or no reason (at least 10 characters).
    """
    row, list_name, entry = _fingerprint(uow.session, fingerprint_id)
    mark_removed(
        uow.session,
        row,
        list_name,
        entry,
        kind="lookout_fingerprint",
        error=FingerprintInputError,
        reason=reason,
        actor=actor,
        now=now,
    )
    return _view(row, list_name, entry)
