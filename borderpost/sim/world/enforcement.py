"""Enforcement records: seizures, arrests and currency declarations, and the truth behind them.

The records observe the networks partially and noisily, the way real ones do: only some planned
crossings are intercepted (:mod:`.interceptions`), people are written by clerks with their
variations (:mod:`.clerks`), and money couriers declare cash just under the threshold again and
again. Every generator is deterministic: the same spec, plan and roster give the same records.

Record layouts (every value JSON-ready; dates ISO ``YYYY-MM-DD``, times ``HH:MM``):

seizure
    ``id`` ("S000001"), ``date``, ``time``, ``port`` (Port.code), ``commodity``, ``item``
    ("cocaine"), ``quantity`` (float), ``unit`` (kg, g, pieces, rounds, head, specimens, m3,
    persons, cash), ``currency`` (ISO 4217 for cash, else ""), ``concealment``, ``location``,
    ``conveyance`` ({"kind": flight|vessel|vehicle|pedestrian, "id": "ET935" / plate / vessel
    name / ""}), ``persons`` (list of {"name", "birth_date" (ISO, a year, or ""),
    "nationality", "gender" ("M"/"F")}, as the clerk wrote them), ``phones`` (list),
    ``documents`` (list of {"kind", "number"}), ``officer_id``.
arrest
    ``id`` ("A000001"), ``date``, ``time``, ``port`` ("" for arrests inland), ``name``,
    ``birth_date``, ``nationality``, ``gender``, ``charge``, ``seizure_id`` ("" for follow-up
    arrests), ``phones``, ``documents``.
declaration
    the fields of :func:`declaration_fields`; see there.

:func:`truth` says which true person (``person_id``), network and planned crossing each record
refers to, in the same order as the records' own lists.
"""

from __future__ import annotations

import random
from collections.abc import Iterator, Sequence
from datetime import datetime, time, timedelta
from typing import Any

from borderpost.sim.world import people
from borderpost.sim.world.assets import asset_rules
from borderpost.sim.world.clerks import (
    enforcement_table,
    written_birth_date,
    written_name,
    written_phone,
)
from borderpost.sim.world.geography import geography
from borderpost.sim.world.interceptions import Event, Person, events
from borderpost.sim.world.model import Officer, Plan, PlannedCrossing
from borderpost.sim.world.officers import on_duty
from borderpost.sim.world.spec import WorldSpec, stream
from borderpost.sim.world.trades import currencies, trades

__all__ = [
    "DECLARATION_FIELDS",
    "arrests",
    "courier_declarations",
    "declaration_fields",
    "seizures",
    "truth",
]

DECLARATION_FIELDS = (
    "id",
    "traveller_id",
    "name",
    "birth_date",
    "nationality",
    "date",
    "time",
    "port",
    "direction",
    "currency",
    "amount",
    "amount_usd",
    "source",
    "purpose",
)
HONEST_OFFICER_TRIES = 5


def declaration_fields() -> tuple[str, ...]:
    """The keys of a currency declaration, in order, for every generator of declarations.

    ``id`` ("DN000001" for money couriers' declarations), ``traveller_id``, ``name`` (the
    passport name, given names first, as the traveller filled it in), ``birth_date`` (ISO),
    ``nationality``, ``date``, ``time``, ``port``, ``direction`` ("entry"/"exit"),
    ``currency`` (ISO 4217), ``amount`` (in that currency), ``amount_usd`` (whole dollars),
    ``source`` and ``purpose`` (free text).
    """
    return DECLARATION_FIELDS


def _person(person: Person, rng: random.Random) -> dict[str, str]:
    return {
        "name": written_name(person.name, rng),
        "birth_date": written_birth_date(person.birth_date, rng),
        "nationality": person.nationality,
        "gender": "M" if person.gender == "male" else "F",
    }


def _phones(persons: Sequence[Person], rng: random.Random) -> list[str]:
    prefix = asset_rules().phone_prefix
    found = [
        written_phone(f.value, prefix, rng) for p in persons for f in p.found if f.kind == "phone"
    ]
    return list(dict.fromkeys(found))


