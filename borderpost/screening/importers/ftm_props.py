"""Reading the properties of one FollowTheMoney entity (and the entities nested in it)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from borderpost.screening.countries import to_alpha3
from borderpost.screening.model import (
    Alias,
    BirthDate,
    Document,
    DocumentCategory,
    Gender,
    PartialDate,
)

__all__ = ["EntityFacts", "read_entity_properties"]

Warn = Callable[[str], None]

_NUMBER_PROPERTIES: dict[str, DocumentCategory] = {
    "passportNumber": "passport",
    "idNumber": "national_id",
    "taxNumber": "tax_id",
    "registrationNumber": "registration",
    "imoNumber": "registration",
    "mmsi": "registration",
}
_PERSON_COUNTRIES = ("nationality", "citizenship")
_OTHER_COUNTRIES = ("jurisdiction", "country", "flag", "mainCountry")
_REMARK_PROPERTIES = ("position", "notes", "summary", "description", "topics")
_GENDERS: dict[str, Gender] = {"male": "male", "female": "female", "other": "other"}
_MAX_DEPTH = 3


@dataclass(slots=True)
class EntityFacts:
    """What the properties of one entity say (mutable while they are read)."""

    names: list[str] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    birth_dates: list[BirthDate] = field(default_factory=list)
    birth_places: list[str] = field(default_factory=list)
    nationalities: list[str] = field(default_factory=list)
    gender: Gender | None = None
    documents: list[Document] = field(default_factory=list)
    addresses: list[str] = field(default_factory=list)
    programs: list[str] = field(default_factory=list)
    remarks: list[str] = field(default_factory=list)

    def aliases_for(self, names: list[str]) -> list[Alias]:
        """Extra ``name`` values as strong aliases."""
        return [Alias(name) for name in names]


def _strings(values: list[Any]) -> list[str]:
    return [" ".join(v.split()) for v in values if isinstance(v, str) and v.strip()]


def _country(text: str, what: str, warn: Warn) -> str | None:
    code = to_alpha3(text)
    if code is None:
        warn(f"{what} {text!r} is not a known country; left out")
    return code


def read_entity_properties(
    schema: str, properties: dict[str, list[Any]], warn: Warn, depth: int = 0
) -> EntityFacts:
    """Read one entity's properties, following entities nested as objects in them.

    Args:
        schema: the FtM schema ("Person", "Passport", ...).
        properties: property name → list of values.
        warn: receives a message for every value left out.
        depth: nesting level (nested entities deeper than 3 levels are ignored).

    Returns:
        The facts; for Passport/Identification the document, for Sanction the programs.
    """
    facts = EntityFacts()
    props = {k: _strings(v) for k, v in properties.items()}
    if schema in ("Passport", "Identification"):
        facts.documents.extend(_documents(schema, props, warn))
        return facts
    if schema == "Sanction":
        facts.programs.extend([*props.get("program", []), *props.get("programId", [])])
        return facts
    facts.names.extend(props.get("name", []))
    facts.aliases.extend(Alias(v) for v in props.get("alias", []))
    facts.aliases.extend(Alias(v, kind="fka") for v in props.get("previousName", []))
    facts.aliases.extend(Alias(v, "weak") for v in props.get("weakAlias", []))
    for text in props.get("birthDate", []):
        try:
            facts.birth_dates.append(BirthDate(PartialDate.parse(text[:10])))
        except ValueError:
            warn(f"birthDate {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD; left out")
    facts.birth_places.extend(props.get("birthPlace", []))
    person = schema == "Person"
    for name in _PERSON_COUNTRIES if person else _OTHER_COUNTRIES:
        for text in props.get(name, []):
            if (code := _country(text, name, warn)) is not None:
                facts.nationalities.append(code)
    if person:
        for text in props.get("country", []):
            if (code := _country(text, "country", warn)) is not None:
                facts.remarks.append(f"Country: {code}")
    for text in props.get("gender", []):
        gender = _GENDERS.get(text.lower())
        if gender is None:
            warn(f"gender {text!r} unknown; left out")
        else:
            facts.gender = gender
    for name, category in _NUMBER_PROPERTIES.items():
        facts.documents.extend(Document(name, v, None, None, category) for v in props.get(name, []))
    facts.addresses.extend(props.get("address", []))
    facts.programs.extend([*props.get("program", []), *props.get("programId", [])])
    for name in _REMARK_PROPERTIES:
        facts.remarks.extend(f"{name}: {v}" for v in props.get(name, []))
    if depth < _MAX_DEPTH:
        _read_nested(properties, facts, warn, depth)
    return facts


def _read_nested(
    properties: dict[str, list[Any]], facts: EntityFacts, warn: Warn, depth: int
) -> None:
    """Entities embedded as objects (the nested export form)."""
    for values in properties.values():
        for value in values:
            if not isinstance(value, dict):
                continue
            schema = value.get("schema")
            props = value.get("properties")
            if not isinstance(schema, str) or not isinstance(props, dict):
                continue
            nested = {str(k): v if isinstance(v, list) else [v] for k, v in props.items()}
            if schema == "Address":
                facts.addresses.extend(_strings(nested.get("full", []))[:1])
                continue
            if schema not in ("Passport", "Identification", "Sanction"):
                continue
            inner = read_entity_properties(schema, nested, warn, depth + 1)
            facts.documents.extend(inner.documents)
            facts.programs.extend(inner.programs)


def _documents(schema: str, props: dict[str, list[str]], warn: Warn) -> list[Document]:
    countries = [c for text in props.get("country", []) if (c := _country(text, "country", warn))]
    kinds = props.get("type", [])
    label = kinds[0] if kinds else schema
    category: DocumentCategory = (
        "passport" if schema == "Passport" or "passport" in label.lower() else "national_id"
    )
    notes = [
        f"{name} {v}" for name in ("authority", "startDate", "endDate") for v in props.get(name, [])
    ]
    numbers = props.get("number", [])
    if not numbers:
        warn(f"{schema} without a number; left out")
    country = countries[0] if countries else None
    return [Document(label, n, country, "; ".join(notes) or None, category) for n in numbers]
