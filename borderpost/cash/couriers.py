"""Cash-courier detection over declarations: four indicators, each alert explained.

* **structuring**: one carrier crossing repeatedly with amounts just under the threshold;
* **shared_party**: the same sender, recipient, owner or payer behind several carriers;
* **linked_couriers**: carriers linked through a phone, an address or a booking, with
  near-threshold crossings between them;
* **purpose_mismatch**: more cash than the declared purpose plausibly needs.

The figures live in ``data/detection.toml``. Each alert names its subjects (person keys, see
:func:`borderpost.cash.identifiers.person_key`), the declarations it rests on, a sentence
saying why, and the figures behind the sentence.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Literal

from borderpost.cash.identifiers import address_key, party_key, person_key, phone_key
from borderpost.cash.model import Declaration
from borderpost.cash.money import format_amount
from borderpost.cash.profiles import Profile

__all__ = [
    "ALERT_KINDS",
    "COURIER_KINDS",
    "Alert",
    "AlertKind",
    "DetectionRules",
    "Valued",
    "detect",
    "detection_rules",
]

AlertKind = Literal["structuring", "shared_party", "linked_couriers", "purpose_mismatch"]
ALERT_KINDS: tuple[AlertKind, ...] = (
    "structuring",
    "shared_party",
    "linked_couriers",
    "purpose_mismatch",
)
#: The kinds that point at a courier (a purpose mismatch alone points at a question to ask).
COURIER_KINDS: frozenset[AlertKind] = frozenset({"structuring", "shared_party", "linked_couriers"})


@dataclass(frozen=True, slots=True)
class DetectionRules:
    """The figures of ``data/detection.toml``."""

    band: Decimal
    least_crossings: int
    window_days: int
    least_share: Decimal
    least_carriers: int
    party_share: Decimal
    least_near: int
    purpose_limits: tuple[tuple[tuple[str, ...], Decimal], ...]


@cache
def detection_rules() -> DetectionRules:
    """The shipped detection figures, read once."""
    raw = tomllib.loads(
        (resources.files("borderpost.cash") / "data" / "detection.toml").read_text("utf-8")
    )
    return DetectionRules(
        band=Decimal(raw["structuring"]["band"]),
        least_crossings=int(raw["structuring"]["least_crossings"]),
        window_days=int(raw["structuring"]["window_days"]),
        least_share=Decimal(raw["structuring"]["least_share"]),
        least_carriers=int(raw["shared_party"]["least_carriers"]),
        party_share=Decimal(raw["shared_party"]["least_share"]),
        least_near=int(raw["linked"]["least_near"]),
        purpose_limits=tuple(
            (tuple(str(w).lower() for w in item["words"]), Decimal(item["share"]))
            for item in raw["purpose"]["limits"]
        ),
    )


@dataclass(frozen=True, slots=True)
class Valued:
    """A declaration with its total in the profile's currency (see :mod:`.rules`)."""

    declaration: Declaration
    total: Decimal


@dataclass(frozen=True, slots=True)
class Alert:
    """One indicator that fired: who, on which declarations, why, with which figures."""

    kind: AlertKind
    subjects: tuple[str, ...]
    refs: tuple[str, ...]
    reason: str
    figures: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {
            "kind": self.kind,
            "subjects": list(self.subjects),
            "refs": list(self.refs),
            "reason": self.reason,
            "figures": dict(self.figures),
        }


def _carrier(item: Valued) -> str | None:
    carrier = item.declaration.carrier
    return None if carrier is None else person_key(carrier)


def _near(profile: Profile, rules: DetectionRules, total: Decimal) -> bool:
    low = profile.threshold * (Decimal(1) - rules.band)
    return low <= total and not profile.reaches(total)


def _structuring(profile: Profile, rules: DetectionRules, items: Sequence[Valued]) -> list[Alert]:
    by_carrier: dict[str, list[Valued]] = {}
    every: dict[str, list[dt.date]] = {}
    for item in items:
        key = _carrier(item)
        if key is None:
            continue
        every.setdefault(key, []).append(item.declaration.day)
        if _near(profile, rules, item.total):
            by_carrier.setdefault(key, []).append(item)
    found = []
    window = dt.timedelta(days=rules.window_days)
    for key, near in sorted(by_carrier.items()):
        near.sort(key=lambda v: (v.declaration.day, v.declaration.ref))
        best: list[Valued] = []
        start = 0
        for end in range(len(near)):
            while near[end].declaration.day - near[start].declaration.day > window:
                start += 1
            if end - start + 1 > len(best):
                best = near[start : end + 1]
        if len(best) < rules.least_crossings:
            continue
        first, last = best[0].declaration.day, best[-1].declaration.day
        crossed = sum(1 for day in every[key] if first <= day <= first + window)
        if Decimal(len(best)) < rules.least_share * crossed:
            continue
        amounts = ", ".join(format_amount(v.total, profile.currency) for v in best)
        found.append(
            Alert(
                "structuring",
                (key,),
                tuple(v.declaration.ref for v in best),
                f"{len(best)} of {crossed} crossings between {first} and {last} each just "
                f"under the {profile.code} threshold ({profile.rule_text()}): {amounts}",
                {
                    "crossings": str(len(best)),
                    "all_crossings": str(crossed),
                    "first": first.isoformat(),
                    "last": last.isoformat(),
                    "threshold": str(profile.threshold),
                    "band": str(rules.band),
                    "amounts": amounts,
                },
            )
        )
    return found


