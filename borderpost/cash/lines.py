"""Declaration lines and parties typed as short text (the CLI's ``--line`` and ``--party``):
``currency:USD:12000``, ``gold:EUR:15000:coin:0.900``; ``recipient=OUSMANE KANE;account=..``.
Every refusal names the part that is wrong."""

from __future__ import annotations

import datetime as dt

from borderpost.cash.model import GOLD_FORMS, PARTY_ROLES, Line, Party, PartyRole
from borderpost.cash.money import parse_amount, parse_currency
from borderpost.cash.profiles import INSTRUMENTS, Instrument

__all__ = ["parse_line", "parse_party"]

_PARTY_FIELDS = ("birth", "nationality", "document", "phone", "address", "account")
_MAX = 200


def parse_line(text: str) -> Line:
    """``INSTRUMENT:CURRENCY:AMOUNT`` or, for gold, ``gold:CURRENCY:VALUE:FORM:PURITY``.

    Raises:
        ValueError: the message names the part that is wrong.
    """
    parts = [part.strip() for part in text.split(":")]
    if len(parts) not in (3, 5):
        raise ValueError(
            f"line {text[:60]!r}: write INSTRUMENT:CURRENCY:AMOUNT (gold: gold:EUR:15000:coin:0.9)"
        )
    instrument = parts[0].lower()
    if instrument not in INSTRUMENTS:
        raise ValueError(f"line {text[:60]!r}: instrument must be one of {', '.join(INSTRUMENTS)}")
    chosen: Instrument = instrument
    currency = parse_currency(parts[1])
    amount = parse_amount(parts[2], what=f"amount of line {text[:60]!r}")
    if instrument != "gold":
        if len(parts) != 3:
            raise ValueError(f"line {text[:60]!r}: only gold has a form and purity")
        return Line(chosen, currency, amount)
    if len(parts) != 5:
        raise ValueError(f"line {text[:60]!r}: gold needs its form and purity (coin:0.900)")
    form = parts[3].lower()
    if form not in GOLD_FORMS:
        raise ValueError(f"line {text[:60]!r}: gold form must be one of {', '.join(GOLD_FORMS)}")
    purity = parse_amount(parts[4], what="purity")
    if not 0 < purity <= 1:
        raise ValueError(f"line {text[:60]!r}: purity is a share above 0 and at most 1 (0.995)")
    return Line(chosen, currency, amount, form, purity)


def parse_party(text: str, *, role: PartyRole | None = None) -> Party:
    """``[ROLE=]NAME[;birth=YYYY-MM-DD;nationality=..;document=..;phone=..;address=..;account=..]``
    (the role is given by ``role`` or written before the name).

    Raises:
        ValueError: no name, an unknown role or field, or a birth date that is not ISO.
    """
    head, *rest = [part.strip() for part in text.split(";")]
    chosen: str | None = role
    if role is None:
        chosen, sep, head = (part.strip() for part in head.partition("="))
        if not sep:
            raise ValueError(
                f"party {text[:60]!r}: write ROLE=NAME (roles: {', '.join(PARTY_ROLES)})"
            )
        chosen = chosen.lower()
    if chosen not in PARTY_ROLES:
        raise ValueError(f"party {text[:60]!r}: role must be one of {', '.join(PARTY_ROLES)}")
    if not head or len(head) > _MAX:
        raise ValueError(f"party {text[:60]!r}: the name is empty or longer than {_MAX}")
    fields: dict[str, str] = {}
    for item in rest:
        if not item:
            continue
        key, sep, value = (part.strip() for part in item.partition("="))
        if not sep or key not in _PARTY_FIELDS or not value or len(value) > _MAX:
            raise ValueError(
                f"party {text[:60]!r}: {item[:40]!r} is not one of {', '.join(_PARTY_FIELDS)}=VALUE"
            )
        fields[key] = value
    born = None
    if "birth" in fields:
        try:
            born = dt.date.fromisoformat(fields["birth"])
        except ValueError:
            raise ValueError(f"party {text[:60]!r}: birth must be YYYY-MM-DD") from None
    return Party(
        role=chosen,
        name=head,
        birth_date=born,
        nationality=fields.get("nationality"),
        document=fields.get("document"),
        phone=fields.get("phone"),
        address=fields.get("address"),
        account=fields.get("account"),
    )