def _documents(persons: Sequence[Person]) -> list[dict[str, str]]:
    found = [(f.kind, f.value) for p in persons for f in p.found if f.kind != "phone"]
    return [{"kind": k, "number": v} for k, v in dict.fromkeys(found)]


def _honest_officer(officers: Sequence[Officer], event: Event, rng: random.Random) -> Officer:
    officer = on_duty(officers, event.port, event.when, rng)
    for _try in range(HONEST_OFFICER_TRIES):
        if not officer.corrupt:
            break
        officer = on_duty(officers, event.port, event.when, rng)
    return officer


def seizures(spec: WorldSpec, plan: Plan, officers: Sequence[Officer]) -> Iterator[dict[str, Any]]:
    """Every seizure record, in time order (see the module docstring for the layout)."""
    for event in events(spec, plan):
        rng = stream(spec, "seizure-record", int(event.id[1:]))
        yield {
            "id": event.id,
            "date": event.when.date().isoformat(),
            "time": event.when.strftime("%H:%M"),
            "port": event.port,
            "commodity": event.commodity,
            "item": event.item.name,
            "quantity": event.quantity,
            "unit": event.item.unit,
            "currency": event.currency,
            "concealment": event.concealment,
            "location": event.location,
            "conveyance": {"kind": event.conveyance[0], "id": event.conveyance[1]},
            "persons": [_person(p, rng) for p in event.persons],
            "phones": _phones(event.persons, rng),
            "documents": _documents(event.persons),
            "officer_id": _honest_officer(officers, event, rng).id,
        }


def _charge(event: Event, person: Person) -> str:
    if person.role == "smuggled_person":
        return str(enforcement_table()["arrest"]["smuggled_charge"])
    return trades()[event.commodity].charge


def _arrested(spec: WorldSpec, plan: Plan) -> list[tuple[datetime, str, Person, str, str]]:
    """(when, port, person, charge, seizure id) of every arrest, in time order."""
    table = enforcement_table()["arrest"]
    found: list[tuple[datetime, str, Person, str, str]] = []
    caught: dict[str, list[Event]] = {}
    for event in events(spec, plan):
        rng = stream(spec, "arrest", int(event.id[1:]))
        for person in event.persons:
            chance = table["smuggled"] if person.role == "smuggled_person" else table["member"]
            if rng.random() < float(chance):
                later = event.when + timedelta(minutes=rng.randint(20, 240))
                found.append((later, event.port, person, _charge(event, person), event.id))
        if event.network_id is not None:
            caught.setdefault(event.network_id, []).append(event)
    for network in plan.networks:
        seized = caught.get(network.id, [])
        if len(seized) < int(table["follow_up_seizures"]):
            continue
        rng = stream(spec, "follow-up-arrest", int(network.id[1:]))
        for member in network.members:
            if member.role not in ("recruiter", "forger") or rng.random() >= table["follow_up"]:
                continue
            day = seized[-1].when.date() + timedelta(days=rng.randint(*table["after"]))
            if day > spec.end:
                continue
            when = datetime.combine(day, time(rng.randint(5, 20), rng.randrange(60)))
            person = Person(
                member.person_id,
                member.name,
                member.birth_date,
                member.nationality,
                member.gender,
                member.role,
                "",
                (),
            )
            charge = f"{table['follow_up_charge']} ({trades()[network.commodity].charge})"
            found.append((when, "", person, charge, ""))
    found.sort(key=lambda a: (a[0], a[4], a[2].person_id))
    return found


def arrests(spec: WorldSpec, plan: Plan) -> Iterator[dict[str, Any]]:
    """Every arrest record, in time order (see the module docstring for the layout)."""
    for number, (when, port, person, charge, seizure_id) in enumerate(_arrested(spec, plan), 1):
        rng = stream(spec, "arrest-record", number)
        yield {
            "id": f"A{number:06d}",
            "date": when.date().isoformat(),
            "time": when.strftime("%H:%M"),
            "port": port,
            **_person(person, rng),
            "charge": charge,
            "seizure_id": seizure_id,
            "phones": _phones((person,), rng),
            "documents": _documents((person,)),
        }


