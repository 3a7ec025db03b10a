"""Casework under ``/intel``: seizures and arrests recorded and read, the persons,
organisations, phones, vehicles, documents, addresses and accounts they name, the links
between them, and seizure ledgers imported. Officers and supervisors record at their own
port; analysts record, link, import and read everything; auditors read. Every read of
personal data is audited (see :mod:`borderpost.casework.reading`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile
from pydantic import BaseModel, Field

from borderpost.casework.facts import facts_of
from borderpost.casework.importing import import_ledger
from borderpost.casework.ledger_files import read_ledger
from borderpost.casework.reading import (
    arrest_detail,
    arrests,
    entities,
    entity_detail,
    links_of,
    seizure_detail,
    seizures,
)
from borderpost.casework.recording import add_entity, add_link, record_arrest, record_seizure
from borderpost.identity.roles import Permission
from borderpost.inspection.errors import Invalid
from borderpost.intel.recording import (
    Entity,
    arrest_from_fields,
    parse_mapping,
    seizure_from_fields,
)
from borderpost.intel.recording import drafts as build
from borderpost.intel.recording.links import NODE_KINDS
from borderpost.store.models import User
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(prefix="/intel", tags=["casework"], responses=ERROR_RESPONSES)

Recorder = Annotated[User, Depends(require(Permission.RECORD_CASE))]
Reader = Annotated[User, Depends(require(Permission.READ_CASEWORK))]
Manager = Annotated[User, Depends(require(Permission.MANAGE_CASEWORK))]
Ref = Annotated[str, Path(min_length=1, max_length=64, pattern=r"^[^\x00]+$")]
Id = Annotated[int, Path(ge=1, le=2**31 - 1)]
Limit = Annotated[int, Query(ge=1, le=500)]
MAX_UPLOAD = 20 * 1024 * 1024
#: URL segment → entity kind.
PLURALS = {
    "persons": "person",
    "organisations": "organisation",
    "phones": "phone",
    "vehicles": "vehicle",
    "documents": "document",
    "addresses": "address",
    "accounts": "account",
}
_Text = Annotated[str | None, Field(max_length=4000, pattern=NO_NUL)]


class RecordIn(BaseModel):
    """Fields of a seizure or an arrest, as in a ledger row (see docs/intel.md): dates as
    ``YYYY-MM-DD`` or ``DD/MM/YYYY``, several phones or accounts separated by ``;``."""

    ref: str = Field(min_length=1, max_length=64, pattern=NO_NUL, examples=["NMG/2026/001"])
    date: str = Field(min_length=1, max_length=40, pattern=NO_NUL, examples=["2026-03-02"])
    source: str = Field(
        min_length=1, max_length=400, pattern=NO_NUL, examples=["seizure report 2026/117"]
    )
    port: _Text = Field(None, examples=["NMG"])
    place: _Text = None
    latitude: _Text = None
    longitude: _Text = None
    notes: _Text = None
    person_name: _Text = Field(None, examples=["John Kamau Mwangi"])
    person_birth_date: _Text = None
    person_nationality: _Text = None
    person_gender: _Text = None
    phones: _Text = Field(None, examples=["0712 345 678; +255 754 123 456"])
    document_number: _Text = None
    document_country: _Text = None
    vehicle_plate: _Text = None
    vehicle_country: _Text = None
    vin: _Text = None
    vehicle_make: _Text = None
    accounts: _Text = None
    address: _Text = None
    phone_region: str | None = Field(
        None, max_length=3, pattern=NO_NUL, description="Country of national numbers."
    )

    def fields(self) -> dict[str, str]:
        skip = {"phone_region"}
        return {k: v for k, v in self.model_dump().items() if v is not None and k not in skip}


class SeizureIn(RecordIn):
    """A seizure: one commodity with its quantity, how it was hidden and carried, the route."""

    commodity: str = Field(min_length=1, max_length=200, pattern=NO_NUL, examples=["cocaine"])
    quantity: str = Field(min_length=1, max_length=60, pattern=NO_NUL, examples=["4.1 kg"])
    unit: _Text = None
    currency: _Text = None
    calibre: _Text = None
    description: _Text = None
    concealment: _Text = Field(None, examples=["hidden compartment"])
    conveyance: _Text = Field(None, examples=["truck"])
    route_origin: _Text = None
    route_transit: _Text = None
    route_destination: _Text = None
    person_role: _Text = Field(None, examples=["courier"])
    organisation: _Text = None
    organisation_role: _Text = None


class ArrestIn(RecordIn):
    """An arrest: the person (``person_name`` is required), the charge, the seizure it follows."""

    charge: str = Field(
        min_length=1, max_length=400, pattern=NO_NUL, examples=["trafficking in narcotics"]
    )
    seizure_ref: _Text = Field(None, examples=["NMG/2026/001"])


class EntityIn(BaseModel):
    """An entity added by hand: the fields of its kind (a person's ``name``, a phone's
    ``number``, a vehicle's ``plate``/``country``/``vin``, ...) and where it comes from."""

    source: str = Field(
        min_length=1, max_length=400, pattern=NO_NUL, examples=["informant report 2026/4"]
    )
    date: dt.date = Field(examples=["2026-03-02"])
    name: _Text = None
    birth_date: dt.date | None = None
    nationality: _Text = None
    gender: _Text = None
    number: _Text = Field(None, description="Phone, document or account number.")
    region: _Text = Field(None, description="Country of a national phone number.")
    country: _Text = None
    plate: _Text = None
    vin: _Text = None
    make: _Text = None
    type: _Text = None
    text: _Text = Field(None, description="An address.")
    bank: _Text = None


class LinkIn(BaseModel):
    """A link between two stored records or entities, in a role their kinds allow."""

    left_kind: str = Field(
        max_length=16, pattern=NO_NUL, examples=["person"], description=", ".join(NODE_KINDS)
    )
    left_id: int = Field(ge=1, le=2**31 - 1)
    right_kind: str = Field(max_length=16, pattern=NO_NUL, examples=["phone"])
    right_id: int = Field(ge=1, le=2**31 - 1)
    role: str = Field(min_length=1, max_length=32, pattern=NO_NUL, examples=["used"])
    source: str = Field(
        min_length=1, max_length=400, pattern=NO_NUL, examples=["call records 2026/3"]
    )
    date: dt.date


def _required(value: str | None, name: str) -> str:
    if value is None or not value.strip():
        raise Invalid(f"{name}: required for this kind of entity")
    return value


_BUILDERS: dict[str, Callable[[EntityIn], Entity]] = {
    "person": lambda b: build.person(
        _required(b.name, "name"), b.birth_date, b.nationality, b.gender
    ),
    "organisation": lambda b: build.organisation(_required(b.name, "name"), b.country),
    "phone": lambda b: build.phone(_required(b.number, "number"), b.region),
    "vehicle": lambda b: build.vehicle(b.plate, b.country, b.vin, b.make),
    "document": lambda b: build.document(_required(b.number, "number"), b.country, b.type),
    "address": lambda b: build.address(_required(b.text, "text"), b.country),
    "account": lambda b: build.account(_required(b.number, "number"), b.bank),
}


@router.post("/seizures", summary="Record a seizure", status_code=201)
def post_seizure(body: SeizureIn, user: Recorder, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Officers and supervisors at their own port, analysts anywhere; answers its facts."""
    draft = seizure_from_fields(body.fields(), phone_region=body.phone_region, date_order="DMY")
    row = record_seizure(uow.session, draft, user=user, now=state.now())
    facts = facts_of(row)
    uow.commit()
    return {
        "id": row.id,
        "ref": row.ref,
        "summary": facts.summary,
        "identifiers": facts.identifiers,
    }


@router.get("/seizures", summary="Recorded seizures, newest first")
def get_seizures(
    user: Reader,
    uow: UowDep,
    port: Annotated[str | None, Query(max_length=16, pattern=NO_NUL)] = None,
    category: Annotated[str | None, Query(max_length=32, pattern=NO_NUL)] = None,
    since: dt.date | None = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    """What, where, when and how (no personal data)."""
    return {
        "seizures": seizures(uow.session, port=port, category=category, since=since, limit=limit)
    }


@router.get("/seizures/{ref:path}", summary="One seizure with its items and links")
def get_seizure(ref: Ref, user: Reader, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """The persons and things it names, each link with its role and source (audited)."""
    found = seizure_detail(uow.session, ref, user=user, now=state.now())
    uow.commit()
    return found


@router.post("/arrests", summary="Record an arrest", status_code=201)
def post_arrest(body: ArrestIn, user: Recorder, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Officers and supervisors at their own port, analysts anywhere; answers its facts."""
    draft = arrest_from_fields(body.fields(), phone_region=body.phone_region, date_order="DMY")
    row = record_arrest(uow.session, draft, user=user, now=state.now())
    facts = facts_of(row)
    uow.commit()
    return {
        "id": row.id,
        "ref": row.ref,
        "summary": facts.summary,
        "identifiers": facts.identifiers,
    }


@router.get("/arrests", summary="Recorded arrests, newest first")
def get_arrests(
    user: Reader,
    state: StateDep,
    uow: UowDep,
    port: Annotated[str | None, Query(max_length=16, pattern=NO_NUL)] = None,
    limit: Limit = 100,
) -> dict[str, Any]:
    """With the arrested person's name (audited)."""
    found = arrests(uow.session, user=user, now=state.now(), port=port, limit=limit)
    uow.commit()
    return {"arrests": found}


@router.get("/arrests/{ref:path}", summary="One arrest with its person and links")
def get_arrest(ref: Ref, user: Reader, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Audited."""
    found = arrest_detail(uow.session, ref, user=user, now=state.now())
    uow.commit()
    return found


def _entity_routes(plural: str, kind: str) -> None:
    def list_entities(
        user: Reader,
        state: StateDep,
        uow: UowDep,
        q: Annotated[str | None, Query(max_length=200, pattern=NO_NUL)] = None,
        limit: Limit = 100,
    ) -> dict[str, Any]:
        found = entities(uow.session, kind, user=user, now=state.now(), text=q, limit=limit)
        uow.commit()
        return {plural: found}

    def one_entity(entity_id: Id, user: Reader, state: StateDep, uow: UowDep) -> dict[str, Any]:
        found = entity_detail(uow.session, kind, entity_id, user=user, now=state.now())
        uow.commit()
        return found

    def add(body: EntityIn, user: Manager, state: StateDep, uow: UowDep) -> dict[str, Any]:
        entity = _BUILDERS[kind](body)
        row = add_entity(
            uow.session, entity, source=body.source, date=body.date, user=user, now=state.now()
        )
        uow.commit()
        return {"id": row.id, "kind": row.kind, "key": row.key, "label": row.label}

    router.add_api_route(
        f"/{plural}",
        list_entities,
        methods=["GET"],
        summary=f"Recorded {plural} (audited)",
        name=f"list_{plural}",
    )
    router.add_api_route(
        f"/{plural}/{{entity_id}}",
        one_entity,
        methods=["GET"],
        summary=f"One of the {plural} with every record and entity linked to it (audited)",
        name=f"get_{kind}",
    )
    router.add_api_route(
        f"/{plural}",
        add,
        methods=["POST"],
        status_code=201,
        summary=f"Add one of the {plural} by hand",
        name=f"add_{kind}",
    )


for _plural, _kind in PLURALS.items():
    _entity_routes(_plural, _kind)


@router.post("/links", summary="Link two records or entities", status_code=201)
def post_link(body: LinkIn, user: Manager, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """In a role the two kinds allow (a person *used* a phone), with its source and date."""
    row = add_link(
        uow.session,
        (body.left_kind, body.left_id),
        (body.right_kind, body.right_id),
        body.role,
        source=body.source,
        date=body.date,
        user=user,
        now=state.now(),
    )
    uow.commit()
    return {"id": row.id, "role": row.role}


@router.get("/links", summary="Everything linked to one record or entity")
def get_links(
    user: Reader,
    state: StateDep,
    uow: UowDep,
    kind: Annotated[str, Query(max_length=16, pattern=NO_NUL)],
    id: Annotated[int, Query(ge=1, le=2**31 - 1)],
) -> dict[str, Any]:
    """Each link with the other end, its role, source and date (audited)."""
    found = links_of(uow.session, kind, id, user=user, now=state.now())
    uow.commit()
    return {"links": found}


@router.post("/import", summary="Import a seizure ledger (CSV or XLSX) with a column mapping")
def post_import(
    ledger: Annotated[UploadFile, File(description="The ledger: .csv or .xlsx.")],
    mapping: Annotated[UploadFile, File(description="The column mapping (TOML).")],
    user: Manager,
    state: StateDep,
    uow: UowDep,
    dry_run: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    """Each row recorded whole or rejected with its row number, column and reason."""
    data = ledger.file.read(MAX_UPLOAD + 1)
    if len(data) > MAX_UPLOAD:
        raise Invalid(f"the ledger is larger than {MAX_UPLOAD} bytes")
    try:
        mapping_text = mapping.file.read(1024 * 1024).decode("utf-8")
    except UnicodeDecodeError:
        raise Invalid("the mapping is not UTF-8 text") from None
    parsed = parse_mapping(mapping_text)
    name = ledger.filename or "ledger.csv"
    rows = read_ledger(name, data, sheet=parsed.sheet)
    report = import_ledger(
        uow.session, rows, parsed, name=name, user=user, now=state.now(), dry_run=dry_run
    )
    if not dry_run:
        uow.commit()
    return report.to_dict()
