"""Read an MRZ: text → layout → fields → check digits, dates, codes, names → result.

``parse`` never raises on any text: whatever is wrong with the input becomes a finding.
"""

from __future__ import annotations

import datetime as dt

from borderpost.documents import checks as cd
from borderpost.documents import countries, errata
from borderpost.documents.findings import Finding, finding
from borderpost.documents.layouts import CHAR_CLASSES, Layout, detect, geometry_hint
from borderpost.documents.namefield import read_name
from borderpost.documents.reading import read_lines
from borderpost.documents.result import MrzResult

LABELS = {
    "document_number": "document number",
    "birth_date": "birth date",
    "expiry_date": "expiry date",
    "personal_number": "personal number",
    "composite": "composite",
}
MAX_VALIDITY_YEARS = 10
MAX_AGE_YEARS = 120


def parse(text: str, *, at: dt.date | None = None, propose_repair: bool = True) -> MrzResult:
    """Read and check an MRZ given as text (lines separated by newlines).

    Args:
        text: the MRZ as typed, pasted or read by OCR.
        at: the reference date for century inference and expiry (default: today).
        propose_repair: when the MRZ fails, look for a reading with OCR confusions
            corrected that makes every check digit agree (it is proposed, not applied).
    """
    reference = at if at is not None else dt.date.today()
    lines, findings = read_lines(text)
    mrz = "\n".join(lines)
    if not lines:
        findings.append(finding("empty_input", None, "no MRZ text was given"))
        return MrzResult(mrz=mrz, type=None, reference_date=reference, findings=tuple(findings))
    layout = detect(lines)
    if layout is None:
        findings.append(_geometry_finding(lines))
        findings.extend(errata.notes(mrz))
        return MrzResult(mrz=mrz, type=None, reference_date=reference, findings=tuple(findings))
    result = _read_layout(layout, lines, mrz, reference, findings)
    if propose_repair and (not result.valid or result.has("name_malformed")):
        from borderpost.documents.repair import repair_finding

        proposal, note = repair_finding(layout, lines, reference)
        if note is not None:
            return _with(result, proposal, note)
    return result


