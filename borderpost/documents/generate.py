"""Build a correct MRZ from a document's fields (ICAO 9303 Parts 3-7).

Names are transliterated by ICAO 9303 Part 3 (tables A and B, then a general
transliterator for other scripts) and truncated by ICAO's rules. A document number longer
than nine characters is extended into the optional data where the layout allows it.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from borderpost.documents.checks import format_check_digit
from borderpost.documents.layouts import CHAR_CLASSES, Layout, layouts
from borderpost.documents.namefield import write_name
from borderpost.names.translit import to_mrz

_SEPARATORS = re.compile(r"[\s\-/.,]+")


@dataclass(frozen=True, slots=True)
class MrzFields:
    """What goes into an MRZ. Countries are ICAO codes (``D`` for Germany, ``UTO``)."""

    type: str
    document_code: str
    issuing_state: str
    surname: str
    given_names: str
    document_number: str
    nationality: str
    birth_date: dt.date
    sex: str
    expiry_date: dt.date
    optional_data: str = ""
    optional_data_2: str = ""
    personal_number: str = ""
    language: str | None = None


def _code(value: str, field: str, length: int) -> str:
    text = value.strip().upper()
    if not text or len(text) > length or not (text.isascii() and text.isalpha()):
        raise ValueError(f"{field} {value!r} must be 1-{length} letters (an ICAO code)")
    return text.ljust(length, "<")


def _alnum(value: str, field: str) -> str:
    text = _SEPARATORS.sub("<", value.strip().upper())
    bad = sorted({c for c in text if c not in CHAR_CLASSES["alnum"]})
    if bad:
        raise ValueError(f"{field} {value!r} holds characters an MRZ cannot: {''.join(bad)}")
    return text


def _yymmdd(value: dt.date) -> str:
    return value.strftime("%y%m%d")


def _put(line: list[str], layout: Layout, name: str, text: str) -> None:
    spec = layout.fields[name]
    if len(text) > spec.length:
        raise ValueError(
            f"{name.replace('_', ' ')} {text!r} is {len(text)} characters; "
            f"a {layout.name} holds {spec.length}"
        )
    line[spec.start : spec.end] = list(text.ljust(spec.length, "<"))


def _number_and_extension(layout: Layout, number: str, extension: str) -> tuple[str, str, str]:
    """(document number field, its check digit, extension field content)."""
    if len(number) <= 9:
        return number, format_check_digit(number.ljust(9, "<")), extension
    if not layout.extension_is_icao:
        raise ValueError(
            f"document number {number!r} has {len(number)} characters; a {layout.name} holds 9"
        )
    overflow = number[9:] + format_check_digit(number)
    return number[:9], "<", overflow + (extension if not extension else "<" + extension)


def make_mrz(fields: MrzFields) -> str:
    """The MRZ lines (joined by newlines) for ``fields``; raises ValueError naming a bad field."""
    try:
        layout = layouts()[fields.type.upper()]
    except KeyError:
        raise ValueError(
            f"document type {fields.type!r} is not one of {', '.join(layouts())}"
        ) from None
    if layout.prefix:
        raise ValueError(f"a {layout.title} can be read and checked, not generated")
    if fields.sex.upper() not in ("M", "F", "X", "<", ""):
        raise ValueError(f"sex {fields.sex!r} must be M, F, X or <")
    if not fields.surname.strip():
        raise ValueError("surname is empty")
    code = fields.document_code.strip().upper()
    if not code or len(code) > 2 or not (code.isascii() and code.isalpha()):
        raise ValueError(f"document code {fields.document_code!r} must be 1-2 letters")
    if code[0] not in layout.first_letters:
        raise ValueError(
            f"document code {code!r} does not start with {' or '.join(layout.first_letters)}, "
            f"as a {layout.name} must"
        )
    rows = [["<"] * layout.length for _ in range(layout.lines)]

    def put(name: str, text: str) -> None:
        _put(rows[layout.fields[name].line], layout, name, text)

    put("document_code", code)
    put("issuing_state", _code(fields.issuing_state, "issuing state", 3))
    put("nationality", _code(fields.nationality, "nationality", 3))
    surname = to_mrz(fields.surname, language=fields.language)
    given = to_mrz(fields.given_names, language=fields.language)
    if not surname:
        raise ValueError(f"surname {fields.surname!r} has no letters to write in an MRZ")
    name_spec = layout.fields["name"]
    put("name", write_name(surname, given, name_spec.length)[0])
    number = _alnum(fields.document_number, "document number").rstrip("<")
    if not number:
        raise ValueError("document number is empty")
    extension_name = layout.extension
    extension_value = _alnum(
        fields.personal_number if extension_name == "personal_number" else fields.optional_data,
        extension_name.replace("_", " "),
    )
    head, digit, extension_value = _number_and_extension(layout, number, extension_value)
    put("document_number", head)
    put("document_number_check", digit)
    put(extension_name, extension_value)
    if layout.has("optional_data") and extension_name != "optional_data":
        put("optional_data", _alnum(fields.optional_data, "optional data"))
    if layout.has("optional_data_2"):
        put("optional_data_2", _alnum(fields.optional_data_2, "optional data 2"))
    put("birth_date", _yymmdd(fields.birth_date))
    put("sex", fields.sex.upper() or "<")
    put("expiry_date", _yymmdd(fields.expiry_date))
    for check in layout.checks:
        if check.name == "document_number":
            continue
        covered = "".join("".join(rows[line][a:b]) for line, a, b in check.spans)
        if check.filler_when_empty and not covered.strip("<"):
            put(check.digit, "<")
        else:
            put(check.digit, format_check_digit(covered))
    return "\n".join("".join(row) for row in rows)
