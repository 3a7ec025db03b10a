"""FollowTheMoney entities as JSON lines (the OpenSanctions export format).

One entity per line: ``{"id", "schema", "properties": {name: [values]}, "datasets", ...}``.
Persons, organizations, vessels and aircraft become entries. Documents, sanctions and
addresses are separate entities linked by id (``Passport.holder``, ``Sanction.entity``,
``Thing.addressEntity``) in the flat form, or embedded as objects in the property lists
(``properties.identification``, ``properties.sanctions``, ``properties.addressEntity``,
``properties.proof``...) in the nested form; both are read. Countries are ISO alpha-2 there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from borderpost.screening.errors import ListFormatError
from borderpost.screening.importers._common import is_latin, unique
from borderpost.screening.importers.ftm_props import EntityFacts, read_entity_properties
from borderpost.screening.model import Document, EntityKind, ListEntry
from borderpost.screening.report import ImportResult, ReportBuilder

__all__ = ["FTM_KINDS", "parse_ftm"]

#: FtM schemata that become list entries.
FTM_KINDS: dict[str, EntityKind] = {
    "Person": "person",
    "Organization": "organization",
    "Company": "organization",
    "PublicBody": "organization",
    "LegalEntity": "unknown",
    "Vessel": "vessel",
    "Airplane": "aircraft",
}
_DOCUMENTS = ("Passport", "Identification")

FtmSource = bytes | IO[bytes] | IO[str] | Iterable[str]


@dataclass(slots=True)
class _Record:
    line: int
    entity_id: str
    schema: str
    properties: dict[str, list[Any]]


@dataclass(slots=True)
class _Links:
    documents: dict[str, list[Document]] = field(default_factory=dict)
    programs: dict[str, list[str]] = field(default_factory=dict)
    addresses: dict[str, str] = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)


def _lines(source: FtmSource, file: str) -> Iterator[tuple[int, str]]:
    lines = iter(source.splitlines() if isinstance(source, bytes) else source)
    number = 0
    while True:
        number += 1
        try:
            raw: object = next(lines)
        except StopIteration:
            return
        except UnicodeDecodeError as exc:
            raise ListFormatError(file, number, f"not readable as text ({exc.reason})") from exc
        if isinstance(raw, bytes):
            try:
                text = raw.decode("utf-8-sig" if number == 1 else "utf-8")
            except UnicodeDecodeError as exc:
                raise ListFormatError(file, number, f"not UTF-8 ({exc.reason})") from exc
        elif isinstance(raw, str):
            text = raw.removeprefix("\ufeff") if number == 1 else raw
        else:
            raise ListFormatError(file, number, f"line is {type(raw).__name__}, not text")
        if text.strip():
            yield number, text


def _record(line: int, text: str, file: str) -> _Record:
    try:
        data = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        raise ListFormatError(file, line, f"not valid JSON ({exc})") from exc
    if not isinstance(data, dict):
        raise ListFormatError(
            file, line, f"a line must hold a JSON object, not {type(data).__name__}"
        )
    return _as_record(line, data, file)


def _as_record(line: int, data: dict[str, Any], file: str) -> _Record:
    entity_id, schema = data.get("id"), data.get("schema")
    if not isinstance(entity_id, str) or not entity_id.strip():
        raise ListFormatError(file, line, "entity without a string 'id'")
    if not isinstance(schema, str) or not schema:
        raise ListFormatError(file, line, f"entity {entity_id!r} without a string 'schema'")
    raw = data.get("properties", {})
    if not isinstance(raw, dict):
        raise ListFormatError(file, line, f"entity {entity_id!r}: 'properties' is not an object")
    properties = {str(k): v if isinstance(v, list) else [v] for k, v in raw.items()}
    return _Record(line, entity_id.strip(), schema, properties)


def parse_ftm(
    source: FtmSource,
    *,
    list_name: str = "FollowTheMoney",
    version: str | None = None,
    file_name: str = "entities.ftm.json",
) -> ImportResult:
    """Parse FollowTheMoney JSON lines into a snapshot.

    Args:
        source: bytes, a binary or text stream, or any iterable of lines.
        list_name: name given to the list and every entry.
        version: version of the export (FtM lines carry none of their own).
        file_name: used in warnings and errors.

    Returns:
        Entries for Person, Organization, Company, PublicBody, LegalEntity, Vessel and
        Airplane entities, with linked documents, sanction programs and addresses merged in.

    Raises:
        ListFormatError: a line is not UTF-8, not JSON, not an object, or lacks id/schema.
    """
    report = ReportBuilder(list_name, files=[file_name])
    records: list[_Record] = [
        _record(line, text, file_name) for line, text in _lines(source, file_name)
    ]
    links = _Links()
    main: dict[str, _Record] = {}
    unused: dict[str, int] = {}
    for record in records:
        if record.schema in FTM_KINDS:
            report.read += 1
            if record.entity_id in main:
                first = main[record.entity_id].line
                report.error(
                    file_name, record.line, f"id {record.entity_id!r} repeats line {first}; skipped"
                )
                continue
            main[record.entity_id] = record
        elif not _link(record, links, report, file_name):
            unused[record.schema] = unused.get(record.schema, 0) + 1
    if unused:
        listing = ", ".join(f"{count} {schema}" for schema, count in sorted(unused.items()))
        report.notes.append(f"entities not used for screening: {listing}")
    _check_links(links, main, report, file_name)
    entries = [
        e for r in main.values() if (e := _entry(r, links, report, file_name, list_name, version))
    ]
    return report.result(version, entries)


def _link(record: _Record, links: _Links, report: ReportBuilder, file: str) -> bool:
    """File a Passport/Identification/Sanction/Address under the entity it belongs to."""
    props = record.properties
    if record.schema in _DOCUMENTS:
        facts = read_entity_properties(
            record.schema, props, lambda m: report.warn(file, record.line, m)
        )
        for holder in _ids(props.get("holder", [])):
            links.documents.setdefault(holder, []).extend(facts.documents)
            links.lines.setdefault(holder, record.line)
        return True
    if record.schema == "Sanction":
        facts = read_entity_properties(
            record.schema, props, lambda m: report.warn(file, record.line, m)
        )
        for target in _ids(props.get("entity", [])):
            links.programs.setdefault(target, []).extend(facts.programs)
            links.lines.setdefault(target, record.line)
        return True
    if record.schema == "Address":
        full = [v for v in props.get("full", []) if isinstance(v, str) and v.strip()]
        if full:
            links.addresses[record.entity_id] = full[0].strip()
        return True
    return False


def _ids(values: list[Any]) -> list[str]:
    return [v.strip() for v in values if isinstance(v, str) and v.strip()]


def _check_links(links: _Links, main: dict[str, _Record], report: ReportBuilder, file: str) -> None:
    for holder in sorted(links.documents.keys() - main.keys()):
        line = links.lines.get(holder)
        report.warn(file, line, f"document for {holder!r}, which is not in the file, ignored")
    for target in sorted(links.programs.keys() - main.keys()):
        line = links.lines.get(target)
        report.warn(file, line, f"sanction for {target!r}, which is not in the file, ignored")


def _entry(
    record: _Record,
    links: _Links,
    report: ReportBuilder,
    file: str,
    list_name: str,
    version: str | None,
) -> ListEntry | None:
    facts: EntityFacts = read_entity_properties(
        record.schema,
        record.properties,
        lambda m: report.warn(file, record.line, m, record.entity_id),
    )
    latin = [n for n in facts.names if is_latin(n)]
    other_script = [n for n in facts.names if not is_latin(n)]
    candidates = latin or other_script
    if not candidates:
        report.error(
            file,
            record.line,
            f"{record.schema} {record.entity_id!r} has no name; skipped",
            record.entity_id,
        )
        return None
    primary = candidates[0]
    for address_id in _ids(record.properties.get("addressEntity", [])):
        if address_id in links.addresses:
            facts.addresses.append(links.addresses[address_id])
    remaining = [n for n in latin if n != primary]
    return ListEntry(
        list_name=list_name,
        entry_id=record.entity_id,
        kind=FTM_KINDS[record.schema],
        name=primary,
        aliases=unique([*facts.aliases_for(remaining), *facts.aliases]),
        original_script_names=unique(n for n in other_script if n != primary),
        birth_dates=unique(facts.birth_dates),
        birth_places=unique(facts.birth_places),
        nationalities=unique(facts.nationalities),
        gender=facts.gender,
        documents=unique([*facts.documents, *links.documents.get(record.entity_id, [])]),
        addresses=unique(facts.addresses),
        programs=unique([*facts.programs, *links.programs.get(record.entity_id, [])]),
        remarks=tuple(facts.remarks),
        list_version=version,
    )
