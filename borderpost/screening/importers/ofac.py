"""OFAC SDN list in the legacy CSV set: ``sdn.csv``, ``alt.csv``, ``add.csv``, ``sdn_comments.csv``.

The files have no header. Columns (OFAC's legacy CSV specification):

- ``sdn.csv``: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage,
  GRT, Vess_flag, Vess_owner, Remarks
- ``alt.csv``: ent_num, alt_num, alt_type (aka/fka/nka), alt_name, alt_remarks
- ``add.csv``: ent_num, add_num, address, city/state/postal code, country, add_remarks
- ``sdn_comments.csv``: ent_num, continuation of a Remarks text cut at 1,000 characters

``-0-`` means empty. Strong aliases come from ``alt.csv``; weak ones (``a.k.a. '…'``) and
the birth dates, nationalities and documents come from Remarks (see ``ofac_remarks``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath

from borderpost.screening.errors import ListFormatError
from borderpost.screening.importers._common import natural_order, unique
from borderpost.screening.importers.ofac_remarks import RemarkFacts, parse_remarks
from borderpost.screening.model import Alias, AliasKind, EntityKind, ListEntry
from borderpost.screening.report import ImportResult, ReportBuilder
from borderpost.screening.textio import Source, csv_rows, read_text

__all__ = ["OFAC_LIST_NAME", "parse_ofac"]

OFAC_LIST_NAME = "OFAC SDN"
_REMARKS_LIMIT = 1000
_KINDS: dict[str | None, EntityKind] = {
    "individual": "person",
    None: "organization",
    "vessel": "vessel",
    "aircraft": "aircraft",
}
_ALT_KINDS: dict[str, AliasKind] = {"aka": "aka", "fka": "fka", "nka": "nka"}
_VESSEL_FIELDS = ("Call sign", "Vessel type", "Tonnage", "GRT", "Vessel flag", "Vessel owner")


@dataclass(slots=True)
class _Draft:
    line: int
    entry_id: str
    name: str
    kind: EntityKind
    programs: tuple[str, ...]
    facts: RemarkFacts
    extra_remarks: list[str]
    aliases: list[Alias] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)


def _cell(value: str) -> str | None:
    text = value.strip()
    return None if text in ("", "-0-") else text


def _source_name(source: Source, default: str) -> str:
    name = getattr(source, "name", None)
    return PurePath(name).name if isinstance(name, str) and name else default


def _rows(
    source: Source, default: str, width: int, report: ReportBuilder
) -> list[tuple[int, list[str]]]:
    file = _source_name(source, default)
    report.files.append(file)
    decoded = read_text(source, file)
    report.notes.append(f"{file} decoded as {decoded.encoding}")
    rows = list(csv_rows(decoded.text, file))
    for line, row in rows:
        if len(row) != width:
            raise ListFormatError(file, line, f"expected {width} columns, found {len(row)}")
        if not row[0].strip().isdigit():
            raise ListFormatError(file, line, f"ent_num {row[0].strip()!r} is not a number")
    return rows


def parse_ofac(
    sdn: Source,
    *,
    alt: Source | None = None,
    add: Source | None = None,
    comments: Source | None = None,
    version: str | None = None,
    list_name: str = OFAC_LIST_NAME,
) -> ImportResult:
    """Parse the OFAC legacy CSV set into a list snapshot.

    Args:
        sdn: ``sdn.csv`` (bytes or an open stream; the encoding is detected).
        alt: ``alt.csv``, the strong aliases.
        add: ``add.csv``, the addresses.
        comments: ``sdn_comments.csv``, continuations of long Remarks.
        version: the publication the files belong to (the legacy CSV carries no date).
        list_name: name given to the list and every entry.

    Returns:
        The snapshot (entries in file order, ``entry_id`` = ent_num) and the import report.

    Raises:
        ListFormatError: a row has the wrong number of columns or a non-numeric ent_num.
    """
    report = ReportBuilder(list_name)
    continuation = _read_comments(comments, report) if comments is not None else {}
    drafts = _read_sdn(sdn, continuation, report)
    if alt is not None:
        _read_alt(alt, drafts, report)
    if add is not None:
        _read_add(add, drafts, report)
    entries = [_entry(draft, list_name, version) for draft in drafts.values()]
    return report.result(version, entries)


def _read_comments(source: Source, report: ReportBuilder) -> dict[str, str]:
    out: dict[str, str] = {}
    for _line, row in _rows(source, "sdn_comments.csv", 2, report):
        key = row[0].strip()
        out[key] = out.get(key, "") + row[1]
    return out


def _read_sdn(
    source: Source, continuation: dict[str, str], report: ReportBuilder
) -> dict[str, _Draft]:
    file = _source_name(source, "sdn.csv")
    drafts: dict[str, _Draft] = {}
    for line, row in _rows(source, "sdn.csv", 12, report):
        report.read += 1
        entry_id = row[0].strip()
        if entry_id in drafts:
            first = drafts[entry_id].line
            report.error(
                file, line, f"ent_num {entry_id} repeats line {first}; row skipped", entry_id
            )
            continue
        name = _cell(row[1])
        if name is None:
            report.error(file, line, f"ent_num {entry_id} has no name; row skipped", entry_id)
            continue
        raw_type = _cell(row[2])
        kind = _KINDS.get(raw_type.lower() if raw_type else None)
        if kind is None:
            report.warn(
                file, line, f"SDN_Type {raw_type!r} unknown; kind set to 'unknown'", entry_id
            )
            kind = "unknown"
        remarks = (_cell(row[11]) or "") + continuation.pop(entry_id, "")
        if len(remarks) == _REMARKS_LIMIT:
            report.warn(
                file,
                line,
                "Remarks reach OFAC's 1,000-character limit with no continuation "
                "in sdn_comments.csv; the text may be cut",
                entry_id,
            )

        def warn(message: str, line: int = line, entry_id: str = entry_id) -> None:
            report.warn(file, line, message, entry_id)

        facts = parse_remarks(remarks, kind, warn)
        extra = [f"Title: {title}"] if (title := _cell(row[4])) else []
        for label, value in zip(_VESSEL_FIELDS, row[5:11], strict=True):
            if (text := _cell(value)) is not None:
                extra.append(f"{label}: {text}")
        programs = tuple(
            p.strip(" []") for p in (_cell(row[3]) or "").split("] [") if p.strip(" []")
        )
        drafts[entry_id] = _Draft(line, entry_id, name, kind, programs, facts, extra)
    for entry_id in continuation:
        report.warn(
            "sdn_comments.csv", None, f"continuation for unknown ent_num {entry_id} ignored"
        )
    return drafts


def _read_alt(source: Source, drafts: dict[str, _Draft], report: ReportBuilder) -> None:
    file = _source_name(source, "alt.csv")
    for line, row in _rows(source, "alt.csv", 5, report):
        entry_id = row[0].strip()
        draft = drafts.get(entry_id)
        name = _cell(row[3])
        if draft is None or name is None:
            why = "unknown ent_num" if draft is None else "no alias name"
            report.warn(file, line, f"alias {row[1].strip()} ignored: {why} {entry_id}", entry_id)
            continue
        raw_kind = (_cell(row[2]) or "aka").lower().replace(".", "")
        kind = _ALT_KINDS.get(raw_kind)
        if kind is None:
            report.warn(file, line, f"alias type {raw_kind!r} unknown; read as 'aka'", entry_id)
            kind = "aka"
        note = _cell(row[4])
        weak = note is not None and ("weak" in note.lower() or "low quality" in note.lower())
        natural = natural_order(name) if draft.kind == "person" else None
        draft.aliases.append(Alias(name, "weak" if weak else "strong", kind, natural, note))


def _read_add(source: Source, drafts: dict[str, _Draft], report: ReportBuilder) -> None:
    file = _source_name(source, "add.csv")
    for line, row in _rows(source, "add.csv", 6, report):
        entry_id = row[0].strip()
        draft = drafts.get(entry_id)
        if draft is None:
            report.warn(file, line, f"address for unknown ent_num {entry_id} ignored", entry_id)
            continue
        parts = [text for value in row[2:5] if (text := _cell(value)) is not None]
        if (note := _cell(row[5])) is not None:
            parts.append(f"({note})")
        if parts:
            draft.addresses.append(", ".join(parts))


def _entry(draft: _Draft, list_name: str, version: str | None) -> ListEntry:
    facts = draft.facts
    return ListEntry(
        list_name=list_name,
        entry_id=draft.entry_id,
        kind=draft.kind,
        name=draft.name,
        natural_name=natural_order(draft.name) if draft.kind == "person" else None,
        aliases=unique([*draft.aliases, *facts.weak_aliases]),
        birth_dates=unique(facts.birth_dates),
        birth_places=unique(facts.birth_places),
        nationalities=unique(facts.nationalities),
        gender=facts.gender,
        documents=unique(facts.documents),
        addresses=unique(draft.addresses),
        programs=draft.programs,
        remarks=(*draft.extra_remarks, *facts.remarks),
        list_version=version,
    )
