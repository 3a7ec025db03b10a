"""The column mapping of a seizure ledger (a TOML file): which ledger column holds which
field, how its dates are written, the region of its phone numbers and plates, and the
ledger's own spellings of commodities and concealment methods.

.. code-block:: toml

    [ledger]
    source = "Namanga seizure ledger 2025"   # each record's source: this and its row number
    date_order = "DMY"                       # 02/03/2026 is 2 March
    phone_region = "KE"                      # numbers without a country code
    plate_country = "KE"                     # plates without a country column
    sheet = "Seizures"                       # XLSX: the sheet (default: the first)

    [columns]
    "Ref No" = "ref"
    "Date" = "date"
    "Drug/Item" = "commodity"
    "Qty" = "quantity"

    [commodities]
    "Bhang (rolls)" = "narcotics/cannabis_herb"
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field

from borderpost.intel.recording.errors import RecordingError
from borderpost.intel.recording.identifiers import normalize_country
from borderpost.intel.recording.taxonomy import normalize_concealment, taxonomy
from borderpost.intel.recording.values import DATE_ORDERS

__all__ = ["FIELDS", "REQUIRED", "LedgerMapping", "MappingError", "parse_mapping"]

#: Every field a ledger column can feed, with what it holds.
FIELDS: Mapping[str, str] = {
    "ref": "the seizure's reference (unique)",
    "date": "the date of the seizure",
    "port": "the port of entry's code",
    "place": "where, in words",
    "latitude": "latitude in degrees",
    "longitude": "longitude in degrees",
    "commodity": "what was seized (a type, CATEGORY/TYPE or an alias)",
    "quantity": "how much (a number, or a number with its unit: 4.1 kg)",
    "unit": "the unit of the quantity (kg, g, lbs, pcs, m3 ...)",
    "currency": "ISO 4217 currency of seized cash",
    "calibre": "calibre of firearms or ammunition",
    "description": "the item in words",
    "concealment": "how it was hidden",
    "conveyance": "vehicle, vessel, aircraft, container, pedestrian, postal ...",
    "route_origin": "where the consignment or traveller came from",
    "route_transit": "places in transit (separated by ; or |)",
    "route_destination": "where it was going",
    "notes": "free text",
    "source": "where the row comes from (default: the ledger and its row number)",
    "person_name": "the suspect's full name",
    "person_birth_date": "the suspect's birth date",
    "person_nationality": "the suspect's nationality (ISO 3166)",
    "person_gender": "M, F or X",
    "person_role": "courier, organiser, owner, payer ... (default: suspect)",
    "phones": "phone numbers (separated by ; or |)",
    "document_number": "the suspect's travel document number",
    "document_country": "the document's issuing country",
    "vehicle_plate": "the conveyance's number plate",
    "vehicle_country": "the plate's country",
    "vin": "the vehicle identification number",
    "vehicle_make": "make and model",
    "accounts": "bank accounts or IBANs (separated by ; or |)",
    "address": "an address named in the record",
    "organisation": "a company named in the record (consignor, consignee, carrier)",
    "organisation_role": "the company's role (default: consignee)",
}
#: Fields every ledger must map.
REQUIRED = ("ref", "date", "commodity", "quantity")


class MappingError(ValueError):
    """A mapping file that cannot be used; the message names the key and the problem."""


@dataclass(frozen=True, slots=True)
class LedgerMapping:
    """A validated mapping: ledger column → field, and how to read the values."""

    columns: Mapping[str, str]
    source: str = "ledger"
    date_order: str = "DMY"
    phone_region: str | None = None
    plate_country: str | None = None
    sheet: str | None = None
    commodities: Mapping[str, str] = field(default_factory=dict)
    concealment: Mapping[str, str] = field(default_factory=dict)

    def column_of(self, name: str) -> str | None:
        """The ledger column that feeds field ``name``."""
        for column, target in self.columns.items():
            if target == name:
                return column
        return None


def _str(table: Mapping[str, object], key: str, default: str | None) -> str | None:
    value = table.get(key, default)
    if value is not None and not isinstance(value, str):
        raise MappingError(f"[ledger] {key} must be text, not {value!r}")
    return value


def parse_mapping(text: str) -> LedgerMapping:
    """Read a mapping file's text.

    Raises:
        MappingError: not TOML, an unknown field, a field fed by two columns, a required
            field missing, an unknown date order or region, a commodity or concealment
            spelling that names nothing in the taxonomy.
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(f"the mapping is not TOML: {exc}") from None
    unknown = sorted(set(data) - {"ledger", "columns", "commodities", "concealment"})
    if unknown:
        raise MappingError(
            f"unknown section(s) {', '.join(unknown)} (ledger, columns, commodities, concealment)"
        )
    columns = data.get("columns")
    if not isinstance(columns, dict) or not columns:
        raise MappingError("[columns] is missing: map each ledger column to a field")
    seen: dict[str, str] = {}
    for column, target in columns.items():
        if not isinstance(target, str) or target not in FIELDS:
            raise MappingError(
                f"[columns] {column!r} = {target!r}: not a field ({', '.join(FIELDS)})"
            )
        if target in seen:
            raise MappingError(f"[columns] {seen[target]!r} and {column!r} both feed {target}")
        seen[target] = column
    missing = [name for name in REQUIRED if name not in seen]
    if missing:
        raise MappingError(f"[columns] maps no column to {', '.join(missing)} (required)")
    ledger = data.get("ledger", {})
    if not isinstance(ledger, dict):
        raise MappingError("[ledger] must be a table")
    extra = sorted(set(ledger) - {"source", "date_order", "phone_region", "plate_country", "sheet"})
    if extra:
        raise MappingError(f"[ledger] has unknown key(s) {', '.join(extra)}")
    order = (_str(ledger, "date_order", "DMY") or "DMY").upper()
    if order not in DATE_ORDERS:
        raise MappingError(f"[ledger] date_order {order!r} is not one of {', '.join(DATE_ORDERS)}")
    regions: dict[str, str | None] = {}
    for key in ("phone_region", "plate_country"):
        value = _str(ledger, key, None)
        try:
            regions[key] = normalize_country(value, key) if value else None
        except RecordingError as exc:
            raise MappingError(f"[ledger] {exc}") from None
    commodities = data.get("commodities", {})
    for spelling, target in commodities.items():
        try:
            taxonomy().commodity(str(target))
        except RecordingError as exc:
            raise MappingError(f"[commodities] {spelling!r}: {exc.reason}") from None
    concealment = data.get("concealment", {})
    for spelling, target in concealment.items():
        try:
            normalize_concealment(str(target))
        except RecordingError as exc:
            raise MappingError(f"[concealment] {spelling!r}: {exc.reason}") from None
    return LedgerMapping(
        columns=dict(columns),
        source=_str(ledger, "source", "ledger") or "ledger",
        date_order=order,
        phone_region=regions["phone_region"],
        plate_country=regions["plate_country"],
        sheet=_str(ledger, "sheet", None),
        commodities={" ".join(k.lower().split()): str(v) for k, v in commodities.items()},
        concealment={" ".join(k.lower().split()): str(v) for k, v in concealment.items()},
    )