def _with(result: MrzResult, proposal: object, note: Finding) -> MrzResult:
    from dataclasses import replace

    from borderpost.documents.repair import Repair

    repair = proposal if isinstance(proposal, Repair) else None
    return replace(result, findings=(*result.findings, note), repair=repair)


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
    layout: Layout, lines: list[str], mrz: str, reference: dt.date, findings: list[Finding]
) -> MrzResult:
    raw = {name: lines[spec.line][spec.start : spec.end] for name, spec in layout.fields.items()}
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
    check_results, number, remainder, extended = _check_digits(layout, lines, raw, findings)
    birth, birth_ok = _birth(raw["birth_date"], reference, findings)
    expiry, expiry_ok = _expiry(raw["expiry_date"], reference, findings)
    if birth is not None and expiry is not None:
        _date_relations(birth, expiry, reference, findings)
    sex = raw["sex"]
    if sex == "X":
        findings.append(finding("sex_x", "sex", "sex is X; ICAO prescribes M, F or <"))
    issuing, issuing_name = _country("issuing_state", raw["issuing_state"], findings)
    nationality, nationality_name = _country("nationality", raw["nationality"], findings)
    if "UTO" in (raw["issuing_state"], raw["nationality"]):
        findings.append(
            finding("specimen", "issuing_state", "issued by Utopia: an ICAO specimen document")
        )
    name = read_name(raw["name"])
    findings.extend(name.findings)
    optional_data_2 = raw.get("optional_data_2")
    personal = raw.get("personal_number")
    optional_field = raw.get("optional_data")
    if remainder is not None:
        if layout.extension == "personal_number":
            personal = remainder
        else:
            optional_field = remainder
    findings.extend(errata.notes(mrz))
    valid = well_formed and all(check_results.values()) and birth_ok and expiry_ok
    return MrzResult(
        mrz=mrz,
        type=layout.name,
        reference_date=reference,
        document_code=raw["document_code"].rstrip("<"),
        issuing_state=issuing,
        issuing_state_name=issuing_name,
        surname=name.surname,
        given_names=name.given_names,
        name_truncated_possible=name.truncated_possible,
        document_number=number,
        document_number_extended=extended,
        nationality=nationality,
        nationality_name=nationality_name,
        birth_date=birth,
        sex=sex,
        expiry_date=expiry,
        optional_data=_strip(optional_field),
        optional_data_2=_strip(optional_data_2),
        personal_number=_strip(personal),
        raw=raw,
        checks=check_results,
        valid=valid,
        findings=tuple(findings),
    )


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
    layout: Layout, lines: list[str], raw: dict[str, str], findings: list[Finding]
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
    for check in layout.checks:
        digit = raw[check.digit]
        covered = "".join(lines[line][a:b] for line, a, b in check.spans)
        label = LABELS[check.name]
        if check.name == "document_number" and digit == "<":
            ok, number, remainder, extended = _extended_number(layout, raw, findings)
            results[check.name] = ok
            continue
        if digit == "<" and check.filler_when_empty and not covered.strip("<"):
            results[check.name] = True
            continue
        if not digit.isdigit():
            results[check.name] = False
            findings.append(
                finding(
                    "check_digit_not_numeric",
                    check.digit,
                    f"{label} check digit is {digit!r}, not a digit",
                )
            )
            continue
        computed = cd.check_digit(covered)
        ok = computed is not None and computed == int(digit)
        results[check.name] = ok
        if not ok:
            shown = "cannot be computed (non-MRZ characters)" if computed is None else computed
            findings.append(
                finding(
                    "check_digit_mismatch",
                    check.digit,
                    f"{label} check digit is {digit}, computed {shown}",
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


def _birth(text: str, reference: dt.date, findings: list[Finding]) -> tuple[dt.date | None, bool]:
    parts = cd.split_yymmdd(text)
    if parts is None:
        findings.append(
            finding("birth_date_invalid", "birth_date", f"birth date {text!r} is not YYMMDD")
        )
        return None, False
    yy, month, day = parts
    if month is None or day is None:
        year = cd.birth_year(yy, reference)
        known = f"{year}" if month is None else f"{year}-{month:02d}"
        if month is not None and not 1 <= month <= 12:
            findings.append(
                finding("birth_date_invalid", "birth_date", f"birth month {month} does not exist")
            )
            return None, False
        findings.append(
            finding(
                "birth_date_incomplete",
                "birth_date",
                f"birth date {text} is partly unknown: only {known} is given",
            )
        )
        return None, True
    born = cd.birth_date(yy, month, day, reference)
    if born is None:
        findings.append(
            finding(
                "birth_date_invalid",
                "birth_date",
                f"birth date {text} (day {day:02d}, month {month:02d}) is not a calendar date",
            )
        )
        return None, False
    return born, True


def _expiry(text: str, reference: dt.date, findings: list[Finding]) -> tuple[dt.date | None, bool]:
    parts = cd.split_yymmdd(text)
    expiry = None
    if parts is not None and parts[1] is not None and parts[2] is not None:
        expiry = cd.expiry_date(parts[0], parts[1], parts[2], reference)
    if expiry is None:
        findings.append(
            finding(
                "expiry_date_invalid",
                "expiry_date",
                f"expiry date {text!r} is not a calendar date (YYMMDD)",
            )
        )
        return None, False
    if expiry < reference:
        findings.append(
            finding(
                "expired",
                "expiry_date",
                f"expired on {expiry.isoformat()} (reference date {reference.isoformat()})",
            )
        )
    elif expiry > _add_years(reference, MAX_VALIDITY_YEARS):
        findings.append(
            finding(
                "not_yet_valid",
                "expiry_date",
                f"expires {expiry.isoformat()}, more than {MAX_VALIDITY_YEARS} years after "
                f"{reference.isoformat()}: altered expiry date, or not issued by that date",
            )
        )
    return expiry, True


def _add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _date_relations(
    birth: dt.date, expiry: dt.date, reference: dt.date, findings: list[Finding]
) -> None:
    if expiry < birth:
        findings.append(
            finding(
                "expiry_before_birth",
                "expiry_date",
                f"expiry {expiry.isoformat()} is before birth {birth.isoformat()}",
            )
        )
    if birth < _add_years(reference, -MAX_AGE_YEARS):
        findings.append(
            finding(
                "age_implausible",
                "birth_date",
                f"born {birth.isoformat()}: older than {MAX_AGE_YEARS} at {reference.isoformat()}",
            )
        )


def _country(field: str, text: str, findings: list[Finding]) -> tuple[str | None, str | None]:
    code = countries.code_from_field(text)
    known = countries.lookup(text)
    if known is not None:
        return known.code, known.name
    quirk = countries.quirk(text)
    label = field.replace("_", " ")
    if quirk is not None:
        findings.append(
            finding(f"{field}_nonstandard", field, f"{label} {text!r}: {quirk.meaning}")
        )
    else:
        findings.append(
            finding(
                f"{field}_unknown",
                field,
                f"{label} {text!r} is not an ISO 3166-1 alpha-3 code nor an ICAO code",
            )
        )
    return (code or None), None
