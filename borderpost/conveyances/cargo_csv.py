"""Cargo manifests from CSV: one row per goods line or container, grouped by bill of lading.

Port systems export manifests with their own headers. :data:`DEFAULT_COLUMNS` recognises the
common ones (``B/L No``, ``Bill of lading``, ``Shipper``, ``Container``, ``Seal``, ``HS``,
``Gross weight (kg)``, ...); a ``mapping`` (our field → their header) overrides them. Rows
with the same bill of lading make one consignment: each distinct container once, each row's
goods line once. Lists inside a cell (seals, transhipment ports) are separated by ``;`` or
``|``. Every unreadable value becomes a :class:`~borderpost.conveyances.cargo.CargoWarning`
naming its line and column; a file without a bill-of-lading column is refused.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from borderpost.conveyances.cargo import (
    CargoManifest,
    CargoWarning,
    Consignment,
    Equipment,
    GoodsItem,
    Party,
)
from borderpost.conveyances.containers import read_container
from borderpost.conveyances.seals import Seal

__all__ = ["DEFAULT_COLUMNS", "FIELDS", "CargoCsvError", "read_cargo_csv"]

#: Our fields and the headers recognised for each (compared case- and punctuation-blind).
DEFAULT_COLUMNS: Mapping[str, tuple[str, ...]] = {
    "bill_of_lading": (
        "bill_of_lading",
        "bl",
        "b/l",
        "b/l no",
        "bl number",
        "bill of lading",
        "awb",
        "house bill",
    ),
    "shipper": ("shipper", "shipper name", "consignor"),
    "shipper_address": ("shipper address",),
    "shipper_country": ("shipper country",),
    "consignee": ("consignee", "consignee name"),
    "consignee_address": ("consignee address",),
    "consignee_country": ("consignee country",),
    "notify": ("notify", "notify party"),
    "place_of_receipt": ("place of receipt", "receipt"),
    "place_of_loading": ("place of loading", "port of loading", "pol", "loading"),
    "transhipment": ("transhipment", "transshipment", "via", "transhipment ports"),
    "place_of_discharge": ("place of discharge", "port of discharge", "pod", "discharge"),
    "place_of_delivery": ("place of delivery", "delivery", "final destination"),
    "description": ("description", "goods description", "goods", "commodity"),
    "hs_code": ("hs", "hs code", "hs_code", "tariff code", "commodity code"),
    "packages": ("packages", "pieces", "piece count", "no of packages", "quantity"),
    "package_type": ("package type", "packaging", "unit"),
    "gross_kg": ("gross kg", "gross weight", "gross weight kg", "weight kg", "weight"),
    "container": ("container", "container number", "container no", "equipment"),
    "size_type": ("size type", "container type", "iso type"),
    "seals": ("seal", "seals", "seal number", "seal numbers"),
    "empty": ("empty",),
}
FIELDS = tuple(DEFAULT_COLUMNS)
_LIST = re.compile(r"[;|]")


class CargoCsvError(ValueError):
    """The file cannot be read as a cargo CSV (no header, no bill-of-lading column, an
    unknown field in the mapping, or a mapped header that is not in the file)."""


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9/]+", " ", header.lower()).strip()


def _columns(headers: list[str], mapping: Mapping[str, str] | None) -> dict[str, int]:
    found: dict[str, int] = {}
    keys = [_key(h) for h in headers]
    for our, aliases in DEFAULT_COLUMNS.items():
        for alias in aliases:
            if _key(alias) in keys:
                found[our] = keys.index(_key(alias))
                break
    for our, theirs in (mapping or {}).items():
        if our not in DEFAULT_COLUMNS:
            raise CargoCsvError(
                f"unknown field {our!r} in the column mapping (fields: {', '.join(FIELDS)})"
            )
        if _key(theirs) not in keys:
            raise CargoCsvError(f"column {theirs!r} (mapped to {our}) is not in the header")
        found[our] = keys.index(_key(theirs))
    if "bill_of_lading" not in found:
        raise CargoCsvError(
            "no bill-of-lading column: name one with a mapping (bill_of_lading=<header>)"
        )
    return found


@dataclass(slots=True)
class _Bill:
    first: dict[str, str]
    goods: list[GoodsItem] = field(default_factory=list)
    boxes: dict[str, Equipment] = field(default_factory=dict)


def _number(text: str, what: str, line: int, warnings: list[CargoWarning]) -> float | None:
    if not text:
        return None
    try:
        value = float(text.replace(" ", "").replace(",", ""))
    except ValueError:
        value = -1.0
    if not (0 <= value < 1e9):
        warnings.append(
            CargoWarning("bad_number", f"{what} {text!r} is not a number", f"line {line}")
        )
        return None
    return value


def read_cargo_csv(
    data: bytes | str, *, mapping: Mapping[str, str] | None = None, **voyage: str
) -> CargoManifest:
    """A manifest from CSV text (``voyage`` fills the manifest's own fields: ``reference``,
    ``vessel``, ``imo``, ``voyage``, ``carrier``, ``arrival``, ``departure``).

    Raises:
        CargoCsvError: the file has no header or no bill-of-lading column, or the mapping
        names an unknown field or a header the file lacks.
    """
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    text = text.lstrip("\ufeff").replace("\x00", "")
    header = text.splitlines()[0] if text.strip() else ""
    delimiter = max(",;\t|", key=header.count)  # the header's own separator
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise CargoCsvError(f"the file cannot be read as CSV: {exc}") from exc
    if not rows or not any(cell.strip() for cell in rows[0]):
        raise CargoCsvError("the file is empty or has no header row")
    columns = _columns(rows[0], mapping)
    warnings: list[CargoWarning] = []
    bills: dict[str, _Bill] = {}
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {our: row[i].strip() if i < len(row) else "" for our, i in columns.items()}
        bill = cell["bill_of_lading"]
        if not bill:
            warnings.append(
                CargoWarning(
                    "missing_bill_of_lading", "row without a bill of lading skipped", f"line {line}"
                )
            )
            continue
        entry = bills.setdefault(bill, _Bill(cell))
        _add_row(entry, cell, line, warnings)
    consignments = tuple(_consignment(bill, entry) for bill, entry in bills.items())
    if not consignments:
        warnings.append(CargoWarning("no_consignments", "the file holds no consignment rows"))
    known = {"reference", "vessel", "imo", "voyage", "carrier", "arrival", "departure"}
    extra = set(voyage) - known
    if extra:
        raise CargoCsvError(f"unknown manifest field(s): {', '.join(sorted(extra))}")
    return CargoManifest(
        reference=voyage.get("reference", ""),
        carrier=voyage.get("carrier", ""),
        vessel=voyage.get("vessel", ""),
        imo=voyage.get("imo", ""),
        voyage=voyage.get("voyage", ""),
        departure=voyage.get("departure", ""),
        arrival=voyage.get("arrival", ""),
        consignments=consignments,
        warnings=tuple(warnings),
    )


def _add_row(entry: _Bill, cell: dict[str, str], line: int, warnings: list[CargoWarning]) -> None:
    description, hs = cell.get("description", ""), cell.get("hs_code", "")
    packages = _number(cell.get("packages", ""), "package count", line, warnings)
    weight = _number(cell.get("gross_kg", ""), "gross weight", line, warnings)
    hs_digits = "".join(c for c in hs if c.isdigit())
    if hs and not hs_digits:
        warnings.append(
            CargoWarning("bad_hs_code", f"HS code {hs!r} holds no digits", f"line {line}")
        )
    item = GoodsItem(
        description,
        hs_digits,
        int(packages) if packages is not None else None,
        cell.get("package_type", ""),
        weight,
    )
    if item not in entry.goods and (description or hs_digits or packages is not None):
        entry.goods.append(item)
    written = cell.get("container", "")
    if not written:
        return
    reading = read_container(written)
    if reading.number is None:
        warnings.append(
            CargoWarning("bad_container_number", f"{written!r}: {reading.reason}", f"line {line}")
        )
    elif not reading.valid:
        warnings.append(
            CargoWarning(
                "bad_container_check", f"{reading.number}: {reading.reason}", f"line {line}"
            )
        )
    number = reading.number or written.upper()
    seals = tuple(
        Seal.normalize(s) or s.strip().upper()
        for s in _LIST.split(cell.get("seals", ""))
        if s.strip()
    )
    empty = cell.get("empty", "").lower() in {"y", "yes", "true", "1", "e", "empty"}
    previous = entry.boxes.get(number)
    if previous is None:
        entry.boxes[number] = Equipment(
            number, cell.get("size_type", ""), not empty, seals, None, reading.valid
        )
    else:
        merged = tuple(dict.fromkeys((*previous.seals, *seals)))
        entry.boxes[number] = Equipment(
            number, previous.size_type, previous.full, merged, None, previous.check_digit_ok
        )


def _party(cell: dict[str, str], role: str) -> Party | None:
    name = cell.get(role, "")
    if not name:
        return None
    return Party(name, cell.get(f"{role}_address", ""), cell.get(f"{role}_country", "").upper())


def _consignment(bill: str, entry: _Bill) -> Consignment:
    first = entry.first
    return Consignment(
        bill_of_lading=bill,
        shipper=_party(first, "shipper"),
        consignee=_party(first, "consignee"),
        notify=_party(first, "notify"),
        place_of_receipt=first.get("place_of_receipt", "").upper(),
        place_of_loading=first.get("place_of_loading", "").upper(),
        transhipment=tuple(
            p.strip().upper() for p in _LIST.split(first.get("transhipment", "")) if p.strip()
        ),
        place_of_discharge=first.get("place_of_discharge", "").upper(),
        place_of_delivery=first.get("place_of_delivery", "").upper(),
        goods=tuple(entry.goods),
        equipment=tuple(entry.boxes.values()),
    )
