"""Person mentions in a generated world's records: the input of entity resolution.

One row per person named in a record, with the source record's id and date:

- ``traveller``: the population register (travellers.jsonl): name, birth date, phone, address;
- ``crossing``: a land or sea passage: the presented document's name and birth date, its
  number, and the vehicle plate; ``manifest``: an air passenger as the airline listed them;
- ``seizure`` / ``arrest``: persons as the officer's clerk wrote them, with the phones,
  documents, bank cards and plates the record lists;
- ``declaration``: a currency declaration as the traveller wrote it;
- ``watchlist``: a list entry (name, aliases aside, birth date or year, document).

The truth (:func:`truth`) is read only for evaluation; :func:`mentions` never opens it.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from dataclasses import asdict, dataclass, fields
from pathlib import Path
from typing import Any

__all__ = ["COLUMNS", "FIELDS", "Mention", "mentions", "truth", "write_csv"]


@dataclass(frozen=True, slots=True)
class Mention:
    """A person as one record names them (empty string: not given)."""

    id: str
    source: str
    record_id: str
    date: str
    name: str
    dob: str = ""
    gender: str = ""
    nationality: str = ""
    phone: str = ""
    document_number: str = ""
    plate: str = ""
    account: str = ""
    address: str = ""


COLUMNS = tuple(f.name for f in fields(Mention))
#: The ``--field ROLE=COLUMN`` pairs that read a mentions CSV (role and column share names).
FIELDS = tuple(c for c in COLUMNS if c not in ("id", "source", "record_id", "date"))
_GENDER = {"male": "M", "female": "F"}


def _records(path: Path) -> Iterator[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                yield json.loads(line)


def _joined(values: list[str]) -> str:
    return ";".join(v for v in values if v)


def _register(folder: Path) -> tuple[list[Mention], dict[str, dict[str, Any]]]:
    people, documents = [], {}
    for t in _records(folder / "travellers.jsonl"):
        people.append(
            Mention(
                t["id"], "traveller", t["id"], "", t["name"], t["birth_date"],
                _GENDER.get(t["gender"], ""), t["nationality"], t["phone"], "", "", "",
                t["address"],
            )
        )  # fmt: skip
    for d in _records(folder / "documents.jsonl"):
        documents[d["id"]] = d
    return people, documents


def _crossings(folder: Path, documents: dict[str, dict[str, Any]]) -> Iterator[Mention]:
    for c in _records(folder / "crossings.jsonl"):
        if c["mode"] == "air":
            continue  # the manifest names air passengers
        d = documents.get(c["document_id"], {})
        name = f"{d.get('given_names', '')} {d.get('surname', '')}".strip()
        yield Mention(
            c["id"], "crossing", c["id"], c["time"][:10], name, d.get("birth_date", ""),
            d.get("sex", ""), d.get("nationality", ""), "", c["document_number"],
            c["vehicle"] or "",
        )  # fmt: skip
    for m in _records(folder / "manifests.jsonl"):
        for p in m["passengers"]:
            yield Mention(
                f"M{p['crossing_id']}", "manifest", p["crossing_id"], m["date"],
                f"{p['given_names']} {p['surname']}", p["birth_date"], p["sex"],
                p["nationality"], "", p["document_number"],
            )  # fmt: skip


def _enforcement(folder: Path) -> Iterator[Mention]:
    for s in _records(folder / "seizures.jsonl"):
        things = {k: [d["number"] for d in s["documents"] if d["kind"] == k] for k in _KINDS}
        plate = s["conveyance"]["id"] if s["conveyance"]["kind"] == "vehicle" else ""
        for i, p in enumerate(s["persons"]):
            yield Mention(
                f"{s['id']}#{i}", "seizure", s["id"], s["date"], p["name"], p["birth_date"],
                p["gender"], p["nationality"], _joined(s["phones"]),
                _joined(things["forged_passport"]),
                _joined([plate, *things["vehicle_papers"]]), _joined(things["bank_card"]),
                _joined(things["address_note"]),
            )  # fmt: skip
    for a in _records(folder / "arrests.jsonl"):
        things = {k: [d["number"] for d in a["documents"] if d["kind"] == k] for k in _KINDS}
        yield Mention(
            a["id"], "arrest", a["id"], a["date"], a["name"], a["birth_date"], a["gender"],
            a["nationality"], _joined(a["phones"]), _joined(things["forged_passport"]),
            _joined(things["vehicle_papers"]), _joined(things["bank_card"]),
            _joined(things["address_note"]),
        )  # fmt: skip
    for d in _records(folder / "declarations.jsonl"):
        yield Mention(
            d["id"], "declaration", d["id"], d["date"], d["name"], d["birth_date"], "",
            d["nationality"],
        )  # fmt: skip
    with (folder / "watchlist.csv").open(encoding="utf-8", newline="") as handle:
        for w in csv.DictReader(handle):
            yield Mention(
                w["id"], "watchlist", w["id"], "", w["name"], w["dob"], w["gender"],
                w["nationality"], "", w["document_number"],
            )  # fmt: skip


_KINDS = ("forged_passport", "vehicle_papers", "bank_card", "address_note")


def mentions(folder: Path) -> list[Mention]:
    """Every person mention in a generated world (``borderpost sim world --out``)."""
    people, documents = _register(folder)
    return [*people, *_crossings(folder, documents), *_enforcement(folder)]


def truth(folder: Path, found: list[Mention]) -> dict[str, str]:
    """Which person each mention refers to, from the world's truth.json (evaluation only)."""
    facts = json.loads((folder / "truth.json").read_text(encoding="utf-8"))
    enforcement = facts["enforcement"]
    seizures = {s["id"]: s["persons"] for s in enforcement["seizures"]}
    arrests = {a["id"]: a["person_id"] for a in enforcement["arrests"]}
    couriers = {d["id"]: d["person_id"] for d in enforcement["declarations"]}
    listed = {w["entry_id"]: w["traveller_id"] or w["entry_id"] for w in facts["watchlist"]}
    bearers = {}
    for c in _records(folder / "crossings.jsonl"):
        bearers[c["id"]] = c["traveller_id"]
    honest = {}
    for d in _records(folder / "declarations.jsonl"):
        honest[d["id"]] = d["traveller_id"]
    out: dict[str, str] = {}
    for m in found:
        if m.source == "traveller":
            out[m.id] = m.id
        elif m.source in ("crossing", "manifest"):
            out[m.id] = bearers[m.record_id]
        elif m.source == "seizure":
            index = int(m.id.split("#")[1])
            persons = seizures.get(m.record_id, [])
            out[m.id] = persons[index] if index < len(persons) else m.id
        elif m.source == "arrest":
            out[m.id] = arrests.get(m.id, m.id)
        elif m.source == "declaration":
            out[m.id] = couriers.get(m.id) or honest.get(m.id) or m.id
        else:
            out[m.id] = listed.get(m.id, m.id)
    return out


def write_csv(found: list[Mention], out: Path) -> Path:
    """Write the mentions as CSV with a header row (:data:`COLUMNS`)."""
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(asdict(m) for m in found)
    return out
