"""The MRZ name field: primary and secondary identifiers (ICAO 9303 Part 3 section 4.6).

``SURNAME<<GIVEN<NAMES<<<<`` — identifiers separated by ``<<``, name components by ``<``,
padded with fillers. A field that ends in a letter may have been truncated.
"""

from __future__ import annotations

from typing import NamedTuple

from borderpost.documents.findings import Finding, finding


class NameField(NamedTuple):
    surname: str
    given_names: str
    truncated_possible: bool
    findings: tuple[Finding, ...]


def read_name(field: str, given_field: str | None = None) -> NameField:
    """Split a name field into surname and given names, with what is odd about it.

    ``given_field`` is a separate given-names field (national layouts such as France's
    identity card, where line 1 holds the surname and line 2 the given names, ``<<``
    between them).
    """
    if given_field is not None:
        return _separate_fields(field, given_field)
    findings: list[Finding] = []
    text = field.rstrip("<")
    if not text:
        return NameField("", "", False, (finding("name_empty", "name", "the name field is empty"),))
    truncated = len(text) == len(field)
    if truncated:
        findings.append(
            finding(
                "name_truncated_possible",
                "name",
                "the name fills the whole field and ends in a letter: it may be truncated",
            )
        )
    primary, separator, secondary = text.partition("<<")
    if not separator:
        findings.append(
            finding(
                "name_no_secondary",
                "name",
                "no << separator: the whole name is the primary identifier",
            )
        )
    if primary[:1] == "<" or not primary or secondary[:1] == "<" or "<<" in secondary:
        findings.append(finding("name_malformed", "name", _malformed(primary, secondary)))
        surname = " ".join(part for part in primary.split("<") if part)
        given = " ".join(part for part in secondary.split("<") if part)
    else:
        surname = primary.replace("<", " ")
        given = secondary.replace("<", " ")
    return NameField(surname, given, truncated, tuple(findings))


def _separate_fields(surname_field: str, given_field: str) -> NameField:
    findings: list[Finding] = []
    surname_text = surname_field.rstrip("<")
    given_text = given_field.rstrip("<")
    if not surname_text:
        findings.append(finding("name_empty", "name", "the surname field is empty"))
    truncated = len(surname_text) == len(surname_field) or len(given_text) == len(given_field)
    if truncated:
        findings.append(
            finding(
                "name_truncated_possible",
                "name",
                "a name fills its whole field and ends in a letter: it may be truncated",
            )
        )
    surname = " ".join(part for part in surname_text.split("<") if part)
    given = " ".join(part for part in given_text.split("<") if part)
    return NameField(surname, given, truncated, tuple(findings))


def _malformed(primary: str, secondary: str) -> str:
    odd = []
    if primary.startswith("<") or not primary:
        odd.append("the field starts with a filler")
    if secondary.startswith("<"):
        odd.append("three or more fillers separate the surname from the given names")
    if "<<" in secondary.strip("<"):
        odd.append("a double filler stands between given names")
    return "; ".join(odd)


def write_name(surname: str, given_names: str, length: int) -> tuple[str, bool]:
    """Render MRZ name components into a field of ``length``, truncating by ICAO's rules.

    ``surname`` and ``given_names`` are already in the MRZ alphabet with spaces between
    components. Returns the field and whether it was truncated. Truncation (Doc 9303
    Part 3 section 4.6) shortens the secondary identifier first; when the primary
    identifier alone does not fit, it is cut so that at least the initial of the first
    given name remains. A truncated field always ends in a letter.
    """
    primary = "<".join(surname.split())
    secondary = "<".join(given_names.split())
    full = f"{primary}<<{secondary}" if secondary else primary
    if len(full) <= length:
        return full.ljust(length, "<"), False
    if secondary and len(primary) + 3 > length:
        primary = primary[: length - 3].rstrip("<")
        full = f"{primary}<<{secondary}"
    cut = full[:length]
    if cut.endswith("<"):
        # The cut fell on a filler between components. Keep the field ending in a letter:
        # give up the last letter before it for the initial of the component cut off.
        following = next(c for c in full[length:] if c != "<")
        cut = cut[:-2] + "<" + following
    return cut, True
