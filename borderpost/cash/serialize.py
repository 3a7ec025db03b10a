"""Declarations and rate tables as plain JSON and CSV (for files written by the simulator
and for interchange); amounts stay decimal strings."""

from __future__ import annotations

from typing import Any

from borderpost.cash.model import Declaration
from borderpost.cash.rates import HEADER, RateTable

__all__ = ["declaration_json", "rates_csv"]


def declaration_json(declaration: Declaration) -> dict[str, Any]:
    """A declaration as a JSON-ready dict (dates ISO, amounts and purities as strings)."""
    return {
        "ref": declaration.ref,
        "kind": declaration.kind,
        "date": declaration.day.isoformat(),
        "port": declaration.port,
        "direction": declaration.direction,
        "lines": [
            {
                "instrument": line.instrument,
                "currency": line.currency,
                "amount": str(line.amount),
                "gold_form": line.gold_form,
                "purity": None if line.purity is None else str(line.purity),
            }
            for line in declaration.lines
        ],
        "parties": [
            {
                "role": party.role,
                "name": party.name,
                "birth_date": None if party.birth_date is None else party.birth_date.isoformat(),
                "nationality": party.nationality,
                "document": party.document,
                "phone": party.phone,
                "address": party.address,
                "account": party.account,
            }
            for party in declaration.parties
        ],
        "origin": declaration.origin,
        "intended_use": declaration.intended_use,
        "source_of_funds": declaration.source_of_funds,
        "party_ref": declaration.party_ref,
        "booking_ref": declaration.booking_ref,
    }


def rates_csv(rates: RateTable) -> str:
    """The table as the CSV ``borderpost cash rates import`` reads."""
    rows = [",".join(HEADER)]
    rows.extend(f"{r.day.isoformat()},{r.currency},{r.quote},{r.rate}" for r in rates)
    return "\n".join(rows) + "\n"
