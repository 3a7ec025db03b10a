"""What an airline tells the border about a flight: manifests (PAXLST) and bookings (PNRGOV).

Small immutable types, the same whether a message was read or is about to be written. Dates
are ``date``/``datetime`` (naive: airline times are local to the airport); codes are as the
message writes them (ICAO/ISO 3166 country codes, IATA airport and airline codes).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

__all__ = [
    "Agency",
    "BagTag",
    "Booking",
    "BookingTraveller",
    "Flight",
    "HistoryItem",
    "ItineraryItem",
    "Leg",
    "Manifest",
    "Payment",
    "Person",
    "Role",
    "Seat",
    "Ticket",
    "TravelDocument",
    "Visa",
]

Role = Literal["passenger", "crew"]


@dataclass(frozen=True, slots=True)
class Leg:
    """One take-off to one landing: airports (IATA) and local times."""

    origin: str | None
    destination: str | None
    departure: datetime | None = None
    arrival: datetime | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "from": self.origin,
            "to": self.destination,
            "departure": _iso(self.departure),
            "arrival": _iso(self.arrival),
        }


@dataclass(frozen=True, slots=True)
class Flight:
    """A flight as a ``TDT`` segment names it, with its legs (``LOC``/``DTM``)."""

    number: str
    carrier: str | None = None
    legs: tuple[Leg, ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "number": self.number,
            "carrier": self.carrier,
            "legs": [leg.to_dict() for leg in self.legs],
        }


@dataclass(frozen=True, slots=True)
class TravelDocument:
    """A travel document (``DOC`` group): type code (``P`` passport ...), number, issuer."""

    type: str
    number: str
    issuing_state: str | None = None
    expiry: date | None = None
    issued: date | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "type": self.type,
            "number": self.number,
            "issuing_state": self.issuing_state,
            "expiry": _iso(self.expiry),
            "issued": _iso(self.issued),
        }


@dataclass(frozen=True, slots=True)
class Visa:
    """A visa (a ``DOC`` group of type ``V``)."""

    number: str
    issuing_state: str | None = None
    expiry: date | None = None
    issued: date | None = None

    def to_dict(self) -> dict[str, str | None]:
        return {
            "number": self.number,
            "issuing_state": self.issuing_state,
            "expiry": _iso(self.expiry),
            "issued": _iso(self.issued),
        }


@dataclass(frozen=True, slots=True)
class BagTag:
    """A run of checked-bag tags: the first tag number and how many follow it (``FTX+BAG``)."""

    number: str
    count: int = 1


@dataclass(frozen=True, slots=True)
class Person:
    """A passenger or crew member (``NAD`` group). ``role_code`` is the NAD qualifier
    (``FL`` passenger, ``FM`` crew, ``DDT``/``DDU`` in transit); ``references`` are the
    other ``RFF`` pairs (``AVF`` booking reference, ``ABO`` passenger reference ...)."""

    role: Role
    role_code: str
    surname: str
    given_names: str = ""
    sex: str | None = None
    birth_date: date | None = None
    nationality: str | None = None
    residence: str | None = None
    birth_place: str | None = None
    embarkation: str | None = None
    debarkation: str | None = None
    documents: tuple[TravelDocument, ...] = ()
    visas: tuple[Visa, ...] = ()
    seat: str | None = None
    bags: int | None = None
    bag_tags: tuple[BagTag, ...] = ()
    references: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict[str, object]:
        return {
            "role": self.role,
            "role_code": self.role_code,
            "surname": self.surname,
            "given_names": self.given_names,
            "sex": self.sex,
            "birth_date": _iso(self.birth_date),
            "nationality": self.nationality,
            "residence": self.residence,
            "birth_place": self.birth_place,
            "embarkation": self.embarkation,
            "debarkation": self.debarkation,
            "documents": [document.to_dict() for document in self.documents],
            "visas": [visa.to_dict() for visa in self.visas],
            "seat": self.seat,
            "bags": self.bags,
            "bag_tags": [{"number": t.number, "count": t.count} for t in self.bag_tags],
            "references": dict(self.references),
        }


@dataclass(frozen=True, slots=True)
class Manifest:
    """A passenger or crew list (one PAXLST message, its parts joined). ``document_code`` is
    the ``BGM`` code (745 passengers, 250 crew); ``sender`` the reporting party."""

    kind: Role
    flights: tuple[Flight, ...]
    persons: tuple[Person, ...]
    document_code: str = ""
    reference: str | None = None
    sender: str | None = None


@dataclass(frozen=True, slots=True)
class Ticket:
    """A ticket (``TKT``) with its total (``MON``) and when it was issued (``PTK``)."""

    number: str
    type: str = ""
    total: str | None = None
    currency: str | None = None
    issued: datetime | None = None


@dataclass(frozen=True, slots=True)
class Seat:
    """A seat for a traveller (by PNR reference) on one segment of the itinerary."""

    seat: str
    traveller: str | None = None
    origin: str | None = None
    destination: str | None = None


@dataclass(frozen=True, slots=True)
class BookingTraveller:
    """A traveller of a PNR (``TIF``), with what the booking knows of them: documents from
    ``SSR DOCS``, frequent-flyer number (``FTI``), tickets."""

    reference: str
    surname: str
    given_names: str = ""
    title: str | None = None
    type: str | None = None
    sex: str | None = None
    birth_date: date | None = None
    nationality: str | None = None
    documents: tuple[TravelDocument, ...] = ()
    frequent_flyer: str | None = None
    tickets: tuple[Ticket, ...] = ()


@dataclass(frozen=True, slots=True)
class ItineraryItem:
    """A segment of the itinerary (``TVL``); ``kind`` is ``air`` or ``other`` (hotel, car)."""

    carrier: str | None
    number: str | None
    origin: str | None
    destination: str | None
    departure: datetime | None = None
    arrival: datetime | None = None
    kind: str = "air"
    status: str | None = None


@dataclass(frozen=True, slots=True)
class Payment:
    """A form of payment (``FOP``): type (``CC`` card, ``CA`` cash ...), card vendor, the
    number as sent (usually masked) and expiry."""

    type: str
    vendor: str | None = None
    number: str | None = None
    expiry: str | None = None


@dataclass(frozen=True, slots=True)
class Agency:
    """Who made the booking (``ORG`` inside a PNR): system or airline, location, agency
    number (IATA), city, country, currency and agent."""

    system: str | None
    location: str | None = None
    number: str | None = None
    city: str | None = None
    country: str | None = None
    currency: str | None = None
    agent: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryItem:
    """A change in the PNR's history: ``action`` (``A`` added, ``X`` cancelled ...), the
    segment changed (tag and text), who and when (``ABI``/``DAT``)."""

    action: str
    tag: str
    text: str
    by: str | None = None
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class Booking:
    """A passenger name record (one ``SRC`` group of a PNRGOV message)."""

    record_locator: str
    system: str | None = None
    travellers: tuple[BookingTraveller, ...] = ()
    contacts: tuple[str, ...] = ()
    addresses: tuple[str, ...] = ()
    payments: tuple[Payment, ...] = ()
    agency: Agency | None = None
    itinerary: tuple[ItineraryItem, ...] = ()
    seats: tuple[Seat, ...] = ()
    bags: int | None = None
    remarks: tuple[str, ...] = ()
    split_to: tuple[str, ...] = ()
    history: tuple[HistoryItem, ...] = ()


def _iso(value: date | datetime | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.isoformat(timespec="minutes")
    return value.isoformat()