def _shared_parties(
    profile: Profile, rules: DetectionRules, items: Sequence[Valued]
) -> list[Alert]:
    behind: dict[str, dict[str, list[Valued]]] = {}
    names: dict[str, str] = {}
    for item in items:
        carrier = _carrier(item)
        if carrier is None:
            continue
        for party in item.declaration.parties:
            if party.role == "carrier":
                continue
            key = party_key(party)
            names.setdefault(key, f"{party.role} {party.name}")
            behind.setdefault(key, {}).setdefault(carrier, []).append(item)
    found = []
    for key, carriers in sorted(behind.items()):
        every = [v for group in carriers.values() for v in group]
        near = [v for v in every if _near(profile, rules, v.total)]
        # Carriers who stayed just under the line for this party: a business paid in cash by
        # many honest travellers, each above the threshold and declared, is no courier ring.
        structuring = sorted(
            {
                key
                for key, group in carriers.items()
                if any(_near(profile, rules, v.total) for v in group)
            }
        )
        if (
            len(carriers) < rules.least_carriers
            or len(structuring) < rules.least_carriers
            or Decimal(len(structuring)) < rules.party_share * len(carriers)
        ):
            continue
        total = sum((v.total for v in every), Decimal(0))
        found.append(
            Alert(
                "shared_party",
                tuple(structuring),
                tuple(sorted({v.declaration.ref for v in every})),
                f"{len(carriers)} different carriers name the same {names[key]} "
                f"({key.split(':', 1)[0]} match) on {len(every)} declarations totalling "
                f"{format_amount(total, profile.currency)}; {len(structuring)} of the carriers "
                f"stayed just under the threshold ({len(near)} declarations)",
                {
                    "party": names[key],
                    "carriers": str(len(carriers)),
                    "declarations": str(len(every)),
                    "near_threshold": str(len(near)),
                    "total": str(total),
                },
            )
        )
    return found


class _Links:
    """Union-find over carriers, remembering what joined them."""

    def __init__(self) -> None:
        self.parent: dict[str, str] = {}
        self.via: dict[str, set[str]] = {}

    def find(self, key: str) -> str:
        self.parent.setdefault(key, key)
        while self.parent[key] != key:
            self.parent[key] = self.parent[self.parent[key]]
            key = self.parent[key]
        return key

    def join(self, keys: Iterable[str], how: str) -> None:
        members = sorted(set(keys))
        for key in members:
            self.via.setdefault(key, set()).add(how)
        for other in members[1:]:
            left, right = self.find(members[0]), self.find(other)
            if left != right:
                self.parent[max(left, right)] = min(left, right)


def _linked(profile: Profile, rules: DetectionRules, items: Sequence[Valued]) -> list[Alert]:
    holders: dict[str, set[str]] = {}
    for item in items:
        carrier = _carrier(item)
        if carrier is None:
            continue
        declaration = item.declaration
        me = declaration.carrier
        assert me is not None
        keys = []
        if me.phone and (phone := phone_key(me.phone)):
            keys.append(f"phone {phone}")
        if me.address and (address := address_key(me.address)):
            keys.append(f"address {address}")
        if declaration.booking_ref:
            keys.append(f"booking {declaration.booking_ref.strip().upper()}")
        for key in keys:
            holders.setdefault(key, set()).add(carrier)
    links = _Links()
    for key, carriers in sorted(holders.items()):
        if len(carriers) > 1:
            links.join(carriers, key)
    groups: dict[str, set[str]] = {}
    for carrier in links.parent:
        groups.setdefault(links.find(carrier), set()).add(carrier)
    of_carrier: dict[str, list[Valued]] = {}
    for item in items:
        carrier = _carrier(item)
        if carrier is not None:
            of_carrier.setdefault(carrier, []).append(item)
    found = []
    for members in groups.values():
        mine = [v for member in sorted(members) for v in of_carrier.get(member, ())]
        near = [v for v in mine if _near(profile, rules, v.total)]
        near_carriers = {_carrier(v) for v in near}
        if len(near) < rules.least_near or len(near_carriers) < 2:
            continue
        shared = sorted({how for member in members for how in links.via.get(member, ())})
        found.append(
            Alert(
                "linked_couriers",
                tuple(sorted(members)),
                tuple(sorted(v.declaration.ref for v in near)),
                f"{len(members)} carriers linked through {', '.join(shared)} made "
                f"{len(near)} crossings just under the threshold between them",
                {
                    "carriers": str(len(members)),
                    "links": "; ".join(shared),
                    "near_threshold": str(len(near)),
                },
            )
        )
    return sorted(found, key=lambda a: a.subjects)


def _purposes(profile: Profile, rules: DetectionRules, items: Sequence[Valued]) -> list[Alert]:
    found = []
    for item in items:
        use = item.declaration.intended_use.lower()
        for words, share in rules.purpose_limits:
            if not any(word in use for word in words):
                continue
            limit = profile.threshold * share
            if item.total > limit:
                carrier = _carrier(item)
                found.append(
                    Alert(
                        "purpose_mismatch",
                        () if carrier is None else (carrier,),
                        (item.declaration.ref,),
                        f"{format_amount(item.total, profile.currency)} declared for "
                        f"{item.declaration.intended_use!r}, more than the "
                        f"{format_amount(limit, profile.currency)} such a purpose plausibly needs",
                        {
                            "amount": str(item.total),
                            "purpose": item.declaration.intended_use,
                            "limit": str(limit),
                        },
                    )
                )
            break
    return found


def detect(
    profile: Profile, items: Sequence[Valued], rules: DetectionRules | None = None
) -> list[Alert]:
    """Every alert over ``items``, indicator by indicator."""
    chosen = rules if rules is not None else detection_rules()
    return [
        *_structuring(profile, chosen, items),
        *_shared_parties(profile, chosen, items),
        *_linked(profile, chosen, items),
        *_purposes(profile, chosen, items),
    ]
