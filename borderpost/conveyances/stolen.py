"""Stolen-vehicle lookups by VIN and engine number: exact first, then OCR-confusion tolerant.

A VIN read off a dashboard plate or keyed from a registration card is often off by a
confusable character (``0``/``O``/``D``/``Q``, ``1``/``I``/``L``, ``5``/``S``, ``8``/``B``,
``2``/``Z``, ``6``/``G``). Each reported VIN and engine number is kept under its exact form
and under a *confusion key* in which every confusable character is replaced by its class; a
lookup that misses exactly but meets the same key is a tolerant hit, with the differing
positions named. Hits are candidates for a person to confirm, never verdicts.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

__all__ = ["StolenHit", "StolenIndex", "StolenVehicle", "compact", "confusion_key"]

_CLASSES = {
    "O": "0",
    "Q": "0",
    "D": "0",
    "I": "1",
    "L": "1",
    "Z": "2",
    "S": "5",
    "B": "8",
    "G": "6",
}
_SEPARATORS = re.compile(r"[\s\-./]+")


def compact(text: str) -> str:
    """Upper case, separators removed."""
    return _SEPARATORS.sub("", text).upper()


def confusion_key(text: str) -> str:
    """``text`` compacted, each OCR-confusable character replaced by its class digit."""
    return "".join(_CLASSES.get(c, c) for c in compact(text))


@dataclass(frozen=True, slots=True)
class StolenVehicle:
    """One reported vehicle. ``vin`` and ``engine_number`` are compacted (either may be
    empty, not both)."""

    vin: str
    engine_number: str = ""
    plate: str = ""
    country: str = ""
    make: str = ""
    model: str = ""
    reported_on: dt.date | None = None
    reference: str = ""
    list_name: str = ""


@dataclass(frozen=True, slots=True)
class StolenHit:
    """A reported vehicle that a lookup met: on which identifier, exactly or not, and why."""

    record: StolenVehicle
    field: str  # "vin" or "engine_number"
    exact: bool
    reason: str

    def to_dict(self) -> dict[str, object]:
        r = self.record
        return {
            "field": self.field,
            "exact": self.exact,
            "reason": self.reason,
            "vin": r.vin,
            "engine_number": r.engine_number,
            "plate": r.plate,
            "country": r.country,
            "make": r.make,
            "model": r.model,
            "reported_on": r.reported_on.isoformat() if r.reported_on else None,
            "reference": r.reference,
            "list": r.list_name,
        }


def _differences(asked: str, found: str) -> str:
    return ", ".join(
        f"position {i}: {a} for {b}"
        for i, (a, b) in enumerate(zip(asked, found, strict=True), start=1)
        if a != b
    )


class StolenIndex:
    """Reported vehicles held in memory, keyed by exact and confusion-tolerant forms."""

    def __init__(self, records: Iterable[StolenVehicle]) -> None:
        self.records = tuple(records)
        self._exact: dict[tuple[str, str], list[StolenVehicle]] = defaultdict(list)
        self._loose: dict[tuple[str, str], list[StolenVehicle]] = defaultdict(list)
        for record in self.records:
            for name in ("vin", "engine_number"):
                value = getattr(record, name)
                if value:
                    self._exact[name, value].append(record)
                    self._loose[name, confusion_key(value)].append(record)

    def __len__(self) -> int:
        return len(self.records)

    def _one(self, name: str, text: str, label: str) -> list[StolenHit]:
        value = compact(text)
        if len(value) < 4:
            return []
        hits = [
            StolenHit(
                record,
                name,
                True,
                f"{label} {value} reported stolen"
                + (f" ({record.reference})" if record.reference else ""),
            )
            for record in self._exact.get((name, value), ())
        ]
        seen = {id(hit.record) for hit in hits}
        for record in self._loose.get((name, confusion_key(value)), ()):
            if id(record) in seen:
                continue
            found = getattr(record, name)
            hits.append(
                StolenHit(
                    record,
                    name,
                    False,
                    f"{label} {value} matches reported {found} if read with OCR confusions "
                    f"({_differences(value, found)})",
                )
            )
        return hits

    def lookup(
        self, *, vin: str | None = None, engine_number: str | None = None
    ) -> list[StolenHit]:
        """Reported vehicles matching ``vin`` or ``engine_number``: exact hits first."""
        hits: list[StolenHit] = []
        if vin:
            hits += self._one("vin", vin, "VIN")
        if engine_number:
            hits += self._one("engine_number", engine_number, "engine number")
        unique: dict[tuple[int, str], StolenHit] = {}
        for hit in hits:
            unique.setdefault((id(hit.record), hit.field), hit)
        return sorted(unique.values(), key=lambda h: not h.exact)
