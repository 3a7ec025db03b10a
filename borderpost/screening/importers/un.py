"""UN Security Council Consolidated List (XML).

Individuals and entities; ``REFERENCE_NUMBER`` (e.g. ``QDi.001``) is the entry id and the
root's ``dateGenerated`` the version. Alias ``QUALITY`` Good/Low map to strong/weak. The
parser is hardened: no entity expansion, no network, no DTD, no huge trees.
"""

from __future__ import annotations

import re
from datetime import date

from lxml import etree

from borderpost.screening.countries import to_alpha3
from borderpost.screening.dates import month_number, parse_birth_date
from borderpost.screening.errors import ListFormatError
from borderpost.screening.importers._common import resolve_country, unique
from borderpost.screening.model import (
    Alias,
    AliasKind,
    AliasStrength,
    BirthDate,
    Document,
    DocumentCategory,
    EntityKind,
    Gender,
    ListEntry,
    PartialDate,
)
from borderpost.screening.report import ImportResult, ReportBuilder
from borderpost.screening.textio import Source

__all__ = ["UN_LIST_NAME", "parse_un"]

UN_LIST_NAME = "UN Security Council Consolidated List"
_QUALITY: dict[str, tuple[AliasStrength, AliasKind]] = {
    "good": ("strong", "aka"),
    "low": ("weak", "aka"),
    "a.k.a.": ("strong", "aka"),
    "f.k.a.": ("strong", "fka"),
    "n.k.a.": ("strong", "nka"),
}
_GENDERS: dict[str, Gender] = {"male": "male", "female": "female"}
_DOCUMENT_NOTES = (
    ("TYPE_OF_DOCUMENT2", ""),
    ("DATE_OF_ISSUE", "issued "),
    ("CITY_OF_ISSUE", "issued in "),
    ("NOTE", ""),
)
_PARENS = re.compile(r"\([^()]*\)")


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        remove_comments=True,
        remove_pis=True,
    )


def _line(element: etree._Element) -> int | None:
    line = element.sourceline
    return line if isinstance(line, int) else None


def _text(element: etree._Element | None) -> str | None:
    if element is None or element.text is None:
        return None
    text = " ".join(element.text.split())
    return text or None


def _child(element: etree._Element, tag: str) -> str | None:
    return _text(element.find(tag))


def _values(element: etree._Element, path: str) -> list[str]:
    return [text for node in element.findall(path) if (text := _text(node)) is not None]


def parse_un(source: Source, *, file_name: str = "consolidated.xml") -> ImportResult:
    """Parse the UN consolidated list XML into a snapshot.

    Args:
        source: the XML as bytes or a stream (binary preferred; the XML declares its encoding).
        file_name: used in warnings and errors.

    Returns:
        Individuals then entities, in file order, and the import report.

    Raises:
        ListFormatError: the XML is not well-formed or is not a ``CONSOLIDATED_LIST``.
    """
    try:
        data = source if isinstance(source, bytes) else source.read()
    except UnicodeDecodeError as exc:
        raise ListFormatError(file_name, None, f"cannot decode the text stream: {exc}") from exc
    raw = data.encode("utf-8") if isinstance(data, str) else data
    try:
        root = etree.fromstring(raw, _parser())
    except etree.XMLSyntaxError as exc:
        raise ListFormatError(
            file_name,
            exc.lineno if isinstance(exc.lineno, int) else None,
            f"XML not well-formed: {exc.msg}",
        ) from exc
    if root.tag != "CONSOLIDATED_LIST":
        raise ListFormatError(
            file_name, _line(root), f"root is <{root.tag}>, not <CONSOLIDATED_LIST>"
        )
    version = root.get("dateGenerated")
    report = ReportBuilder(UN_LIST_NAME, files=[file_name])
    entries: list[ListEntry] = []
    seen: dict[str, int | None] = {}
    for element in [*root.iterfind("INDIVIDUALS/INDIVIDUAL"), *root.iterfind("ENTITIES/ENTITY")]:
        report.read += 1
        line = _line(element)
        entry_id = _child(element, "REFERENCE_NUMBER")
        if entry_id is None:
            report.error(file_name, line, f"<{element.tag}> without REFERENCE_NUMBER; skipped")
            continue
        if entry_id in seen:
            report.error(
                file_name,
                line,
                f"REFERENCE_NUMBER {entry_id} repeats line {seen[entry_id]}; skipped",
                entry_id,
            )
            continue
        seen[entry_id] = line
        entry = _Reader(report, file_name, entry_id, version).entry(element)
        if entry is not None:
            entries.append(entry)
    return report.result(version, entries)


