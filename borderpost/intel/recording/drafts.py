"""Records and entities as validated values, before they are stored: an :class:`Entity`
(kind, normalised key, label, details), the parties of a record (entity and role), links
between entities, and :class:`SeizureDraft` / :class:`ArrestDraft`.

Builders (:func:`person`, :func:`phone`, :func:`vehicle`, ...) normalise what a clerk wrote
and raise :class:`RecordingError` naming the field; two spellings of the same phone or plate
give the same key, so the store keeps one entity for both.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from borderpost.intel.recording.errors import RecordingError
from borderpost.intel.recording.identifiers import (
    normalize_account,
    normalize_address,
    normalize_country,
    normalize_document,
    normalize_name,
    normalize_organisation,
    normalize_phone,
    person_key,
)
from borderpost.intel.recording.links import ENTITY_KINDS, check_role, normalize_conveyance
from borderpost.intel.recording.taxonomy import Item, normalize_concealment
from borderpost.intel.recording.vehicles import normalize_plate, normalize_vin

__all__ = [
    "ArrestDraft",
    "Entity",
    "Link",
    "Party",
    "SeizureDraft",
    "account",
    "address",
    "document",
    "organisation",
    "person",
    "phone",
    "vehicle",
]

MAX_REF = 64
MAX_TEXT = 200


@dataclass(frozen=True, slots=True)
class Entity:
    """A person, organisation, phone, vehicle, document, address or account: ``key`` is its
    normalised identifier (unique per kind), ``label`` what a person reads."""

    kind: str
    key: str
    label: str
    details: dict[str, Any] = field(default_factory=dict, hash=False, compare=False)

    def __post_init__(self) -> None:
        if self.kind not in ENTITY_KINDS:
            raise RecordingError("kind", f"{self.kind!r} is not one of {', '.join(ENTITY_KINDS)}")


def _text(value: str | None, name: str, limit: int = MAX_TEXT) -> str | None:
    if value is None or not value.strip():
        return None
    text = " ".join(value.split())
    if len(text) > limit:
        raise RecordingError(name, f"at most {limit} characters ({len(text)} given)")
    return text


def person(
    name: str,
    birth_date: dt.date | None = None,
    nationality: str | None = None,
    gender: str | None = None,
) -> Entity:
    """A person: the key is the name engine's form with the birth date."""
    written = _text(name, "name")
    if written is None:
        raise RecordingError("name", "no name given")
    details: dict[str, Any] = {"name": written, "normalised": normalize_name(written)}
    if birth_date is not None:
        details["birth_date"] = birth_date.isoformat()
    if nationality and nationality.strip():
        details["nationality"] = normalize_country(nationality, "nationality", alpha3=True)
    if gender and gender.strip():
        sex = gender.strip().upper()[:1]
        if sex not in {"M", "F", "X"}:
            raise RecordingError("gender", f"{gender.strip()[:10]!r} is not M, F or X")
        details["gender"] = sex
    return Entity("person", person_key(written, birth_date), written, details)


def phone(text: str, region: str | None = None) -> Entity:
    """A phone number, keyed in E.164."""
    number = normalize_phone(text, region)
    return Entity("phone", number, number, {"written": text.strip()})


def vehicle(
    plate: str | None = None,
    country: str | None = None,
    vin: str | None = None,
    make: str | None = None,
) -> Entity:
    """A vehicle, keyed by ``CC:PLATE`` (else ``VIN:…``); both kept when known."""
    details: dict[str, Any] = {}
    if vin and vin.strip():
        details["vin"] = normalize_vin(vin)
    if plate and plate.strip():
        if not country or not country.strip():
            raise RecordingError("plate country", f"plate {plate.strip()[:20]!r} needs its country")
        details["plate"] = normalize_plate(plate, country)
    if not details:
        raise RecordingError("vehicle", "a vehicle needs a plate or a VIN")
    if make_text := _text(make, "make"):
        details["make"] = make_text
    key = details.get("plate") or f"VIN:{details['vin']}"
    return Entity("vehicle", key, key, details)


def document(number: str, country: str | None = None, kind: str | None = None) -> Entity:
    """A travel or identity document, keyed by its issuer and number (``KE:A1234567``)."""
    value = normalize_document(number)
    details: dict[str, Any] = {"number": value}
    issuer = normalize_country(country, "document country") if country and country.strip() else None
    if issuer:
        details["country"] = issuer
    if kind_text := _text(kind, "document type", 40):
        details["type"] = kind_text
    key = f"{issuer}:{value}" if issuer else value
    return Entity("document", key, key, details)


