"""The FIU export: one XML report per declaration (or detention), validated against a schema.

Borderpost ships its own schema (``data/schema/fiu-cash-report.xsd``), modelled on the
structure of a goAML report; an FIU with a schema of its own points the tool at it
(``BORDERPOST_CASH_FIU_XSD`` or ``--xsd``) and every export is checked against that instead.
A report that does not validate is never handed out: :func:`validate` raises with the
schema's messages.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from pathlib import Path

from lxml import etree

from borderpost.cash.errors import CashError
from borderpost.cash.model import Declaration, Party
from borderpost.cash.money import quantize
from borderpost.cash.offences import Offence
from borderpost.cash.rules import Assessment

__all__ = [
    "NAMESPACE",
    "DetentionFacts",
    "FiuReport",
    "FiuSchemaError",
    "build_report",
    "load_schema",
    "report_code",
    "validate",
]

NAMESPACE = "urn:borderpost:cash:fiu:1"
_N = "{" + NAMESPACE + "}"


class FiuSchemaError(CashError):
    """A report does not validate against the schema, or the schema cannot be read."""


@dataclass(frozen=True, slots=True)
class DetentionFacts:
    """A detention as reported: legal basis, amount held, when, until when, and any release."""

    legal_basis: str
    amount: Decimal
    detained_at: dt.datetime
    expires_on: dt.date
    released_at: dt.datetime | None = None
    release_reason: str | None = None


@dataclass(frozen=True, slots=True)
class FiuReport:
    """Everything one report says."""

    entity_id: str  # the reporting authority's FIU registration (rentity_id)
    reporter: str
    submitted_at: dt.datetime
    profile_code: str
    currency: str
    declaration: Declaration
    assessment: Assessment
    offences: Sequence[Offence] = ()
    detention: DetentionFacts | None = None
    indicators: Sequence[tuple[str, str]] = ()  # (code, explanation) of courier alerts


def report_code(report: FiuReport) -> str:
    """CBCR for a detention, CBCX for an ex officio record, CBCD for a declaration."""
    if report.detention is not None:
        return "CBCR"
    return "CBCX" if report.declaration.kind == "ex_officio" else "CBCD"


def _add(parent: etree._Element, tag: str, text: str | None = None) -> etree._Element:
    element = etree.SubElement(parent, _N + tag)
    if text is not None:
        element.text = text
    return element


def _optional(parent: etree._Element, tag: str, text: str | None) -> None:
    if text:
        _add(parent, tag, text[:4000])


def _money(value: Decimal) -> str:
    return f"{quantize(value):.2f}"


def _stamp(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise CashError("report times must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _person(parent: etree._Element, party: Party) -> None:
    person = _add(parent, "person")
    _add(person, "full_name", party.name[:255] or "UNKNOWN")
    if party.birth_date is not None:
        _add(person, "birthdate", party.birth_date.isoformat())
    _optional(person, "nationality1", party.nationality)
    _optional(person, "id_number", party.document)
    if party.phone:
        phone = _add(_add(person, "phones"), "phone")
        _add(phone, "tph_number", party.phone[:255])
    if party.address:
        address = _add(_add(person, "addresses"), "address")
        _add(address, "address", party.address[:255])
    _optional(person, "account", party.account)


def _reason(report: FiuReport) -> str:
    parts = [report.assessment.reason]
    parts.extend(offence.reason for offence in report.offences)
    return "; ".join(parts)


def build_report(report: FiuReport) -> bytes:
    """The report as UTF-8 XML bytes (not yet validated: see :func:`validate`)."""
    declaration = report.declaration
    # The default namespace is spelt with the key None; lxml-stubs types the keys as str.
    root = etree.Element(_N + "report", nsmap={None: NAMESPACE})  # type: ignore[dict-item]
    _add(root, "rentity_id", report.entity_id)
    _add(root, "submission_code", "E")
    _add(root, "report_code", report_code(report))
    _add(root, "entity_reference", declaration.ref)
    _add(root, "submission_date", _stamp(report.submitted_at))
    _add(root, "currency_code_local", report.currency)
    _add(_add(root, "reporting_person"), "username", report.reporter)
    location = _add(root, "location")
    _add(location, "port_code", declaration.port)
    _add(location, "direction", declaration.direction)
    _add(root, "reason", _reason(report)[:4000])
    if report.detention is not None:
        _add(root, "action", f"cash detained: {report.detention.legal_basis}"[:4000])
    activity = _add(root, "activity")
    parties = _add(activity, "report_parties")
    for party in declaration.parties:
        entry = _add(parties, "report_party")
        _add(entry, "role", party.role)
        _person(entry, party)
    record = _add(activity, "declaration")
    _add(record, "kind", declaration.kind)
    _add(record, "date", declaration.day.isoformat())
    _add(record, "profile", report.profile_code)
    for tag, text in (
        ("origin", declaration.origin),
        ("destination", declaration.destination),
        ("route", declaration.route),
        ("intended_use", declaration.intended_use),
        ("source_of_funds", declaration.source_of_funds),
    ):
        _optional(record, tag, text)
    items = _add(record, "items")
    for valued in report.assessment.lines:
        item = _add(items, "item")
        line = valued.line
        _add(item, "item_type", line.instrument)
        _add(item, "currency_code", line.currency)
        _add(item, "amount", _money(line.amount))
        _add(item, "exchange_rate", f"{valued.rate.normalize():f}")
        if valued.rate_day is not None:
            _add(item, "rate_date", valued.rate_day.isoformat())
        _add(item, "amount_local", _money(valued.value))
        _add(item, "counted", "true" if valued.counted else "false")
        _optional(item, "gold_form", line.gold_form)
        if line.purity is not None:
            _add(item, "purity", f"{line.purity.normalize():f}")
        _optional(item, "description", line.description)
    _add(record, "total_local", _money(report.assessment.total))
    _add(record, "threshold_reached", "true" if report.assessment.required else "false")
    if report.offences:
        offences = _add(activity, "offences")
        for offence in report.offences:
            entry = _add(offences, "offence")
            _add(entry, "kind", offence.kind)
            _add(entry, "amount_local", _money(offence.amount))
            _add(entry, "description", offence.reason[:4000])
    if report.detention is not None:
        held = report.detention
        detention = _add(activity, "detention")
        _add(detention, "legal_basis", held.legal_basis[:4000])
        _add(detention, "amount_local", _money(held.amount))
        _add(detention, "detained_at", _stamp(held.detained_at))
        _add(detention, "expires_on", held.expires_on.isoformat())
        if held.released_at is not None:
            _add(detention, "released_at", _stamp(held.released_at))
            _optional(detention, "release_reason", held.release_reason)
    if report.indicators:
        indicators = _add(root, "report_indicators")
        for code, text in report.indicators:
            _add(indicators, "indicator", text[:4000]).set("code", code)
    return bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))


def _parser() -> etree.XMLParser:
    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@cache
def _shipped_schema() -> etree.XMLSchema:
    source = resources.files("borderpost.cash") / "data" / "schema" / "fiu-cash-report.xsd"
    return etree.XMLSchema(etree.fromstring(source.read_bytes(), _parser()))


def load_schema(path: Path | None = None) -> etree.XMLSchema:
    """The FIU's own schema at ``path``, or the shipped one.

    Raises:
        FiuSchemaError: the file cannot be read or is not an XML schema.
    """
    if path is None:
        return _shipped_schema()
    try:
        return etree.XMLSchema(etree.fromstring(path.read_bytes(), _parser()))
    except OSError as exc:
        raise FiuSchemaError(f"cannot read the FIU schema {path}: {exc.strerror or exc}") from None
    except (etree.XMLSyntaxError, etree.XMLSchemaParseError) as exc:
        raise FiuSchemaError(f"{path} is not a usable XML schema: {exc}") from None


def validate(xml: bytes, schema: etree.XMLSchema | None = None) -> None:
    """Check ``xml`` against ``schema`` (default: the shipped one).

    Raises:
        FiuSchemaError: not well-formed, or invalid; the message lists the schema's complaints.
    """
    checker = schema if schema is not None else _shipped_schema()
    try:
        document = etree.fromstring(xml, _parser())
    except etree.XMLSyntaxError as exc:
        raise FiuSchemaError(f"the report is not well-formed XML: {exc}") from None
    if not checker.validate(document):
        problems = "; ".join(str(checker.error_log).splitlines()[:5])
        raise FiuSchemaError(f"the report does not validate against the FIU schema: {problems}")