class _Reader:
    """Reads one INDIVIDUAL or ENTITY element."""

    __slots__ = ("entry_id", "file", "report", "version")

    def __init__(
        self, report: ReportBuilder, file: str, entry_id: str, version: str | None
    ) -> None:
        self.report = report
        self.file = file
        self.entry_id = entry_id
        self.version = version

    def warn(self, element: etree._Element, message: str) -> None:
        self.report.warn(self.file, _line(element), message, self.entry_id)

    def entry(self, element: etree._Element) -> ListEntry | None:
        person = element.tag == "INDIVIDUAL"
        prefix = "INDIVIDUAL" if person else "ENTITY"
        parts = [
            p
            for tag in ("FIRST_NAME", "SECOND_NAME", "THIRD_NAME", "FOURTH_NAME")
            if (p := _child(element, tag)) is not None
        ]
        if not parts:
            self.report.error(self.file, _line(element), "no name; skipped", self.entry_id)
            return None
        names = [n.strip() for n in " ".join(parts).split(" ; ") if n.strip()]
        if len(names) > 1:
            self.warn(
                element,
                f"name {' ; '.join(names)!r} split into a name and {len(names) - 1} alias(es)",
            )
        aliases = [Alias(extra) for extra in names[1:]]
        aliases += self.aliases(element, f"{prefix}_ALIAS")
        kind: EntityKind = "person" if person else "organization"
        gender_text = (_child(element, "GENDER") or "").lower()
        remarks = [
            *(f"Title: {t}" for t in _values(element, "TITLE/VALUE")),
            *(f"Designation: {d}" for d in _values(element, "DESIGNATION/VALUE")),
            *_values(element, "COMMENTS1"),
        ]
        return ListEntry(
            list_name=UN_LIST_NAME,
            entry_id=self.entry_id,
            kind=kind,
            name=names[0],
            aliases=unique(aliases),
            original_script_names=unique(_values(element, "NAME_ORIGINAL_SCRIPT")),
            birth_dates=unique(self.birth_dates(element)),
            birth_places=unique(self.places(element, "INDIVIDUAL_PLACE_OF_BIRTH")),
            nationalities=unique(self.nationalities(element)),
            gender=_GENDERS.get(gender_text),
            documents=unique(self.documents(element)),
            addresses=unique(self.places(element, f"{prefix}_ADDRESS")),
            programs=tuple(_values(element, "UN_LIST_TYPE")),
            remarks=tuple(remarks),
            listed_on=self.listed_on(element),
            list_version=self.version,
        )

    def aliases(self, element: etree._Element, tag: str) -> list[Alias]:
        out: list[Alias] = []
        for node in element.iterfind(tag):
            name = _child(node, "ALIAS_NAME")
            if name is None:
                continue
            quality = (_child(node, "QUALITY") or "good").lower()
            strength, kind = _QUALITY.get(quality, ("strong", "aka"))
            if quality not in _QUALITY:
                self.warn(node, f"alias quality {quality!r} unknown; read as strong a.k.a.")
            details = [
                f"{t.replace('_', ' ').lower()}: {v}"
                for t in ("DATE_OF_BIRTH", "CITY_OF_BIRTH", "COUNTRY_OF_BIRTH", "NOTE")
                if (v := _child(node, t)) is not None
            ]
            out.append(Alias(name, strength, kind, note="; ".join(details) or None))
        return out

    def birth_dates(self, element: etree._Element) -> list[BirthDate]:
        out: list[BirthDate] = []
        for node in element.iterfind("INDIVIDUAL_DATE_OF_BIRTH"):
            value = self.birth_date(node)
            if value is not None:
                out.append(value)
        return out

    def birth_date(self, node: etree._Element) -> BirthDate | None:
        kind = (_child(node, "TYPE_OF_DATE") or "").upper()
        note = _child(node, "NOTE")
        circa = kind == "APPROXIMATELY" or (note or "").lower().startswith("approximately")
        try:
            if (text := _child(node, "DATE")) is not None:
                return BirthDate(PartialDate.parse(text[:10]), circa=circa, note=note)
            year = _child(node, "YEAR")
            if year is not None:
                month = month_number(note) if note else None
                if month is not None:
                    self.warn(
                        node, f"DOB year {year} with note {note!r} read as {year}-{month:02d}"
                    )
                    return BirthDate(PartialDate(int(year), month), circa=circa)
                return BirthDate(PartialDate(int(year)), circa=circa, note=note)
            start, end = _child(node, "FROM_YEAR"), _child(node, "TO_YEAR")
            if start is not None and end is not None:
                return BirthDate(PartialDate(int(start)), PartialDate(int(end)), circa=circa)
        except ValueError as exc:
            self.warn(node, f"DOB not understood ({exc}); left out")
            return None
        if note is None:
            return None
        parsed = parse_birth_date(note)
        if parsed.value is None:
            self.warn(node, f"DOB note {note!r} is not a date; left out")
            return None
        self.warn(node, f"DOB read from the note {note!r} as {parsed.value}")
        return BirthDate(parsed.value.start, parsed.value.end, parsed.value.circa or circa)

    def places(self, element: etree._Element, tag: str) -> list[str]:
        out: list[str] = []
        for node in element.iterfind(tag):
            parts = [
                v
                for t in ("STREET", "CITY", "STATE_PROVINCE", "ZIP_CODE", "COUNTRY")
                if (v := _child(node, t)) is not None
            ]
            if (note := _child(node, "NOTE")) is not None:
                parts.append(f"({note})")
            if parts:
                out.append(", ".join(parts))
        return out

    def nationalities(self, element: etree._Element) -> list[str]:
        out: list[str] = []
        for node in element.iterfind("NATIONALITY/VALUE"):
            text = _text(node)
            if text is None:
                continue
            code = resolve_country(
                text, self.report, self.file, _line(node), "nationality", self.entry_id
            )
            if code is not None:
                out.append(code)
        return out

    def documents(self, element: etree._Element) -> list[Document]:
        out: list[Document] = []
        for node in element.iterfind("INDIVIDUAL_DOCUMENT"):
            number = _child(node, "NUMBER")
            label = _child(node, "TYPE_OF_DOCUMENT")
            if number is None:
                if label is not None:
                    self.warn(node, f"document {label!r} without a number; left out")
                continue
            label = label or "Document"
            notes = [
                f"{prefix}{v}"
                for t, prefix in _DOCUMENT_NOTES
                if (v := _child(node, t)) is not None
            ]
            country_text = _child(node, "ISSUING_COUNTRY") or _child(node, "COUNTRY_OF_ISSUE")
            country = None
            if country_text is not None:
                country = resolve_country(
                    country_text,
                    self.report,
                    self.file,
                    _line(node),
                    "issuing country",
                    self.entry_id,
                )
            if _is_wordy(number):
                found, named = _split_number(number)
                if found is not None:
                    by = "" if country is not None or named is None else f", issued by {named}"
                    country = country or named
                    self.warn(node, f"document number {number!r} read as {found!r}{by}")
                    notes.insert(0, number)
                    number = found
            category: DocumentCategory = "passport" if _is_passport(label) else "national_id"
            out.append(Document(label, number, country, "; ".join(notes) or None, category))
        return out

    def listed_on(self, element: etree._Element) -> date | None:
        text = _child(element, "LISTED_ON")
        if text is None:
            return None
        try:
            return date.fromisoformat(text[:10])
        except ValueError:
            self.warn(element, f"LISTED_ON {text!r} is not a date; left out")
            return None


def _is_wordy(number: str) -> bool:
    """Whether a NUMBER field holds prose ("CAR diplomatic passport no. D00000898")."""
    return any(len(word) >= 4 and word.isalpha() for word in number.split())


def _split_number(text: str) -> tuple[str | None, str | None]:
    """The number at the end of a prose NUMBER field, and a country its first words name.

    "Afghan passport number SE 012820" gives ``("SE 012820", "AFG")``.
    """
    words = _PARENS.sub(" ", text).split()
    last_word = max(
        (i for i, w in enumerate(words) if (w.isalpha() and len(w) >= 3) or w[-1] in ".:"),
        default=-1,
    )
    number = " ".join(words[last_word + 1 :])
    if not any(ch.isdigit() for ch in number):
        return None, None
    country = next(
        (code for n in (3, 2, 1) if (code := to_alpha3(" ".join(words[:n]))) is not None), None
    )
    return number, country


def _is_passport(label: str) -> bool:
    folded = label.lower()
    return "passport" in folded or "passeport" in folded or "pasaporte" in folded
