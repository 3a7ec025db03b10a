"""Stolen-vehicle lists from CSV (the shape national police exports and INTERPOL SMV extracts
take once flattened): a header row with at least a ``vin`` or an ``engine_number`` column.

Recognised headers (case- and punctuation-blind): ``vin`` / ``chassis`` / ``chassis number``,
``engine`` / ``engine number``, ``plate`` / ``registration``, ``country``, ``make``, ``model``,
``reported`` / ``reported on`` / ``date`` (ISO ``YYYY-MM-DD`` or ``DD/MM/YYYY``),
``reference`` / ``case``. A row naming neither a VIN nor an engine number, or with a date
that cannot be read, is an error naming its line: the caller refuses the whole file, so a
list is never half imported.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from dataclasses import dataclass, field

from borderpost.conveyances.stolen import StolenVehicle, compact
from borderpost.conveyances.vin import VIN

__all__ = ["StolenListReading", "read_stolen_csv"]

_ALIASES = {
    "vin": ("vin", "chassis", "chassis number", "chassis no", "vehicle identification number"),
    "engine_number": ("engine", "engine number", "engine no", "motor number"),
    "plate": ("plate", "registration", "registration number", "licence plate", "license plate"),
    "country": ("country", "registration country"),
    "make": ("make", "manufacturer", "brand"),
    "model": ("model",),
    "reported_on": ("reported", "reported on", "date", "date reported", "theft date"),
    "reference": ("reference", "case", "case number", "ref"),
}


@dataclass(slots=True)
class StolenListReading:
    """The vehicles read, errors (each refuses the file) and warnings (kept rows with odd
    values), each naming its line."""

    vehicles: list[StolenVehicle] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _key(header: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", header.lower()).strip()


def _date(text: str) -> dt.date | None:
    for layout in ("%Y-%m-%d", "%d/%m/%Y", "%Y%m%d"):
        try:
            return dt.datetime.strptime(text, layout).date()
        except ValueError:
            continue
    raise ValueError(text)


def read_stolen_csv(data: bytes | str, *, list_name: str = "stolen vehicles") -> StolenListReading:
    """Read a stolen-vehicle CSV; check ``errors`` before using ``vehicles``."""
    text = data.decode("utf-8-sig", errors="replace") if isinstance(data, bytes) else data
    out = StolenListReading()
    try:
        rows = list(csv.reader(io.StringIO(text.replace("\x00", ""), newline="")))
    except csv.Error as exc:
        out.errors.append(f"the file cannot be read as CSV: {exc}")
        return out
    if not rows:
        out.errors.append("the file is empty")
        return out
    keys = [_key(h) for h in rows[0]]
    columns = {
        ours: keys.index(alias)
        for ours, aliases in _ALIASES.items()
        for alias in aliases
        if alias in keys
    }
    if "vin" not in columns and "engine_number" not in columns:
        out.errors.append(
            "header has neither a VIN nor an engine-number column "
            f"(found: {', '.join(rows[0]) or 'nothing'})"
        )
        return out
    for line, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        cell = {ours: row[i].strip() if i < len(row) else "" for ours, i in columns.items()}
        vin, engine = compact(cell.get("vin", "")), compact(cell.get("engine_number", ""))
        if not vin and not engine:
            out.errors.append(f"line {line}: neither a VIN nor an engine number")
            continue
        if len(vin) > 32 or len(engine) > 32:
            out.errors.append(f"line {line}: VIN or engine number longer than 32 characters")
            continue
        if vin and VIN.normalize(vin) is None:
            out.warnings.append(f"line {line}: {vin} is not a 17-character VIN (kept as written)")
        reported: dt.date | None = None
        if cell.get("reported_on"):
            try:
                reported = _date(cell["reported_on"])
            except ValueError:
                out.errors.append(
                    f"line {line}: date {cell['reported_on']!r} is not YYYY-MM-DD or DD/MM/YYYY"
                )
                continue
        out.vehicles.append(
            StolenVehicle(
                vin=vin,
                engine_number=engine,
                plate=compact(cell.get("plate", ""))[:16],
                country=cell.get("country", "").upper()[:3],
                make=cell.get("make", "")[:64],
                model=cell.get("model", "")[:64],
                reported_on=reported,
                reference=cell.get("reference", "")[:128],
                list_name=list_name,
            )
        )
    if not out.vehicles and not out.errors:
        out.errors.append("the file holds no vehicle rows")
    return out
