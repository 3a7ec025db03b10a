"""Synthetic land-border vehicle traffic with stolen cars and concealed loads, and the truth.

A seeded function: a national stolen-vehicle list, then crossings at a land post, each a
vehicle (plate, VIN and engine number as the officer reads them), a driver and passengers.
Some crossings are stolen cars leaving the country: their plates are usually changed, and the
VIN as read may carry an OCR or keying confusion (``0``/``O``, ``1``/``I``, ``5``/``S``, ...);
a few are re-VINned (the number ground off and replaced: undetectable by a lookup, but the
engine number may still give them away). Some vehicles carry a concealed load (the methods of
``data/world/concealments.toml`` for land posts). The same network vehicles come back.
"""

from __future__ import annotations

import datetime as dt
import random
import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources

from borderpost.conveyances.reference import csv_rows
from borderpost.conveyances.stolen import StolenVehicle
from borderpost.conveyances.vin import ALPHABET, check_digit, read_vin
from borderpost.sim.world.assets import plate

__all__ = ["SimVehicle", "VehicleCrossingSim", "VehicleWorld", "generate_vehicle_traffic"]

_CONFUSE = {"0": "O", "1": "I", "5": "S", "8": "B", "2": "Z", "6": "G"}


@cache
def _land_concealments() -> tuple[str, ...]:
    text = resources.files("borderpost.sim").joinpath("data/world/concealments.toml").read_text()
    table = tomllib.loads(text)
    out: list[str] = []
    for methods in table.values():
        for method in methods.get("land", ()):
            if method not in out and method != "on foot through the bush":
                out.append(method)
    return tuple(out)


@dataclass(frozen=True, slots=True)
class SimVehicle:
    vin: str
    engine_number: str
    plate: str
    make: str


@dataclass(frozen=True, slots=True)
class VehicleCrossingSim:
    """One vehicle at the post: what the officer reads, and the truth."""

    at: dt.datetime
    direction: str
    plate: str
    country: str
    vin_read: str
    engine_read: str
    make: str
    driver: str
    driver_birth: dt.date
    passengers: tuple[str, ...]
    true_vin: str
    stolen: bool
    revinned: bool = False
    concealment: str | None = None


@dataclass(slots=True)
class VehicleWorld:
    stolen_list: list[StolenVehicle] = field(default_factory=list)
    crossings: list[VehicleCrossingSim] = field(default_factory=list)


def _vin(rng: random.Random) -> tuple[str, str]:
    row = rng.choice(csv_rows("wmi.csv"))
    body = "".join(rng.choice(ALPHABET) for _ in range(5))
    year = rng.choice("BCDEFGHJKLMNPRST123456789")
    rest = rng.choice(ALPHABET) + f"{rng.randrange(10**6):06d}"
    vin = f"{row['wmi']}{body}0{year}{rest}"
    if read_vin(vin).status is not None and vin[0] in "12345L":
        vin = vin[:8] + check_digit(vin) + vin[9:]
    else:
        vin = vin[:8] + rng.choice("0123456789Z") + vin[9:]
    return vin, row["manufacturer"]


def _misread(rng: random.Random, text: str) -> str:
    spots = [i for i, c in enumerate(text) if c in _CONFUSE]
    if not spots:
        return text
    i = rng.choice(spots)
    return text[:i] + _CONFUSE[text[i]] + text[i + 1 :]


def _vehicle(rng: random.Random) -> SimVehicle:
    vin, make = _vin(rng)
    engine = f"{rng.choice(['EN', 'K9', 'M2', 'G4'])}{rng.randrange(10**7):07d}"
    return SimVehicle(vin, engine, plate(rng).replace(" ", "").replace("-", ""), make)


def _person(rng: random.Random) -> tuple[str, dt.date]:
    first = rng.choice(["AMINA", "JOHN", "FATOU", "ALI", "GRACE", "PEDRO", "OLGA", "KWAME"])
    last = rng.choice(["OKAFOR", "DIALLO", "MENSAH", "SILVA", "PETROVA", "HASSAN", "NDLOVU"])
    born = dt.date(1960, 1, 1) + dt.timedelta(days=rng.randrange(365 * 45))
    return f"{last} {first}", born


def generate_vehicle_traffic(
    seed: int = 1,
    *,
    crossings: int = 2000,
    stolen_list_size: int = 400,
    stolen_share: float = 0.01,
    concealment_share: float = 0.01,
    start: dt.datetime | None = None,
) -> VehicleWorld:
    """A stolen list and ``crossings`` vehicle crossings (``stolen_share`` of them stolen
    vehicles on the list, ``concealment_share`` carrying a hidden load)."""
    rng = random.Random(seed)
    world = VehicleWorld()
    stolen = [_vehicle(rng) for _ in range(stolen_list_size)]
    reported = dt.date(2026, 1, 1)
    for number, car in enumerate(stolen, start=1):
        world.stolen_list.append(
            StolenVehicle(
                car.vin,
                car.engine_number,
                car.plate,
                "UTO",
                car.make,
                "",
                reported - dt.timedelta(days=rng.randrange(700)),
                f"P-{number:05d}",
                "national",
            )
        )
    fleet = [_vehicle(rng) for _ in range(max(50, crossings // 4))]
    when = start or dt.datetime(2026, 3, 1, 6, 0, tzinfo=dt.UTC)
    for _ in range(crossings):
        when += dt.timedelta(minutes=rng.randint(1, 20))
        is_stolen = rng.random() < stolen_share
        car = rng.choice(stolen) if is_stolen else rng.choice(fleet)
        vin, engine, shown_plate, revinned = car.vin, car.engine_number, car.plate, False
        if is_stolen:
            shown_plate = plate(rng).replace(" ", "").replace("-", "")  # false plates
            if rng.random() < 0.1:
                vin, revinned = _vehicle(rng).vin, True
        if rng.random() < 0.15:
            vin = _misread(rng, vin)
        if rng.random() < 0.1:
            engine = _misread(rng, engine)
        driver, born = _person(rng)
        passengers = tuple(_person(rng)[0] for _ in range(rng.choice([0, 0, 1, 2, 3])))
        hidden = rng.choice(_land_concealments()) if rng.random() < concealment_share else None
        world.crossings.append(
            VehicleCrossingSim(
                when,
                "exit" if is_stolen or rng.random() < 0.5 else "entry",
                shown_plate,
                "UTO",
                vin,
                engine,
                car.make,
                driver,
                born,
                passengers,
                car.vin,
                is_stolen,
                revinned,
                hidden,
            )
        )
    return world
