"""FollowTheMoney import: FtM JSON lines (from Aleph, OpenSanctions or our own export) into a
:class:`~borderpost.intel.network.Network` and into :class:`RecordFacts`.

Entities are read with the ``followthemoney`` model (unknown schemata and malformed lines are
errors naming the line). Identifiers are derived from properties the way our records name
them: ``phone`` (E.164, as FtM cleans it), ``email``, ``passportNumber``/``idNumber`` and a
``Passport``/``Identification``'s ``number`` → ``document``, a ``Vehicle``'s
``registrationNumber`` → ``vehicle``, ``iban``/``accountNumber`` → ``account``, an
``Address``'s ``full`` → ``address``, a person as ``NAME (born, NAT)``; ``borderpost:`` keywords
(our own export) give the exact identifiers back.

Network: one node per entity that is not an interval (Person ``person:NAME``, Organization
``organisation:NAME``, Vehicle ``vehicle:PLATE``...; ``#`` and the id's start are appended
when two entities would share a label), one per phone/e-mail/document value, linked to the
entities holding them; interval entities (Ownership, Membership, Associate, Family,
UnknownLink, Payment, ...) link their two ends; entity-valued properties (``holder``,
``owner``, ``involved``...) link too.

Records: each ``Event`` becomes a record (kind from our keyword, else ``note``); each other
legal entity (a sanctioned person, a company) becomes a ``watchlist`` record of its own,
dated by its ``first_seen``/``created_at`` or by the import date.
"""

from __future__ import annotations

import datetime as dt
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from anyascii import anyascii
from followthemoney import model
from followthemoney.exc import InvalidData
from followthemoney.proxy import EntityProxy

from borderpost.intel.edges import Edge
from borderpost.intel.facts import IDENTIFIER_KINDS, RECORD_KINDS, RecordFacts
from borderpost.intel.ftm import KEYWORD, PLACE
from borderpost.intel.network import Network

__all__ = ["FtmError", "entities_to_facts", "entities_to_network", "read_entities"]

_KIND_OF = {
    "Person": "person",
    "Organization": "organisation",
    "Company": "organisation",
    "PublicBody": "organisation",
    "LegalEntity": "organisation",
    "Vehicle": "vehicle",
    "Vessel": "vehicle",
    "Airplane": "vehicle",
    "BankAccount": "account",
    "Address": "address",
    "UserAccount": "account",
    "Event": "note",
}
_VALUES = (
    ("phone", "phone"),
    ("email", "email"),
    ("passportNumber", "document"),
    ("idNumber", "document"),
    ("iban", "account"),
    ("accountNumber", "account"),
)


class FtmError(ValueError):
    """FtM input that cannot be read: not JSON, no schema, an unknown schema."""


