"""Lookout fingerprints in the console: attach one to a lookout from the lookout page.

Storage and the audit of every access live in :mod:`borderpost.watchlists.fingerprints`.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from borderpost.biometrics.fingerprint import FINGERS
from borderpost.store.models import User
from borderpost.watchlists.errors import FingerprintInputError, UnknownEntryError
from borderpost.watchlists.fingerprints import MAX_FINGERPRINT_BYTES, add_fingerprint
from borderpost.watchlists.lookouts import LOOKOUT_LIST
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.render import render
from borderpost.web.console.uploads import file_bytes
from borderpost.web.deps import StateDep, UowDep

router = APIRouter(prefix="/console", include_in_schema=False)

FingerprintAdder = Annotated[User, Depends(page("lookout"))]
_FIELDS = ("fp_list", "fp_entry", "fp_finger", "fp_note")


def _finger(value: str) -> int:
    if not value.isdigit() or int(value) not in FINGERS:
        raise FormError("fp_finger", "choose the finger (1-10)")
    return int(value)


@router.post("/lists/lookout/fingerprint", response_class=Response)
def attach(
    request: Request, user: FingerprintAdder, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Attach a fingerprint to a lookout: searched 1:N at the next inspection with prints."""
    values = {name: str(form.get(name, ""))[:500] for name in _FIELDS}
    page_args: dict[str, Any] = {"values": {}, "errors": {}, "done": None, "list": LOOKOUT_LIST}
    try:
        data = file_bytes(
            form, "fingerprint", max_bytes=MAX_FINGERPRINT_BYTES, what="the fingerprint"
        )
        if data is None:
            raise FormError("fingerprint", "choose the fingerprint to attach")
        view = add_fingerprint(
            uow,
            list_name=text_field(form, "fp_list", max_length=200, required=True),
            entry_id=text_field(form, "fp_entry", max_length=200, required=True),
            finger=_finger(text_field(form, "fp_finger", max_length=2, required=True)),
            data=data,
            actor=user.username,
            now=state.now(),
            note=text_field(form, "fp_note", max_length=500) or None,
        )
    except (FormError, FingerprintInputError, UnknownEntryError) as exc:
        uow.rollback()
        field = (
            exc.field
            if isinstance(exc, FormError)
            else "fp_entry"
            if isinstance(exc, UnknownEntryError)
            else "fingerprint"
        )
        return render(
            request,
            "lookout.html",
            user=user,
            status=422,
            fp_values=values,
            fp_errors={field: str(exc)},
            **page_args,
        )
    uow.commit()
    done = f"{view.entry_id} ({view.name}), fingerprint {view.id}: {view.reason}"
    return render(request, "lookout.html", user=user, fp_done=done, **page_args)
