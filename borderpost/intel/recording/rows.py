"""One row of fields (a ledger row, a form, a request) → a seizure or arrest draft, or the
rejections that name the column and the reason. A row with any problem yields no draft;
every problem of the row is reported, so a clerk fixes the row once.

Cells arrive as their reader found them: text (CSV, forms), or text, numbers, dates and
date-times (XLSX).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import TypeVar

from borderpost.intel.recording import drafts
from borderpost.intel.recording.drafts import ArrestDraft, Link, Party, SeizureDraft
from borderpost.intel.recording.errors import RecordingError
from borderpost.intel.recording.links import check_role
from borderpost.intel.recording.mapping import REQUIRED, LedgerMapping
from borderpost.intel.recording.taxonomy import Item, make_item
from borderpost.intel.recording.values import parse_date, parse_number

__all__ = ["Cell", "Rejection", "RowReader", "arrest_of", "cell_text", "seizure_of", "split_values"]

Cell = str | int | float | Decimal | dt.date | dt.datetime | None
T = TypeVar("T")
_QUANTITY = re.compile(r"\s*([0-9][0-9.,\s']*)\s*([^\d\s].*)?\s*")
MAX_CELL = 4000
#: The field a builder's error names → the ledger field that feeds it.
_FIELD_OF = {
    "plate": "vehicle_plate",
    "plate country": "vehicle_country",
    "name": "person_name",
    "nationality": "person_nationality",
    "gender": "person_gender",
    "document": "document_number",
    "document country": "document_country",
    "account": "accounts",
    "phone": "phones",
    "make": "vehicle_make",
    "role": "person_role",
}


@dataclass(frozen=True, slots=True)
class Rejection:
    """Why a row was not recorded: its row number, the ledger column at fault (or ``*``
    for the whole row), and the reason."""

    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"row {self.row}, {self.column}: {self.reason}"


def split_values(text: str) -> list[str]:
    """The values of a multi-valued cell (``;``, ``|`` or a new line between them)."""
    return [v.strip() for v in re.split(r"[;|\n]", text) if v.strip()]


def cell_text(cell: Cell) -> str:
    if cell is None:
        return ""
    if isinstance(cell, dt.datetime):
        return cell.date().isoformat() if cell.time() == dt.time() else cell.isoformat()
    if isinstance(cell, dt.date):
        return cell.isoformat()
    if isinstance(cell, float) and cell.is_integer() and abs(cell) < 1e15:
        return str(int(cell))
    return str(cell).strip()


class RowReader:
    """The cells of one row by field, collecting the problems met while reading them."""

    def __init__(self, number: int, cells: Mapping[str, Cell], mapping: LedgerMapping) -> None:
        self.number = number
        self.cells = cells
        self.mapping = mapping
        self.problems: list[Rejection] = []

    def column(self, name: str) -> str:
        return self.mapping.column_of(name) or name

    def raw(self, name: str) -> Cell:
        return self.cells.get(name)

    def text(self, name: str) -> str:
        return cell_text(self.cells.get(name))

    def read(self, name: str, reader: Callable[[], T]) -> T | None:
        """``reader()``, or None with the problem noted against field ``name``'s column."""
        try:
            return reader()
        except RecordingError as exc:
            field = _FIELD_OF.get(exc.field, exc.field)
            column = self.mapping.column_of(field) or self.column(name)
            self.problems.append(Rejection(self.number, column, exc.reason))
            return None


def _date(row: RowReader, name: str) -> dt.date | None:
    cell = row.raw(name)
    if isinstance(cell, dt.datetime):
        return cell.date()
    if isinstance(cell, dt.date):
        return cell
    text = row.text(name)
    if not text:
        return None
    return row.read(name, lambda: parse_date(text, name, order=row.mapping.date_order))


def _item(row: RowReader) -> Item | None:
    written = row.text("quantity")
    unit = row.text("unit") or None
    match = _QUANTITY.fullmatch(written) if written else None
    if match is not None and match.group(2):
        number_text, unit_text = match.group(1), match.group(2).strip()
        if unit is None:
            unit = unit_text
        elif unit.lower() != unit_text.lower():
            return row.read(
                "quantity",
                lambda: _fail(
                    "quantity", f"{written!r} says {unit_text} but the unit column says {unit}"
                ),
            )
    else:
        number_text = written
    quantity = row.read("quantity", lambda: parse_number(number_text, "quantity"))
    commodity_text = row.text("commodity")
    commodity = row.mapping.commodities.get(
        " ".join(commodity_text.lower().split()), commodity_text
    )
    if quantity is None:
        return None
    currency = row.text("currency") or None
    calibre = row.text("calibre") or None
    description = row.text("description") or (
        commodity_text if commodity != commodity_text else None
    )

    def build() -> Item:
        try:
            return make_item(
                commodity,
                quantity,
                unit,
                currency=currency,
                calibre=calibre,
                description=description,
            )
        except RecordingError as exc:
            field = {
                "commodity": "commodity",
                "unit": "unit" if row.mapping.column_of("unit") else "quantity",
            }.get(exc.field, exc.field)
            raise RecordingError(field, exc.reason) from None

    return row.read("commodity", build)


def _fail(field: str, reason: str) -> Item:
    raise RecordingError(field, reason)


def _optional(row: RowReader, name: str, build: Callable[[str], T]) -> T | None:
    text = row.text(name)
    return row.read(name, lambda: build(text)) if text else None


#: How a person named with a thing relates to it.
_PERSON_TO = {
    "phone": "used",
    "document": "holds",
    "account": "holds",
    "address": "used",
    "vehicle": "used",
}


