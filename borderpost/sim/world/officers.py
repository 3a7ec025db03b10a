"""Border officers: who staffs each port, on which shift, and how each decides at the booth.

``roster(spec)`` staffs every port in proportion to its traffic (at least two officers, remote
posts kept small), on day, night or rotating shifts. A small share of officers are corrupt:
each is paid by a network that uses their port (see :func:`.trades.outline`), works nights or
rotating shifts, and clears screening hits and network members far more often than an honest
officer (:func:`decide`). Staffing and decision rates are data: ``data/world/officers.toml``.

Ports open at ``[shifts] opens`` and close ``Port.hours`` later; a shift covers only the hours
its port is open (a night officer at a post open 06-20 works 18-20).
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime, time, timedelta
from functools import cache, lru_cache
from typing import Literal, cast

from borderpost.sim.names import generate
from borderpost.sim.world.geography import Port, geography
from borderpost.sim.world.model import Officer
from borderpost.sim.world.spec import WorldSpec, stream
from borderpost.sim.world.trades import data_file, network_count, outline

__all__ = ["DECISIONS", "Shift", "decide", "duty", "on_duty", "roster", "rules"]

Shift = Literal["day", "night", "rotating"]
DECISIONS = ("cleared", "referred", "refused")
_SITUATIONS = ("member_hit", "hit", "member", "other")
_SHIFTS: tuple[Shift, ...] = ("day", "night", "rotating")


@dataclass(frozen=True, slots=True)
class Rules:
    """The staffing and decision rates of officers.toml."""

    travellers_per_officer: int
    least: int
    most: int
    per_port: int
    remote_most: int
    corrupt: float
    opens: int
    day: tuple[int, int]
    mix_always_open: Mapping[Shift, float]
    mix_part_time: Mapping[Shift, float]
    decide: Mapping[tuple[bool, str], tuple[float, float, float]]  # (corrupt, situation) -> p


def _mix(value: object, where: str) -> dict[Shift, float]:
    if not isinstance(value, dict) or not set(value) <= set(_SHIFTS) or not value:
        raise ValueError(f"officers.toml: {where} must map shifts (day, night, rotating) to shares")
    return {cast(Shift, k): float(v) for k, v in value.items()}


def _rates(value: object, where: str) -> tuple[float, float, float]:
    if not isinstance(value, dict) or set(value) != set(DECISIONS):
        raise ValueError(f"officers.toml: {where} must give cleared, referred and refused")
    rates = tuple(float(value[d]) for d in DECISIONS)
    if any(r < 0 for r in rates) or abs(sum(rates) - 1) > 1e-6:
        raise ValueError(f"officers.toml: {where} rates must be non-negative and sum to 1")
    return rates[0], rates[1], rates[2]


def parse(table: dict[str, object]) -> Rules:
    """The rules of an officers.toml text's table; ValueError names what is wrong."""
    staffing = cast(dict[str, float], table["staffing"])
    shifts = cast(dict[str, object], table["shifts"])
    decisions = cast(dict[str, dict[str, object]], table["decide"])
    rates = {
        (kind == "corrupt", situation): _rates(
            decisions[kind].get(situation), f"decide.{kind}.{situation}"
        )
        for kind in ("honest", "corrupt")
        for situation in _SITUATIONS
    }
    day = cast(list[int], shifts["day"])
    rules = Rules(
        travellers_per_officer=int(staffing["travellers_per_officer"]),
        least=int(staffing["least"]),
        most=int(staffing["most"]),
        per_port=int(staffing["per_port"]),
        remote_most=int(staffing["remote_most"]),
        corrupt=float(staffing["corrupt"]),
        opens=int(cast(int, shifts["opens"])),
        day=(int(day[0]), int(day[1])),
        mix_always_open=_mix(shifts["always_open"], "shifts.always_open"),
        mix_part_time=_mix(shifts["part_time"], "shifts.part_time"),
        decide=rates,
    )
    if rules.per_port < 2 or rules.remote_most < rules.per_port:
        raise ValueError("officers.toml: per_port must be >= 2 and remote_most >= per_port")
    if not 0 <= rules.corrupt < 0.5 or not 0 <= rules.day[0] < rules.day[1] <= 24:
        raise ValueError("officers.toml: corrupt must be in [0, 0.5), day = [start, end] hours")
    return rules


@cache
def rules() -> Rules:
    """The officer rules, read once from the package's data file."""
    return parse(data_file("officers.toml"))


def _staff(total: int, port: Port, share_sum: float, found: Rules) -> int:
    count = max(found.per_port, round(total * port.share / share_sum))
    return min(count, found.remote_most) if port.remote else count


def _officer(spec: WorldSpec, number: int, port: Port, shift: Shift) -> Officer:
    rng = stream(spec, "officer", number)
    home = geography().home
    keys = sorted(home.cultures)
    culture = rng.choices(keys, weights=[home.cultures[k] for k in keys])[0]
    name = generate(rng, culture, nationality=home.code)
    born = spec.start - timedelta(days=rng.randint(22 * 365, 60 * 365))
    return Officer(f"O{number:04d}", name, port.code, shift, False, None, born)


