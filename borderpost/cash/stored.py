"""Stored cash records read back as domain values, and the exchange-rate table kept in the
database (imported from CSV by ``borderpost cash rates import``). Never commits."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.cash.model import Declaration, Line, Party
from borderpost.cash.profiles import Instrument
from borderpost.cash.rates import MAX_AGE_DAYS, Rate, RateTable
from borderpost.inspection.errors import NotFound
from borderpost.store.models import CashDeclaration, CashLine, CashParty, CashRate, Port

__all__ = ["declaration_row", "domain", "domains", "import_rates", "stored_rates"]


def declaration_row(session: Session, declaration_id: int) -> CashDeclaration:
    """The stored declaration ``declaration_id``.

    Raises:
        NotFound: no such declaration.
    """
    row = session.get(CashDeclaration, declaration_id)
    if row is None:
        raise NotFound(f"cash declaration {declaration_id} does not exist")
    return row


def _party(row: CashParty) -> Party:
    return Party(
        role=row.role,  # type: ignore[arg-type]  # checked by the table's constraint
        name=row.name,
        birth_date=row.birth_date,
        nationality=row.nationality,
        document=row.document,
        phone=row.phone,
        address=row.address,
        account=row.account,
    )


def _line(row: CashLine) -> Line:
    instrument: Instrument = row.instrument  # type: ignore[assignment]  # table constraint
    return Line(instrument, row.currency, row.amount, row.gold_form, row.purity, row.description)


def domains(session: Session, rows: Iterable[CashDeclaration]) -> list[Declaration]:
    """Stored declarations as domain values, with their lines and parties (three queries)."""
    chosen = list(rows)
    ids = [row.id for row in chosen]
    lines: dict[int, list[Line]] = {}
    parties: dict[int, list[Party]] = {}
    ports = dict(session.execute(select(Port.id, Port.code)).all())
    if ids:
        for line in session.scalars(
            select(CashLine).where(CashLine.declaration_id.in_(ids)).order_by(CashLine.id)
        ):
            lines.setdefault(line.declaration_id, []).append(_line(line))
        for party in session.scalars(
            select(CashParty).where(CashParty.declaration_id.in_(ids)).order_by(CashParty.id)
        ):
            parties.setdefault(party.declaration_id, []).append(_party(party))
    return [
        Declaration(
            ref=row.ref,
            kind=row.kind,  # type: ignore[arg-type]  # checked by the table's constraint
            day=row.occurred_at.date(),
            port=ports.get(row.port_id, str(row.port_id)),
            direction=row.direction,  # type: ignore[arg-type]
            lines=tuple(lines.get(row.id, ())),
            parties=tuple(parties.get(row.id, ())),
            origin=row.origin,
            destination=row.destination,
            route=row.route,
            intended_use=row.intended_use,
            source_of_funds=row.source_of_funds,
            party_ref=row.party_ref,
            conveyance_ref=row.conveyance_ref,
            booking_ref=row.booking_ref,
        )
        for row in chosen
    ]


def domain(session: Session, row: CashDeclaration) -> Declaration:
    """One stored declaration as a domain value."""
    return domains(session, [row])[0]


def stored_rates(session: Session, *, max_age_days: int = MAX_AGE_DAYS) -> RateTable:
    """Every stored rate as a table."""
    table = RateTable(max_age_days=max_age_days)
    for row in session.scalars(select(CashRate)):
        table.add(Rate(row.day, row.currency, row.quote, row.rate))
    return table


def import_rates(session: Session, rates: RateTable, *, actor: str, now: dt.datetime) -> int:
    """Store ``rates``, replacing a stored rate of the same pair and day; the count stored."""
    existing = {
        (row.currency, row.quote, row.day): row for row in session.scalars(select(CashRate))
    }
    count = 0
    for rate in rates:
        row = existing.get((rate.currency, rate.quote, rate.day))
        if row is None:
            session.add(
                CashRate(
                    day=rate.day,
                    currency=rate.currency,
                    quote=rate.quote,
                    rate=rate.rate,
                    imported_by=actor,
                    imported_at=now,
                )
            )
        else:
            row.rate, row.imported_by, row.imported_at = rate.rate, actor, now
        count += 1
    session.flush()
    return count
