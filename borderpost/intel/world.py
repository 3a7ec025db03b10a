"""The evidence graph of a generated world: what an analyst could link from the records alone.

Nodes are entities named by kind: ``person:T…`` (a traveller), ``mention:NAME (BORN, NAT)``
(a person in a record whom no exact join ties to a traveller), ``phone:+E164``,
``account:IBAN``, ``address:…``, ``vehicle:PLATE``, ``document:NUMBER`` (a forged passport)
and ``seizure:S…``. Links come only from deterministic joins inside the records:

- a person named in a seizure or arrest, and everything the record lists (phones, bank cards,
  address notes, vehicle papers, forged passports, the conveyance's plate);
- a phone number and the traveller it is registered to (travellers.jsonl);
- a vehicle plate and the travellers whose crossings used it;
- persons of interest who crossed together (same flight and day, same vehicle and minute,
  same vessel and day).

A person in a clerk-written record is tied to a traveller only by an exact join: the
normalised name (ASCII, upper case, single spaces) with the full birth date and nationality,
or with the birth year when that alone is unique. Spelling variants stay separate
``mention:`` nodes: resolving names is entity resolution, a separate step. The truth file is
never read here (see :mod:`borderpost.intel.evaluation`).
"""

from __future__ import annotations

import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from anyascii import anyascii

from borderpost.intel.edges import Edge
from borderpost.intel.network import Network
from borderpost.intel.ranking import KeyPlayer, rank
from borderpost.intel.timeslice import Change, removal

__all__ = ["ACTORS", "WorldError", "WorldGraph", "normal_phone", "world_graph"]

ACTORS = ("person:", "mention:", "phone:", "account:")  # kinds of node ranked as players
HOME_PREFIX = "+999"  # Utopia's calling code: a national number 0… is +999…
THRESHOLD = 10_000  # US dollars: the declaration threshold of the home country
NEAR = 0.8  # a declaration of NEAR x THRESHOLD up to the threshold is "just under"
_FILES = ("travellers.jsonl", "seizures.jsonl", "arrests.jsonl", "declarations.jsonl")
_KINDS = {
    "bank_card": "account",
    "address_note": "address",
    "vehicle_papers": "vehicle",
    "forged_passport": "document",
}


class WorldError(ValueError):
    """A folder that is not a readable generated world."""


def normal_phone(text: str, home_prefix: str = HOME_PREFIX) -> str:
    """A phone number in E.164: separators dropped, ``00`` → ``+``, national ``0`` → home."""
    digits = re.sub(r"[^\d+]", "", text)
    if digits.startswith("00"):
        return "+" + digits[2:]
    if digits.startswith("0"):
        return home_prefix + digits[1:]
    return digits if digits.startswith("+") else "+" + digits


def _name(text: str) -> str:
    return " ".join(re.sub(r"[^A-Z ]", " ", anyascii(text).upper()).split())


def _lines(path: Path) -> Iterator[dict[str, Any]]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise WorldError(f"{path}: line {number}: {exc}") from None
    except OSError as exc:
        raise WorldError(f"{path}: cannot read ({exc})") from None


@dataclass(frozen=True, eq=False)
class WorldGraph:
    """The evidence graph, the record evidence per node, and who was arrested."""

    network: Network
    evidence: dict[str, dict[str, int]]
    arrested: tuple[str, ...]

    def rank(self) -> list[KeyPlayer]:
        """The actors (persons, mentions, phones, accounts) ranked as key players."""
        return rank(self.network, evidence=self.evidence, eligible=lambda n: n.startswith(ACTORS))

    def after_arrests(self) -> Change:
        """How the network changes once the arrested persons are taken out of it (new
        brokers: actors only)."""
        change = removal(self.network, self.arrested)
        brokers = tuple(b for b in change.new_brokers if b.startswith(ACTORS))
        return replace(change, new_brokers=brokers)


@dataclass
class _Travellers:
    """Exact-join indexes of the travellers file."""

    by_phone: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    by_birth: dict[tuple[str, str, str], list[str]] = field(
        default_factory=lambda: defaultdict(list)
    )
    phone_of: dict[str, str] = field(default_factory=dict)

    @classmethod
    def read(cls, path: Path, home_prefix: str) -> _Travellers:
        found = cls()
        for t in _lines(path):
            phone = normal_phone(t["phone"], home_prefix)
            found.by_phone[phone].append(t["id"])
            found.phone_of[t["id"]] = phone
            name = _name(f"{t['given_names']} {t['surname']}")
            for born in (t["birth_date"], t["birth_date"][:4]):
                found.by_birth[(name, born, t["nationality"])].append(t["id"])
        return found

    def person(self, name: str, born: str, nationality: str) -> str:
        """The node of a written person: a traveller when exactly one matches, else a mention."""
        key = (_name(name), born.strip(), nationality.strip().upper())
        matches = self.by_birth.get(key, []) if key[1] else []
        if len(matches) == 1:
            return f"person:{matches[0]}"
        return f"mention:{key[0]} ({key[1] or '?'}, {key[2] or '?'})"


