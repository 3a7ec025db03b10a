"""Lossless, JSON-safe dictionaries for list entries and lost/stolen records.

``entry_from_dict(entry_to_dict(e)) == e`` for every :class:`ListEntry`, and the dictionary
survives ``json.dumps``/``json.loads`` unchanged: dates are ISO strings (partial dates keep
their precision: ``"1970"``, ``"1970-05"``), tuples are lists. Optional fields holding
``None``, an empty tuple or their default are left out, so stored entries stay small and
decode fast. Decoding checks types and the closed vocabularies (kind, gender, alias strength
and kind, document category, document status) and raises ``ValueError`` on anything else.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date
from typing import Any, get_args

from borderpost.screening.lost_stolen import DocumentStatus, LostStolenRecord
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

__all__ = [
    "entry_from_dict",
    "entry_to_dict",
    "lost_stolen_from_dict",
    "lost_stolen_to_dict",
]

_KINDS: frozenset[str] = frozenset(get_args(EntityKind))
_GENDERS: frozenset[str] = frozenset(get_args(Gender))
_STRENGTHS: frozenset[str] = frozenset(get_args(AliasStrength))
_ALIAS_KINDS: frozenset[str] = frozenset(get_args(AliasKind))
_CATEGORIES: frozenset[str] = frozenset(get_args(DocumentCategory))
_STATUSES: frozenset[str] = frozenset(get_args(DocumentStatus))
_PARTIAL_DATE = re.compile(r"[0-9]{4}(?:-[0-9]{2}(?:-[0-9]{2})?)?")
_STRING_TUPLES = (
    "original_script_names",
    "birth_places",
    "nationalities",
    "addresses",
    "programs",
    "remarks",
)


def entry_to_dict(entry: ListEntry) -> dict[str, Any]:
    """The entry as a JSON-safe dictionary (empty and default fields left out).

    Args:
        entry: any list entry.

    Returns:
        A dictionary of strings, booleans, lists and dictionaries only.
    """
    out: dict[str, Any] = {
        "list_name": entry.list_name,
        "entry_id": entry.entry_id,
        "kind": entry.kind,
        "name": entry.name,
    }
    if entry.natural_name is not None:
        out["natural_name"] = entry.natural_name
    if entry.aliases:
        out["aliases"] = [_alias_to_dict(alias) for alias in entry.aliases]
    if entry.birth_dates:
        out["birth_dates"] = [_birth_date_to_dict(value) for value in entry.birth_dates]
    if entry.gender is not None:
        out["gender"] = entry.gender
    if entry.documents:
        out["documents"] = [_document_to_dict(document) for document in entry.documents]
    for name in _STRING_TUPLES:
        values: tuple[str, ...] = getattr(entry, name)
        if values:
            out[name] = list(values)
    if entry.listed_on is not None:
        out["listed_on"] = entry.listed_on.isoformat()
    if entry.list_version is not None:
        out["list_version"] = entry.list_version
    return out


def entry_from_dict(data: Mapping[str, Any]) -> ListEntry:
    """Rebuild an entry from :func:`entry_to_dict`'s dictionary.

    Args:
        data: the dictionary (for instance just decoded from JSON).

    Returns:
        The entry, equal to the one that was encoded.

    Raises:
        ValueError: a field has the wrong type, an unknown value or an impossible date.
    """
    listed_on = data.get("listed_on")
    return ListEntry(
        list_name=_str(data["list_name"], "list_name"),
        entry_id=_str(data["entry_id"], "entry_id"),
        kind=_literal(data["kind"], _KINDS, "kind"),
        name=_str(data["name"], "name"),
        natural_name=_opt_str(data.get("natural_name"), "natural_name"),
        aliases=tuple(_alias_from_dict(item) for item in data.get("aliases", ())),
        original_script_names=_strs(data, "original_script_names"),
        birth_dates=tuple(_birth_date_from_dict(item) for item in data.get("birth_dates", ())),
        birth_places=_strs(data, "birth_places"),
        nationalities=_strs(data, "nationalities"),
        gender=(
            None if data.get("gender") is None else _literal(data["gender"], _GENDERS, "gender")
        ),
        documents=tuple(_document_from_dict(item) for item in data.get("documents", ())),
        addresses=_strs(data, "addresses"),
        programs=_strs(data, "programs"),
        remarks=_strs(data, "remarks"),
        listed_on=None if listed_on is None else _date(listed_on, "listed_on"),
        list_version=_opt_str(data.get("list_version"), "list_version"),
    )


def lost_stolen_to_dict(record: LostStolenRecord) -> dict[str, Any]:
    """A lost/stolen record as a JSON-safe dictionary (every field present)."""
    return {
        "country": record.country,
        "number": record.number,
        "document_type": record.document_type,
        "status": record.status,
        "reported_on": None if record.reported_on is None else record.reported_on.isoformat(),
        "reference": record.reference,
    }


def lost_stolen_from_dict(data: Mapping[str, Any]) -> LostStolenRecord:
    """Rebuild a lost/stolen record from :func:`lost_stolen_to_dict`'s dictionary.

    Raises:
        ValueError: a field has the wrong type, an unknown status or an impossible date.
    """
    reported_on = data.get("reported_on")
    return LostStolenRecord(
        country=_str(data["country"], "country"),
        number=_str(data["number"], "number"),
        document_type=_str(data["document_type"], "document_type"),
        status=_literal(data["status"], _STATUSES, "status"),
        reported_on=None if reported_on is None else _date(reported_on, "reported_on"),
        reference=_opt_str(data.get("reference"), "reference"),
    )


def _alias_to_dict(alias: Alias) -> dict[str, Any]:
    out: dict[str, Any] = {"name": alias.name}
    if alias.strength != "strong":
        out["strength"] = alias.strength
    if alias.kind != "aka":
        out["kind"] = alias.kind
    if alias.natural_name is not None:
        out["natural_name"] = alias.natural_name
    if alias.note is not None:
        out["note"] = alias.note
    return out


def _alias_from_dict(data: Mapping[str, Any]) -> Alias:
    return Alias(
        name=_str(data["name"], "alias name"),
        strength=_literal(data.get("strength", "strong"), _STRENGTHS, "strength"),
        kind=_literal(data.get("kind", "aka"), _ALIAS_KINDS, "alias kind"),
        natural_name=_opt_str(data.get("natural_name"), "alias natural_name"),
        note=_opt_str(data.get("note"), "alias note"),
    )


def _birth_date_to_dict(value: BirthDate) -> dict[str, Any]:
    out: dict[str, Any] = {"start": str(value.start)}
    if value.end is not None:
        out["end"] = str(value.end)
    if value.circa:
        out["circa"] = True
    if value.note is not None:
        out["note"] = value.note
    return out


def _birth_date_from_dict(data: Mapping[str, Any]) -> BirthDate:
    end = data.get("end")
    circa = data.get("circa", False)
    if not isinstance(circa, bool):
        raise ValueError(f"birth date circa must be a boolean, not {circa!r}")
    return BirthDate(
        start=_partial_date(data["start"], "birth date start"),
        end=None if end is None else _partial_date(end, "birth date end"),
        circa=circa,
        note=_opt_str(data.get("note"), "birth date note"),
    )


def _document_to_dict(document: Document) -> dict[str, Any]:
    out: dict[str, Any] = {"type": document.type, "number": document.number}
    if document.country is not None:
        out["country"] = document.country
    if document.note is not None:
        out["note"] = document.note
    if document.category != "other":
        out["category"] = document.category
    return out


def _document_from_dict(data: Mapping[str, Any]) -> Document:
    return Document(
        type=_str(data["type"], "document type"),
        number=_str(data["number"], "document number"),
        country=_opt_str(data.get("country"), "document country"),
        note=_opt_str(data.get("note"), "document note"),
        category=_literal(data.get("category", "other"), _CATEGORIES, "document category"),
    )


def _str(value: object, field: str) -> str:
    if not isinstance(value, str):
        raise ValueError(f"{field} must be a string, not {value!r}")
    return value


def _opt_str(value: object, field: str) -> str | None:
    return None if value is None else _str(value, field)


def _strs(data: Mapping[str, Any], field: str) -> tuple[str, ...]:
    values = data.get(field)
    if values is None:
        return ()
    if not isinstance(values, list | tuple):
        raise ValueError(f"{field} must be a list, not {values!r}")
    for value in values:
        if not isinstance(value, str):
            raise ValueError(f"{field} must hold strings, not {value!r}")
    return tuple(values)


def _literal(value: object, allowed: frozenset[str], field: str) -> Any:
    """``value`` when it is one of ``allowed``; typed ``Any`` so it fits the Literal field."""
    if not isinstance(value, str) or value not in allowed:
        raise ValueError(f"{field} {value!r} is not one of {', '.join(sorted(allowed))}")
    return value


def _partial_date(value: object, field: str) -> PartialDate:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (what ``str(PartialDate)`` writes)."""
    text = _str(value, field)
    if _PARTIAL_DATE.fullmatch(text) is None:
        raise ValueError(f"{field} {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
    return PartialDate(*(int(part) for part in text.split("-")))


def _date(value: object, field: str) -> date:
    return date.fromisoformat(_str(value, field))
