"""The cargo manifest model: a voyage (or flight) and the consignments it carries.

One :class:`Consignment` is one bill of lading (or air waybill): its parties, routing, goods
lines with description and HS code, the containers it fills with their seals, weights and
piece counts. Readers (:mod:`~borderpost.conveyances.cuscar`,
:mod:`~borderpost.conveyances.cargo_csv`) fill these and report what they could not read as
:class:`CargoWarning` s, never by stopping.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

__all__ = [
    "CargoManifest",
    "CargoWarning",
    "Consignment",
    "Equipment",
    "GoodsItem",
    "Party",
]


@dataclass(frozen=True, slots=True)
class CargoWarning:
    """Something odd in a manifest: a stable ``code``, a sentence, and where (``"line 12"``,
    ``"segment 34"`` or ``""``)."""

    code: str
    message: str
    where: str = ""


@dataclass(frozen=True, slots=True)
class Party:
    """A shipper, consignee or notify party as written on the manifest."""

    name: str
    address: str = ""
    country: str = ""


@dataclass(frozen=True, slots=True)
class GoodsItem:
    """One goods line: description, HS code (as written, digits only), packages."""

    description: str
    hs_code: str = ""
    packages: int | None = None
    package_type: str = ""
    gross_kg: float | None = None


@dataclass(frozen=True, slots=True)
class Equipment:
    """A container (normalised ISO 6346 number when it could be read, as written otherwise),
    its size/type code, whether it is full, its seals and declared gross weight."""

    number: str
    size_type: str = ""
    full: bool = True
    seals: tuple[str, ...] = ()
    gross_kg: float | None = None
    check_digit_ok: bool = True


@dataclass(frozen=True, slots=True)
class Consignment:
    """One bill of lading and what it declares."""

    bill_of_lading: str
    shipper: Party | None = None
    consignee: Party | None = None
    notify: Party | None = None
    place_of_receipt: str = ""
    place_of_loading: str = ""
    transhipment: tuple[str, ...] = ()
    place_of_discharge: str = ""
    place_of_delivery: str = ""
    goods: tuple[GoodsItem, ...] = ()
    equipment: tuple[Equipment, ...] = ()
    gross_kg: float | None = None

    @property
    def description(self) -> str:
        return "; ".join(item.description for item in self.goods if item.description)

    @property
    def hs_codes(self) -> tuple[str, ...]:
        return tuple(item.hs_code for item in self.goods if item.hs_code)

    @property
    def packages(self) -> int | None:
        counts = [item.packages for item in self.goods if item.packages is not None]
        return sum(counts) if counts else None

    @property
    def total_kg(self) -> float | None:
        """The declared gross weight: the consignment's own, else its goods lines', else its
        containers'."""
        if self.gross_kg is not None:
            return self.gross_kg
        lines = [item.gross_kg for item in self.goods if item.gross_kg is not None]
        if lines:
            return sum(lines)
        boxes = [box.gross_kg for box in self.equipment if box.gross_kg is not None]
        return sum(boxes) if boxes else None

    @property
    def route(self) -> tuple[str, ...]:
        """Every place the goods pass through, in order, without blanks."""
        places = (
            self.place_of_receipt,
            self.place_of_loading,
            *self.transhipment,
            self.place_of_discharge,
            self.place_of_delivery,
        )
        out: list[str] = []
        for place in places:
            if place and (not out or out[-1] != place):
                out.append(place)
        return tuple(out)


@dataclass(frozen=True, slots=True)
class CargoManifest:
    """A voyage's (or flight's) cargo report: the means of transport and its consignments."""

    reference: str = ""
    carrier: str = ""
    vessel: str = ""
    imo: str = ""
    voyage: str = ""
    mode: str = "sea"
    departure: str = ""
    arrival: str = ""
    arrival_date: dt.date | None = None
    consignments: tuple[Consignment, ...] = ()
    warnings: tuple[CargoWarning, ...] = field(default=())

    @property
    def container_count(self) -> int:
        return sum(len(c.equipment) for c in self.consignments)

    def to_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["arrival_date"] = self.arrival_date.isoformat() if self.arrival_date else None
        return data
