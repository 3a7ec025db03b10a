"""What one intelligence record says, reduced to what links it to other records.

A :class:`RecordFacts` is the common currency between the records an agency keeps (seizures,
arrests, crossings, bookings, declarations, list entries) and the analysis that links them
(leads, maps, timelines, exchange). Each record service turns its own rows into facts; the
analysis never needs to know the tables behind them.

Identifiers are ``(kind, value)`` pairs with the value already normalised by its owner
(a phone in E.164, a plate per its country's pattern, a document number without fillers,
an IBAN without spaces, a person as the name engine's key with birth date).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

__all__ = ["IDENTIFIER_KINDS", "RECORD_KINDS", "RecordFacts"]

#: Kinds of record that carry facts.
RECORD_KINDS = frozenset(
    {"seizure", "arrest", "crossing", "booking", "declaration", "watchlist", "note"}
)

#: Kinds of identifier that can link two records.
IDENTIFIER_KINDS = frozenset(
    {
        "person",
        "organisation",
        "phone",
        "document",
        "vehicle",
        "vin",
        "account",
        "address",
        "email",
        "container",
        "flight",
    }
)


@dataclass(frozen=True, slots=True)
class RecordFacts:
    """One record: its reference (``S-12``, ``A-7``, ``PNR ABC123``), kind, date, a short
    human summary (``4.1 kg cocaine``), where it happened, and the identifiers it names."""

    ref: str
    kind: str
    date: date
    summary: str
    identifiers: tuple[tuple[str, str], ...] = ()
    place: str | None = None
    latitude: float | None = None
    longitude: float | None = None

    def __post_init__(self) -> None:
        if self.kind not in RECORD_KINDS:
            raise ValueError(
                f"unknown record kind {self.kind!r}; expected one of {sorted(RECORD_KINDS)}"
            )
        for kind, value in self.identifiers:
            if kind not in IDENTIFIER_KINDS:
                raise ValueError(
                    f"unknown identifier kind {kind!r} in {self.ref}; "
                    f"expected one of {sorted(IDENTIFIER_KINDS)}"
                )
            if not value:
                raise ValueError(f"empty {kind} identifier in {self.ref}")
        if (self.latitude is None) != (self.longitude is None):
            raise ValueError(f"{self.ref}: latitude and longitude come together or not at all")
