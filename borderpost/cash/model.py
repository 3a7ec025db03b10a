"""A cash declaration as the rules see it: instrument lines, the people involved, the journey.

These are pure values; the service stores them (:mod:`borderpost.store.models.cash`) and reads
them back as the same types, so the rules, the FIU export and courier detection never see a
database row.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from borderpost.cash.profiles import Instrument

__all__ = [
    "DECLARATION_KINDS",
    "GOLD_FORMS",
    "PARTY_ROLES",
    "Declaration",
    "DeclarationKind",
    "Line",
    "Party",
    "PartyRole",
]

DeclarationKind = Literal["accompanied", "unaccompanied", "ex_officio"]
PartyRole = Literal["carrier", "owner", "sender", "recipient", "payer"]
DECLARATION_KINDS: tuple[DeclarationKind, ...] = ("accompanied", "unaccompanied", "ex_officio")
PARTY_ROLES: tuple[PartyRole, ...] = ("carrier", "owner", "sender", "recipient", "payer")
GOLD_FORMS = ("coin", "bar", "nugget", "clump")


@dataclass(frozen=True, slots=True)
class Line:
    """One instrument: ``amount`` of ``currency`` (for gold: its market value), and for gold
    its form and purity (a share, ``0.900`` for 90 %)."""

    instrument: Instrument
    currency: str
    amount: Decimal
    gold_form: str | None = None
    purity: Decimal | None = None
    description: str = ""


@dataclass(frozen=True, slots=True)
class Party:
    """A person or company in a role: who carries the cash, owns it, sends it, receives it,
    or paid the journey. Identifiers are as written; detection normalises them."""

    role: PartyRole
    name: str
    birth_date: dt.date | None = None
    nationality: str | None = None
    document: str | None = None
    phone: str | None = None
    address: str | None = None
    account: str | None = None


@dataclass(frozen=True, slots=True)
class Declaration:
    """A declaration (or disclosure, or an ex officio record of undeclared cash).

    ``party_ref`` groups a family or travelling party, ``conveyance_ref`` one vehicle, vessel or
    consignment batch, ``booking_ref`` the travel booking (PNR locator) when one is known.
    """

    ref: str
    kind: DeclarationKind
    day: dt.date
    port: str
    direction: Literal["entry", "exit"]
    lines: tuple[Line, ...]
    parties: tuple[Party, ...]
    origin: str = ""
    destination: str = ""
    route: str = ""
    intended_use: str = ""
    source_of_funds: str = ""
    party_ref: str | None = None
    conveyance_ref: str | None = None
    booking_ref: str | None = None

    def role(self, role: PartyRole) -> tuple[Party, ...]:
        """The parties in ``role``."""
        return tuple(party for party in self.parties if party.role == role)

    @property
    def carrier(self) -> Party | None:
        """The person who carries (or, unaccompanied, consigns) the cash."""
        found = self.role("carrier")
        return found[0] if found else None
