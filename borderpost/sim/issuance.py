"""Synthetic passport-issuance traffic with planted fraud and its truth.

A seeded world of citizens (names of many cultures, with their native scripts), a civil
registry extract, staff at three offices, booklet stock, and a stream of applications over
some months. Planted in it, with the truth kept apart:

* ``duplicate``: a person already enrolled applies again under a second identity, the name
  written in its native script (Cyrillic, Arabic, ...) or re-spelled, the birth date the same
  or a day off.
* ``dead``: an applicant claims the identity of a person the registry lists as deceased.
* ``late_identity``: an identity number first issued decades after the birth date.
* ``facilitated``: unrelated applicants giving one fixer's phone and guarantor.
* ``stolen_blank``: a series of blank booklets taken from a station; forged passports on them
  are presented at the border.
* ``corrupt_officer``: one supervisor approves fraudulent applications (overriding alerts, out
  of hours) and opens VIP records.

Everything is a pure function of the seed: the same :class:`IssuanceSpec` gives the same world.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace

from borderpost.sim.names import PersonName, generate
from borderpost.sim.noise import respell, typo

__all__ = [
    "FRAUD_KINDS",
    "IssuanceSpec",
    "IssuanceWorld",
    "SimApplication",
    "SimIdentity",
    "build_world",
]

FRAUD_KINDS = (
    "duplicate",
    "dead",
    "late_identity",
    "facilitated",
    "stolen_blank",
    "corrupt_officer",
)
OFFICES = ("CAPITAL", "NORTH", "SOUTH")
CLERKS = ("clerk1", "clerk2", "clerk3", "clerk4", "clerk5", "clerk6")
SUPERVISORS = ("super1", "super2", "super3", "super4")
CULTURES = (
    "russian",
    "ukrainian",
    "arabic",
    "persian",
    "english",
    "french",
    "west_african",
    "spanish",
    "turkish",
)
NATIVE_SCRIPTS = frozenset({"russian", "ukrainian", "arabic", "persian"})
COUNTRY = "UTO"


@dataclass(frozen=True, slots=True)
class IssuanceSpec:
    """How big the world is and how much fraud is planted."""

    seed: int = 7
    citizens: int = 500
    deceased: int = 120
    start: dt.date = dt.date(2026, 5, 4)
    days: int = 120
    duplicates: int = 24
    dead: int = 12
    late_identities: int = 10
    facilitated: int = 8
    stolen_blanks: int = 15
    forged_presented: int = 10
    corrupt_share: float = 0.6
    vip_share: float = 0.03


@dataclass(frozen=True, slots=True)
class SimIdentity:
    """A registered identity: its number, name (Latin and native), birth, status."""

    national_id: str
    surname: str
    given_names: str
    native_surname: str
    native_given: str
    culture: str
    sex: str
    birth_date: dt.date
    id_issued_on: dt.date
    status: str  # living | deceased
    death_date: dt.date | None = None


@dataclass(frozen=True, slots=True)
class SimApplication:
    """One application as the clerk types it, with what happens to it and its truth."""

    key: int
    at: dt.datetime
    office: str
    clerk: str
    decider: str
    kind: str
    surname: str
    given_names: str
    sex: str
    birth_date: dt.date
    national_id: str
    id_issued_on: dt.date
    address: str
    phone: str
    guarantor: str | None
    loss_reported_on: dt.date | None
    vip: bool
    fraud: str | None = None
    duplicate_of: int | None = None
    corrupt: bool = False


@dataclass
class IssuanceWorld:
    """The registry, the applications in time order, the stock and the truth."""

    spec: IssuanceSpec
    registry: list[SimIdentity]
    applications: list[SimApplication]
    stock: dict[str, list[str]]
    stolen: list[str]
    corrupt_officer: str
    accomplice: str
    browsing: list[tuple[str, int]] = field(default_factory=list)


def _national_id(rng: random.Random, birth: dt.date, used: set[str]) -> str:
    while True:
        number = f"{birth:%y%m%d}-{rng.randrange(10000):04d}"
        if number not in used:
            used.add(number)
            return number


def _birth(rng: random.Random, youngest: int = 18, oldest: int = 80) -> dt.date:
    return dt.date(2026 - rng.randint(youngest, oldest), rng.randint(1, 12), rng.randint(1, 28))


def _identity(
    rng: random.Random, used: set[str], *, culture: str | None = None, status: str = "living"
) -> SimIdentity:
    where = culture or rng.choice(CULTURES)
    name: PersonName = generate(rng, where, nationality=COUNTRY)
    birth = _birth(rng, 30 if status == "deceased" else 18, 95 if status == "deceased" else 80)
    issued = min(birth + dt.timedelta(days=365 * 16 + rng.randint(0, 700)), dt.date(2026, 1, 5))
    death = None
    if status == "deceased":
        death = min(dt.date(2026, 4, 1), birth + dt.timedelta(days=365 * rng.randint(25, 90)))
    return SimIdentity(
        national_id=_national_id(rng, birth, used),
        surname=name.primary,
        given_names=name.secondary,
        native_surname=" ".join(name.surname) or name.primary,
        native_given=" ".join(name.given + name.father),
        culture=where,
        sex="M" if name.gender == "male" else "F",
        birth_date=birth,
        id_issued_on=issued,
        status=status,
        death_date=death,
    )


def _office_time(rng: random.Random, day: dt.date) -> dt.datetime:
    while day.isoweekday() > 5:
        day += dt.timedelta(days=1)
    minute = rng.randint(8 * 60, 16 * 60 + 30)
    return dt.datetime(day.year, day.month, day.day, minute // 60, minute % 60, tzinfo=dt.UTC)


def _address(rng: random.Random) -> str:
    streets = ("River Road", "Market Street", "Hill Lane", "Station Avenue", "Palm Close")
    return f"{rng.randint(1, 400)} {rng.choice(streets)}, {rng.choice(OFFICES).title()}"


def _phone(rng: random.Random) -> str:
    return f"+99 {rng.randint(200, 999)} {rng.randint(1000, 9999)}"


class _Builder:
    def __init__(self, spec: IssuanceSpec) -> None:
        self.spec = spec
        self.rng = random.Random(spec.seed)
        self.used: set[str] = set()
        self.applications: list[SimApplication] = []
        self.corrupt = SUPERVISORS[2]
        self.accomplice = CLERKS[1]

    def when(self) -> dt.datetime:
        return _office_time(
            self.rng, self.spec.start + dt.timedelta(days=self.rng.randrange(self.spec.days))
        )

    def after(self, at: dt.datetime) -> dt.datetime:
        """An office-hours time 5-60 days after ``at``."""
        return _office_time(self.rng, at.date() + dt.timedelta(days=self.rng.randint(5, 60)))

    def add(self, identity: SimIdentity, **overrides: object) -> SimApplication:
        rng = self.rng
        office = rng.choice(OFFICES)
        fraud = overrides.get("fraud")
        corrupt = (
            fraud is not None
            and fraud != "facilitated"
            and (rng.random() < self.spec.corrupt_share)
        )
        # Genuine applications go to any supervisor (the corrupt one decides them honestly, in
        # office hours); fraud he does not handle goes to an honest one. The fixer's clients
        # mostly come through the accomplice's counter.
        deciders = SUPERVISORS if fraud is None else [s for s in SUPERVISORS if s != self.corrupt]
        fixer_client = fraud == "facilitated" and rng.random() < 0.75
        values: dict[str, object] = {
            "key": len(self.applications) + 1,
            "at": self.when(),
            "office": office,
            "clerk": self.accomplice if corrupt or fixer_client else rng.choice(CLERKS),
            "decider": self.corrupt if corrupt else rng.choice(deciders),
            "kind": "first",
            "surname": identity.surname,
            "given_names": identity.given_names,
            "sex": identity.sex,
            "birth_date": identity.birth_date,
            "national_id": identity.national_id,
            "id_issued_on": identity.id_issued_on,
            "address": _address(rng),
            "phone": _phone(rng),
            "guarantor": None,
            "loss_reported_on": None,
            "vip": rng.random() < self.spec.vip_share,
            "corrupt": corrupt,
        }
        values.update(overrides)
        application = SimApplication(**values)  # type: ignore[arg-type]
        self.applications.append(application)
        return application


def _second_name(rng: random.Random, identity: SimIdentity) -> tuple[str, str]:
    """The same person's name as their second identity writes it."""
    if identity.culture in NATIVE_SCRIPTS and identity.native_surname != identity.surname:
        return identity.native_surname, identity.native_given or identity.given_names
    full = respell(f"{identity.given_names} {identity.surname}", rng)
    if full == f"{identity.given_names} {identity.surname}":
        full = typo(full, rng)
    parts = full.split()
    return parts[-1], " ".join(parts[:-1])


