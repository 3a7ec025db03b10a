"""PNRGOV (passenger name records pushed to governments, WCO/IATA/ICAO PNR guidelines).

A message names its flight (``TVL`` before the first PNR) and the number of PNRs (``EQN``);
each PNR starts with ``SRC`` and holds, in this order: the record locator (``RCI``), remarks
and contacts (``IFT``, ``ADD``), the booking agency (``ORG``), excess bags (``EBD``), its
travellers (``TIF`` each followed by ``FTI``, ``SSR DOCS``, ``TKT``/``MON``/``PTK``, ``FOP``),
the itinerary (``TVL`` with ``RPI`` status, ``SSR SEAT``, check-in ``TRI``/``TIF``/``SSD``,
non-air segments after ``MSG+8``, split PNRs after ``EQN``/``RCI``) and its history (after
``ABI``: ``DAT`` when, ``SAC`` what was done to the ``TVL``/``SSR``/``TIF`` that follows).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import date, datetime

from borderpost.passengers.dates import pnr_datetime, text_date
from borderpost.passengers.edifact import Segment
from borderpost.passengers.envelope import Message
from borderpost.passengers.findings import ParseWarning, warning
from borderpost.passengers.manifest import (
    Agency,
    Booking,
    BookingTraveller,
    Flight,
    HistoryItem,
    ItineraryItem,
    Leg,
    Payment,
    Seat,
    Ticket,
    TravelDocument,
)

__all__ = ["PnrgovReading", "read_pnrgov"]

# Titles airlines append to a given name ("JOHNMR"); "MS" and "DR" are left alone because
# too many names end in them (WILLIAMS, ALEXANDR).
TITLES = ("MRS", "MSTR", "MISS", "MR")


@dataclass(frozen=True, slots=True)
class PnrgovReading:
    """The flight a PNRGOV message is about and its bookings."""

    flights: tuple[Flight, ...]
    bookings: tuple[Booking, ...]


def _text(segment: Segment) -> str:
    return "+".join(":".join(e).rstrip(":") for e in segment.all_elements()).rstrip("+")


def split_title(given: str) -> tuple[str, str | None]:
    """``JOHNMR`` gives (``JOHN``, ``MR``); a name left shorter than two letters is kept."""
    for title in TITLES:
        rest = given[: -len(title)].rstrip()
        if given.endswith(title) and len(rest) >= 2:
            return rest, title
    return given, None


class _Traveller:
    """A traveller being read (``TIF`` and what follows it): changed in place as ``SSR DOCS``,
    ``FTI`` and ticket segments come, made a :class:`BookingTraveller` once."""

    __slots__ = (
        "birth_date", "documents", "frequent_flyer", "given_names", "nationality", "reference",
        "sex", "surname", "tickets", "title", "type",
    )  # fmt: skip

    def __init__(
        self, reference: str, surname: str, given_names: str, title: str | None, kind: str | None
    ) -> None:
        self.reference, self.surname, self.given_names = reference, surname, given_names
        self.title, self.type = title, kind
        self.sex: str | None = None
        self.birth_date: date | None = None
        self.nationality: str | None = None
        self.documents: tuple[TravelDocument, ...] = ()
        self.frequent_flyer: str | None = None
        self.tickets: list[Ticket] = []

    def traveller(self) -> BookingTraveller:
        return BookingTraveller(
            self.reference, self.surname, self.given_names, self.title, self.type, self.sex,
            self.birth_date, self.nationality, self.documents, self.frequent_flyer,
            tuple(self.tickets),
        )  # fmt: skip


@dataclass
class _Pnr:
    locator: str = ""
    system: str | None = None
    travellers: list[_Traveller] = field(default_factory=list)
    contacts: list[str] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    payments: list[Payment] = field(default_factory=list)
    agency: Agency | None = None
    itinerary: list[ItineraryItem] = field(default_factory=list)
    seats: list[Seat] = field(default_factory=list)
    bags: int | None = None
    remarks: list[str] = field(default_factory=list)
    split_to: list[str] = field(default_factory=list)
    history: list[HistoryItem] = field(default_factory=list)

    def booking(self) -> Booking:
        return Booking(
            record_locator=self.locator,
            system=self.system,
            travellers=tuple(traveller.traveller() for traveller in self.travellers),
            contacts=tuple(dict.fromkeys(self.contacts)),
            addresses=tuple(dict.fromkeys(self.addresses)),
            payments=tuple(dict.fromkeys(self.payments)),
            agency=self.agency,
            itinerary=tuple(self.itinerary),
            seats=tuple(dict.fromkeys(self.seats)),
            bags=self.bags,
            remarks=tuple(dict.fromkeys(self.remarks)),
            split_to=tuple(self.split_to),
            history=tuple(self.history),
        )


class _Reader:
    def __init__(self, message: Message, reference: date, warnings: list[ParseWarning]) -> None:
        self.message, self.reference, self.warnings = message, reference, warnings
        self.flights: list[Flight] = []
        self.bookings: list[Booking] = []
        self.pnr: _Pnr | None = None
        self.section = "header"
        self.declared: Segment | None = None
        self.checkin: str | None = None
        self.action = ""
        self.by: str | None = None
        self.at: datetime | None = None
        self.other = False

    def read(self) -> PnrgovReading:
        get = _HANDLERS.get
        for segment in self.message.body:
            handler = get(segment.tag)
            if handler is not None:
                handler(self, segment)
        self._end_pnr()
        if self.declared is not None:
            declared = self.declared.value(0).strip()
            if not declared.isdigit():
                self.warnings.append(
                    warning("count_not_numeric", self.declared.position, f"EQN {declared!r}")
                )
            elif int(declared) != len(self.bookings):
                self.warnings.append(
                    warning(
                        "booking_count_mismatch",
                        self.declared.position,
                        f"EQN declares {declared} PNRs, found {len(self.bookings)}",
                    )
                )
        return PnrgovReading(tuple(self.flights), tuple(self.bookings))

    def _end_pnr(self) -> None:
        if self.pnr is not None:
            self.bookings.append(self.pnr.booking())
        self.pnr = None

    def _src(self, segment: Segment) -> None:
        self._end_pnr()
        self.pnr = _Pnr()
        self.section, self.other, self.checkin = "pnr", False, None

    def _rci(self, segment: Segment) -> None:
        if self.pnr is None:
            return
        system, locator = segment.value(0, 0).strip(), segment.value(0, 1).strip()
        if self.section == "split":
            self.pnr.split_to.append(f"{system}:{locator}" if system else locator)
        elif not self.pnr.locator:
            self.pnr.locator, self.pnr.system = locator, system or None

    def _eqn(self, segment: Segment) -> None:
        if self.pnr is None:
            self.declared = segment
        elif self.section == "itinerary":
            self.section = "split"

    def _msg(self, segment: Segment) -> None:
        if self.pnr is not None and segment.value(0, 0).strip() == "8":
            self.other = True

    def _tvl(self, segment: Segment) -> None:
        when = segment.element(0)
        departure = pnr_datetime(segment.value(0, 0), segment.value(0, 1), self.reference)
        arrival_day = segment.value(0, 2) or segment.value(0, 0)
        arrival = (
            pnr_datetime(arrival_day, segment.value(0, 3), self.reference)
            if len(when) > 3 and when[3].strip()
            else None
        )
        origin = segment.value(1, 0).strip() or None
        destination = segment.value(2, 0).strip() or None
        carrier = segment.value(3, 0).strip() or None
        number = segment.value(4, 0).strip() or None
        if self.pnr is None:
            flight = f"{carrier or ''}{number or ''}"
            self.flights.append(
                Flight(flight, carrier, (Leg(origin, destination, departure, arrival),))
            )
            return
        if self.section == "history":
            self._history_item(segment)
            return
        self.section, self.checkin = "itinerary", None
        item = ItineraryItem(
            carrier, number, origin, destination, departure, arrival,
            "other" if self.other else "air",
        )  # fmt: skip
        self.pnr.itinerary.append(item)

    def _rpi(self, segment: Segment) -> None:
        if self.pnr is None:
            return
        if self.section == "history" and self.pnr.history:
            last = self.pnr.history[-1]
            text = f"{last.text} {_text(segment)}"
            self.pnr.history[-1] = HistoryItem(last.action, last.tag, text, last.by, last.at)
        elif self.section == "itinerary" and self.pnr.itinerary:
            status = segment.value(1, 0).strip() or None
            item = self.pnr.itinerary[-1]
            self.pnr.itinerary[-1] = ItineraryItem(
                item.carrier, item.number, item.origin, item.destination, item.departure,
                item.arrival, item.kind, status,
            )  # fmt: skip

    def _ssr(self, segment: Segment) -> None:
        if self.pnr is None:
            return
        code = segment.value(0, 0).strip()
        if self.section == "history":
            self._history_item(segment)
        elif code == "DOCS" and self.section == "traveller" and self.pnr.travellers:
            self._docs(segment)
        elif code == "SEAT":
            origin = segment.value(0, 6).strip() or None
            destination = segment.value(0, 7).strip() or None
            for element in segment.all_elements()[1:]:
                if element and element[0].strip():
                    traveller = element[2].strip() if len(element) > 2 else None
                    seat = Seat(element[0].strip(), traveller or None, origin, destination)
                    self.pnr.seats.append(seat)

    def _docs(self, segment: Segment) -> None:
        assert self.pnr is not None
        texts = [c for c in segment.element(0) if "/" in c]
        if not texts:
            return
        parts = [*texts[-1].split("/"), *[""] * 11][:11]
        _, kind, issuer, number, nationality, born, sex, expiry = (p.strip() for p in parts[:8])
        traveller = self.pnr.travellers[-1]
        if number:
            document = TravelDocument(
                kind or "P", number, issuer or None, text_date(expiry, self.reference)
            )
            traveller.documents = (*traveller.documents, document)
        traveller.sex = sex[:1] or traveller.sex
        traveller.birth_date = text_date(born, self.reference, past=True) or traveller.birth_date
        traveller.nationality = nationality or traveller.nationality

    def _tif(self, segment: Segment) -> None:
        if self.pnr is None:
            return
        if self.section == "history":
            self._history_item(segment)
            return
        reference = segment.value(1, 2).strip()
        if self.section in ("itinerary", "checkin"):
            self.section, self.checkin = "checkin", reference or None
            return
        given, title = split_title(segment.value(1, 0).strip())
        self.pnr.travellers.append(
            _Traveller(
                reference or str(len(self.pnr.travellers) + 1),
                segment.value(0, 0).strip(),
                given,
                title,
                segment.value(1, 1).strip() or None,
            )
        )
        self.section = "traveller"

    def _ssd(self, segment: Segment) -> None:
        if self.pnr is not None and self.section == "checkin" and segment.value(0).strip():
            item = self.pnr.itinerary[-1] if self.pnr.itinerary else None
            origin = item.origin if item else None
            destination = item.destination if item else None
            seat = Seat(segment.value(0).strip(), self.checkin, origin, destination)
            self.pnr.seats.append(seat)

    def _fti(self, segment: Segment) -> None:
        if self.pnr is not None and self.section == "traveller" and self.pnr.travellers:
            number = segment.value(0, 0).strip() + segment.value(0, 1).strip()
            self.pnr.travellers[-1].frequent_flyer = number

    def _tkt(self, segment: Segment) -> None:
        if self.pnr is not None and self.section == "traveller" and self.pnr.travellers:
            ticket = Ticket(segment.value(0, 0).strip(), segment.value(0, 1).strip())
            self.pnr.travellers[-1].tickets.append(ticket)

    def _update_ticket(self, **changes: object) -> None:
        if self.pnr is None or self.section != "traveller" or not self.pnr.travellers:
            return
        tickets = self.pnr.travellers[-1].tickets
        if tickets:
            tickets[-1] = replace(tickets[-1], **changes)  # type: ignore[arg-type]

    def _mon(self, segment: Segment) -> None:
        for element in segment.all_elements():
            if element and element[0].strip() == "T" and len(element) > 1:
                currency = element[2].strip() if len(element) > 2 else ""
                self._update_ticket(total=element[1].strip(), currency=currency or None)

    def _ptk(self, segment: Segment) -> None:
        issued = pnr_datetime(segment.value(2, 0), segment.value(2, 1), self.reference)
        if issued is not None:
            self._update_ticket(issued=issued)

    def _fop(self, segment: Segment) -> None:
        if self.pnr is None:
            return
        for element in segment.all_elements():
            if element and element[0].strip():
                values = [*element, "", "", "", "", "", ""]
                self.pnr.payments.append(
                    Payment(
                        element[0].strip(),
                        values[3].strip() or None,
                        values[4].strip() or None,
                        values[5].strip() or None,
                    )
                )

    def _ift(self, segment: Segment) -> None:
        if self.pnr is None:
            return
        elements = segment.all_elements()[1:]
        text = " ".join(" ".join(e).strip() for e in elements if "".join(e).strip())
        if not text:
            return
        sponsor = segment.value(0, 1).strip() == "43"
        if sponsor or text.upper().startswith("CTC"):
            self.pnr.contacts.append(text)
        else:
            self.pnr.remarks.append(text)

    def _add(self, segment: Segment) -> None:
        if self.pnr is None:
            return
        parts = [p.strip() for p in [*segment.element(1), *[""] * 8]]
        phone = parts[7] if sum(c.isdigit() for c in parts[7]) >= 6 else ""
        address = ", ".join(p for p in [*parts[1:7], "" if phone else parts[7]] if p)
        if address:
            self.pnr.addresses.append(address)
        if phone:
            self.pnr.contacts.append(phone)

    def _ebd(self, segment: Segment) -> None:
        count = segment.value(1, 0).strip()
        if self.pnr is not None and count.isdigit():
            self.pnr.bags = int(count)

    def _org(self, segment: Segment) -> None:
        if self.pnr is None or self.section != "pnr":
            return
        self.pnr.agency = Agency(
            system=segment.value(0, 0).strip() or None,
            location=segment.value(0, 1).strip() or None,
            number=segment.value(1, 0).strip() or None,
            city=segment.value(1, 1).strip() or None,
            country=segment.value(5, 0).strip() or None,
            currency=segment.value(5, 1).strip() or None,
            agent=segment.value(6, 0).strip() or None,
        )

    def _abi(self, segment: Segment) -> None:
        if self.pnr is not None:
            self.section, self.action = "history", ""
            self.by = segment.value(1, 1).strip() or segment.value(1, 0).strip() or None
            self.at = None

    def _dat(self, segment: Segment) -> None:
        if self.section == "history":
            self.at = pnr_datetime(segment.value(0, 1), segment.value(0, 2), self.reference)

    def _sac(self, segment: Segment) -> None:
        if self.section == "history":
            self.action = segment.value(2, 0).strip()

    def _history_item(self, segment: Segment) -> None:
        assert self.pnr is not None
        item = HistoryItem(self.action, segment.tag, _text(segment), self.by, self.at)
        self.pnr.history.append(item)


def read_pnrgov(message: Message, reference: date, warnings: list[ParseWarning]) -> PnrgovReading:
    """The flight and bookings of one PNRGOV message; warnings are appended to ``warnings``."""
    return _Reader(message, reference, warnings).read()


_HANDLERS: dict[str, Callable[[_Reader, Segment], None]] = {
    name[1:].upper(): method
    for name, method in vars(_Reader).items()
    if len(name) == 4 and name.startswith("_") and name[1:].isalpha() and callable(method)
}
