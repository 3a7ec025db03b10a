"""Read an MRZ: text → layout → fields → check digits, dates, codes, names → result.

``parse`` never raises on any text: whatever is wrong with the input becomes a finding.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import TYPE_CHECKING

from borderpost.documents import checks as cd
from borderpost.documents import countries, errata
from borderpost.documents.dates import (
    born_before_expiry,
    date_relations,
    read_birth,
    read_expiry,
)
from borderpost.documents.findings import Finding, finding
from borderpost.documents.layouts import CHAR_CLASSES, Layout, detect, geometry_hint, match_clean
from borderpost.documents.namefield import read_name
from borderpost.documents.reading import read_lines
from borderpost.documents.result import MrzResult

if TYPE_CHECKING:
    from borderpost.documents.repair import Repair

LABELS = {
    "document_number": "document number",
    "birth_date": "birth date",
    "expiry_date": "expiry date",
    "personal_number": "personal number",
    "composite": "composite",
}
_DIGITS = {str(d): d for d in range(10)}


def parse(text: str, *, at: dt.date | None = None, propose_repair: bool = True) -> MrzResult:
    """Read and check an MRZ given as text (lines separated by newlines).

    Args:
        text: the MRZ as typed, pasted or read by OCR.
        at: the reference date for century inference and expiry (default: today).
        propose_repair: when the MRZ fails, look for a reading with OCR confusions
            corrected that makes every check digit agree (it is proposed, not applied).
    """
    reference = at if at is not None else dt.date.today()
    clean = match_clean(text)
    if clean is not None:
        return _checked(
            clean[0],
            None,
            _read_layout(clean[0], text, reference, [], clean[1]),
            reference,
            propose_repair,
        )
    lines, findings = read_lines(text)
    mrz = "\n".join(lines)
    if not lines:
        findings.append(finding("empty_input", None, "no MRZ text was given"))
        return MrzResult(mrz=mrz, type=None, reference_date=reference, findings=tuple(findings))
    detected = detect(lines)
    if detected is None:
        findings.append(_geometry_finding(lines))
        _erratum(mrz, findings)
        return MrzResult(mrz=mrz, type=None, reference_date=reference, findings=tuple(findings))
    match = detected.pattern.fullmatch(mrz)
    result = _read_layout(detected, mrz, reference, findings, match, lines)
    return _checked(detected, lines, result, reference, propose_repair)


def _checked(
    layout: Layout,
    lines: list[str] | None,
    result: MrzResult,
    reference: dt.date,
    propose_repair: bool,
) -> MrzResult:
    """The result, with an OCR repair proposed when it fails (or its name looks misread)."""
    if propose_repair and (not result.valid or result.has("name_malformed")):
        from borderpost.documents.repair import repair_finding

        rows = lines if lines is not None else result.mrz.split("\n")
        proposal, note = repair_finding(layout, rows, reference)
        if note is not None:
            return _with(result, proposal, note)
    return result


def _with(result: MrzResult, proposal: Repair | None, note: Finding) -> MrzResult:
    return result._replace(findings=(*result.findings, note), repair=proposal)


def _geometry_finding(lines: list[str]) -> Finding:
    lengths = [len(line) for line in lines]
    shown = ", ".join(str(n) for n in lengths)
    if len(lines) not in (2, 3):
        return finding(
            "line_count",
            None,
            f"{len(lines)} line(s) of {shown} characters: an MRZ has 2 or 3 lines "
            f"(closest: {geometry_hint(lengths)})",
        )
    return finding(
        "line_length",
        None,
        f"{len(lines)} lines of {shown} characters fit no layout "
        f"(closest: {geometry_hint(lengths)})",
    )


def _read_layout(
    layout: Layout,
    mrz: str,
    reference: dt.date,
    findings: list[Finding],
    match: re.Match[str] | None,
    lines: list[str] | None = None,
) -> MrzResult:
    if match is not None:
        raw = match.groupdict()
        well_formed = True
    else:
        rows = lines if lines is not None else mrz.split("\n")
        raw = {name: rows[spec.line][spec.start : spec.end] for name, spec in layout.fields.items()}
        well_formed = _characters(layout, raw, findings)
    if raw["document_code"][:1] not in layout.first_letters:
        findings.append(
            finding(
                "document_code_unexpected",
                "document_code",
                f"document code {raw['document_code']!r} on a {layout.name}, which is issued "
                f"with a code starting {' or '.join(layout.first_letters)}",
            )
        )
    check_results, number, remainder, extended = _check_digits(layout, mrz, raw, findings)
    birth, birth_ok = read_birth(raw["birth_date"], reference, findings)
    if "expiry_date" in raw:
        expiry, expiry_ok = read_expiry(raw["expiry_date"], reference, findings)
    else:
        expiry, expiry_ok = None, True
        findings.append(
            finding(
                "expiry_not_in_mrz",
                "expiry_date",
                f"a {layout.title} carries no expiry date in its MRZ: read it on the card",
            )
        )
    if birth is not None and expiry is not None:
        birth = born_before_expiry(birth, expiry, reference)
        date_relations(birth, expiry, reference, findings)
    sex = raw["sex"]
    if sex == "X":
        findings.append(finding("sex_x", "sex", "sex is X; ICAO prescribes M, F or <"))
    issuing, issuing_name = read_country("issuing_state", raw["issuing_state"], findings)
    # A national layout without a nationality field is issued to the issuing State's nationals.
    nationality_field = raw.get("nationality", raw["issuing_state"])
    nationality, nationality_name = read_country("nationality", nationality_field, findings)
    if "UTO" in (raw["issuing_state"], nationality_field):
        findings.append(
            finding("specimen", "issuing_state", "issued by Utopia: an ICAO specimen document")
        )
    name = read_name(raw["name"], raw.get("given_names"))
    findings.extend(name.findings)
    optional_data_2 = raw.get("optional_data_2")
    personal = raw.get("personal_number")
    optional_field = raw.get("optional_data")
    if remainder is not None:
        if layout.extension == "personal_number":
            personal = remainder
        else:
            optional_field = remainder
    _erratum(mrz, findings)
    valid = well_formed and all(check_results.values()) and birth_ok and expiry_ok
    # Positional, in MrzResult's field order: keyword construction of this 24-field tuple
    # costs about 0.7 µs more per document (bench/mrz.py). tests/documents check every field.
    return MrzResult(
        mrz,  # mrz
        layout.name,  # type
        reference,  # reference_date
        raw["document_code"].rstrip("<"),  # document_code
        issuing,  # issuing_state
        issuing_name,  # issuing_state_name
        name.surname,  # surname
        name.given_names,  # given_names
        name.truncated_possible,  # name_truncated_possible
        number,  # document_number
        extended,  # document_number_extended
        nationality,  # nationality
        nationality_name,  # nationality_name
        birth,  # birth_date
        sex,  # sex
        expiry,  # expiry_date
        _strip(optional_field),  # optional_data
        _strip(optional_data_2),  # optional_data_2
        _strip(personal),  # personal_number
        raw,  # raw
        check_results,  # checks
        valid,  # valid
        tuple(findings),  # findings
        None,  # repair
    )


def _erratum(mrz: str, findings: list[Finding]) -> None:
    note = errata.note(mrz)
    if note is not None:
        findings.append(note)


def _strip(value: str | None) -> str | None:
    return value.rstrip("<") if value is not None else None


def _characters(layout: Layout, raw: dict[str, str], findings: list[Finding]) -> bool:
    ok = True
    alphabet = cd.MRZ_ALPHABET
    for name, value in raw.items():
        spec = layout.fields[name]
        allowed = CHAR_CLASSES[spec.char_class]
        for offset, char in enumerate(value):
            if char in allowed:
                continue
            ok = False
            where = f"line {spec.line + 1}, position {spec.start + offset + 1}"
            if char not in alphabet:
                findings.append(
                    finding(
                        "invalid_character",
                        name,
                        f"{char!r} at {where} ({name}) is not an MRZ character (A-Z, 0-9, <)",
                    )
                )
            elif name == "sex":
                findings.append(
                    finding("sex_invalid", "sex", f"sex is {char!r}; expected M, F, X or <")
                )
            else:
                findings.append(
                    finding(
                        "character_class",
                        name,
                        f"{char!r} at {where} is not allowed in the {spec.char_class} field {name}",
                    )
                )
            break  # one finding per field is enough to act on
    return ok


def _check_digits(
    layout: Layout, mrz: str, raw: dict[str, str], findings: list[Finding]
) -> tuple[dict[str, bool], str, str | None, bool]:
    """Every check digit, with the extended document number resolved.

    Returns the check map, the full document number, the optional/extension field with
    the overflow removed (None when there was no extension) and whether the number was
    extended.
    """
    results: dict[str, bool] = {}
    number = raw["document_number"].rstrip("<")
    remainder: str | None = None
    extended = False
    mrz_values = cd.values(mrz)
    for check in layout.checks:
        digit = raw[check.digit]
        expected = _DIGITS.get(digit)
        if expected is not None:
            if mrz_values is not None:
                computed: int | None = cd.planned_digit(mrz_values, check.plan)
            else:
                computed = cd.check_digit(check.covered(mrz))
            ok = results[check.name] = computed == expected
            if not ok:
                shown = "cannot be computed (non-MRZ characters)" if computed is None else computed
                findings.append(
                    finding(
                        "check_digit_mismatch",
                        check.digit,
                        f"{LABELS[check.name]} check digit is {digit}, computed {shown}",
                    )
                )
        elif check.name == "document_number" and digit == "<" and layout.extension:
            ok, number, remainder, extended = _extended_number(layout, raw, findings)
            results[check.name] = ok
        elif digit == "<" and check.filler_when_empty and not check.covered(mrz).strip("<"):
            results[check.name] = True
        else:
            results[check.name] = False
            findings.append(
                finding(
                    "check_digit_not_numeric",
                    check.digit,
                    f"{LABELS[check.name]} check digit is {digit!r}, not a digit",
                )
            )
    return results, number, remainder, extended


def _extended_number(
    layout: Layout, raw: dict[str, str], findings: list[Finding]
) -> tuple[bool, str, str | None, bool]:
    head = raw["document_number"]
    extension = raw[layout.extension]
    run = extension.split("<", 1)[0]
    if not run or "<" in head:
        findings.append(
            finding(
                "document_number_extension_missing",
                "document_number_check",
                "the document number check digit is a filler, but the "
                f"{layout.extension.replace('_', ' ')} holds no continuation and check digit",
            )
        )
        return False, head.rstrip("<"), None, False
    overflow, digit = run[:-1], run[-1]
    number = head + overflow
    remainder = extension[len(run) :].lstrip("<")
    if not layout.extension_is_icao:
        findings.append(
            finding(
                "document_number_extension_non_icao",
                "document_number",
                f"extended document number in the {layout.extension.replace('_', ' ')} of a "
                f"{layout.name}, which ICAO Doc 9303 does not define",
            )
        )
    icao = cd.is_valid(number, digit)
    with_filler = cd.is_valid(f"{head}<{overflow}", digit)
    findings.append(
        finding(
            "document_number_extended",
            "document_number",
            f"document number {number} is {len(number)} characters: {head} plus {overflow!r} "
            f"continued in the {layout.extension.replace('_', ' ')}, check digit {digit}",
        )
    )
    if not icao and with_filler:
        findings.append(
            finding(
                "document_number_extension_convention",
                "document_number",
                f"check digit {digit} agrees only when the filler in the check-digit position "
                "is counted (not ICAO's convention)",
            )
        )
    if not (icao or with_filler):
        expected = cd.check_digit(number)
        findings.append(
            finding(
                "check_digit_mismatch",
                "document_number_check",
                f"document number check digit is {digit}, computed "
                f"{'cannot be computed' if expected is None else expected}",
            )
        )
    return icao or with_filler, number, remainder, True


def read_country(field: str, text: str, findings: list[Finding]) -> tuple[str | None, str | None]:
    """(code, name) of a country field as printed (``D<<``), with a finding when it is not
    an ICAO code (``issuing_state``/``nationality`` ``_unknown`` or ``_nonstandard``)."""
    code, name, note = _country_reading(field, text)
    if note is not None:
        findings.append(note)
    return code, name


@functools.lru_cache(maxsize=4096)
def _country_reading(field: str, text: str) -> tuple[str | None, str | None, Finding | None]:
    """(code, name, finding) for a country field as printed; cached, the set is small."""
    known = countries.lookup(text)
    if known is not None:
        return known.code, known.name, None
    code = countries.code_from_field(text) or None
    quirk = countries.quirk(text)
    label = field.replace("_", " ")
    if quirk is not None:
        return (
            code,
            None,
            finding(f"{field}_nonstandard", field, f"{label} {text!r}: {quirk.meaning}"),
        )
    return (
        code,
        None,
        finding(
            f"{field}_unknown",
            field,
            f"{label} {text!r} is not an ISO 3166-1 alpha-3 code nor an ICAO code",
        ),
    )
