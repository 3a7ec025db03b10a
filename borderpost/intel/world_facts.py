"""A generated world's records as :class:`RecordFacts`, and which network each belongs to.

The facts come from the records alone, joined the way :mod:`borderpost.intel.world` joins
them: a person a clerk wrote is ``person:<traveller id>`` when the exact join on name, birth
date and nationality finds one traveller, else the written form; phones in E.164; the papers a
record lists by kind (bank card → account, address note → address, vehicle papers and the
conveyance's plate → vehicle, forged passport → document). Crossings are those of travellers
named in seizures, arrests or declarations, and those that used a seized vehicle (what an
analyst pulls from the border system about the people and cars of interest), each with the
traveller, the passport number, the traveller's registered phone, and the flight or plate.

:func:`record_networks` reads truth.json (evaluation only): the network behind each record.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

from borderpost.intel.facts import RecordFacts
from borderpost.intel.places import port_place
from borderpost.intel.world import (
    _KINDS,
    HOME_PREFIX,
    WorldError,
    _lines,
    _Travellers,
    normal_phone,
)

__all__ = ["record_networks", "world_facts"]

# Within a day: a seizure comes before the arrests made at it, then declarations, crossings.
_ORDER = {"seizure": 0, "arrest": 1, "declaration": 2, "crossing": 3}


def _placed(code: str) -> dict[str, Any]:
    place = port_place(code) if code else None
    if place is None:
        return {"place": code or None}
    return {"place": code, "latitude": place.latitude, "longitude": place.longitude}


def _papers(record: dict[str, Any], home_prefix: str) -> list[tuple[str, str]]:
    found = [("phone", normal_phone(p, home_prefix)) for p in record.get("phones", [])]
    for document in record.get("documents", []):
        number = " ".join(str(document["number"]).split()).upper()
        if number:
            found.append((_KINDS.get(document["kind"], "document"), number))
    return found


def _amount(record: dict[str, Any]) -> str:
    quantity = float(record["quantity"])
    if record["unit"] == "cash":
        return f"{quantity:,.0f} {record['currency']} cash"
    shown = f"{quantity:g}" if quantity < 1000 else f"{quantity:,.0f}"
    return f"{shown} {record['unit']} {record['item']}"


def _seizures(folder: Path, people: _Travellers, home: str) -> Iterator[RecordFacts]:
    for record in _lines(folder / "seizures.jsonl"):
        ids = [
            ("person", people.person(p["name"], p["birth_date"], p["nationality"]).split(":", 1)[1])
            for p in record["persons"]
        ]
        ids += _papers(record, home)
        conveyance = record.get("conveyance") or {}
        if conveyance.get("kind") == "vehicle" and conveyance.get("id"):
            ids.append(("vehicle", str(conveyance["id"]).upper()))
        elif conveyance.get("kind") == "flight" and conveyance.get("id"):
            ids.append(("flight", f"{conveyance['id']} {record['date']}"))
        yield RecordFacts(
            ref=record["id"],
            kind="seizure",
            date=date.fromisoformat(record["date"]),
            summary=_amount(record),
            identifiers=tuple(dict.fromkeys(ids)),
            **_placed(record["port"]),
        )


def _arrests(folder: Path, people: _Travellers, home: str) -> Iterator[RecordFacts]:
    for record in _lines(folder / "arrests.jsonl"):
        person = people.person(record["name"], record["birth_date"], record["nationality"])
        ids = [("person", person.split(":", 1)[1]), *_papers(record, home)]
        yield RecordFacts(
            ref=record["id"],
            kind="arrest",
            date=date.fromisoformat(record["date"]),
            summary=str(record["charge"]),
            identifiers=tuple(dict.fromkeys(ids)),
            **_placed(record["port"]),
        )


def _declarations(folder: Path) -> Iterator[RecordFacts]:
    for record in _lines(folder / "declarations.jsonl"):
        yield RecordFacts(
            ref=record["id"],
            kind="declaration",
            date=date.fromisoformat(record["date"]),
            summary=f"{float(record['amount']):,.0f} {record['currency']} declared",
            identifiers=(("person", str(record["traveller_id"])),),
            **_placed(record["port"]),
        )


def _crossings(
    folder: Path, people: _Travellers, interest: set[str], plates: set[str]
) -> Iterator[RecordFacts]:
    path = folder / "crossings.jsonl"
    if not path.exists():
        return
    for record in _lines(path):
        who = record["traveller_id"]
        plate = (record.get("vehicle") or "").upper()
        if who not in interest and plate not in plates:
            continue
        ids = [("person", who), ("document", str(record["document_number"]).upper())]
        if who in people.phone_of:
            ids.append(("phone", people.phone_of[who]))
        how = str(record["mode"])
        if record.get("flight"):
            ids.append(("flight", f"{record['flight']} {record['flight_date']}"))
            how = f"flight {record['flight']}"
        elif plate:
            ids.append(("vehicle", plate))
            how = f"vehicle {plate}"
        elif record.get("vessel"):
            how = f"vessel {record['vessel']}"
        yield RecordFacts(
            ref=record["id"],
            kind="crossing",
            date=date.fromisoformat(record["time"][:10]),
            summary=f"{record['direction']} by {how}",
            identifiers=tuple(dict.fromkeys(ids)),
            **_placed(record["port"]),
        )


def world_facts(folder: Path, *, home_prefix: str = HOME_PREFIX) -> list[RecordFacts]:
    """Every record of the world in ``folder`` as facts, in date order (seizures first in a
    day, then arrests, declarations and crossings; then by reference)."""
    for name in ("travellers.jsonl", "seizures.jsonl", "arrests.jsonl", "declarations.jsonl"):
        if not (folder / name).is_file():
            raise WorldError(f"{folder}: not a generated world (missing {name})")
    people = _Travellers.read(folder / "travellers.jsonl", home_prefix)
    found = [
        *_seizures(folder, people, home_prefix),
        *_arrests(folder, people, home_prefix),
        *_declarations(folder),
    ]
    interest = {v for f in found for k, v in f.identifiers if k == "person"}
    plates = {v for f in found for k, v in f.identifiers if k == "vehicle"}
    found += _crossings(folder, people, interest, plates)
    found.sort(key=lambda f: (f.date, _ORDER.get(f.kind, len(_ORDER)), f.ref))
    return found


def record_networks(truth_path: Path) -> dict[str, str]:
    """The network behind each record per truth.json: the network whose operation a seizure,
    arrest or declaration caught, and for a crossing the network that planned it or whose
    member made it. Records of no network are absent."""
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    found: dict[str, str] = {}
    enforcement = truth.get("enforcement", {})
    for section in ("seizures", "arrests", "declarations"):
        for item in enforcement.get(section, []):
            if item.get("network_id"):
                found[item["id"]] = item["network_id"]
    members = {
        m["person_id"]: network["id"]
        for network in truth.get("networks", {}).get("networks", [])
        for m in network["members"]
    }
    for item in truth.get("network_crossings", []):
        found[item["crossing_id"]] = item["network_id"]
    path = truth_path.parent / "crossings.jsonl"
    if path.exists():
        for crossing in _lines(path):
            network = members.get(crossing["traveller_id"])
            if network is not None:
                found.setdefault(crossing["id"], network)
    return found
