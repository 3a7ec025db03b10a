"""Casework in the console: record a seizure or an arrest (officers and supervisors at their
port, analysts anywhere), browse seizures, arrests and the persons and things they name, and
open any of them with everything linked to it.

The forms are read by the same rules as a ledger row or an API request
(:mod:`borderpost.intel.recording.forms`); every read of personal data is audited by the
services (:mod:`borderpost.casework.reading`).
"""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from borderpost.casework.reading import (
    arrest_detail,
    arrests,
    entities,
    entity_detail,
    seizure_detail,
    seizures,
)
from borderpost.casework.recording import record_arrest, record_seizure
from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import InspectionError
from borderpost.intel.recording import (
    ENTITY_KINDS,
    FieldErrors,
    RecordingError,
    arrest_from_fields,
    concealment_methods,
    seizure_from_fields,
    taxonomy,
)
from borderpost.intel.recording.identifiers import normalize_country
from borderpost.intel.recording.links import CONVEYANCE_KINDS
from borderpost.store.models import Port, User
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.fields import NO_NUL

router = APIRouter(prefix="/console/intel", include_in_schema=False)

SeizureRecorder = Annotated[User, Depends(page("record_seizure"))]
ArrestRecorder = Annotated[User, Depends(page("record_arrest"))]
SeizureReader = Annotated[User, Depends(page("case_seizures"))]
ArrestReader = Annotated[User, Depends(page("case_arrests"))]
EntityReader = Annotated[User, Depends(page("case_entities"))]
Ref = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
Text = Annotated[str | None, Query(max_length=200, pattern=NO_NUL)]

#: The form's fields, in order (labels: ``casework.f_<field>``).
SEIZURE_FIELDS = (
    "ref", "date", "port", "place", "commodity", "quantity", "unit", "currency", "calibre",
    "concealment", "conveyance", "route_origin", "route_transit", "route_destination",
    "person_name", "person_birth_date", "person_nationality", "person_role", "phones",
    "document_number", "vehicle_plate", "vehicle_country", "vin", "accounts", "address",
    "organisation", "phone_region", "source", "notes",
)  # fmt: skip
ARREST_FIELDS = (
    "ref", "date", "port", "place", "person_name", "person_birth_date", "person_nationality",
    "charge", "seizure_ref", "phones", "document_number", "vehicle_plate", "vehicle_country",
    "accounts", "address", "phone_region", "source", "notes",
)  # fmt: skip
REQUIRED = {
    "seizure": {"ref", "date", "commodity", "quantity", "source"},
    "arrest": {"ref", "date", "person_name", "charge", "source"},
}


def _defaults(uow: UowDep, user: User) -> dict[str, str]:
    """The officer's port and its country (for phone numbers without a country code)."""
    if user.port_id is None:
        return {}
    port = uow.session.get(Port, user.port_id)
    if port is None:
        return {}
    values = {"port": port.code}
    if port.country:
        try:
            values["phone_region"] = normalize_country(port.country)
            values["vehicle_country"] = values["phone_region"]
        except RecordingError:
            pass
    return values


def _form_page(
    request: Request,
    user: User,
    kind: str,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 200,
    done: str | None = None,
) -> Response:
    tax = taxonomy()
    return render(
        request,
        "case_record.html",
        user=user,
        status=status,
        kind=kind,
        fields=SEIZURE_FIELDS if kind == "seizure" else ARREST_FIELDS,
        required=REQUIRED[kind],
        values=values,
        errors=errors,
        done=done,
        commodities=[f"{c.name}/{t}" for c in tax.categories.values() for t in c.types],
        concealments=list(concealment_methods()),
        conveyances=list(CONVEYANCE_KINDS),
    )


@router.get("/record/seizure", response_class=Response)
def seizure_form(request: Request, user: SeizureRecorder, uow: UowDep) -> Response:
    """The form for one seizure."""
    return _form_page(request, user, "seizure", _defaults(uow, user), {})


@router.get("/record/arrest", response_class=Response)
def arrest_form(request: Request, user: ArrestRecorder, uow: UowDep) -> Response:
    """The form for one arrest."""
    return _form_page(request, user, "arrest", _defaults(uow, user), {})