def build_world(spec: IssuanceSpec | None = None) -> IssuanceWorld:
    """The world of ``spec`` (the default spec when ``None``)."""
    spec = spec or IssuanceSpec()
    b = _Builder(spec)
    rng = b.rng
    citizens = [_identity(rng, b.used) for _ in range(spec.citizens)]
    dead = [_identity(rng, b.used, status="deceased") for _ in range(spec.deceased)]
    # Households: some citizens share an address with a relative of the same surname.
    for identity in citizens:
        b.add(identity)
    for first in b.applications[: len(b.applications) // 10]:
        relative = replace(_identity(rng, b.used), surname=first.surname)
        citizens.append(relative)
        b.add(relative, address=first.address)
    # Renewals and genuine losses of earlier applicants (the same identity again).
    for application in rng.sample(b.applications[: spec.citizens], spec.citizens // 10):
        lost = rng.random() < 0.5
        at = b.after(application.at)
        b.add(
            next(i for i in citizens if i.national_id == application.national_id),
            at=at,
            kind="replacement_lost" if lost else "renewal",
            loss_reported_on=(at - dt.timedelta(days=rng.randint(1, 20))).date() if lost else None,
            address=application.address,
        )
    registry = [*citizens, *dead]
    # duplicate: a second identity (registered late under the re-written name) for a citizen.
    for original in rng.sample(
        b.applications[: spec.citizens], min(spec.duplicates, spec.citizens // 2)
    ):
        person = next(i for i in citizens if i.national_id == original.national_id)
        surname, given = _second_name(rng, person)
        birth = person.birth_date + dt.timedelta(days=rng.choice((0, 0, 0, 1, -1)))
        second = SimIdentity(
            national_id=_national_id(rng, birth, b.used),
            surname=surname,
            given_names=given,
            native_surname=surname,
            native_given=given,
            culture=person.culture,
            sex=person.sex,
            birth_date=birth,
            id_issued_on=birth + dt.timedelta(days=365 * 17),
            status="living",
        )
        registry.append(second)
        b.add(second, at=b.after(original.at), fraud="duplicate", duplicate_of=original.key)
    # dead: a deceased person's identity claimed.
    for identity in rng.sample(dead, min(spec.dead, spec.deceased)):
        b.add(identity, fraud="dead")
    # late_identity: a number issued decades after the birth date (not in the registry).
    for _ in range(spec.late_identities):
        identity = _identity(rng, b.used)
        late = identity.birth_date + dt.timedelta(days=365 * rng.randint(32, 55))
        b.add(replace(identity, id_issued_on=min(late, dt.date(2026, 3, 1))), fraud="late_identity")
    # facilitated: one fixer's phone and guarantor behind unrelated applicants.
    fixer_phone, fixer = _phone(rng), "A. FIXER, Market Street"
    for _ in range(spec.facilitated):
        identity = _identity(rng, b.used)
        registry.append(identity)
        b.add(identity, fraud="facilitated", phone=fixer_phone, guarantor=fixer)
    b.applications.sort(key=lambda application: application.at)
    # Stock: each office gets booklets; a series goes missing from NORTH.
    stock: dict[str, list[str]] = {}
    next_serial = 1
    per_office = len(b.applications) // len(OFFICES) + 60
    for office in OFFICES:
        stock[office] = [f"UT{n:07d}" for n in range(next_serial, next_serial + per_office)]
        next_serial += per_office
    stolen = stock["NORTH"][-spec.stolen_blanks :]
    # The corrupt supervisor opens VIP and other records that are not his; honest staff open
    # one or two records of colleagues now and then (a question at the counter).
    others = [a for a in b.applications if b.corrupt not in (a.decider, a.clerk)]
    browsing = [(b.corrupt, a.key) for a in others if a.vip][:6]
    browsing += [(b.corrupt, a.key) for a in rng.sample(others, min(6, len(others)))]
    for reader in (*CLERKS, *SUPERVISORS):
        if reader != b.corrupt:
            mine = [a for a in b.applications if reader not in (a.decider, a.clerk)]
            browsing += [(reader, a.key) for a in rng.sample(mine, rng.randint(0, 2))]
    return IssuanceWorld(
        spec=spec,
        registry=registry,
        applications=b.applications,
        stock=stock,
        stolen=stolen,
        corrupt_officer=b.corrupt,
        accomplice=b.accomplice,
        browsing=browsing,
    )
