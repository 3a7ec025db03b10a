"""Reading the Remarks column of OFAC's legacy SDN CSV.

OFAC packs an entry's identifying details into one ``;``-separated text, for example
``DOB 01 Jan 1960; alt. DOB 1961; POB Baghdad, Iraq; nationality Iraq; Passport A1234567
(Iraq) expires 2020; Gender Male; a.k.a. 'ABU X'``. Low-quality ("weak") aliases appear here
as ``a.k.a. '…'``; the strong ones are in ``alt.csv``. What is not understood stays a remark.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

from borderpost.screening.countries import to_alpha3
from borderpost.screening.dates import parse_birth_date
from borderpost.screening.importers._common import natural_order
from borderpost.screening.model import (
    Alias,
    AliasKind,
    BirthDate,
    Document,
    DocumentCategory,
    EntityKind,
    Gender,
)

__all__ = ["DOCUMENT_LABELS", "RemarkFacts", "parse_remarks"]

#: Document labels OFAC uses, with our category. Longer labels win over their prefixes.
DOCUMENT_LABELS: dict[str, DocumentCategory] = {
    **dict.fromkeys(
        [
            "Passport",
            "Diplomatic Passport",
            "Passport Booklet",
            "British National Overseas Passport",
            "Stateless Person Passport",
            "Travel Document Number",
        ],
        "passport",
    ),
    **dict.fromkeys(
        [
            "National ID No.",
            "Cedula No.",
            "Identification Number",
            "D.N.I.",
            "Personal ID Card",
            "Citizen's Card Number",
            "Numero de Identidad",
            "Turkish Identification Number",
            "Tazkira National ID Card",
            "Kenyan ID No.",
            "Moroccan Personal ID No.",
            "National Foreign ID Number",
            "Stateless Person ID Card",
            "Refugee ID Card",
            "LE Number",
            "C.U.R.P.",
            "C.U.I.",
            "C.U.I.P.",
            "Credencial electoral",
            "Electoral Registry No.",
            "I.F.E.",
            "N.I.E.",
            "Residency Number",
            "SSN",
            "Birth Certificate Number",
            "Cartilla de Servicio Militar Nacional",
            "VisaNumberID",
            "Immigration No.",
            "Romanian Permanent Resident CAN",
            "Public Security and Immigration No.",
            "Seafarer's Identification Document",
        ],
        "national_id",
    ),
    **dict.fromkeys(["Driver's License No."], "driving_licence"),
    **dict.fromkeys(
        [
            "Tax ID No.",
            "R.F.C.",
            "RFC",
            "NIT",
            "RUC",
            "RIF",
            "C.U.I.T.",
            "V.A.T. Number",
            "RTN",
            "US FEIN",
            "C.I.F.",
            "Fiscal Code",
            "Italian Fiscal Code",
            "RSIN",
            "Romanian Tax Registration",
        ],
        "tax_id",
    ),
    **dict.fromkeys(
        [
            "Registration Number",
            "Registration ID",
            "Company Number",
            "UK Company Number",
            "Commercial Registry Number",
            "Business Registration Number",
            "Business Registration Document",
            "Folio Mercantil No.",
            "Matricula Mercantil No",
            "C.R. No.",
            "Romanian C.R.",
            "Chamber of Commerce Number",
            "Government Gazette Number",
            "Trade License No.",
            "Certificate of Incorporation Number",
            "Legal Entity Number",
            "Enterprise Number",
            "Branch Unit Number",
            "Public Registration Number",
            "Registered Charity No.",
            "Business Number",
            "MSB Registration Number",
            "Central Registration System Number",
            "Dubai Chamber of Commerce Membership No.",
            "Istanbul Chamber of Comm. No.",
            "Tourism License No.",
            "Afghan Money Service Provider License Number",
            "SRE Permit No.",
        ],
        "registration",
    ),
    **dict.fromkeys(["Pilot License Number"], "other"),
}

_LABEL = re.compile(
    r"^(?P<label>"
    + "|".join(re.escape(label) for label in sorted(DOCUMENT_LABELS, key=len, reverse=True))
    + r")(?:\s*[#:])?\s+(?P<rest>\S.*)$"
)
_ABBREVIATION_END = re.compile(r"(?:^|[\s.])\w\.\w\.$")
_ALT = re.compile(r"^alt\.\s+", re.IGNORECASE)
_DOB = re.compile(r"^DOB:?\s+(?P<value>.+)$")
_POB = re.compile(r"^POB:?\s+(?P<value>.+)$")
_NATIONALITY = re.compile(r"^(?P<kind>nationality|citizen)(?::|\s)\s*(?P<value>.+)$", re.IGNORECASE)
_GENDER = re.compile(r"^Gender\s+(?P<value>Male|Female)$", re.IGNORECASE)
_WEAK_ALIAS = re.compile(r"^(?P<kind>[afn])\.k\.a\.,?\s+'(?P<name>.+)'$")
_QUALIFIER = re.compile(r"^(?P<q>possibly|probably|reportedly|allegedly)\s+", re.IGNORECASE)
# A parenthesis standing as a word of its own: "(Iraq)" but not the "(N)" in "12/BAHANA(N)010023".
_WORD_PAREN = re.compile(r"(?:(?<=\s)|^)\(([^()]*)\)(?=[\s.,;]|$)")
_TRAILING_PAREN = re.compile(r"\s+\(([^()]*)\)\s*$")
_DOC_TAIL = re.compile(r"\s+(?=(?:issued|expires|valid|expired)\b)", re.IGNORECASE)

_ALIAS_KINDS: dict[str, AliasKind] = {"a": "aka", "f": "fka", "n": "nka"}

Warn = Callable[[str], None]


@dataclass(slots=True)
class RemarkFacts:
    """What one Remarks text says (mutable while the text is read)."""

    birth_dates: list[BirthDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    gender: Gender | None = None
    documents: list[Document] = field(default_factory=list)
    weak_aliases: list[Alias] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)


def split_remarks(text: str) -> list[str]:
    """The ``;``-separated parts, the closing full stop removed (but not from "S.A.")."""
    body = text.strip()
    if not _ABBREVIATION_END.search(body):
        body = body.removesuffix(".")
    return [part.strip() for part in body.split(";") if part.strip()]


def parse_remarks(text: str, kind: EntityKind, warn: Warn) -> RemarkFacts:
    """Read one Remarks text.

    Args:
        text: the Remarks column (with any continuation from ``sdn_comments.csv``).
        kind: the entry's kind (names of persons get a "First Last" form).
        warn: receives a message for everything read in an unusual way or not understood.

    Returns:
        The facts found; every part not understood is in ``remarks``.
    """
    facts = RemarkFacts()
    for part in split_remarks(text):
        _read_part(part, kind, facts, warn)
    return facts


def _read_part(part: str, kind: EntityKind, facts: RemarkFacts, warn: Warn) -> None:
    body = _ALT.sub("", part)
    if (match := _DOB.match(body)) is not None:
        parsed = parse_birth_date(match["value"])
        if parsed.remark is not None:
            warn(parsed.remark)
        if parsed.value is None:
            facts.remarks.append(part)
        else:
            facts.birth_dates.append(parsed.value)
    elif (match := _POB.match(body)) is not None:
        facts.birth_places.append(match["value"].strip())
    elif (match := _NATIONALITY.match(body)) is not None and not body.lower().startswith(
        "nationality of registration"
    ):
        _read_nationality(part, match["kind"].lower(), match["value"], facts, warn)
    elif (match := _GENDER.match(body)) is not None:
        facts.gender = "male" if match["value"].lower() == "male" else "female"
    elif (match := _WEAK_ALIAS.match(body)) is not None:
        name = match["name"].strip()
        alias_kind = _ALIAS_KINDS[match["kind"]]
        natural = natural_order(name) if kind == "person" else None
        facts.weak_aliases.append(Alias(name, "weak", alias_kind, natural))
    elif (match := _LABEL.match(body)) is not None:
        document = _read_document(match["label"], match["rest"], kind, warn)
        if document is None:
            facts.remarks.append(part)
        else:
            facts.documents.append(document)
    else:
        facts.remarks.append(part)


def _read_nationality(part: str, what: str, value: str, facts: RemarkFacts, warn: Warn) -> None:
    text = value.strip()
    qualifier = _QUALIFIER.match(text)
    if qualifier is not None:
        text = text[qualifier.end() :]
    code = to_alpha3(text)
    if code is None:
        warn(f"{what} {value.strip()!r} is not a known country; kept as a remark")
        facts.remarks.append(part)
        return
    if qualifier is not None:
        warn(f"{what} {value.strip()!r} read as {code} although the list says {qualifier['q']!r}")
    if code not in facts.nationalities:
        facts.nationalities.append(code)


def _read_document(label: str, rest: str, kind: EntityKind, warn: Warn) -> Document | None:
    text = rest.strip()
    country: str | None = None
    number_part, tail = text, ""
    for match in _WORD_PAREN.finditer(text):
        code = to_alpha3(match[1])
        if code is not None:
            country = code
            number_part, tail = text[: match.start()], text[match.end() :]
            break
    number_part, *issued = _DOC_TAIL.split(number_part, maxsplit=1)
    notes: list[str] = []
    while (trailing := _TRAILING_PAREN.search(number_part)) is not None:
        notes.insert(0, f"({trailing[1].strip()})")
        number_part = number_part[: trailing.start()]
    number = " ".join(number_part.split()).rstrip(",")
    if country is None and notes:
        warn(f"{label} {number}: issuing country {' '.join(notes)!r} not recognised")
    notes.extend(t for t in (*issued, tail.strip()) if t)
    if not any(ch.isalnum() for ch in number):
        warn(f"{label} without a number ({rest!r}); kept as a remark")
        return None
    category = DOCUMENT_LABELS[label]
    if category == "national_id" and kind != "person":
        category = "registration"  # "Identification Number IMO 5849194" on a vessel
    return Document(label, number, country, "; ".join(notes) or None, category)
