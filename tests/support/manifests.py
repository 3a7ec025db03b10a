"""Small inline manifests and bookings for the targeting tests."""

from __future__ import annotations

from datetime import date, datetime

from borderpost.passengers.manifest import (
    Booking,
    BookingTraveller,
    Flight,
    ItineraryItem,
    Leg,
    Manifest,
    Payment,
    Person,
    Ticket,
    TravelDocument,
)

DEPARTURE = datetime(2026, 3, 10, 9, 0)


def person(
    surname: str,
    given: str = "ANNA",
    *,
    born: date = date(1980, 1, 1),
    nationality: str = "DEU",
    number: str = "C01X00T47",
    issuer: str = "DEU",
    expiry: date | None = date(2030, 1, 1),
    issued: date | None = None,
    role: str = "passenger",
    booking: str | None = None,
) -> Person:
    """A manifest person with one passport."""
    return Person(
        role="crew" if role == "crew" else "passenger",
        role_code="FM" if role == "crew" else "FL",
        surname=surname,
        given_names=given,
        sex="F",
        birth_date=born,
        nationality=nationality,
        documents=(TravelDocument("P", number, issuer, expiry, issued),),
        references=((("AVF", booking),) if booking else ()),
    )


def manifest(*persons: Person, origin: str = "BOG", destination: str = "LHR") -> Manifest:
    """A one-leg passenger list."""
    return Manifest(
        kind="passenger",
        flights=(Flight("ZZ123", "ZZ", (Leg(origin, destination, DEPARTURE, None),)),),
        persons=persons,
        document_code="745",
        reference="T1",
    )


def booking(
    locator: str,
    *travellers: tuple[str, str],
    payment: str = "CC",
    card: str | None = "4111111111111111",
    contacts: tuple[str, ...] = (),
    remarks: tuple[str, ...] = (),
    issued: datetime = datetime(2026, 3, 9, 12, 0),
    itinerary: tuple[tuple[str, str], ...] = (("BOG", "LHR"),),
) -> Booking:
    """A PNR with one ticket per traveller."""
    return Booking(
        record_locator=locator,
        travellers=tuple(
            BookingTraveller(
                reference=str(i), surname=s, given_names=g, tickets=(Ticket("T", issued=issued),)
            )
            for i, (s, g) in enumerate(travellers, 1)
        ),
        contacts=contacts,
        payments=(Payment(payment, "VI" if card else None, card),),
        itinerary=tuple(ItineraryItem("ZZ", "1", o, d) for o, d in itinerary),
        remarks=remarks,
    )
