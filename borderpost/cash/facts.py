"""A declaration as intelligence facts (:class:`borderpost.intel.facts.RecordFacts`), so that
declarations and courier alerts join seizures, arrests and bookings in the link analysis."""

from __future__ import annotations

from decimal import Decimal

from borderpost.cash.identifiers import account_key, address_key, person_key, phone_key
from borderpost.cash.model import Declaration
from borderpost.cash.money import format_amount
from borderpost.intel.facts import RecordFacts

__all__ = ["facts_of"]


def _summary(declaration: Declaration) -> str:
    totals: dict[str, Decimal] = {}
    for line in declaration.lines:
        totals[line.currency] = totals.get(line.currency, Decimal(0)) + line.amount
    amounts = " + ".join(format_amount(v, c) for c, v in sorted(totals.items())) or "no cash"
    kind = declaration.kind.replace("_", " ")
    return f"{amounts} ({kind} declaration, {declaration.direction})"


def facts_of(declaration: Declaration) -> RecordFacts:
    """The declaration's reference, day, summary, port and every identifier it names: each
    party as a person (name key with birth date), their phones, addresses, accounts and
    document numbers. (A booking is a record of its own, ``PNR ABC123``, linked through the
    persons it names.)"""
    found: list[tuple[str, str]] = []
    for party in declaration.parties:
        found.append(("person", person_key(party)))
        if party.phone and (phone := phone_key(party.phone)):
            found.append(("phone", phone))
        if party.address and (address := address_key(party.address)):
            found.append(("address", address))
        if party.account and (account := account_key(party.account)):
            found.append(("account", account))
        if party.document and (document := account_key(party.document)):
            found.append(("document", document))
    return RecordFacts(
        ref=declaration.ref,
        kind="declaration",
        date=declaration.day,
        summary=_summary(declaration),
        identifiers=tuple(dict.fromkeys(found)),
        place=declaration.port,
    )