def roster(spec: WorldSpec) -> tuple[Officer, ...]:
    """Every port's officers, numbered O0001... in port order; some corrupt, tied to a network.

    Ports open after the day shift ends get a day and a night officer first, the others a day
    officer; the rest are drawn from the shift mix of officers.toml.
    """
    found = rules()
    world = geography()
    total = min(found.most, max(found.least, spec.travellers // found.travellers_per_officer))
    share_sum = sum(p.share for p in world.ports)
    officers: list[Officer] = []
    for port in world.ports:
        mix = found.mix_always_open if port.hours >= 24 else found.mix_part_time
        shifts = sorted(mix)
        evenings = port.hours >= 24 or found.opens + port.hours > found.day[1]
        anchors: tuple[Shift, ...] = ("day", "night") if evenings else ("day",)
        rng = stream(spec, "port-staff", world.ports.index(port))
        for k in range(_staff(total, port, share_sum, found)):
            if k < len(anchors):
                shift = anchors[k]
            else:
                shift = rng.choices(shifts, weights=[mix[s] for s in shifts])[0]
            officers.append(_officer(spec, len(officers) + 1, port, shift))
    return _corrupt(spec, officers, found)


def _corrupt(spec: WorldSpec, officers: list[Officer], found: Rules) -> tuple[Officer, ...]:
    networks = network_count(spec)
    wanted = max(1, round(found.corrupt * len(officers)))
    rng = stream(spec, "corruption")
    order = list(range(1, networks + 1))
    rng.shuffle(order)
    hours = {p.code: p.hours for p in geography().ports}
    for k in range(min(wanted, len(officers) - 1)):
        network = outline(spec, order[k % networks])
        port = rng.choice(network.ports)
        at_port = [i for i, o in enumerate(officers) if o.port == port]
        free = [i for i in at_port[2:] if not officers[i].corrupt] or [
            i for i in at_port if not officers[i].corrupt
        ]
        if not free:
            continue
        chosen = rng.choice(free)
        shift: Shift = "night" if hours[port] >= 24 else "rotating"
        officers[chosen] = replace(
            officers[chosen], corrupt=True, network_id=network.id, shift=shift
        )
    return tuple(officers)


@cache
def _ports() -> dict[str, Port]:
    return {p.code: p for p in geography().ports}


def _port(code: str) -> Port:
    found = _ports().get(code)
    if found is None:
        raise ValueError(f"unknown port {code!r}")
    return found


def _works_nights(officer: Officer, day: date) -> bool:
    if officer.shift == "rotating":
        return day.isocalendar().week % 2 == 1
    return officer.shift == "night"


def duty(officer: Officer, day: date) -> tuple[datetime, datetime] | None:
    """When ``officer`` is on duty in the shift that starts on ``day``, within the port's
    opening hours; None when the port is closed for the whole shift."""
    return _window(officer.port, _works_nights(officer, day), day)


@lru_cache(maxsize=65536)
def _window(port_code: str, nights: bool, day: date) -> tuple[datetime, datetime] | None:
    found = rules()
    opens = datetime.combine(day, time(found.opens))
    closes = opens + timedelta(hours=min(24, _port(port_code).hours))
    start_hour, end_hour = found.day
    if nights:
        start = datetime.combine(day, time(end_hour))
        end = datetime.combine(day + timedelta(days=1), time(start_hour))
    else:
        start = datetime.combine(day, time(start_hour))
        end = datetime.combine(day, time(0)) + timedelta(hours=end_hour)
    start, end = max(start, opens), min(end, closes)
    return (start, end) if start < end else None


def _covers(officer: Officer, when: datetime) -> bool:
    for day in (when.date(), when.date() - timedelta(days=1)):
        window = duty(officer, day)
        if window is not None and window[0] <= when < window[1]:
            return True
    return False


@dataclass(slots=True)
class _Staff:
    """One port's officers in roster order, by shift, and who works for each set of shifts."""

    everyone: tuple[Officer, ...]
    shifts: dict[Shift, Officer]  # one officer of each shift: they all work the same hours
    working: dict[tuple[Shift, ...], tuple[Officer, ...]]


_INDEX: list[tuple[Sequence[Officer], dict[str, _Staff]]] = []


def _by_port(officers: Sequence[Officer]) -> dict[str, _Staff]:
    """The officers by port (the last roster's index is kept: callers ask per crossing,
    always with the same roster)."""
    if _INDEX and _INDEX[0][0] is officers:
        return _INDEX[0][1]
    index: dict[str, list[Officer]] = {}
    for officer in officers:
        index.setdefault(officer.port, []).append(officer)
    built = {
        port: _Staff(tuple(staff), {o.shift: o for o in reversed(staff)}, {})
        for port, staff in index.items()
    }
    _INDEX[:] = [(officers, built)]
    return built


def on_duty(
    officers: Sequence[Officer], port_code: str, when: datetime, rng: random.Random
) -> Officer:
    """An officer of the port whose shift covers ``when`` (any of its officers if none does):
    ``rng.choice`` of them in roster order."""
    staff = _by_port(officers).get(port_code)
    if staff is None:
        raise ValueError(f"no officer staffs port {port_code!r}")
    shifts = tuple(s for s in _SHIFTS if s in staff.shifts and _covers(staff.shifts[s], when))
    working = staff.working.get(shifts)
    if working is None:
        working = tuple(o for o in staff.everyone if o.shift in shifts) or staff.everyone
        staff.working[shifts] = working
    return rng.choice(working)


def decide(officer: Officer, hit: bool, member: bool, rng: random.Random) -> str:
    """What ``officer`` does with a traveller: "cleared", "referred" or "refused".

    Args:
        officer: the officer at the booth.
        hit: whether screening flagged the traveller.
        member: whether the traveller is crossing for a network (corrupt officers wave their
            network's members through).
        rng: the crossing's random stream.
    """
    situation = ("member_hit" if hit else "member") if member else ("hit" if hit else "other")
    rates = rules().decide[(officer.corrupt, situation)]
    return rng.choices(DECISIONS, weights=rates)[0]
