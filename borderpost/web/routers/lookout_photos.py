"""Face photos of lookouts: attach (analysts), list and view (also officers), remove.

Every access is audited by :mod:`borderpost.watchlists.photos`; a photo attached or removed
is in (or out of) the next inspection's 1:N face search, in every API process.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, UploadFile
from fastapi.responses import Response
from pydantic import BaseModel, Field

from borderpost.identity.roles import Permission
from borderpost.store.models import User
from borderpost.watchlists.errors import PhotoInputError
from borderpost.watchlists.photos import add_photo, list_photos, photo_image, remove_photo
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["lookout photos"], responses=ERROR_RESPONSES)

PhotoManager = Annotated[User, Depends(require(Permission.ADD_LOOKOUT))]
PhotoReader = Annotated[
    User, Depends(require(Permission.ADD_LOOKOUT, Permission.INSPECT, Permission.READ_AUDIT))
]
ListName = Annotated[str, Path(min_length=1, max_length=200, pattern=NO_NUL)]
EntryId = Annotated[str, Path(min_length=1, max_length=200, pattern=NO_NUL)]
PhotoId = Annotated[int, Path(ge=1, le=2**31 - 1)]


class Removal(BaseModel):
    """Why a photo leaves the face search."""

    reason: str = Field(min_length=1, max_length=2000, pattern=NO_NUL)


@router.post(
    "/lists/{name}/entries/{entry_id}/photos",
    status_code=201,
    summary="Attach a face photo to a lookout",
)
def attach_photo(
    name: ListName,
    entry_id: EntryId,
    photo: Annotated[UploadFile, File(description="JPEG, PNG or JPEG 2000 with one face.")],
    user: PhotoManager,
    state: StateDep,
    uow: UowDep,
    note: Annotated[str | None, Form(max_length=500, pattern=NO_NUL)] = None,
) -> dict[str, Any]:
    """The photo must show exactly one usable face (422 with the reason otherwise: not an
    image, too large, no face, several faces; nothing is stored). Its face template is
    stored with it and searched 1:N at primary inspection."""
    limit = state.settings.face_upload_max_bytes
    data = photo.file.read(limit + 1)
    if len(data) > limit:
        raise PhotoInputError("image_too_large", f"the photo is larger than {limit} bytes")
    view = add_photo(
        uow,
        list_name=name,
        entry_id=entry_id,
        data=data,
        max_bytes=limit,
        actor=user.username,
        now=state.now(),
        note=note,
    )
    uow.commit()
    return view.to_dict()


@router.get("/lists/{name}/entries/{entry_id}/photos", summary="A lookout's photos (audited)")
def entry_photos(
    name: ListName, entry_id: EntryId, user: PhotoReader, state: StateDep, uow: UowDep
) -> list[dict[str, Any]]:
    """The photos attached to the entry, removed ones too (never the templates)."""
    views = list_photos(uow.session, name, entry_id, actor=user.username, now=state.now())
    uow.commit()
    return [view.to_dict() for view in views]


@router.get(
    "/lookout-photos/{photo_id}/image",
    summary="A lookout photo's image (audited)",
    response_class=Response,
    responses={200: {"content": {"image/jpeg": {}, "image/png": {}, "image/jp2": {}}}},
)
def photo_bytes(photo_id: PhotoId, user: PhotoReader, state: StateDep, uow: UowDep) -> Response:
    """The image as uploaded, for an officer to compare with the traveller."""
    data, media = photo_image(uow.session, photo_id, actor=user.username, now=state.now())
    uow.commit()
    return Response(data, media_type=media, headers={"Cache-Control": "no-store"})


@router.post("/lookout-photos/{photo_id}/removal", summary="Take a photo out of the search")
def remove(
    photo_id: PhotoId, body: Removal, user: PhotoManager, state: StateDep, uow: UowDep
) -> dict[str, Any]:
    """The photo stays stored (marked removed) for the record; the search no longer uses it."""
    view = remove_photo(uow, photo_id, reason=body.reason, actor=user.username, now=state.now())
    uow.commit()
    return view.to_dict()