@dataclass
class _Builder:
    """Collects links, record evidence and arrests while the records are read."""

    home_prefix: str
    links: Counter[tuple[str, str]] = field(default_factory=Counter)
    evidence: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    records: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    nodes: dict[str, None] = field(default_factory=dict)
    arrested: dict[str, None] = field(default_factory=dict)

    def link(self, a: str, b: str) -> None:
        if a != b:
            self.links[(a, b) if a < b else (b, a)] += 1
        self.nodes.setdefault(a)
        self.nodes.setdefault(b)

    def note(self, node: str, kind: str, record: str) -> None:
        self.nodes.setdefault(node)
        self.evidence[node][kind] += 1
        self.records[node].add(record)

    def things(self, owner: str, record: dict[str, Any], record_id: str) -> None:
        """Link the phones and documents a record lists to ``owner``; a bank account found
        on a courier is evidence of who pays."""
        for phone in record.get("phones", []):
            node = f"phone:{normal_phone(phone, self.home_prefix)}"
            self.link(owner, node)
            self.note(node, "found", record_id)
        for document in record.get("documents", []):
            node = f"{_KINDS.get(document['kind'], 'document')}:{document['number'].strip()}"
            self.link(owner, node)
            self.note(node, "found", record_id)
            if node.startswith("account:"):
                self.note(node, "payer", record_id)


def _seizures(folder: Path, people: _Travellers, build: _Builder) -> None:
    for record in _lines(folder / "seizures.jsonl"):
        seizure = f"seizure:{record['id']}"
        build.nodes.setdefault(seizure)
        for person in record["persons"]:
            node = people.person(person["name"], person["birth_date"], person["nationality"])
            build.link(node, seizure)
            build.note(node, "seizures", record["id"])
        conveyance = record.get("conveyance") or {}
        if conveyance.get("kind") == "vehicle" and conveyance.get("id"):
            build.link(seizure, f"vehicle:{conveyance['id']}")
        build.things(seizure, record, record["id"])


def _arrests(folder: Path, people: _Travellers, build: _Builder) -> None:
    for record in _lines(folder / "arrests.jsonl"):
        node = people.person(record["name"], record["birth_date"], record["nationality"])
        build.note(node, "arrests", record["id"])
        build.arrested.setdefault(node)
        if record.get("seizure_id"):
            build.link(node, f"seizure:{record['seizure_id']}")
        if "conspiracy" in record.get("charge", "").lower():
            build.note(node, "organiser", record["id"])
        build.things(node, record, record["id"])


def _declarations(folder: Path, build: _Builder, threshold: float) -> None:
    for record in _lines(folder / "declarations.jsonl"):
        if NEAR * threshold <= float(record["amount_usd"]) < threshold:
            build.note(f"person:{record['traveller_id']}", "structuring", record["id"])


def _subscribers(people: _Travellers, build: _Builder) -> None:
    for node in [n for n in build.nodes if n.startswith("phone:")]:
        owners = people.by_phone.get(node.removeprefix("phone:"), [])
        for owner in owners:
            build.link(node, f"person:{owner}")
        if not owners:
            build.evidence[node]["unregistered"] = 1


def _crossings(folder: Path, build: _Builder) -> None:
    path = folder / "crossings.jsonl"
    if not path.exists():
        return
    interest = {n.removeprefix("person:") for n in build.nodes if n.startswith("person:")}
    plates = {n.removeprefix("vehicle:") for n in build.nodes if n.startswith("vehicle:")}
    together: dict[str, set[str]] = defaultdict(set)
    for crossing in _lines(path):
        who = crossing["traveller_id"]
        plate = crossing.get("vehicle")
        if plate and (plate in plates or who in interest):
            build.link(f"vehicle:{plate}", f"person:{who}")
        if who not in interest:
            continue
        if crossing.get("flight"):
            together[f"flight {crossing['flight']} {crossing['flight_date']}"].add(who)
        elif plate:
            together[f"vehicle {plate} {crossing['time']}"].add(who)
        elif crossing.get("vessel"):
            together[f"vessel {crossing['vessel']} {crossing['time'][:10]}"].add(who)
    for group in together.values():
        members = sorted(group)
        for i, a in enumerate(members):
            for b in members[i + 1 :]:
                build.link(f"person:{a}", f"person:{b}")


def world_graph(
    folder: Path, *, home_prefix: str = HOME_PREFIX, threshold: float = THRESHOLD
) -> WorldGraph:
    """Build the evidence graph of the world in ``folder`` from its records."""
    missing = [name for name in _FILES if not (folder / name).is_file()]
    if missing:
        raise WorldError(f"{folder}: not a generated world (missing {', '.join(missing)})")
    people = _Travellers.read(folder / "travellers.jsonl", home_prefix)
    build = _Builder(home_prefix)
    _seizures(folder, people, build)
    _arrests(folder, people, build)
    _declarations(folder, build, threshold)
    _subscribers(people, build)
    _crossings(folder, build)
    evidence: dict[str, dict[str, int]] = {}
    for node, kinds in build.evidence.items():
        counts = {kind: count for kind, count in kinds.items() if count > 0}
        if len(build.records[node]) >= 2:
            counts["repeat"] = len(build.records[node])
        evidence[node] = counts
    edges = [Edge(a, b, float(w)) for (a, b), w in sorted(build.links.items())]
    network = Network.from_edges(edges, nodes=sorted(build.nodes))
    return WorldGraph(network, evidence, tuple(build.arrested))
