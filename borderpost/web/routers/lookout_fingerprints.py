"""Fingerprints of lookouts: attach (analysts), list (also officers), remove.

The same roles as lookout photos (:mod:`borderpost.web.routers.lookout_photos`). Every access
is audited by :mod:`borderpost.watchlists.fingerprints`; a fingerprint attached or removed is
in (or out of) the next inspection's 1:N fingerprint search, in every API process.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Path, UploadFile

from borderpost.watchlists.errors import FingerprintInputError
from borderpost.watchlists.fingerprints import (
    MAX_FINGERPRINT_BYTES,
    add_fingerprint,
    list_fingerprints,
    remove_fingerprint,
)
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL
from borderpost.web.routers.lookout_photos import (
    EntryId,
    ListName,
    PhotoManager,
    PhotoReader,
    Removal,
)

router = APIRouter(tags=["lookout fingerprints"], responses=ERROR_RESPONSES)

FingerprintId = Annotated[int, Path(ge=1, le=2**31 - 1)]


@router.post(
    "/lists/{name}/entries/{entry_id}/fingerprints",
    status_code=201,
    summary="Attach a fingerprint to a lookout",
)
def attach_fingerprint(
    name: ListName,
    entry_id: EntryId,
    finger: Annotated[int, Form(ge=1, le=10, description="1 right thumb ... 10 left little.")],
    fingerprint: Annotated[
        UploadFile,
        File(
            description="A 500 ppi image (PNG, TIFF, BMP, JPEG, JPEG 2000; not WSQ) or an "
            "ISO/IEC 19794-2 template."
        ),
    ],
    user: PhotoManager,
    state: StateDep,
    uow: UowDep,
    note: Annotated[str | None, Form(max_length=500, pattern=NO_NUL)] = None,
) -> dict[str, Any]:
    """The print must show usable ridges (422 with the reason otherwise: corrupt image, WSQ,
    malformed template, no usable ridges; nothing is stored). Only its minutiae template is
    stored, and searched 1:N at primary inspection."""
    data = fingerprint.file.read(MAX_FINGERPRINT_BYTES + 1)
    if len(data) > MAX_FINGERPRINT_BYTES:
        raise FingerprintInputError(
            "too_large", f"the fingerprint is larger than {MAX_FINGERPRINT_BYTES} bytes"
        )
    view = add_fingerprint(
        uow,
        list_name=name,
        entry_id=entry_id,
        finger=finger,
        data=data,
        actor=user.username,
        now=state.now(),
        note=note,
    )
    uow.commit()
    return view.to_dict()


@router.get(
    "/lists/{name}/entries/{entry_id}/fingerprints", summary="A lookout's fingerprints (audited)"
)
def entry_fingerprints(
    name: ListName, entry_id: EntryId, user: PhotoReader, state: StateDep, uow: UowDep
) -> list[dict[str, Any]]:
    """The fingerprints attached to the entry, removed ones too (never the templates)."""
    views = list_fingerprints(uow.session, name, entry_id, actor=user.username, now=state.now())
    uow.commit()
    return [view.to_dict() for view in views]


@router.post(
    "/lookout-fingerprints/{fingerprint_id}/removal",
    summary="Take a fingerprint out of the search",
)
def remove(
    fingerprint_id: FingerprintId, body: Removal, user: PhotoManager, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """The template stays stored (marked removed) for the record; the search no longer uses it."""
    view = remove_fingerprint(
        uow, fingerprint_id, reason=body.reason, actor=user.username, now=state.now()
    )
    uow.commit()
    return view.to_dict()
