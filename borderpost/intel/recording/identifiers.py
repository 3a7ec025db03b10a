"""Identifiers that link records, each normalised the same way wherever it is written:
phone numbers (E.164 via ``phonenumbers``), IBANs (ISO 13616 mod-97), currencies
(ISO 4217), countries, document numbers, person keys, addresses and organisation names.

Each kind has ``normalize_*`` (raises :class:`RecordingError` naming the field) and, where
validity is a question of its own, ``is_valid_*``. Normalising a normalised value returns it
unchanged.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from functools import cache
from importlib import resources
from typing import Any

import phonenumbers
from anyascii import anyascii

from borderpost.documents.countries import countries
from borderpost.intel.recording.errors import RecordingError
from borderpost.names.normalize import normalize as normalize_name_text

__all__ = [
    "iban_check_digits",
    "is_valid_iban",
    "normalize_account",
    "normalize_address",
    "normalize_country",
    "normalize_currency",
    "normalize_document",
    "normalize_iban",
    "normalize_name",
    "normalize_organisation",
    "normalize_phone",
    "person_key",
]


@cache
def _data() -> dict[str, Any]:
    text = (
        resources.files("borderpost.intel.recording")
        .joinpath("data/identifiers.toml")
        .read_text("utf-8")
    )
    return tomllib.loads(text)


def normalize_phone(text: str, region: str | None = None, field: str = "phone") -> str:
    """A phone number in E.164 (``+254712345678``).

    A number without a country code is read in ``region`` (ISO 3166 alpha-2, the post's
    country); ``00`` and ``+`` prefixes are international.

    Raises:
        RecordingError: no digits, no region for a national number, or a number no
            numbering plan allows (too short or too long for its country).
    """
    value = text.strip()
    if not re.search(r"\d", value):
        raise RecordingError(field, f"{value!r} holds no digits")
    if value.startswith("00"):
        value = "+" + value[2:]
    try:
        number = phonenumbers.parse(value, None if value.startswith("+") else region)
    except phonenumbers.NumberParseException as exc:
        if region is None and not value.startswith("+"):
            raise RecordingError(
                field, f"{value!r} has no country code and no default region is set"
            ) from None
        raise RecordingError(field, f"{value!r} is not a phone number ({exc})") from None
    if not phonenumbers.is_possible_number(number):
        raise RecordingError(
            field, f"{value!r} is not a possible number for calling code +{number.country_code}"
        )
    e164: str = phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
    again = phonenumbers.parse(e164, None)
    if phonenumbers.format_number(again, phonenumbers.PhoneNumberFormat.E164) != e164:
        # a national prefix written after the country code (+82 0...): read twice, it
        # would lose another digit, so it is no number anyone can dial
        raise RecordingError(
            field, f"{value!r} is not a well-formed number for calling code +{number.country_code}"
        )
    return e164


def iban_check_digits(country: str, bban: str) -> str:
    """The two check digits of the IBAN of ``country`` and ``bban`` (ISO 13616)."""
    number = int("".join(str(int(c, 36)) for c in f"{bban}{country}00"))
    return f"{98 - number % 97:02d}"


def _mod97(iban: str) -> int:
    return int("".join(str(int(c, 36)) for c in iban[4:] + iban[:4])) % 97


def normalize_iban(text: str, field: str = "account") -> str:
    """An IBAN without spaces, upper case (``GB82WEST12345698765432``).

    Raises:
        RecordingError: not letters and digits, an unknown country, the wrong length for
            the country, or a failed mod-97 check (a mistyped digit).
    """
    value = re.sub(r"[\s\-.]", "", text).upper()
    if value.startswith("IBAN"):
        value = value[4:]
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{1,30}", value):
        raise RecordingError(
            field, f"{text.strip()[:40]!r} is not an IBAN (CC99 then letters and digits)"
        )
    lengths: dict[str, int] = _data()["iban_lengths"]
    expected = lengths.get(value[:2])
    if expected is None:
        raise RecordingError(field, f"{value}: {value[:2]} does not issue IBANs")
    if len(value) != expected:
        raise RecordingError(
            field, f"{value}: a {value[:2]} IBAN has {expected} characters, not {len(value)}"
        )
    if _mod97(value) != 1:
        raise RecordingError(field, f"{value}: the IBAN check digits do not match (mistyped?)")
    return value


def is_valid_iban(text: str) -> bool:
    """Whether ``text`` is a well-formed IBAN that passes its check."""
    try:
        normalize_iban(text)
    except RecordingError:
        return False
    return True


def normalize_account(text: str, field: str = "account") -> str:
    """A bank account: an IBAN when it looks like one (and then it must pass its check),
    else the account number's letters and digits (``KE-0110 2233`` → ``01102233``)."""
    value = re.sub(r"[\s\-./]", "", text).upper()
    if re.fullmatch(r"(IBAN)?[A-Z]{2}\d{2}[A-Z0-9]{8,30}", value):
        return normalize_iban(value, field)
    digits = re.sub(r"[^0-9A-Z]", "", value)
    if len(digits) < 4 or len(digits) > 34:
        raise RecordingError(
            field, f"{text.strip()[:40]!r} is not an account number (4-34 letters and digits)"
        )
    return digits


