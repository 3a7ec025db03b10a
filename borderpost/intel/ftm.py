"""FollowTheMoney export: records and networks as FtM entities (for Aleph and OpenSanctions).

Built with the ``followthemoney`` package's own model, so every entity is checked against the
FtM schema as it is made. The mapping (FtM has no Phone schema: phones are a property):

- a record → ``Event`` (name ``seizure S-12``, ``summary``, ``date``, ``location``,
  ``recordId``; ``involved``: its persons and organisations; ``addressEntity``: an ``Address``
  with the place's latitude and longitude). Its exact identifiers are kept as
  ``keywords`` ``borderpost:<kind>:<value>`` so that our own export reads back unchanged;
- a ``person`` identifier → ``Person`` (a ``NAME (born, NAT)`` form gives ``name``,
  ``birthDate`` and ``nationality``); ``organisation`` → ``Organization``;
- ``phone`` / ``email`` → properties of the record's persons (or of a ``LegalEntity``
  "holder of …" when the record names nobody). Phone numbers that ``phonenumbers`` cannot
  validate (the generated worlds' +999 country) are written as given, not dropped;
- ``document`` → ``Passport`` (``holder``, ``number``); ``vehicle`` / ``vin`` → ``Vehicle``;
  ``account`` → ``BankAccount`` (``iban`` or ``accountNumber``); ``address`` → ``Address``;
  each tied to its holder by an ``UnknownLink`` (role: where it was found);
- two persons in one record → ``Associate`` ("named together in seizure S-12");
- ``flight`` / ``container`` identifiers stay in the Event's keywords only.

A network (:func:`network_entities`) maps its nodes the same way (phones and e-mails as
``UserAccount``: a line or mailbox shared by several people is one node), its links to
``Associate`` between persons and ``UnknownLink`` otherwise (``summary``: the link weight), and
key players' rank, community and reasons to ``notes`` and ``keywords``.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

from followthemoney import model
from followthemoney.proxy import EntityProxy

from borderpost.intel.facts import RecordFacts
from borderpost.intel.network import Network
from borderpost.intel.ranking import KeyPlayer

__all__ = [
    "KEYWORD",
    "PLACE",
    "as_lines",
    "entity_id",
    "network_entities",
    "person_parts",
    "record_entities",
]

KEYWORD = "borderpost:"
PLACE = "borderpost:place"  # an Address that only says where a record happened
_PERSON = re.compile(r"^(?P<name>.+?) \((?P<born>[^,()]*), (?P<nat>[^,()]*)\)$")
_IBAN = re.compile(r"^[A-Z]{2}\d{2}[A-Z0-9]{8,30}$")
_HOLDS = {"phone", "email"}
_THINGS = {"document", "vehicle", "vin", "account", "address"}


def entity_id(*parts: str) -> str:
    """A stable FtM entity id for ``parts`` (``bp-`` and 24 hex digits of their SHA-1)."""
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"bp-{digest}"


def person_parts(value: str) -> tuple[str, str | None, str | None]:
    """Name, birth date and nationality of a person identifier ``NAME (born, NAT)``."""
    match = _PERSON.match(value)
    if match is None:
        return value, None, None
    born, nat = match["born"].strip(), match["nat"].strip()
    return (
        match["name"],
        (born if born and born != "?" else None),
        (nat if nat and nat != "?" else None),
    )


def _make(schema: str, *parts: str) -> EntityProxy:
    entity = model.make_entity(schema)
    entity.id = entity_id(schema, *parts)
    return entity


def _person(kind: str, value: str) -> EntityProxy:
    if kind == "organisation":
        entity = _make("Organization", kind, value)
        entity.add("name", value)
    else:
        entity = _make("Person", "person", value)
        name, born, nat = person_parts(value)
        entity.add("name", name)
        entity.add("birthDate", born)
        entity.add("nationality", nat)
    entity.add("keywords", f"{KEYWORD}{kind}:{value}", cleaned=True)
    return entity


def _add_contact(entity: EntityProxy, kind: str, value: str) -> None:
    entity.add(kind, value)
    if value not in entity.get(kind):  # a number phonenumbers cannot validate: keep it as is
        entity.add(kind, value, cleaned=True)


def _thing(kind: str, value: str, holder: EntityProxy) -> EntityProxy:
    if kind == "document":
        entity = _make("Passport", kind, value, holder.id or "")
        entity.add("number", value)
        entity.add("holder", holder.id)
        return entity
    if kind in ("vehicle", "vin"):
        entity = _make("Vehicle", kind, value)
        entity.add("name", value if kind == "vehicle" else f"VIN {value}")
        if kind == "vehicle":
            entity.add("registrationNumber", value)
    elif kind == "account":
        entity = _make("BankAccount", kind, value)
        entity.add("iban" if _IBAN.match(value) else "accountNumber", value)
        if not entity.get("iban") and not entity.get("accountNumber"):
            entity.add("accountNumber", value, cleaned=True)
    else:
        entity = _make("Address", kind, value)
        entity.add("full", value)
    entity.add("keywords", f"{KEYWORD}{kind}:{value}", cleaned=True)
    return entity


def _link(
    schema: str, source: EntityProxy, target: EntityProxy, role: str, day: str
) -> EntityProxy:
    edge = model.get(schema)
    assert edge is not None and edge.edge_source and edge.edge_target
    entity = _make(schema, source.id or "", target.id or "", role)
    entity.add(edge.edge_source, source.id)
    entity.add(edge.edge_target, target.id)
    entity.add("relationship" if schema == "Associate" else "role", role)
    entity.add("date", day)
    return entity


def record_entities(records: Iterable[RecordFacts]) -> Iterator[EntityProxy]:
    """The FtM entities of ``records`` (an entity shared by several records comes once per
    record; FtM consumers merge entities of one id)."""
    for facts in records:
        event = _make("Event", "record", facts.ref)
        event.add("name", f"{facts.kind} {facts.ref}")
        event.add("summary", facts.summary)
        event.add("date", facts.date.isoformat())
        event.add("recordId", facts.ref)
        event.add("location", facts.place)
        event.add("keywords", f"{KEYWORD}record:{facts.kind}", cleaned=True)
        for kind, value in facts.identifiers:
            event.add("keywords", f"{KEYWORD}{kind}:{value}", cleaned=True)
        if facts.latitude is not None and facts.longitude is not None:
            place = _make(
                "Address", "place", facts.place or "", str(facts.latitude), str(facts.longitude)
            )
            place.add("full", facts.place or f"{facts.latitude}, {facts.longitude}")
            place.add("latitude", str(facts.latitude))
            place.add("longitude", str(facts.longitude))
            place.add("keywords", PLACE, cleaned=True)
            event.add("addressEntity", place.id)
            yield place
        role = f"named in {facts.kind} {facts.ref}"
        day = facts.date.isoformat()
        people = [_person(k, v) for k, v in facts.identifiers if k in ("person", "organisation")]
        holders = people or [_make("LegalEntity", "holder", facts.ref)]
        if not people:
            holders[0].add("name", f"unknown holder in {facts.kind} {facts.ref}")
        needs_holder = any(k in _HOLDS | _THINGS for k, _v in facts.identifiers)
        for kind, value in facts.identifiers:
            if kind in _HOLDS:
                for holder in holders:
                    _add_contact(holder, kind, value)
        for entity in people if people else (holders if needs_holder else []):
            event.add("involved", entity.id)
            yield entity
        for kind, value in facts.identifiers:
            if kind in _THINGS:
                for holder in holders:
                    thing = _thing(kind, value, holder)
                    yield thing
                    if kind != "document":
                        yield _link("UnknownLink", holder, thing, role, day)
        for i, first in enumerate(people):
            for second in people[i + 1 :]:
                if first.schema.is_a("Person") and second.schema.is_a("Person"):
                    yield _link(
                        "Associate",
                        first,
                        second,
                        f"named together in {facts.kind} {facts.ref}",
                        day,
                    )
        yield event


def _node_entity(label: str) -> EntityProxy | None:
    kind, _, value = label.partition(":")
    if kind in ("person", "mention", "organisation"):
        return _person("organisation" if kind == "organisation" else "person", value)
    if kind in _HOLDS:
        entity = _make("UserAccount", kind, value)
        entity.add("username", value)
        _add_contact(entity, kind, value)
        entity.add("keywords", f"{KEYWORD}{kind}:{value}", cleaned=True)
        return entity
    if kind in ("vehicle", "vin", "account", "address"):
        return _thing(kind, value, _make("LegalEntity", "nobody"))
    if kind in ("seizure", "arrest", "crossing", "booking", "declaration", "watchlist", "note"):
        entity = _make("Event", "record", value)
        entity.add("name", f"{kind} {value}")
        entity.add("recordId", value)
        entity.add("keywords", f"{KEYWORD}record:{kind}", cleaned=True)
        return entity
    return None


def network_entities(
    network: Network, players: Sequence[KeyPlayer] = ()
) -> tuple[list[EntityProxy], list[str]]:
    """The FtM entities of a network's nodes and links, and the labels of nodes FtM cannot
    hold on their own (documents need a holder; unknown kinds)."""
    ranked = {p.node: p for p in players}
    entities: dict[str, EntityProxy] = {}
    skipped: list[str] = []
    for label in network.labels:
        entity = _node_entity(label)
        if entity is None:
            skipped.append(label)
            continue
        player = ranked.get(label)
        if player is not None and "notes" in entity.schema.properties:
            entity.add(
                "notes",
                f"key player #{player.rank} (score {player.score:.3f}): "
                + "; ".join(player.reasons),
            )
            entity.add("keywords", f"{KEYWORD}community:{player.community}", cleaned=True)
        entities[label] = entity
    links: list[EntityProxy] = []
    labels = network.labels
    for s, t, w in zip(
        network.sources.tolist(), network.targets.tolist(), network.weights.tolist(), strict=True
    ):
        a, b = entities.get(labels[s]), entities.get(labels[t])
        if a is None or b is None:
            continue
        both_people = a.schema.is_a("Person") and b.schema.is_a("Person")
        link = _link(
            "Associate" if both_people else "UnknownLink", a, b, "linked in the evidence graph", ""
        )
        link.add("summary", f"weight {w:g}")
        links.append(link)
    return [*entities.values(), *links], skipped


def as_lines(entities: Iterable[EntityProxy]) -> Iterator[dict[str, Any]]:
    """Each entity's FtM JSON form (``id``, ``schema``, ``properties``)."""
    for entity in entities:
        yield entity.to_dict()