def address(text: str, country: str | None = None) -> Entity:
    """An address, keyed by its normalised line."""
    written = _text(text, "address", 400)
    if written is None:
        raise RecordingError("address", "no address given")
    details: dict[str, Any] = {"written": written}
    if country and country.strip():
        details["country"] = normalize_country(country, "address country")
    return Entity("address", normalize_address(written), written, details)


def account(text: str, bank: str | None = None) -> Entity:
    """A bank account, keyed by its IBAN (checked) or account number."""
    number = normalize_account(text)
    details: dict[str, Any] = {"written": text.strip()}
    if bank_text := _text(bank, "bank"):
        details["bank"] = bank_text
    return Entity("account", number, number, details)


def organisation(name: str, country: str | None = None) -> Entity:
    """An organisation (company, consignor, consignee), keyed by its normalised name."""
    written = _text(name, "organisation")
    if written is None:
        raise RecordingError("organisation", "no name given")
    details: dict[str, Any] = {"name": written}
    if country and country.strip():
        details["country"] = normalize_country(country, "organisation country")
    return Entity("organisation", normalize_organisation(written), written, details)


@dataclass(frozen=True, slots=True)
class Party:
    """An entity named by a record, in a role (``courier``, ``conveyance``, ``found``)."""

    entity: Entity
    role: str


@dataclass(frozen=True, slots=True)
class Link:
    """A link between two entities a record reports (a person used a phone)."""

    left: Entity
    right: Entity
    role: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "role", check_role(self.left.kind, self.right.kind, self.role))


def _check_record(
    kind: str,
    ref: str,
    source: str,
    lat: float | None,
    lon: float | None,
    parties: tuple[Party, ...],
) -> None:
    if not ref.strip():
        raise RecordingError("ref", "a record needs its reference (e.g. S-2026-0117)")
    if len(ref) > MAX_REF:
        raise RecordingError("ref", f"at most {MAX_REF} characters")
    if not source.strip():
        raise RecordingError(
            "source", "say where the record comes from (report number, ledger row)"
        )
    if len(source) > 400:
        raise RecordingError("source", "at most 400 characters")
    if (lat is None) != (lon is None):
        raise RecordingError("latitude", "latitude and longitude come together or not at all")
    if lat is not None and lon is not None and not (-90 <= lat <= 90 and -180 <= lon <= 180):
        raise RecordingError("latitude", f"{lat}, {lon} is not a position on Earth")
    for party in parties:
        check_role(kind, party.entity.kind, party.role)


@dataclass(frozen=True, slots=True)
class SeizureDraft:
    """A seizure to record: what was found, where, when, how hidden, how carried, the route,
    and the persons and things it names."""

    ref: str
    date: dt.date
    items: tuple[Item, ...]
    source: str
    port: str | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    concealment: str | None = None
    conveyance: str | None = None
    route_origin: str | None = None
    route_transit: tuple[str, ...] = ()
    route_destination: str | None = None
    notes: str | None = None
    parties: tuple[Party, ...] = ()
    links: tuple[Link, ...] = ()

    def __post_init__(self) -> None:
        _check_record("seizure", self.ref, self.source, self.latitude, self.longitude, self.parties)
        if not self.items:
            raise RecordingError("commodity", "a seizure needs at least one seized item")
        if self.concealment is not None:
            object.__setattr__(self, "concealment", normalize_concealment(self.concealment))
        if self.conveyance is not None:
            object.__setattr__(self, "conveyance", normalize_conveyance(self.conveyance))
        for name in ("place", "route_origin", "route_destination"):
            object.__setattr__(self, name, _text(getattr(self, name), name))
        object.__setattr__(
            self,
            "route_transit",
            tuple(t for t in (_text(x, "route_transit") for x in self.route_transit) if t),
        )
        object.__setattr__(self, "notes", _text(self.notes, "notes", 4000))

    @property
    def summary(self) -> str:
        return ", ".join(item.summary for item in self.items)


@dataclass(frozen=True, slots=True)
class ArrestDraft:
    """An arrest to record: who, when, where, on what charge, after which seizure."""

    ref: str
    date: dt.date
    person: Entity
    charge: str
    source: str
    port: str | None = None
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    seizure_ref: str | None = None
    notes: str | None = None
    parties: tuple[Party, ...] = ()
    links: tuple[Link, ...] = ()

    def __post_init__(self) -> None:
        _check_record("arrest", self.ref, self.source, self.latitude, self.longitude, self.parties)
        if self.person.kind != "person":
            raise RecordingError("person", "an arrest names a person")
        charge = _text(self.charge, "charge", 400)
        if charge is None:
            raise RecordingError("charge", "an arrest needs its charge")
        object.__setattr__(self, "charge", charge)
        object.__setattr__(self, "place", _text(self.place, "place"))
        object.__setattr__(self, "notes", _text(self.notes, "notes", 4000))