def read_entities(lines: Iterable[str]) -> Iterator[EntityProxy]:
    """FtM entities from JSON lines (blank lines skipped)."""
    for number, line in enumerate(lines, 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except json.JSONDecodeError as exc:
            raise FtmError(f"line {number}: not JSON ({exc.msg})") from None
        if not isinstance(data, dict) or not data.get("id") or not data.get("schema"):
            raise FtmError(f"line {number}: an FtM entity needs an id and a schema")
        try:
            entity = model.get_proxy(data, cleaned=False)
        except (InvalidData, TypeError, ValueError) as exc:
            raise FtmError(f"line {number}: {exc}") from None
        entity.context = {k: data[k] for k in ("first_seen", "created_at", "datasets") if k in data}
        yield entity


def _ours(entity: EntityProxy) -> list[tuple[str, str]]:
    found = []
    for keyword in entity.get("keywords", quiet=True):
        kind, _, value = keyword.removeprefix(KEYWORD).partition(":")
        if keyword.startswith(KEYWORD) and kind in IDENTIFIER_KINDS and value:
            found.append((kind, value))
    return found


def _is_place(entity: EntityProxy) -> bool:
    return PLACE in entity.get("keywords", quiet=True)


def _record_kind(entity: EntityProxy, default: str) -> str:
    for keyword in entity.get("keywords", quiet=True):
        if keyword.startswith(f"{KEYWORD}record:"):
            kind = keyword.partition("record:")[2]
            if kind in RECORD_KINDS:
                return kind
    return default


def _person_key(entity: EntityProxy) -> str:
    name = " ".join(anyascii(entity.caption).upper().split())
    born = (entity.first("birthDate", quiet=True) or "?")[:10]
    nationality = (entity.first("nationality", quiet=True) or "?").upper()
    return f"{name} ({born}, {nationality})"


def _own_identifiers(entity: EntityProxy) -> list[tuple[str, str]]:
    """What one entity names by itself."""
    ours = _ours(entity)
    if ours:
        return ours
    found: list[tuple[str, str]] = []
    schema = entity.schema
    if schema.is_a("Person"):
        found.append(("person", _person_key(entity)))
    elif schema.is_a("Organization"):
        found.append(("organisation", " ".join(anyascii(entity.caption).upper().split())))
    for prop, kind in _VALUES:
        found += [
            (kind, v.upper() if kind == "document" else v) for v in entity.get(prop, quiet=True)
        ]
    if schema.is_a("Identification"):
        found += [("document", v.upper()) for v in entity.get("number", quiet=True)]
    if schema.is_a("Vehicle"):
        found += [("vehicle", v.upper()) for v in entity.get("registrationNumber", quiet=True)]
    if schema.is_a("Address"):
        found += [("address", " ".join(v.upper().split())) for v in entity.get("full", quiet=True)]
    return [(k, v) for k, v in found if v]


@dataclass
class _Graph:
    entities: dict[str, EntityProxy]

    def neighbours(self) -> dict[str, set[str]]:
        """Entity id → ids it is tied to: an interval's two ends to each other, an entity to
        the ones its properties name (``holder``, ``owner``, ``involved``...)."""
        tied: dict[str, set[str]] = defaultdict(set)
        for entity in self.entities.values():
            schema = entity.schema
            if schema.edge and schema.edge_source and schema.edge_target:
                for a in entity.get(schema.edge_source):
                    for b in entity.get(schema.edge_target):
                        if a in self.entities and b in self.entities and a != b:
                            tied[a].add(b)
                            tied[b].add(a)
                continue
            for prop, value in entity.itervalues():
                if prop.type.name == "entity" and value in self.entities and value != entity.id:
                    tied[entity.id or ""].add(value)
                    tied[value].add(entity.id or "")
        return tied


def entities_to_network(entities: Iterable[EntityProxy]) -> Network:
    """The network of the entities: see the module docstring."""
    graph = _Graph({e.id: e for e in entities if e.id})
    labels: dict[str, str] = {}
    taken: dict[str, int] = defaultdict(int)
    for entity in graph.entities.values():
        schema = entity.schema
        if schema.edge or (schema.is_a("Interval") and not schema.is_a("Event")):
            continue
        if _is_place(entity):
            continue
        if schema.is_a("Event"):
            label = f"{_record_kind(entity, 'note')}:{entity.first('recordId') or entity.caption}"
        else:
            label = f"{_KIND_OF.get(schema.name, schema.name.lower())}:{entity.caption}"
        taken[label] += 1
        labels[entity.id or ""] = label
    for key, label in list(labels.items()):
        if taken[label] > 1:
            labels[key] = f"{label} #{key[:8]}"
    edges: list[Edge] = []
    for entity in graph.entities.values():
        if entity.id not in labels:
            continue
        for kind, value in _own_identifiers(entity):
            if (
                kind in ("phone", "email", "document", "account")
                and f"{kind}:{value}" != labels[entity.id]
            ):
                edges.append(Edge(labels[entity.id], f"{kind}:{value}", 1.0))
    for a, tied in graph.neighbours().items():
        for b in tied:
            if a in labels and b in labels and a < b:
                edges.append(Edge(labels[a], labels[b], 1.0))
            elif a in labels and b not in labels and not _is_place(graph.entities[b]):
                # a Passport, say: link to what it names
                for kind, value in _own_identifiers(graph.entities[b]):
                    edges.append(Edge(labels[a], f"{kind}:{value}", 1.0))
    return Network.from_edges(edges, nodes=sorted(set(labels.values())))


def _date(entity: EntityProxy, default: dt.date) -> dt.date:
    for prop in ("date", "startDate"):
        for value in entity.get(prop, quiet=True):
            try:
                return dt.date.fromisoformat(value[:10])
            except ValueError:
                continue
    for key in ("first_seen", "created_at"):
        value = str(entity.context.get(key) or "")
        try:
            return dt.date.fromisoformat(value[:10])
        except ValueError:
            continue
    return default


def entities_to_facts(
    entities: Iterable[EntityProxy], *, default_date: dt.date, kind: str = "watchlist"
) -> list[RecordFacts]:
    """Records of the entities: see the module docstring. ``kind`` is given to legal
    entities that are records of their own (``watchlist`` for a sanctions list)."""
    if kind not in RECORD_KINDS:
        raise FtmError(f"record kind {kind!r} is not one of {sorted(RECORD_KINDS)}")
    graph = _Graph({e.id: e for e in entities if e.id})
    tied = graph.neighbours()
    found: list[RecordFacts] = []
    for entity in graph.entities.values():
        schema = entity.schema
        is_event = schema.is_a("Event")
        if not is_event and not schema.is_a("LegalEntity"):
            continue
        near = tied.get(entity.id or "", set())
        if not is_event and any(graph.entities[o].schema.is_a("Event") for o in near):
            continue  # a person or company of an event: part of that record
        ours = _ours(entity)
        if is_event and (ours or _record_kind(entity, "")):
            identifiers = ours
        else:
            identifiers = list(_own_identifiers(entity))
            for other in sorted(near):
                identifiers += _own_identifiers(graph.entities[other])
        record_kind = _record_kind(entity, "note" if is_event else kind)
        ref = entity.first("recordId", quiet=True) or entity.id or ""
        latitude = longitude = None
        for other in near:
            place = graph.entities[other]
            if place.schema.is_a("Address") and place.has("latitude") and place.has("longitude"):
                latitude = float(place.first("latitude") or 0.0)
                longitude = float(place.first("longitude") or 0.0)
        found.append(
            RecordFacts(
                ref=ref,
                kind=record_kind,
                date=_date(entity, default_date),
                summary=entity.first("summary", quiet=True) or entity.caption,
                identifiers=tuple(dict.fromkeys(identifiers)),
                place=entity.first("location", quiet=True),
                latitude=latitude,
                longitude=longitude,
            )
        )
    found.sort(key=lambda f: (f.date, f.ref))
    return found


def entity_lines(entities: Iterable[EntityProxy]) -> Iterator[dict[str, Any]]:
    """Each entity's FtM JSON form."""
    for entity in entities:
        yield entity.to_dict()
