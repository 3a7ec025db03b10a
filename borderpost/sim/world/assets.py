"""The things a smuggling network shares: phones, safe-house addresses, vehicles, bank accounts.

Formats are data (``[assets]``, ``[plates]``, ``[banks]`` and ``[addresses]`` of
``data/world/networks.toml``): home phone numbers as ``people.toml`` writes them, plates in the
home country's formats, and IBAN-like account numbers with correct ISO 13616 check digits.
"""

from __future__ import annotations

import random
import re
import string
from dataclasses import dataclass
from functools import cache

from borderpost.sim.world.geography import geography
from borderpost.sim.world.trades import data_file

__all__ = [
    "AssetRules",
    "address",
    "asset_rules",
    "iban",
    "iban_check_digits",
    "iban_valid",
    "phone",
    "plate",
    "plate_pattern",
]

_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{1,30}$")


@dataclass(frozen=True, slots=True)
class AssetRules:
    """How many of each thing a network shares, and the formats of networks.toml."""

    phones: tuple[int, int]
    addresses: tuple[int, int]
    vehicles: tuple[int, int]
    accounts: tuple[int, int]
    phone_prefix: str
    phone_digits: int
    second_phone: float
    plate_formats: tuple[str, ...]
    plate_letters: str
    bank_country: str
    bank_codes: tuple[str, ...]
    account_digits: int
    streets: tuple[str, ...]
    towns: tuple[str, ...]


def _range(value: object, where: str) -> tuple[int, int]:
    if not isinstance(value, list) or len(value) != 2 or not 1 <= value[0] <= value[1]:
        raise ValueError(f"networks.toml: {where} must be [least, most] with 1 <= least <= most")
    return int(value[0]), int(value[1])


@cache
def asset_rules() -> AssetRules:
    """The asset rules, read once from networks.toml; ValueError names what is wrong."""
    table = data_file("networks.toml")
    assets, plates, banks = table["assets"], table["plates"], table["banks"]
    formats = tuple(str(f) for f in plates["formats"])
    if not formats or any("L" not in f and "#" not in f for f in formats):
        raise ValueError("networks.toml: [plates] formats need L (letter) or # (digit) slots")
    country = str(banks["country"])
    codes = tuple(str(c) for c in banks["codes"])
    if not re.fullmatch(r"[A-Z]{2}", country) or not all(
        re.fullmatch(r"[A-Z]{4}", c) for c in codes
    ):
        raise ValueError("networks.toml: [banks] country is two letters, codes four letters each")
    rules = AssetRules(
        phones=_range(assets["phones"], "assets.phones"),
        addresses=_range(assets["addresses"], "assets.addresses"),
        vehicles=_range(assets["vehicles"], "assets.vehicles"),
        accounts=_range(assets["accounts"], "assets.accounts"),
        phone_prefix=str(assets["phone_prefix"]),
        phone_digits=int(assets["phone_digits"]),
        second_phone=float(assets["second_phone"]),
        plate_formats=formats,
        plate_letters="".join(c for c in string.ascii_uppercase if c not in plates["avoid"]),
        bank_country=country,
        bank_codes=codes,
        account_digits=int(banks["account_digits"]),
        streets=tuple(str(s) for s in table["addresses"]["streets"]),
        towns=tuple(str(t) for t in table["addresses"]["towns"]),
    )
    if not rules.phone_prefix.startswith("+") or not 6 <= rules.phone_digits <= 12:
        raise ValueError("networks.toml: phone_prefix starts with + and phone_digits is 6-12")
    if len(rules.bank_country) + 2 + 4 + rules.account_digits > 34:
        raise ValueError("networks.toml: an IBAN has at most 34 characters")
    return rules


def phone(rng: random.Random) -> str:
    """A home mobile number in E.164 form."""
    rules = asset_rules()
    first = rng.randint(1, 9)
    rest = rng.randrange(10 ** (rules.phone_digits - 1))
    return f"{rules.phone_prefix}{first}{rest:0{rules.phone_digits - 1}d}"


def address(rng: random.Random) -> str:
    """A home-country address: number, street, town and country code."""
    rules = asset_rules()
    home = geography().home.code
    return f"{rng.randint(1, 240)} {rng.choice(rules.streets)}, {rng.choice(rules.towns)}, {home}"


def plate(rng: random.Random, layout: str | None = None) -> str:
    """A home-country vehicle plate in ``layout`` (by default one of the data's formats)."""
    rules = asset_rules()
    chosen = layout if layout is not None else rng.choice(rules.plate_formats)
    out = []
    for slot in chosen:
        if slot == "L":
            out.append(rng.choice(rules.plate_letters))
        elif slot == "#":
            out.append(str(rng.randrange(10)))
        else:
            out.append(slot)
    return "".join(out)


def plate_pattern(layout: str) -> re.Pattern[str]:
    """The regular expression the plates of ``layout`` match."""
    letters = asset_rules().plate_letters
    parts = [f"[{letters}]" if c == "L" else "[0-9]" if c == "#" else re.escape(c) for c in layout]
    return re.compile("^" + "".join(parts) + "$")


def _as_number(text: str) -> int:
    return int("".join(str(int(c, 36)) for c in text))


def iban_check_digits(country: str, bban: str) -> str:
    """The two ISO 13616 check digits of an account: 98 - (BBAN + country + 00 mod 97)."""
    return f"{98 - _as_number(bban + country + '00') % 97:02d}"


def iban_valid(text: str) -> bool:
    """Whether ``text`` (spaces allowed) is an IBAN-shaped number whose mod 97 is 1."""
    compact = text.replace(" ", "").upper()
    if not _IBAN.fullmatch(compact):
        return False
    return _as_number(compact[4:] + compact[:4]) % 97 == 1


def iban(rng: random.Random) -> str:
    """An IBAN-like home bank account number with correct check digits (compact form)."""
    rules = asset_rules()
    digits = "".join(str(rng.randrange(10)) for _ in range(rules.account_digits))
    bban = rng.choice(rules.bank_codes) + digits
    return rules.bank_country + iban_check_digits(rules.bank_country, bban) + bban
