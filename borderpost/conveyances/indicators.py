"""Container risk indicators as data, and selection by their combination.

The profile (``data/indicators.yaml``) lists indicators, each with a weight, the check that
fires it and a sentence explaining it. :func:`assess` runs every indicator over every
container of a manifest and selects a container only when the indicators that fired reach
the profile's ``threshold`` *and* there are at least ``min_indicators`` of them: a single
indicator never selects, however heavy. Every container gets its score and reasons whether
selected or not, so an officer (or the benchmark) can rank them.

Indicators that need history (new consignee, parties of earlier seizures) read it from a
:class:`TargetingContext` the service builds from the records; without one they stay silent.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from borderpost.conveyances.cargo import CargoManifest, Consignment, Equipment
from borderpost.conveyances.parties import party_key
from borderpost.conveyances.reference import csv_rows, yaml_data

__all__ = [
    "ContainerAssessment",
    "Fired",
    "Indicator",
    "Profile",
    "TargetingContext",
    "assess",
    "load_profile",
]


@dataclass(frozen=True, slots=True)
class TargetingContext:
    """What the records know: how many earlier consignments each consignee (by
    :func:`~borderpost.conveyances.parties.party_key`) received, and which parties appear in
    which seizures (key → seizure reference). ``None`` history keeps ``new_consignee`` silent."""

    consignee_history: Mapping[str, int] | None = None
    seizure_parties: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Fired:
    """An indicator that fired on a container: its id, weight and the reason in words."""

    indicator: str
    weight: float
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {"indicator": self.indicator, "weight": self.weight, "reason": self.reason}


@dataclass(frozen=True, slots=True)
class Indicator:
    id: str
    weight: float
    check: str
    explain: str
    params: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class Profile:
    indicators: tuple[Indicator, ...]
    threshold: float
    min_indicators: int


@dataclass(frozen=True, slots=True)
class ContainerAssessment:
    """One container's verdict: its score, the indicators that fired, whether selected and
    why (or why not)."""

    container: str
    bill_of_lading: str
    score: float
    fired: tuple[Fired, ...]
    selected: bool
    reason: str

    def to_dict(self) -> dict[str, object]:
        return {
            "container": self.container,
            "bill_of_lading": self.bill_of_lading,
            "score": self.score,
            "selected": self.selected,
            "reason": self.reason,
            "indicators": [f.to_dict() for f in self.fired],
        }


# --- checks: each yields the format fields of every firing, given its parameters -----------

_Values = dict[str, Any]
_Check = Callable[[Indicator, Consignment, Equipment, TargetingContext], Iterator[_Values]]


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9']+", text.casefold()))


def _description_phrases(
    ind: Indicator, c: Consignment, _box: Equipment, _ctx: TargetingContext
) -> Iterator[_Values]:
    descriptions = [_words(item.description) for item in c.goods] or [""]
    for text in descriptions:
        padded = f" {text} "
        for phrase in ind.params.get("phrases", ()):
            if f" {_words(phrase)} " in padded:
                yield {"match": f'"{phrase}"'}
                return
        for phrase in ind.params.get("alone", ()):
            if text == _words(phrase):
                yield {"match": f'"{phrase}" and nothing more'}
                return


def _missing_hs_code(
    _ind: Indicator, c: Consignment, _box: Equipment, _ctx: TargetingContext
) -> Iterator[_Values]:
    if not c.hs_codes:
        yield {}


def _missing_seal(
    _ind: Indicator, _c: Consignment, box: Equipment, _ctx: TargetingContext
) -> Iterator[_Values]:
    if box.full and not box.seals:
        yield {"container": box.number}


def _bad_container_number(
    _ind: Indicator, _c: Consignment, box: Equipment, _ctx: TargetingContext
) -> Iterator[_Values]:
    if not box.check_digit_ok:
        yield {"container": box.number}


@cache
def _weights() -> dict[str, tuple[str, float, float]]:
    return {
        row["chapter"]: (row["goods"], float(row["low_kg"]), float(row["high_kg"]))
        for row in csv_rows("commodity_weights.csv")
    }


def _container_kg(c: Consignment, box: Equipment) -> float | None:
    if box.gross_kg is not None:
        return box.gross_kg
    total = c.total_kg
    if total is None or not c.equipment:
        return None
    return total / len(c.equipment)


def _weight_implausible(
    _ind: Indicator, c: Consignment, box: Equipment, _ctx: TargetingContext
) -> Iterator[_Values]:
    kg = _container_kg(c, box)
    chapters = {code[:2] for code in c.hs_codes if len(code) >= 2}
    if kg is None or len(chapters) != 1 or not box.full:
        return
    chapter = next(iter(chapters))
    known = _weights().get(chapter)
    if known is None:
        return
    goods, low, high = known
    if not low <= kg <= high:
        yield {
            "kg": kg,
            "container": box.number,
            "chapter": chapter,
            "goods": goods,
            "low": low,
            "high": high,
        }


def _route_through(
    ind: Indicator, c: Consignment, _box: Equipment, _ctx: TargetingContext
) -> Iterator[_Values]:
    places = set(ind.params.get("places", ()))
    for place in c.transhipment:
        if place in places:
            yield {"place": place}
            return


def _loaded_in(
    ind: Indicator, c: Consignment, _box: Equipment, _ctx: TargetingContext
) -> Iterator[_Values]:
    countries = set(ind.params.get("countries", ()))
    for place in (c.place_of_receipt, c.place_of_loading):
        if place[:2] in countries:
            yield {"place": place, "country": place[:2]}
            return


def _hs_chapters(
    ind: Indicator, c: Consignment, _box: Equipment, _ctx: TargetingContext
) -> Iterator[_Values]:
    chapters = set(ind.params.get("chapters", ()))
    for code in c.hs_codes:
        if code[:2] in chapters:
            goods = _weights().get(code[:2], (code[:2], 0.0, 0.0))[0]
            yield {"chapter": code[:2], "goods": goods}
            return


def _new_consignee(
    _ind: Indicator, c: Consignment, _box: Equipment, ctx: TargetingContext
) -> Iterator[_Values]:
    if ctx.consignee_history is None or c.consignee is None:
        return
    key = party_key(c.consignee.name)
    if key and ctx.consignee_history.get(key, 0) == 0:
        yield {"party": c.consignee.name}


def _seizure_link(
    _ind: Indicator, c: Consignment, _box: Equipment, ctx: TargetingContext
) -> Iterator[_Values]:
    for role, party in (
        ("shipper", c.shipper),
        ("consignee", c.consignee),
        ("notify party", c.notify),
    ):
        if party is None:
            continue
        seizure = ctx.seizure_parties.get(party_key(party.name))
        if seizure is not None:
            yield {"role": role, "party": party.name, "seizure": seizure}
            return


CHECKS: Mapping[str, _Check] = {
    "description_phrases": _description_phrases,
    "missing_hs_code": _missing_hs_code,
    "missing_seal": _missing_seal,
    "bad_container_number": _bad_container_number,
    "weight_implausible": _weight_implausible,
    "route_through": _route_through,
    "loaded_in": _loaded_in,
    "hs_chapters": _hs_chapters,
    "new_consignee": _new_consignee,
    "seizure_link": _seizure_link,
}


def load_profile(raw: Mapping[str, Any] | None = None) -> Profile:
    """The profile from ``raw`` (a parsed YAML mapping) or the packaged one.

    Raises:
        ValueError: an indicator lacks a field, names an unknown check, or has a weight
        that is not a positive number; or the selection rule is missing.
    """
    data = raw if raw is not None else yaml_data("indicators.yaml")
    try:
        selection = data["selection"]
        threshold, minimum = float(selection["threshold"]), int(selection["min_indicators"])
    except (KeyError, TypeError, ValueError) as exc:
        raise ValueError(
            f"indicator profile: selection needs threshold and min_indicators ({exc})"
        ) from exc
    if minimum < 2:
        raise ValueError("indicator profile: min_indicators must be at least 2 (combination)")
    out: list[Indicator] = []
    for number, entry in enumerate(data.get("indicators") or (), start=1):
        if not isinstance(entry, Mapping):
            raise ValueError(f"indicator profile: entry {number} is not a mapping")
        missing = [k for k in ("id", "weight", "check", "explain") if k not in entry]
        if missing:
            raise ValueError(f"indicator profile: entry {number} lacks {', '.join(missing)}")
        if entry["check"] not in CHECKS:
            raise ValueError(
                f"indicator {entry['id']}: unknown check {entry['check']!r} "
                f"(checks: {', '.join(sorted(CHECKS))})"
            )
        weight = entry["weight"]
        if not isinstance(weight, int | float) or weight <= 0:
            raise ValueError(f"indicator {entry['id']}: weight must be a positive number")
        params = {k: v for k, v in entry.items() if k not in {"id", "weight", "check", "explain"}}
        out.append(
            Indicator(
                str(entry["id"]), float(weight), str(entry["check"]), str(entry["explain"]), params
            )
        )
    if not out:
        raise ValueError("indicator profile: no indicators")
    return Profile(tuple(out), threshold, minimum)


def _verdict(profile: Profile, fired: list[Fired]) -> tuple[float, bool, str]:
    score = round(sum(f.weight for f in fired), 3)
    count = len({f.indicator for f in fired})
    if not fired:
        return score, False, "no indicator fired"
    if count < profile.min_indicators:
        return (
            score,
            False,
            (
                f"only {count} indicator fired ({fired[0].indicator}); selection needs "
                f"{profile.min_indicators} together"
            ),
        )
    if score < profile.threshold:
        return (
            score,
            False,
            (f"{count} indicators weigh {score:.2f}, below the threshold {profile.threshold:.2f}"),
        )
    names = ", ".join(f.indicator for f in fired)
    return score, True, f"selected: {count} indicators ({names}) weigh {score:.2f}"


def assess(
    manifest: CargoManifest,
    context: TargetingContext | None = None,
    profile: Profile | None = None,
) -> list[ContainerAssessment]:
    """Every container of ``manifest`` scored, explained and selected or not (consignments
    without a container are assessed as one pseudo-container named after their bill)."""
    profile = profile or load_profile()
    context = context or TargetingContext()
    out: list[ContainerAssessment] = []
    for consignment in manifest.consignments:
        boxes = consignment.equipment or (
            Equipment(f"(no container) {consignment.bill_of_lading}", full=False),
        )
        for box in boxes:
            fired: list[Fired] = []
            for indicator in profile.indicators:
                for values in CHECKS[indicator.check](indicator, consignment, box, context):
                    fired.append(
                        Fired(indicator.id, indicator.weight, indicator.explain.format(**values))
                    )
            score, selected, reason = _verdict(profile, fired)
            out.append(
                ContainerAssessment(
                    box.number, consignment.bill_of_lading, score, tuple(fired), selected, reason
                )
            )
    return out
