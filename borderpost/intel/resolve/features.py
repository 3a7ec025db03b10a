"""Derived columns for entity resolution: what our name engine and normalisers make of a record.

Pure functions, no I/O. A mention comes in as a mapping of *roles* (``name``, ``surname``,
``dob``, ``phone``…) to raw text; :func:`derive` gives the columns the Splink model compares:

- ``name_latin``: the name in Latin capitals via :func:`borderpost.names.normalize`
  (transliterated from any script, titles dropped, particles folded);
- ``name_sorted``: its parts sorted (order-insensitive: ``KYLE MURPHY`` = ``MURPHY KYLE``);
- ``name_skel`` / ``name_phon``: sorted consonant skeletons and metaphone keys of the parts
  (``Иван Сидоров`` and ``IWAN SIDOROFF`` share them); ``name_keys``: the skeletons as a list;
- ``name_joined``: the skeleton of all parts run together (``ABD AL LH`` = ``ABDULLAH``);
- ``key_low`` / ``key_high`` / ``key_surname``: blocking keys (the alphabetically first and
  last skeleton, and the surname's);
- ``dob`` (ISO), ``dob_year``/``dob_month``/``dob_day`` (a year alone is kept);
- ``phones``: E.164 via ``phonenumbers`` (several per cell, separated by ``;``);
- ``documents`` / ``plates`` / ``accounts``: upper-case, alphanumerics only.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import phonenumbers

from borderpost.intel.resolution import ROLES
from borderpost.names import PartKind, metaphone, name_parts, skeleton

__all__ = [
    "LIST_COLUMNS",
    "ROLES",
    "Phones",
    "derive",
    "dob_parts",
    "identifier",
    "name_features",
    "split_values",
]

#: Every role a column can play (the CLI's ``--field ROLE=COLUMN``).
#: Derived columns that hold lists (compared by intersection).
LIST_COLUMNS = ("name_keys", "phones", "documents", "plates", "accounts")
_DATE_RE = re.compile(r"^\s*(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2}))?)?\s*$")
_COMPACT_RE = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})\s*$")
_DMY_RE = re.compile(r"^\s*(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})\s*$")
_GENDERS = {"M": "M", "MALE": "M", "F": "F", "FEMALE": "F"}


@dataclass(frozen=True, slots=True)
class Phones:
    """How to read phone numbers: the region of national numbers, and a calling code for
    numbering plans ``phonenumbers`` does not know (the generated worlds' Utopia is +999)."""

    region: str | None = None
    home_code: str | None = None

    def e164(self, text: str) -> str | None:
        """``text`` in E.164, or None when it holds no digits.

        >>> Phones(region="GB").e164("020 7946 0018")
        '+442079460018'
        """
        digits = re.sub(r"[^\d+]", "", text)
        if not digits.strip("+"):
            return None
        try:
            number = phonenumbers.parse(text, self.region)
            if phonenumbers.is_possible_number(number):
                return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
        except phonenumbers.NumberParseException:
            pass
        if digits.startswith("00"):
            return "+" + digits[2:]
        if digits.startswith("0") and self.home_code is not None:
            return f"+{self.home_code}{digits[1:]}"
        return digits if digits.startswith("+") else "+" + digits


def split_values(text: str | None) -> list[str]:
    """The values of a multi-valued cell (``;`` or ``|`` between them), stripped."""
    if text is None:
        return []
    return [v.strip() for v in re.split(r"[;|]", text) if v.strip()]


def identifier(text: str) -> str:
    """A document number, plate or account for exact joins: A-Z and 0-9 only."""
    return re.sub(r"[^0-9A-Z]", "", text.upper())


def dob_parts(text: str | None) -> tuple[str | None, int | None, int | None, int | None]:
    """An ISO date (or None), and its year, month and day, from ``YYYY-MM-DD``, ``YYYY``,
    ``YYYY-MM``, ``YYYYMMDD`` or ``DD/MM/YYYY``; impossible months and days are dropped."""
    if text is None or not text.strip():
        return None, None, None, None
    match = _COMPACT_RE.match(text) or _DATE_RE.match(text)
    if match is not None:
        year, month, day = (int(g) if g else None for g in match.groups())
    else:
        dmy = _DMY_RE.match(text)
        if dmy is None:
            return None, None, None, None
        day, month, year = (int(g) for g in dmy.groups())
    if month is not None and not 1 <= month <= 12:
        month, day = None, None
    if day is not None and not 1 <= day <= 31:
        day = None
    if year is None:  # pragma: no cover - both patterns capture a year
        return None, None, None, None
    iso = f"{year:04d}-{month:02d}-{day:02d}" if month and day else None
    return iso, year, month, day


def name_features(name: str | None, surname: str | None = None) -> dict[str, Any]:
    """The name columns of one mention (all None when there is no name)."""
    empty: dict[str, Any] = dict.fromkeys(
        (
            "name_latin",
            "name_sorted",
            "name_skel",
            "name_joined",
            "name_phon",
            "key_low",
            "key_high",
        )
    )
    empty.update(name_keys=[], key_surname=None)
    if name is None or not name.strip():
        return empty
    parts = name_parts(name)
    if not parts:
        return empty
    named = [p.text for p in parts if p.kind != PartKind.PARTICLE] or [p.text for p in parts]
    skeletons = sorted({skeleton(t) or t for t in named})
    surname_parts = [p.text for p in name_parts(surname)] if surname else named[-1:]
    surname_skel = skeleton(surname_parts[-1]) if surname_parts else None
    return {
        "name_latin": " ".join(p.text for p in parts),
        "name_sorted": " ".join(sorted(named)),
        "name_skel": " ".join(skeletons),
        "name_joined": skeleton("".join(p.text for p in parts)),
        "name_phon": " ".join(sorted(metaphone(t) for t in named)),
        "name_keys": skeletons,
        "key_low": skeletons[0],
        "key_high": skeletons[-1],
        "key_surname": surname_skel or None,
    }


def _text(record: Mapping[str, str | None], role: str) -> str | None:
    value = record.get(role)
    if value is None:
        return None
    value = str(value).strip()
    return value or None


NameFeatures = Callable[[str | None, str | None], dict[str, Any]]


def derive(
    record: Mapping[str, str | None],
    phones: Phones = Phones(),
    *,
    names: NameFeatures = name_features,
) -> dict[str, Any]:
    """Every derived column of one mention, from its raw values by role.

    Args:
        record: role → raw text (missing roles and empty strings count as unknown).
        phones: how to read national phone numbers.
        names: :func:`name_features` or a memo of it (its answers are read, never changed).

    Returns:
        The derived columns; the raw ``gender``, ``nationality``, ``birth_place``,
        ``postcode``, ``address`` and ``occupation`` come back folded to upper case.
    """
    name = _text(record, "name")
    first, surname = _text(record, "first_name"), _text(record, "surname")
    if name is None and (first is not None or surname is not None):
        name = " ".join(v for v in (first, surname) if v is not None)
    out = dict(names(name, surname))
    out["first_skel"] = names(first, None)["key_low"] if first else None
    iso, year, month, day = dob_parts(_text(record, "dob"))
    out.update(dob=iso, dob_year=year, dob_month=month, dob_day=day)
    gender = _text(record, "gender")
    out["gender"] = _GENDERS.get(gender.upper()) if gender else None
    for role in ("nationality", "birth_place", "postcode", "address", "occupation"):
        value = _text(record, role)
        out[role] = " ".join(value.upper().split()) if value else None
    out["phones"] = sorted(
        {e for v in split_values(_text(record, "phone")) if (e := phones.e164(v))}
    )
    for role, column in (("document_number", "documents"), ("plate", "plates")):
        out[column] = sorted({i for v in split_values(_text(record, role)) if (i := identifier(v))})
    out["accounts"] = sorted(
        {i for v in split_values(_text(record, "account")) if (i := identifier(v))}
    )
    for column in LIST_COLUMNS:  # the first value of each list: an equality blocking key
        out[f"{column}_first"] = out[column][0] if out[column] else None
    return out
