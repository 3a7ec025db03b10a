"""Lookout photos in the console: attach one to a lookout, show one beside an inspection.

Storage and the audit of every access live in :mod:`borderpost.watchlists.photos`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import Response

from borderpost.store.models import User
from borderpost.watchlists.errors import PhotoInputError, UnknownEntryError
from borderpost.watchlists.lookouts import LOOKOUT_LIST
from borderpost.watchlists.photos import add_photo, photo_image
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.render import render
from borderpost.web.console.uploads import file_bytes
from borderpost.web.deps import StateDep, UowDep

router = APIRouter(prefix="/console", include_in_schema=False)

PhotoAdder = Annotated[User, Depends(page("lookout"))]
PhotoViewer = Annotated[User, Depends(page("lookout_photo"))]
_FIELDS = ("photo_list", "photo_entry", "photo_note")


@router.post("/lists/lookout/photo", response_class=Response)
def attach(
    request: Request, user: PhotoAdder, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Attach a face photo to a lookout: searched 1:N at the next inspection."""
    values = {name: str(form.get(name, ""))[:500] for name in _FIELDS}
    limit = state.settings.face_upload_max_bytes
    try:
        list_name = text_field(form, "photo_list", max_length=200, required=True)
        entry_id = text_field(form, "photo_entry", max_length=200, required=True)
        note = text_field(form, "photo_note", max_length=500) or None
        data = file_bytes(form, "photo", max_bytes=limit, what="the photo")
        if data is None:
            raise FormError("photo", "choose the photo to attach")
        view = add_photo(
            uow,
            list_name=list_name,
            entry_id=entry_id,
            data=data,
            max_bytes=limit,
            actor=user.username,
            now=state.now(),
            note=note,
        )
    except (FormError, PhotoInputError, UnknownEntryError) as exc:
        uow.rollback()
        field = (
            exc.field
            if isinstance(exc, FormError)
            else "photo_entry"
            if isinstance(exc, UnknownEntryError)
            else "photo"
        )
        return render(
            request,
            "lookout.html",
            user=user,
            status=422,
            values={},
            errors={},
            done=None,
            list=LOOKOUT_LIST,
            photo_values=values,
            photo_errors={field: str(exc)},
        )
    uow.commit()
    done = f"{view.entry_id} ({view.name}), photo {view.id}: {view.face.get('reason', '')}"
    return render(
        request,
        "lookout.html",
        user=user,
        values={},
        errors={},
        done=None,
        list=LOOKOUT_LIST,
        photo_done=done,
    )


@router.get("/lookout-photos/{photo_id}", response_class=Response)
def photo(
    photo_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    user: PhotoViewer,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """The photo as uploaded (each view audited), never cached."""
    data, media = photo_image(uow.session, photo_id, actor=user.username, now=state.now())
    uow.commit()
    headers = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
    return Response(data, media_type=media, headers=headers)
