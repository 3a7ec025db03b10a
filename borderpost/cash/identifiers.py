"""Identifiers as detection and the intelligence graph compare them: a person's key (name
and birth date), a phone in E.164, an account without spaces, an address in one spelling."""

from __future__ import annotations

import re
import unicodedata

import phonenumbers

from borderpost.cash.model import Party

__all__ = ["account_key", "address_key", "party_key", "person_key", "phone_key"]

_NOT_WORD = re.compile(r"[^A-Z0-9]+")


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    ascii_text = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_WORD.sub(" ", ascii_text.upper()).split())


def person_key(party: Party) -> str:
    """``NAME WORDS SORTED|1980-05-01`` (or ``|`` with no birth date): word order and accents
    do not matter; the birth date keeps namesakes apart."""
    words = " ".join(sorted(_fold(party.name).split()))
    born = "" if party.birth_date is None else party.birth_date.isoformat()
    return f"{words}|{born}"


def phone_key(text: str) -> str | None:
    """The phone in E.164 (``+22997123456``), or None if it is not a valid number."""
    try:
        number = phonenumbers.parse(text.strip(), None)
    except phonenumbers.NumberParseException:
        digits = re.sub(r"\D", "", text)
        return f"+{digits}" if text.strip().startswith("+") and len(digits) >= 8 else None
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def account_key(text: str) -> str | None:
    """An account or IBAN without spaces or punctuation, upper case."""
    found = _NOT_WORD.sub("", text.upper())
    return found or None


def address_key(text: str) -> str | None:
    """An address in capitals, accents and punctuation removed, spaces collapsed."""
    return _fold(text) or None


def party_key(party: Party) -> str:
    """A sender, recipient, owner or payer: their account if given, else their name."""
    if party.account:
        account = account_key(party.account)
        if account:
            return f"account:{account}"
    return "name:" + " ".join(sorted(_fold(party.name).split()))
