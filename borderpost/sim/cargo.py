"""Synthetic seaport cargo with planted contraband containers, and the truth about them.

A seeded function of ``data/cargo.toml``: voyages arriving at the home seaport, each a
:class:`~borderpost.conveyances.cargo.CargoManifest` of consignments on real trade lanes with
plausible commodities, weights, seals and traders. A small share of containers carry
contraband, planted two ways, with the traits the UNODC-WCO Container Control Programme's
indicators look for (but not always, and honest trade shows the same traits now and then):

* **front** consignments arranged by the smugglers: mostly new consignees, cover commodities,
  source-country lanes through transit hubs, vague descriptions, odd weights, missing seals,
  sometimes a shipper already named in a seizure;
* **rip-on** loads hidden in an honest consignment's container: the manifest is honest; only
  a broken seal or the extra weight may show.

The :class:`CargoWorld` carries the manifests, the truth (container → concealment), each
consignee's count of earlier consignments and the parties of earlier seizures: what a
targeting unit's records would hold.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from dataclasses import dataclass, field, replace
from functools import cache
from importlib import resources
from typing import Any

from borderpost.conveyances.cargo import CargoManifest, Consignment, Equipment, GoodsItem, Party
from borderpost.conveyances.containers import check_digit
from borderpost.conveyances.parties import party_key

__all__ = ["CargoWorld", "PlantedContainer", "generate_cargo"]

HOME_PORT = "UTLAG"


@cache
def _data() -> dict[str, Any]:
    text = resources.files("borderpost.sim").joinpath("data/cargo.toml").read_text("utf-8")
    return tomllib.loads(text)


@dataclass(frozen=True, slots=True)
class PlantedContainer:
    """The truth about one contraband container."""

    container: str
    bill_of_lading: str
    voyage: str
    how: str  # "front" or "rip-on"
    concealment: str


@dataclass(slots=True)
class CargoWorld:
    manifests: list[CargoManifest] = field(default_factory=list)
    planted: dict[str, PlantedContainer] = field(default_factory=dict)
    consignee_history: dict[str, int] = field(default_factory=dict)
    seizure_parties: dict[str, str] = field(default_factory=dict)

    @property
    def containers(self) -> int:
        return sum(m.container_count for m in self.manifests)


class _Maker:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.data = _data()
        self.serial = 0
        self.bills = 0
        self.regulars = [self.trader() for _ in range(160)]
        self.shippers = [self.trader() for _ in range(220)]
        self.history = {party_key(name): rng.randint(1, 40) for name in self.regulars}

    def trader(self) -> str:
        t, r = self.data["traders"], self.rng
        form = r.choice(t["form"])
        return " ".join(
            p for p in (r.choice(t["first"]), r.choice(t["second"]), r.choice(t["kind"]), form) if p
        )

    def container(self, typo: bool) -> Equipment:
        r = self.rng
        owner = r.choice(self.data["traders"]["owners"])
        first = f"{owner}{r.randrange(10**6):06d}"
        digit = check_digit(first)
        if typo:
            digit = (digit + r.randint(1, 9)) % 10
        return Equipment(
            f"{first}{digit}", r.choice(["22G1", "45G1", "42G1", "45R1"]), check_digit_ok=not typo
        )

    def seal(self) -> str:
        return f"{self.rng.choice(['EU', 'SL', 'CN', 'ML'])}{self.rng.randrange(10**7):07d}"


def _pick(rng: random.Random, weights: dict[str, Any]) -> str:
    keys = list(weights)
    return rng.choices(keys, [float(weights[k]["weight"]) for k in keys])[0]


def _consignment(
    maker: _Maker, *, traits: dict[str, Any], front: bool, voyage: str
) -> tuple[Consignment, list[str]]:
    r, data = maker.rng, maker.data
    lanes, commodities = data["lanes"], data["commodities"]
    if front:
        kind = r.choice(list(traits["front_commodities"]))
        loading = r.choice(
            [lane for lane in traits["front_lanes"] if lane in commodities[kind]["lanes"]]
            or commodities[kind]["lanes"]
        )
    else:
        loading = _pick(r, lanes)
        kinds = [k for k, c in commodities.items() if loading in c["lanes"]]
        kind = r.choice(kinds)
    commodity = commodities[kind]
    via = list(lanes[loading]["via"])
    transhipment = (r.choice(via),) if via and r.random() < traits["via_hub"] else ()
    description = r.choice(commodity["text"])
    if r.random() < traits["vague_description"]:
        description = r.choice(
            [
                "FREIGHT ALL KINDS",
                "GENERAL CARGO",
                f"STC {description}",
                "SAID TO CONTAIN " + description,
            ]
        )
    hs = "" if r.random() < traits["no_hs_code"] else commodity["hs"]
    new = r.random() < traits["new_consignee"]
    consignee = maker.trader() if new else r.choice(maker.regulars)
    shipper = r.choice(maker.shippers)
    count = 1 if front else r.choices([1, 2, 3, 4], [60, 25, 10, 5])[0]
    boxes: list[Equipment] = []
    for _ in range(count):
        box = maker.container(r.random() < traits["typo_container"])
        low, high = commodity["kg"]
        kg = r.uniform(low, high)
        if r.random() < traits["misweighed"]:
            kg = r.choice([kg * r.uniform(1.35, 1.6), low * r.uniform(0.3, 0.6)])
        seals = () if r.random() < traits["missing_seal"] else (maker.seal(),)
        boxes.append(
            Equipment(box.number, box.size_type, True, seals, round(kg, 0), box.check_digit_ok)
        )
    maker.bills += 1
    low_p, high_p = commodity["packages"]
    consignment = Consignment(
        bill_of_lading=f"{voyage[:4]}{maker.bills:07d}",
        shipper=Party(shipper, country=loading[:2]),
        consignee=Party(consignee, country="UT"),
        place_of_loading=loading,
        place_of_receipt=loading,
        transhipment=transhipment,
        place_of_discharge=HOME_PORT,
        place_of_delivery=HOME_PORT,
        goods=(GoodsItem(description, hs, r.randint(low_p, high_p) * count, commodity["package"]),),
        equipment=tuple(boxes),
    )
    return consignment, [box.number for box in boxes]


def _rip_on(maker: _Maker, consignment: Consignment, traits: dict[str, Any]) -> Consignment:
    r = maker.rng
    box = consignment.equipment[0]
    seals = () if r.random() < traits["rip_on_missing_seal"] else box.seals
    kg = box.gross_kg
    if kg is not None and r.random() < traits["rip_on_misweighed"]:
        kg = round(kg * r.uniform(1.35, 1.6), 0)
    changed = Equipment(box.number, box.size_type, True, seals, kg, box.check_digit_ok)
    return replace(consignment, equipment=(changed, *consignment.equipment[1:]))


def generate_cargo(
    seed: int = 1, *, voyages: int = 20, consignments: int = 150, start: dt.date | None = None
) -> CargoWorld:
    """``voyages`` manifests of about ``consignments`` bills each, with planted contraband."""
    rng = random.Random(seed)
    maker = _Maker(rng)
    data = maker.data
    honest, contraband = dict(data["honest"]), dict(data["contraband"])
    world = CargoWorld(consignee_history=dict(maker.history))
    first_day = start or dt.date(2026, 1, 5)
    for number in range(voyages):
        voyage = f"V{seed % 100:02d}{number:03d}"
        vessel = rng.choice(
            [
                "MSC ANNA",
                "MAERSK KOWLOON",
                "CMA CGM TAGE",
                "EVER GIVEN",
                "HAPAG LIMA",
                "ONE HARMONY",
            ]
        )
        bills: list[Consignment] = []
        for _ in range(consignments):
            planted = rng.random() < contraband["share"]
            front = planted and rng.random() < contraband["front"]
            traits = contraband if front else honest
            consignment, boxes = _consignment(maker, traits=traits, front=front, voyage=voyage)
            if planted and not front:
                consignment = _rip_on(maker, consignment, contraband)
            if planted:
                how = "front" if front else "rip-on"
                world.planted[boxes[0]] = PlantedContainer(
                    boxes[0],
                    consignment.bill_of_lading,
                    voyage,
                    how,
                    rng.choice(contraband["concealments"]),
                )
                if (
                    front
                    and consignment.shipper
                    and rng.random() < contraband["shipper_in_seizure"]
                ):
                    world.seizure_parties[party_key(consignment.shipper.name)] = (
                        f"S-{len(world.seizure_parties) + 1}"
                    )
            bills.append(consignment)
        world.manifests.append(
            CargoManifest(
                reference=f"CUSCAR-{voyage}",
                carrier="MSCU",
                vessel=vessel,
                imo="9074729",
                voyage=voyage,
                mode="sea",
                departure=rng.choice(["SGSIN", "MAPTM", "PABLB"]),
                arrival=HOME_PORT,
                arrival_date=first_day + dt.timedelta(days=number),
                consignments=tuple(bills),
            )
        )
    # A few honest shippers were named in old seizures too (the indicator is not proof).
    for name in rng.sample(maker.shippers, 3):
        world.seizure_parties.setdefault(party_key(name), f"S-OLD-{rng.randint(1, 99)}")
    return world