def normalize_currency(text: str, field: str = "currency") -> str:
    """An ISO 4217 code from a code (any case) or a common symbol (``$``, ``€``, ``KSh``).

    Raises:
        RecordingError: empty or not a currency.
    """
    value = text.strip().upper()
    if not value:
        raise RecordingError(field, "no currency given (an ISO 4217 code such as USD)")
    code = _data()["currency_aliases"].get(value, value)
    if code not in set(_data()["currencies"]):
        raise RecordingError(field, f"{text.strip()[:20]!r} is not an ISO 4217 currency code")
    return str(code)


def normalize_country(text: str, field: str = "country", *, alpha3: bool = False) -> str:
    """ISO 3166 alpha-2 (or, with ``alpha3``, the ICAO three-letter code) from alpha-2 or
    alpha-3 (ICAO codes too: ``D`` is Germany).

    Raises:
        RecordingError: not a country code.
    """
    value = text.strip().upper()
    known = countries()
    country = known.get(value)
    if country is None and len(value) == 2:
        country = next((c for c in known.values() if c.alpha2 == value and c.kind == "iso"), None)
    if country is None or country.alpha2 is None:
        raise RecordingError(field, f"{text.strip()[:20]!r} is not an ISO 3166 country code")
    return country.code if alpha3 else country.alpha2


def normalize_document(text: str, field: str = "document") -> str:
    """A document number without spaces, hyphens or MRZ fillers, upper case.

    Raises:
        RecordingError: fewer than 3 or more than 20 letters and digits.
    """
    value = re.sub(r"[^0-9A-Z]", "", anyascii(text).upper())
    if not 3 <= len(value) <= 20:
        raise RecordingError(
            field, f"{text.strip()[:40]!r} is not a document number (3-20 letters and digits)"
        )
    return value


def normalize_name(text: str, field: str = "name") -> str:
    """A person's name as the name engine's key (Latin capitals, titles dropped).

    Raises:
        RecordingError: no letters.
    """
    value = normalize_name_text(text)
    if not value:
        raise RecordingError(field, f"{text.strip()[:40]!r} holds no name")
    return value


def person_key(name: str, birth_date: dt.date | None) -> str:
    """How a person is identified across records: ``NAME|YYYY-MM-DD`` (``NAME|?`` without
    a birth date)."""
    return f"{normalize_name(name)}|{birth_date.isoformat() if birth_date else '?'}"


def normalize_address(text: str, field: str = "address") -> str:
    """An address as one line: Latin capitals, letters and digits, single spaces.

    Raises:
        RecordingError: fewer than 3 letters or digits.
    """
    value = " ".join(re.sub(r"[^0-9A-Z]+", " ", anyascii(text).upper()).split())
    if len(value.replace(" ", "")) < 3:
        raise RecordingError(field, f"{text.strip()[:40]!r} is not an address")
    return value


def normalize_organisation(text: str, field: str = "organisation") -> str:
    """An organisation's name: Latin capitals, letters and digits, single spaces.

    Raises:
        RecordingError: no letters or digits.
    """
    value = " ".join(re.sub(r"[^0-9A-Z&]+", " ", anyascii(text).upper()).split())
    if not value:
        raise RecordingError(field, f"{text.strip()[:40]!r} holds no name")
    return value