def _submit(
    request: Request, user: User, form: CsrfForm, state: StateDep, uow: UowDep, kind: str
) -> Response:
    names = SEIZURE_FIELDS if kind == "seizure" else ARREST_FIELDS
    values: dict[str, str] = {}
    try:
        for name in names:
            values[name] = text_field(form, name, max_length=4000)
    except FormError as exc:
        return _form_page(request, user, kind, values, {exc.field: exc.message}, 422)
    given = {k: v for k, v in values.items() if v and k != "phone_region"}
    region = values.get("phone_region") or None
    try:
        if kind == "seizure":
            seizure = seizure_from_fields(given, phone_region=region)
            ref = record_seizure(uow.session, seizure, user=user, now=state.now()).ref
        else:
            arrest = arrest_from_fields(given, phone_region=region)
            ref = record_arrest(uow.session, arrest, user=user, now=state.now()).ref
    except FieldErrors as exc:
        uow.rollback()
        return _form_page(request, user, kind, values, exc.errors, 422)
    except InspectionError as exc:
        uow.rollback()
        field = "port" if "port" in str(exc) else "ref"
        return _form_page(request, user, kind, values, {field: str(exc)}, exc.status)
    uow.commit()
    if can(user.role, Permission.READ_CASEWORK):
        return RedirectResponse(f"/console/intel/{kind}s/{quote(ref, safe='/')}", status_code=303)
    return _form_page(request, user, kind, _defaults(uow, user), {}, done=ref)


@router.post("/record/seizure", response_class=Response)
def record_seizure_page(
    request: Request, user: SeizureRecorder, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Record the seizure; analysts are taken to it, officers get the form back with a notice."""
    return _submit(request, user, form, state, uow, "seizure")


@router.post("/record/arrest", response_class=Response)
def record_arrest_page(
    request: Request, user: ArrestRecorder, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Record the arrest; analysts are taken to it, officers get the form back with a notice."""
    return _submit(request, user, form, state, uow, "arrest")


@router.get("/seizures", response_class=Response)
def seizure_list(
    request: Request, user: SeizureReader, uow: UowDep, port: Text = None, category: Text = None
) -> Response:
    """The newest seizures, optionally of one port or commodity category."""
    return render(
        request,
        "case_seizures.html",
        user=user,
        seizures=seizures(uow.session, port=port, category=category or None),
        port=port or "",
        category=category or "",
        categories=list(taxonomy().categories),
    )


@router.get("/seizures/{ref:path}", response_class=Response)
def seizure_page(
    request: Request, ref: Ref, user: SeizureReader, state: StateDep, uow: UowDep
) -> Response:
    """One seizure: items, route, concealment, and everything linked to it (audited)."""
    record = seizure_detail(uow.session, ref, user=user, now=state.now())
    uow.commit()
    return render(
        request, "case_view.html", user=user, kind="seizure", record=record, links=record["links"]
    )


@router.get("/arrests", response_class=Response)
def arrest_list(
    request: Request, user: ArrestReader, state: StateDep, uow: UowDep, port: Text = None
) -> Response:
    """The newest arrests with the persons' names (audited)."""
    found = arrests(uow.session, user=user, now=state.now(), port=port or None)
    uow.commit()
    return render(request, "case_arrests.html", user=user, arrests=found, port=port or "")


@router.get("/arrests/{ref:path}", response_class=Response)
def arrest_page(
    request: Request, ref: Ref, user: ArrestReader, state: StateDep, uow: UowDep
) -> Response:
    """One arrest: the person, the charge, the seizure it follows, everything linked (audited)."""
    record = arrest_detail(uow.session, ref, user=user, now=state.now())
    uow.commit()
    return render(
        request, "case_view.html", user=user, kind="arrest", record=record, links=record["links"]
    )


@router.get("/entities", response_class=Response)
def entity_list(
    request: Request,
    user: EntityReader,
    state: StateDep,
    uow: UowDep,
    kind: Annotated[str, Query(max_length=16, pattern=NO_NUL)] = "person",
    q: Text = None,
) -> Response:
    """Persons, organisations, phones, vehicles, documents, addresses or accounts, with a
    search on their key or label (audited)."""
    if kind not in ENTITY_KINDS:
        kind = "person"
    found = entities(uow.session, kind, user=user, now=state.now(), text=q)
    uow.commit()
    return render(
        request,
        "case_entities.html",
        user=user,
        kind=kind,
        kinds=ENTITY_KINDS,
        q=q or "",
        entities=found,
    )


@router.get("/entities/{kind}/{entity_id}", response_class=Response)
def entity_page(
    request: Request,
    kind: Annotated[str, Path(max_length=16, pattern=NO_NUL)],
    entity_id: Annotated[int, Path(ge=1, le=2**31 - 1)],
    user: EntityReader,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """One entity with every record and entity linked to it (audited)."""
    record = entity_detail(uow.session, kind, entity_id, user=user, now=state.now())
    uow.commit()
    return render(
        request, "case_view.html", user=user, kind=kind, record=record, links=record["linked"]
    )