def _cash_crossings(plan: Plan) -> list[PlannedCrossing]:
    found = [c for trips in plan.trips.values() for c in trips if c.commodity == "cash"]
    return sorted(found, key=lambda c: (c.when, c.id))


def _declared(spec: WorldSpec, plan: Plan) -> list[tuple[PlannedCrossing, bool, dict[str, Any]]]:
    table = enforcement_table()["declarations"]
    threshold = geography().home.declaration_threshold
    rates = currencies()
    codes = sorted(table["currencies"])
    found: list[tuple[PlannedCrossing, bool, dict[str, Any]]] = []
    for crossing in _cash_crossings(plan):
        rng = stream(spec, f"declaration:{crossing.network_id}", int(crossing.id[-4:]))
        if rng.random() >= float(table["declared"]):
            continue
        structured = rng.random() < float(table["structured"])
        low, high = table["structured_usd"] if structured else table["above_usd"]
        code = rng.choices(codes, weights=[float(table["currencies"][c]) for c in codes])[0]
        usd = rng.uniform(low, high)
        amount = round(usd / rates[code] / 10) * 10
        amount_usd = int(amount * rates[code])
        if structured and amount_usd >= threshold:
            amount, amount_usd = amount - 10, int((amount - 10) * rates[code])
        person = people.traveller(spec, crossing.traveller_index)
        found.append(
            (
                crossing,
                structured,
                {
                    "traveller_id": person.id,
                    "name": person.name.latin_given_first,
                    "birth_date": person.birth_date.isoformat(),
                    "nationality": person.nationality,
                    "date": crossing.when.date().isoformat(),
                    "time": crossing.when.strftime("%H:%M"),
                    "port": crossing.port,
                    "direction": crossing.direction,
                    "currency": code,
                    "amount": amount,
                    "amount_usd": amount_usd,
                    "source": rng.choice(table["sources"]),
                    "purpose": rng.choice(table["purposes"]),
                },
            )
        )
    return found


def courier_declarations(spec: WorldSpec, plan: Plan) -> Iterator[dict[str, Any]]:
    """Currency declarations by money couriers, in time order: mostly just under the threshold
    (structuring), some honestly above it. Keys: :func:`declaration_fields`."""
    for number, (_crossing, _structured, fields) in enumerate(_declared(spec, plan), 1):
        yield {"id": f"DN{number:06d}", **fields}


def truth(spec: WorldSpec, plan: Plan) -> dict[str, Any]:
    """Which true person, network and planned crossing every record refers to (JSON-ready).

    ``seizures``: {id, network_id, persons: [person_id ...], crossing_ids, roles};
    ``arrests``: {id, person_id, network_id, role, crossing_id, seizure_id};
    ``declarations``: {id, person_id, network_id, crossing_id, structured}.
    """
    seized = events(spec, plan)
    by_id = {e.id: e for e in seized}
    found_arrests = []
    for number, (_when, _port, person, _charge, seizure_id) in enumerate(_arrested(spec, plan), 1):
        network_id = by_id[seizure_id].network_id if seizure_id else None
        if not seizure_id:
            network_id = next(
                n.id for n in plan.networks for m in n.members if m.person_id == person.person_id
            )
        found_arrests.append(
            {
                "id": f"A{number:06d}",
                "person_id": person.person_id,
                "network_id": network_id,
                "role": person.role,
                "crossing_id": person.crossing_id,
                "seizure_id": seizure_id,
            }
        )
    return {
        "seizures": [
            {
                "id": e.id,
                "network_id": e.network_id,
                "persons": [p.person_id for p in e.persons],
                "roles": [p.role for p in e.persons],
                "crossing_ids": [p.crossing_id for p in e.persons if p.crossing_id],
            }
            for e in seized
        ],
        "arrests": found_arrests,
        "declarations": [
            {
                "id": f"DN{number:06d}",
                "person_id": fields["traveller_id"],
                "network_id": crossing.network_id,
                "crossing_id": crossing.id,
                "structured": structured,
            }
            for number, (crossing, structured, fields) in enumerate(_declared(spec, plan), 1)
        ],
    }
