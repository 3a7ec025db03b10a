"""A document's fields typed in by an officer: no MRZ, or one that could not be read.

:func:`from_fields` builds the same :class:`MrzResult` view that :func:`parse` gives for an
MRZ, so that identifying, screening and the suggestion rules see one shape. It runs the
field checks of the MRZ reader itself (country codes through
:func:`borderpost.documents.mrz.read_country`, expiry through
:func:`borderpost.documents.dates.expiry_findings`, birth and expiry together through
:func:`~borderpost.documents.dates.date_relations`, ``sex_x``, ``specimen``,
``name_no_secondary``) and adds ``entered_by_hand``: nothing was read by machine and no
check digit was verified.

Why not render the fields into an MRZ with :func:`borderpost.documents.make_mrz` and parse
that? The check digits would be ones we computed, so every check would "agree" by
construction and the result would claim a reading that never happened. ``make_mrz`` also
transliterates and truncates the name to the field's width (a typed name longer than the
field would be screened cut short) and raises on document numbers some layouts cannot
hold. So the result here says honestly what it is: ``mrz`` is empty, ``type`` (the MRZ
layout) is None, ``raw`` and ``checks`` are empty and ``valid`` means only that every
field is well formed; the ``entered_by_hand`` finding tells the officer the rest.

Input that cannot be a document field at all (an empty surname, a birth date after the
reference date, a sex of ``Q``) raises :class:`FieldError`, naming the field.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from borderpost.documents.dates import date_relations, expiry_findings
from borderpost.documents.findings import Finding, finding
from borderpost.documents.mrz import read_country
from borderpost.documents.result import MrzResult

__all__ = ["DOCUMENT_LETTERS", "DocumentFields", "FieldError", "from_fields"]

#: First letters of the document codes ICAO issues: passports, visas, identity cards.
DOCUMENT_LETTERS = ("P", "V", "A", "C", "I")
_SPACES = re.compile(r"\s+")
_ALNUM = re.compile(r"[A-Z0-9]+")
_SEPARATORS = re.compile(r"[\s\-/.]+")
_LETTERS = re.compile(r"[A-Z]+")
MAX_NUMBER = 32  # the longest document number stored (documents_seen.number)
MAX_NAME = 200


class FieldError(ValueError):
    """A typed field that cannot be used; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field


@dataclass(frozen=True, slots=True)
class DocumentFields:
    """A document's fields as the officer typed them (countries are ICAO codes, ``D``
    or ``DEU`` for Germany; ``sex`` M, F, X, or ``<``/empty for unspecified)."""

    document_code: str
    document_number: str
    issuing_state: str
    surname: str
    given_names: str
    nationality: str
    birth_date: dt.date
    sex: str
    expiry_date: dt.date
    personal_number: str = ""


def _code(field: str, value: str, length: int) -> str:
    text = value.strip().upper()
    if not 1 <= len(text) <= length or _LETTERS.fullmatch(text) is None:
        raise FieldError(field, f"{value!r} must be 1-{length} letters (an ICAO code)")
    return text


def _alnum(field: str, value: str, *, required: bool) -> str:
    text = _SEPARATORS.sub("", value.strip().upper())
    if not text and required:
        raise FieldError(field, "is empty")
    if text and _ALNUM.fullmatch(text) is None:
        raise FieldError(field, f"{value!r} may hold only letters A-Z and digits")
    if len(text) > MAX_NUMBER:
        raise FieldError(field, f"{value!r} is longer than {MAX_NUMBER} characters")
    return text


def _name(field: str, value: str, *, required: bool) -> str:
    text = _SPACES.sub(" ", value).strip()
    if required and not any(char.isalpha() for char in text):
        raise FieldError(field, f"{value!r} holds no letters")
    if any(not char.isprintable() for char in text):
        raise FieldError(field, f"{value!r} holds a control character")
    if len(text) > MAX_NAME:
        raise FieldError(field, f"is longer than {MAX_NAME} characters")
    return text


def _sex(value: str, findings: list[Finding]) -> str:
    sex = value.strip().upper() or "<"
    if sex not in ("M", "F", "X", "<"):
        raise FieldError("sex", f"{value!r} must be M, F, X or empty (unspecified)")
    if sex == "X":
        findings.append(finding("sex_x", "sex", "sex is X; ICAO prescribes M, F or <"))
    return sex


def from_fields(fields: DocumentFields, *, at: dt.date | None = None) -> MrzResult:
    """The document view of typed fields, checked as an MRZ's fields are (see the module).

    Args:
        fields: what the officer typed.
        at: the reference date for expiry and age (default: today).

    Raises:
        FieldError: a field that no document could hold, named in the message.
    """
    reference = at if at is not None else dt.date.today()
    findings = [
        finding(
            "entered_by_hand",
            None,
            "the fields were typed in by an officer, not read from an MRZ: "
            "no check digit was verified",
        )
    ]
    code = _code("document_code", fields.document_code, 2)
    if code[0] not in DOCUMENT_LETTERS:
        findings.append(
            finding(
                "document_code_unexpected",
                "document_code",
                f"document code {code!r} does not start with {', '.join(DOCUMENT_LETTERS)}",
            )
        )
    number = _alnum("document_number", fields.document_number, required=True)
    personal = _alnum("personal_number", fields.personal_number, required=False)
    issuing_code = _code("issuing_state", fields.issuing_state, 3)
    nationality_code = _code("nationality", fields.nationality, 3)
    issuing, issuing_name = read_country("issuing_state", issuing_code.ljust(3, "<"), findings)
    nationality, nationality_name = read_country(
        "nationality", nationality_code.ljust(3, "<"), findings
    )
    if "UTO" in (issuing_code, nationality_code):
        findings.append(
            finding("specimen", "issuing_state", "issued by Utopia: an ICAO specimen document")
        )
    surname = _name("surname", fields.surname, required=True)
    given = _name("given_names", fields.given_names, required=False)
    if not given:
        findings.append(
            finding("name_no_secondary", "name", "no given names: the surname is the whole name")
        )
    birth, expiry = fields.birth_date, fields.expiry_date
    if birth > reference:
        raise FieldError(
            "birth_date", f"{birth.isoformat()} is after the reference date {reference}"
        )
    sex = _sex(fields.sex, findings)
    expiry_findings(expiry, reference, findings)
    date_relations(birth, expiry, reference, findings)
    return MrzResult(
        mrz="",
        type=None,
        reference_date=reference,
        document_code=code,
        issuing_state=issuing,
        issuing_state_name=issuing_name,
        surname=surname,
        given_names=given,
        document_number=number,
        nationality=nationality,
        nationality_name=nationality_name,
        birth_date=birth,
        sex=sex,
        expiry_date=expiry,
        personal_number=personal or None,
        valid=True,
        findings=tuple(findings),
    )
