"""UN/EDIFACT CUSCAR (customs cargo report, D.95B and later) read into cargo manifests.

The EDIFACT syntax is read by the passenger reader's tokenizer and envelope
(:mod:`borderpost.passengers.edifact`, :mod:`borderpost.passengers.envelope`), which already
copes with odd delimiters, release characters, wraps and missing trailers. This module only
interprets the segments of each ``CUSCAR`` message:

* header: ``BGM`` (document number), ``DTM`` (132/178 arrival), ``TDT`` (voyage, carrier,
  vessel with its IMO number), ``LOC`` (5/125 departure, 60/87/24 arrival), ``NAD+CA``;
* per consignment, opened by ``CNI`` (or by a bill-of-lading ``RFF`` when a sender leaves
  ``CNI`` out): ``RFF`` (BM/BH/AWB bill of lading), ``LOC`` (88 receipt, 9 loading,
  13 transhipment, 11 discharge, 7 delivery), ``NAD`` (CZ shipper, CN consignee, N1 notify),
  ``GID`` (packages), ``FTX+AAA`` (goods description), ``PIA`` (HS code), ``MEA`` (gross
  weight of the goods line, container or consignment it follows), ``EQD`` (container),
  ``SEL`` (seals of that container);
* ``CNT`` totals, checked against what was read.

Nothing stops reading but a file that is not EDIFACT at all
(:class:`~borderpost.passengers.edifact.EdifactError`): everything odd becomes a
:class:`~borderpost.conveyances.cargo.CargoWarning`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

from borderpost.conveyances.cargo import (
    CargoManifest,
    CargoWarning,
    Consignment,
    Equipment,
    GoodsItem,
    Party,
)
from borderpost.conveyances.containers import read_container
from borderpost.conveyances.imo import IMO
from borderpost.conveyances.seals import Seal
from borderpost.passengers.edifact import Segment, tokenize
from borderpost.passengers.envelope import Message, structure

__all__ = ["CuscarReading", "read_cuscar"]

_BILL_QUALIFIERS = {"BM", "BH", "AWB", "MB", "BN"}
_DEPARTURE, _ARRIVAL = {"5", "125"}, {"60", "87", "24"}
_ROUTING = {
    "88": "receipt",
    "9": "loading",
    "13": "transhipment",
    "11": "discharge",
    "7": "delivery",
}
_PARTIES = {"CZ": "shipper", "CN": "consignee", "N1": "notify"}
_UNITS = {"KGM": 1.0, "KG": 1.0, "TNE": 1000.0, "LBR": 0.45359237, "GRM": 0.001}


@dataclass(slots=True)
class CuscarReading:
    """Every CUSCAR message of a file as a manifest, and the warnings about the file itself
    (each manifest holds its own)."""

    manifests: list[CargoManifest] = field(default_factory=list)
    warnings: list[CargoWarning] = field(default_factory=list)

    def to_dict(self) -> dict[str, object]:
        return {
            "manifests": [m.to_dict() for m in self.manifests],
            "warnings": [
                {"code": w.code, "message": w.message, "where": w.where} for w in self.warnings
            ],
        }


def _where(segment: Segment) -> str:
    return f"segment {segment.number}, line {segment.line}"


def _number(text: str) -> float | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if value >= 0 and value == value and value != float("inf") else None


def _date(text: str) -> dt.date | None:
    digits = text.strip()[:8]
    for layout in ("%Y%m%d", "%y%m%d"):
        try:
            return dt.datetime.strptime(digits[: 8 if layout == "%Y%m%d" else 6], layout).date()
        except ValueError:
            continue
    return None


@dataclass(slots=True)
class _Open:
    """The consignment being read, as mutable parts."""

    bill: str = ""
    parties: dict[str, Party] = field(default_factory=dict)
    places: dict[str, str] = field(default_factory=dict)
    transhipment: list[str] = field(default_factory=list)
    goods: list[GoodsItem] = field(default_factory=list)
    equipment: list[Equipment] = field(default_factory=list)
    gross_kg: float | None = None
    weighing: str = "consignment"  # what the next MEA weighs: consignment, goods or equipment
    where: str = ""

    def close(self) -> Consignment:
        return Consignment(
            bill_of_lading=self.bill,
            shipper=self.parties.get("shipper"),
            consignee=self.parties.get("consignee"),
            notify=self.parties.get("notify"),
            place_of_receipt=self.places.get("receipt", ""),
            place_of_loading=self.places.get("loading", ""),
            transhipment=tuple(self.transhipment),
            place_of_discharge=self.places.get("discharge", ""),
            place_of_delivery=self.places.get("delivery", ""),
            goods=tuple(self.goods),
            equipment=tuple(self.equipment),
            gross_kg=self.gross_kg,
        )


class _MessageReader:
    def __init__(self, message: Message) -> None:
        self.message = message
        self.header: dict[str, object] = {}
        self.consignments: list[Consignment] = []
        self.current: _Open | None = None
        self.warnings: list[CargoWarning] = []
        self.declared: dict[str, tuple[int, Segment]] = {}
        self.arrival_date: dt.date | None = None

    def warn(self, code: str, message: str, segment: Segment) -> None:
        self.warnings.append(CargoWarning(code, message, _where(segment)))

    def open(self, segment: Segment, bill: str = "") -> _Open:
        self.close()
        self.current = _Open(bill=bill, where=_where(segment))
        return self.current

    def close(self) -> None:
        current = self.current
        if current is None:
            return
        if not current.bill:
            self.warnings.append(
                CargoWarning(
                    "missing_bill_of_lading",
                    "consignment without a bill of lading number",
                    current.where,
                )
            )
        self.consignments.append(current.close())
        self.current = None

    def run(self) -> CargoManifest:
        for segment in self.message.body:
            handler = getattr(self, f"_{segment.tag.lower()}", None)
            if handler is not None:
                handler(segment)
        self.close()
        self.check_counts()
        h = self.header
        return CargoManifest(
            reference=str(h.get("reference", "")),
            carrier=str(h.get("carrier", "")),
            vessel=str(h.get("vessel", "")),
            imo=str(h.get("imo", "")),
            voyage=str(h.get("voyage", "")),
            mode=str(h.get("mode", "sea")),
            departure=str(h.get("departure", "")),
            arrival=str(h.get("arrival", "")),
            arrival_date=self.arrival_date,
            consignments=tuple(self.consignments),
            warnings=tuple(self.warnings),
        )

    # header segments
    def _bgm(self, s: Segment) -> None:
        self.header["reference"] = s.value(1).strip()

    def _dtm(self, s: Segment) -> None:
        if self.current is None and s.value(0, 0) in {"132", "178"}:
            found = _date(s.value(0, 1))
            if found is None:
                self.warn("bad_date", f"arrival date {s.value(0, 1)!r} is not CCYYMMDD", s)
            else:
                self.arrival_date = found

    def _tdt(self, s: Segment) -> None:
        self.header["voyage"] = s.value(1).strip()
        mode = s.value(2).strip()
        self.header["mode"] = {"1": "sea", "4": "air", "3": "road", "2": "rail"}.get(mode, "sea")
        carrier = s.value(4, 0).strip()
        if carrier:
            self.header.setdefault("carrier", carrier)
        ident, name = s.value(7, 0).strip(), s.value(7, 3).strip()
        if name:
            self.header["vessel"] = name
        if ident:
            if IMO.is_valid(ident):
                self.header["imo"] = IMO.normalize(ident) or ""
            elif IMO.normalize(ident) is not None:
                self.warn("bad_imo", f"IMO number {ident} fails its check digit", s)
                self.header["imo"] = IMO.normalize(ident) or ""
            elif not name:
                self.header["vessel"] = ident

    def _loc(self, s: Segment) -> None:
        qualifier, place = s.value(0).strip(), s.value(1, 0).strip().upper()
        if not place:
            self.warn("empty_location", f"LOC {qualifier} without a place", s)
            return
        if self.current is None:
            if qualifier in _DEPARTURE:
                self.header["departure"] = place
            elif qualifier in _ARRIVAL:
                self.header["arrival"] = place
            return
        role = _ROUTING.get(qualifier)
        if role == "transhipment":
            self.current.transhipment.append(place)
        elif role is not None:
            self.current.places[role] = place
        elif qualifier in _ARRIVAL | _DEPARTURE:
            pass  # a vessel-level place repeated inside a consignment
        else:
            self.warn("unknown_location", f"LOC qualifier {qualifier!r} not understood", s)

    # consignments
    def _cni(self, s: Segment) -> None:
        self.open(s, s.value(1, 0).strip())

    def _rff(self, s: Segment) -> None:
        qualifier, value = s.value(0, 0).strip().upper(), s.value(0, 1).strip()
        if qualifier not in _BILL_QUALIFIERS:
            return
        if self.current is None:
            self.open(s, value)
        elif not self.current.bill:
            self.current.bill = value
        elif self.current.bill != value and (self.current.goods or self.current.equipment):
            self.open(s, value)  # a new bill without CNI

    def _nad(self, s: Segment) -> None:
        qualifier = s.value(0).strip().upper()
        if qualifier == "CA" and self.current is None:
            self.header["carrier"] = s.value(1, 0).strip() or _party(s).name
            return
        role = _PARTIES.get(qualifier)
        if role is None:
            return
        if self.current is None:
            self.warn("party_outside_consignment", f"NAD {qualifier} before any consignment", s)
            return
        party = _party(s)
        if not party.name:
            self.warn("party_without_name", f"NAD {qualifier} names no one", s)
        self.current.parties[role] = party

    def _gid(self, s: Segment) -> None:
        current = self.need(s)
        if current is None:
            return
        count = s.value(1, 0).strip()
        packages = int(count) if count.isdigit() else None
        if count and packages is None:
            self.warn("bad_number", f"package count {count!r} is not a whole number", s)
        current.goods.append(GoodsItem("", packages=packages, package_type=s.value(1, 1).strip()))
        current.weighing = "goods"

    def _ftx(self, s: Segment) -> None:
        current = self.current
        if current is None or s.value(0).strip() not in {"AAA", "AAE"}:
            return
        text = " ".join(p.strip() for p in s.element(3) if p.strip())
        if not current.goods:
            current.goods.append(GoodsItem(text))
        else:
            item = current.goods[-1]
            joined = f"{item.description} {text}".strip()
            current.goods[-1] = replace(item, description=joined)

    def _pia(self, s: Segment) -> None:
        current = self.current
        if current is None:
            return
        for element in s.all_elements()[1:]:
            if len(element) >= 2 and element[1].strip().upper() in {"HS", "CG", "CN"}:
                code = "".join(c for c in element[0] if c.isdigit())
                if not current.goods:
                    current.goods.append(GoodsItem(""))
                current.goods[-1] = replace(current.goods[-1], hs_code=code)
                return

    def _mea(self, s: Segment) -> None:
        current = self.current
        if current is None or s.value(1, 0).strip().upper() not in {"G", "AAB", "WT"}:
            return
        unit, amount = s.value(2, 0).strip().upper(), s.value(2, 1).strip()
        value = _number(amount)
        if value is None or unit not in _UNITS:
            self.warn("bad_weight", f"weight {amount!r} {unit!r} cannot be read", s)
            return
        kg = round(value * _UNITS[unit], 3)
        if current.weighing == "goods" and current.goods:
            current.goods[-1] = replace(current.goods[-1], gross_kg=kg)
        elif current.weighing == "equipment" and current.equipment:
            current.equipment[-1] = replace(current.equipment[-1], gross_kg=kg)
        else:
            current.gross_kg = kg

    def _eqd(self, s: Segment) -> None:
        current = self.need(s)
        if current is None:
            return
        if s.value(0).strip().upper() not in {"CN", "TE", "RF", ""}:
            return
        written = s.value(1, 0).strip()
        reading = read_container(written)
        if reading.number is None:
            self.warn("bad_container_number", f"{written!r}: {reading.reason}", s)
        elif not reading.valid:
            self.warn("bad_container_check", f"{reading.number}: {reading.reason}", s)
        full = s.value(5).strip() != "4"
        current.equipment.append(
            Equipment(
                number=reading.number or written.upper(),
                size_type=s.value(2, 0).strip(),
                full=full,
                check_digit_ok=reading.valid,
            )
        )
        current.weighing = "equipment"

    def _sel(self, s: Segment) -> None:
        current = self.current
        if current is None or not current.equipment:
            self.warn("seal_without_container", "SEL before any container", s)
            return
        written = s.value(0, 0).strip()
        seal = Seal.normalize(written)
        if seal is None:
            self.warn("bad_seal", f"seal number {written!r} is not 4-20 letters and digits", s)
            seal = written.upper()
        box = current.equipment[-1]
        if seal:
            current.equipment[-1] = replace(box, seals=(*box.seals, seal))

    def _cnt(self, s: Segment) -> None:
        amount = s.value(0, 1).strip()
        if amount.isdigit():
            self.declared[s.value(0, 0).strip()] = (int(amount), s)

    def need(self, s: Segment) -> _Open | None:
        if self.current is None:
            self.warn("outside_consignment", f"{s.tag} before any consignment (CNI) ignored", s)
        return self.current

    def check_counts(self) -> None:
        actual = {
            "5": len(self.consignments),
            "16": sum(len(c.equipment) for c in self.consignments),
        }
        for qualifier, (declared, segment) in self.declared.items():
            found = actual.get(qualifier)
            if found is not None and found != declared:
                what = "consignments" if qualifier == "5" else "containers"
                self.warn(
                    "count_mismatch",
                    f"CNT declares {declared} {what}, the message holds {found}",
                    segment,
                )


def _party(s: Segment) -> Party:
    lines = [p.strip() for p in s.element(2) if p.strip()]
    names = [p.strip() for p in s.element(3) if p.strip()]
    street = [p.strip() for p in s.element(4) if p.strip()]
    name = " ".join(names) if names else (lines[0] if lines else "")
    address = [*(lines[1:] if not names else lines), *street]
    for index in (5, 7):
        part = s.value(index).strip()
        if part:
            address.append(part)
    return Party(name, ", ".join(address), s.value(8).strip().upper())


def read_cuscar(data: bytes | str) -> CuscarReading:
    """Every CUSCAR message in ``data`` read into a manifest.

    Raises:
        borderpost.passengers.EdifactError: ``data`` holds no EDIFACT at all.
    """
    tokens = tokenize(data)
    envelope = structure(tokens)
    reading = CuscarReading(
        warnings=[CargoWarning(w.code, w.message, w.position.describe()) for w in envelope.warnings]
    )
    for message in envelope.messages:
        if message.type != "CUSCAR":
            reading.warnings.append(
                CargoWarning(
                    "not_cuscar",
                    f"{message.type or 'unnamed'} message skipped (not CUSCAR)",
                    _where(message.header),
                )
            )
            continue
        reading.manifests.append(_MessageReader(message).run())
    if not reading.manifests:
        reading.warnings.append(CargoWarning("no_cuscar", "the file holds no CUSCAR message"))
    return reading