def _person(row: RowReader) -> drafts.Entity | None:
    """The person of the row's ``person_*`` fields (None: no name, or a problem noted)."""
    name = row.text("person_name")
    if not name:
        for field in ("person_birth_date", "person_nationality", "person_gender", "person_role"):
            if row.text(field):
                row.problems.append(
                    Rejection(row.number, row.column(field), "given without a person's name")
                )
        return None
    born = _date(row, "person_birth_date")
    return row.read(
        "person_name",
        lambda: drafts.person(
            name, born, row.text("person_nationality") or None, row.text("person_gender") or None
        ),
    )


def _person_links(who: drafts.Entity, parties: list[Party]) -> list[Link]:
    """The person used the phones, vehicle and address and holds the documents and accounts
    found with them."""
    return [
        Link(who, p.entity, _PERSON_TO[p.entity.kind])
        for p in parties
        if p.entity.kind in _PERSON_TO
    ]


def _things(row: RowReader, record: str) -> list[Party]:
    found: list[Party] = []
    region = row.mapping.phone_region
    for value in split_values(row.text("phones")):
        number = row.read("phones", lambda v=value: drafts.phone(v, region))  # type: ignore[misc]
        if number is not None:
            found.append(Party(number, "found"))
    for value in split_values(row.text("accounts")):
        account = row.read("accounts", lambda v=value: drafts.account(v))  # type: ignore[misc]
        if account is not None:
            found.append(Party(account, "found"))
    document_number = row.text("document_number")
    if document_number:
        doc = row.read(
            "document_number",
            lambda: drafts.document(document_number, row.text("document_country") or None),
        )
        if doc is not None:
            found.append(Party(doc, "found"))
    address = _optional(row, "address", drafts.address)
    if address is not None:
        found.append(Party(address, "found"))
    plate, vin = row.text("vehicle_plate"), row.text("vin")
    if plate or vin:
        country = row.text("vehicle_country") or row.mapping.plate_country
        field = "vehicle_plate" if plate else "vin"
        car = row.read(
            field,
            lambda: drafts.vehicle(
                plate or None, country, vin or None, row.text("vehicle_make") or None
            ),
        )
        if car is not None:
            found.append(Party(car, "conveyance"))
    company = _optional(row, "organisation", drafts.organisation) if record == "seizure" else None
    if company is not None:
        role = row.read(
            "organisation_role",
            lambda: check_role(
                "seizure", "organisation", row.text("organisation_role") or "consignee"
            ),
        )
        if role is not None:
            found.append(Party(company, role))
    return found


def _float(row: RowReader, name: str) -> float | None:
    def read(text: str) -> float:
        value = float(text.replace(",", "."))
        return value

    text = row.text(name)
    if not text:
        return None
    try:
        return read(text)
    except ValueError:
        row.problems.append(
            Rejection(row.number, row.column(name), f"{text[:30]!r} is not a number of degrees")
        )
        return None


def seizure_of(row: RowReader) -> SeizureDraft | None:
    for name in REQUIRED:
        if not row.text(name):
            row.problems.append(
                Rejection(row.number, row.column(name), f"{name} is required and empty")
            )
    ref = row.text("ref")
    date = _date(row, "date")
    item = _item(row) if row.text("commodity") and row.text("quantity") else None
    things = _things(row, "seizure")
    links: list[Link] = []
    who = _person(row)
    role = row.read(
        "person_role", lambda: check_role("seizure", "person", row.text("person_role") or "suspect")
    )
    if who is not None and role is not None:
        links = _person_links(who, things)
        things.append(Party(who, role))
    concealment = row.text("concealment")
    concealment = row.mapping.concealment.get(" ".join(concealment.lower().split()), concealment)
    lat, lon = _float(row, "latitude"), _float(row, "longitude")
    if row.problems or item is None or date is None:
        return None
    source = row.text("source") or f"{row.mapping.source}, row {row.number}"
    return row.read(
        "*",
        lambda: SeizureDraft(
            ref=ref,
            date=date,
            items=(item,),
            source=source,
            port=row.text("port").upper() or None,
            place=row.text("place") or None,
            latitude=lat,
            longitude=lon,
            concealment=concealment or None,
            conveyance=row.text("conveyance").lower() or None,
            route_origin=row.text("route_origin") or None,
            route_transit=tuple(split_values(row.text("route_transit"))),
            route_destination=row.text("route_destination") or None,
            notes=row.text("notes") or None,
            parties=tuple(things),
            links=tuple(links),
        ),
    )


#: Fields an arrest must have.
ARREST_REQUIRED = ("ref", "date", "person_name", "charge")


def arrest_of(row: RowReader) -> ArrestDraft | None:
    """The arrest of a row of fields (``ref``, ``date``, ``person_*``, ``charge``,
    ``seizure_ref``, the things found on the person), or None with the problems noted."""
    for name in ARREST_REQUIRED:
        if not row.text(name):
            row.problems.append(
                Rejection(row.number, row.column(name), f"{name} is required and empty")
            )
    date = _date(row, "date")
    who = _person(row)
    things = _things(row, "arrest")
    lat, lon = _float(row, "latitude"), _float(row, "longitude")
    if row.problems or who is None or date is None:
        return None
    return row.read(
        "*",
        lambda: ArrestDraft(
            ref=row.text("ref"),
            date=date,
            person=who,
            charge=row.text("charge"),
            source=row.text("source"),
            port=row.text("port").upper() or None,
            place=row.text("place") or None,
            latitude=lat,
            longitude=lon,
            seizure_ref=row.text("seizure_ref") or None,
            notes=row.text("notes") or None,
            parties=tuple(things),
            links=tuple(_person_links(who, things)),
        ),
    )
