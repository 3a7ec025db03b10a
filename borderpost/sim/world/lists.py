"""Watchlists and lost/stolen lists derived from the world, as they would reach a border post.

Watchlist entries describe travellers the way another agency wrote them down: the name with
the noise of :mod:`borderpost.sim.noise` (another spelling, a typo, parts swapped, merged or
split, a middle name dropped), aliases (sometimes the name in its own script), and a birth date
that may be exact, the year only, wrong or missing (``lists.toml``). Which travellers are
listed is a deterministic sample (``stream(spec, "watch", i)``), network members more often;
some entries name people who never cross (``outsiders``). Each entry's truth says whom it
refers to.

The lost/stolen list holds the passports reported lost or stolen and every booklet of the
stolen blank batches, in the CSV columns of :mod:`borderpost.screening.lost_stolen`.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from borderpost.names import Script
from borderpost.sim.names import PersonName, generate
from borderpost.sim.noise import NOISES, applicable
from borderpost.sim.world import tables
from borderpost.sim.world.documents import Batch, TravelDocument
from borderpost.sim.world.model import Traveller
from borderpost.sim.world.people import Weighted, weighted
from borderpost.sim.world.spec import WorldSpec, stream

__all__ = [
    "LOST_STOLEN_HEADER",
    "WATCHLIST_HEADER",
    "WatchEntry",
    "batch_rows",
    "entry",
    "lost_stolen_row",
    "outsiders",
    "watchlisted",
]

WATCHLIST_HEADER = (
    "id",
    "name",
    "aliases",
    "dob",
    "nationality",
    "gender",
    "document_number",
    "document_country",
)
LOST_STOLEN_HEADER = (
    "issuing_country",
    "document_number",
    "document_type",
    "status",
    "reported_on",
    "reference",
)


@dataclass(frozen=True, slots=True)
class WatchEntry:
    """One watchlist entry, with whom it refers to and how its details differ from theirs."""

    id: str
    name: str
    aliases: tuple[str, ...]
    dob: str
    nationality: str
    gender: str
    document_number: str
    document_country: str
    traveller_id: str | None  # None for people who never cross
    noise: str
    dob_noise: str

    def row(self) -> tuple[str, ...]:
        """The CSV row, in :data:`WATCHLIST_HEADER` order."""
        return (
            self.id,
            self.name,
            ";".join(self.aliases),
            self.dob,
            self.nationality,
            self.gender,
            self.document_number,
            self.document_country,
        )

    def truth(self) -> dict[str, object]:
        """What truth.json records about the entry."""
        return {
            "entry_id": self.id,
            "traveller_id": self.traveller_id,
            "name_noise": self.noise,
            "dob_noise": self.dob_noise,
        }


def rate(spec: WorldSpec) -> float:
    """The share of (non-member) travellers listed: lists.toml's rate, or more in small worlds."""
    data = tables.lists()
    return max(float(data["rate"]), min(1.0, int(data["least"]) / spec.travellers))


def watchlisted(spec: WorldSpec, index: int, member: bool) -> bool:
    """Whether traveller ``index`` is on the watchlist (network members more often)."""
    chance = float(tables.lists()["members"]) if member else rate(spec)
    return stream(spec, "watch", index).random() < chance


@cache
def _noises() -> Weighted:
    return weighted(tables.lists()["name_noise"])


@cache
def _dob_kinds() -> Weighted:
    return weighted(tables.lists()["dob"])


def _variant(name: str, rng: random.Random) -> tuple[str, str]:
    """(name with one kind of noise, the kind); "none" when it leaves the name as it is."""
    kind = _noises().draw(rng)
    if kind == "none" or not applicable(kind, name):
        return name, "none"
    changed = NOISES[kind](name, rng)
    return (changed, kind) if changed != name else (name, "none")


def _dob(birth: date, rng: random.Random) -> tuple[str, str]:
    kind = _dob_kinds().draw(rng)
    if kind == "exact":
        return birth.isoformat(), kind
    if kind == "year_only":
        return str(birth.year), kind
    if kind == "wrong":
        if birth.day <= 12 and birth.day != birth.month:
            return birth.replace(month=birth.day, day=birth.month).isoformat(), "day_month_swapped"
        shifted = birth.replace(year=birth.year + rng.choice((-1, 1)), day=min(birth.day, 28))
        return shifted.isoformat(), "year_off"
    return "", "none"


def _names(name: PersonName, rng: random.Random) -> tuple[str, str, tuple[str, ...]]:
    """(listed name, its noise kind, aliases)."""
    base = name.latin if rng.random() < 0.5 else name.latin_given_first
    listed, kind = _variant(base, rng)
    aliases: list[str] = []
    if name.script is not Script.LATIN and rng.random() < tables.lists()["native_alias"]:
        aliases.append(name.native)
    low, high = tables.lists()["aliases"]
    for _k in range(rng.randint(low, high)):
        alias, _kind = _variant(name.latin_given_first, rng)
        if alias != listed and alias not in aliases:
            aliases.append(alias)
    return listed, kind, tuple(aliases)


def entry(spec: WorldSpec, traveller: Traveller, document: TravelDocument) -> WatchEntry:
    """The watchlist entry for a listed traveller (who crosses with ``document``)."""
    rng = stream(spec, "watch-entry", traveller.index)
    listed, kind, aliases = _names(traveller.name, rng)
    dob, dob_kind = _dob(traveller.birth_date, rng)
    fields = tables.lists()["fields"]
    with_document = rng.random() < fields["document"]
    return WatchEntry(
        id=f"W{traveller.index:09d}",
        name=listed,
        aliases=aliases,
        dob=dob,
        nationality=traveller.nationality if rng.random() < fields["nationality"] else "",
        gender="M" if traveller.gender == "male" else "F",
        document_number=document.number if with_document else "",
        document_country=document.issuing_state if with_document else "",
        traveller_id=traveller.id,
        noise=kind,
        dob_noise=dob_kind,
    )


def outsiders(spec: WorldSpec) -> Iterator[WatchEntry]:
    """Entries for people who never cross: organisers abroad, people wanted elsewhere."""
    count = round(spec.travellers * rate(spec) * float(tables.lists()["outsiders"]))
    for k in range(max(1, count)):
        rng = stream(spec, "watch-outsider", k)
        name = generate(rng)
        birth = spec.start - timedelta(days=rng.randint(20 * 365, 70 * 365))
        listed, kind, aliases = _names(name, rng)
        dob, dob_kind = _dob(birth, rng)
        yield WatchEntry(
            id=f"WX{k:08d}",
            name=listed,
            aliases=aliases,
            dob=dob,
            nationality=name.nationality,
            gender="M" if name.gender == "male" else "F",
            document_number="",
            document_country="",
            traveller_id=None,
            noise=kind,
            dob_noise=dob_kind,
        )


def lost_stolen_row(document: TravelDocument) -> tuple[str, ...]:
    """The lost/stolen CSV row of a reported passport (not a blank booklet: see batch_rows)."""
    reported_on = "" if document.reported_on is None else document.reported_on.isoformat()
    return (
        document.issuing_state,
        document.number,
        "passport",
        document.reported,
        reported_on,
        f"SLTD-{document.id}",
    )


def batch_rows(batch: Batch) -> Iterator[tuple[str, ...]]:
    """The lost/stolen CSV rows of every booklet of a stolen blank batch."""
    for number in batch.numbers:
        yield (
            batch.country,
            number,
            "passport",
            "blank-stolen",
            batch.reported_on.isoformat(),
            f"SLTD-{batch.id}",
        )
