"""Face photos of lookouts: attach, list, read and remove, every access audited.

A photo is attached to a current entry of a watchlist (usually the national lookout list,
:data:`borderpost.watchlists.lookouts.LOOKOUT_LIST`). It is analysed on the way in: exactly
one usable face, or nothing is stored and the error says why. The image and its template
(personal data) are stored together in the caller's unit of work; the caller commits. Primary
inspection searches the templates 1:N (:mod:`borderpost.watchlists.face_gallery`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.biometrics import BiometricFormatError, analyse_face
from borderpost.biometrics.images import media_type
from borderpost.biometrics.templates import template_to_bytes
from borderpost.store import UnitOfWork
from borderpost.store.models import LookoutPhoto, WatchlistEntry
from borderpost.watchlists.errors import PhotoInputError, UnknownPhotoError
from borderpost.watchlists.lookout_entries import (
    AttachmentView,
    attached,
    attachment_fields,
    current_entry,
    list_attached,
    mark_removed,
)

__all__ = [
    "MAX_NOTE_LENGTH",
    "PhotoView",
    "add_photo",
    "list_photos",
    "photo_image",
    "remove_photo",
]

MAX_NOTE_LENGTH = 500


@dataclass(frozen=True, slots=True)
class PhotoView(AttachmentView):
    """A stored photo as the API and the console show it (never the template)."""

    media_type: str
    size: int
    face: dict[str, Any]

    def to_dict(self) -> dict[str, Any]:
        return {
            **self.common_dict(),
            "media_type": self.media_type,
            "size": self.size,
            "face": self.face,
        }


def _view(row: LookoutPhoto, list_name: str, entry: WatchlistEntry) -> PhotoView:
    return PhotoView(
        **attachment_fields(row, list_name, entry),
        media_type=row.media_type,
        size=len(row.image),
        face=dict(row.analysis),
    )


def _photo(session: Session, photo_id: int) -> tuple[LookoutPhoto, str, WatchlistEntry]:
    missing = UnknownPhotoError(f"lookout photo {photo_id} does not exist")
    return attached(session, LookoutPhoto, photo_id, missing)


def add_photo(
    uow: UnitOfWork,
    *,
    list_name: str,
    entry_id: str,
    data: bytes,
    max_bytes: int,
    actor: str,
    now: dt.datetime,
    note: str | None = None,
) -> PhotoView:
    """Attach a face photo to a current entry; audited as ``lookout_photo.add``.

    Raises:
        UnknownEntryError: the list holds no current entry ``entry_id``.
        PhotoInputError: empty, larger than ``max_bytes``, not a readable image, no single
            usable face, already attached, or a note too long (nothing is stored).
    """
    entry = current_entry(uow.session, list_name, entry_id)
    text = (note or "").strip() or None
    if text is not None and len(text) > MAX_NOTE_LENGTH:
        raise PhotoInputError("note_too_long", f"the note is longer than {MAX_NOTE_LENGTH} chars")
    if len(data) > max_bytes:
        raise PhotoInputError(
            "image_too_large", f"the photo is {len(data)} bytes, more than {max_bytes}"
        )
    try:
        analysis = analyse_face(data, "the photo")
    except BiometricFormatError as exc:
        raise PhotoInputError(exc.code, exc.message) from None
    if analysis.template is None:
        raise PhotoInputError("no_usable_face", f"no usable face in the photo: {analysis.reason}")
    digest = hashlib.sha256(data).hexdigest()
    duplicate = uow.session.scalar(
        select(LookoutPhoto.id).where(
            LookoutPhoto.entry_row_id == entry.id,
            LookoutPhoto.sha256 == digest,
            LookoutPhoto.removed_at.is_(None),
        )
    )
    if duplicate is not None:
        raise PhotoInputError(
            "duplicate_photo", f"this photo is already attached to {entry_id} (photo {duplicate})"
        )
    row = LookoutPhoto(
        entry_row_id=entry.id,
        media_type=media_type(data),
        image=data,
        sha256=digest,
        template=template_to_bytes(analysis.template),
        analysis=analysis.to_dict(),
        note=text,
        added_by=actor,
        added_at=now,
    )
    uow.session.add(row)
    uow.session.flush()
    audit.append(
        uow.session,
        actor=actor,
        action="lookout_photo.add",
        subject_type="lookout_photo",
        subject_id=row.id,
        details={"list": list_name, "entry_id": entry_id, "sha256": digest},
        at=now,
    )
    return _view(row, list_name, entry)


def list_photos(
    session: Session, list_name: str, entry_id: str, *, actor: str, now: dt.datetime
) -> list[PhotoView]:
    """The photos of an entry (removed ones too), oldest first; audited as ``lookout_photo.list``.

    Raises:
        UnknownEntryError: the list holds no current entry ``entry_id``.
    """
    entry, rows = list_attached(
        session, LookoutPhoto, list_name, entry_id, kind="lookout_photo", actor=actor, now=now
    )
    return [_view(row, list_name, entry) for row in rows]


def photo_image(
    session: Session, photo_id: int, *, actor: str, now: dt.datetime
) -> tuple[bytes, str]:
    """The photo's image and its media type; audited as ``lookout_photo.read``.

    Raises:
        UnknownPhotoError: no such photo.
    """
    row, list_name, entry = _photo(session, photo_id)
    audit.append(
        session,
        actor=actor,
        action="lookout_photo.read",
        subject_type="lookout_photo",
        subject_id=row.id,
        details={"list": list_name, "entry_id": entry.entry_id},
        at=now,
    )
    return row.image, row.media_type


def remove_photo(
    uow: UnitOfWork, photo_id: int, *, reason: str, actor: str, now: dt.datetime
) -> PhotoView:
    """Take a photo out of the 1:N search (the row stays, marked removed); audited as
    ``lookout_photo.remove``.

    Raises:
        UnknownPhotoError: no such photo.
        PhotoInputError: already removed, or no reason (at least 10 characters).
    """
    row, list_name, entry = _photo(uow.session, photo_id)
    mark_removed(
        uow.session,
        row,
        list_name,
        entry,
        kind="lookout_photo",
        error=PhotoInputError,
        reason=reason,
        actor=actor,
        now=now,
    )
    return _view(row, list_name, entry)
