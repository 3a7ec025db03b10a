"""The rota: who is on duty at each port, hour by hour, for movement's millions of crossings.

:func:`.officers.on_duty` looks at every officer of the port for each crossing, which at a
million travellers (a thousand officers at the capital airport) would dominate generation.
Shifts start and end on the hour (``officers.toml`` gives whole hours), so the officers on
duty are the same all through an hour: :class:`Rota` asks :func:`.officers.duty` once per
port, day and hour and keeps the answer (a bounded cache), then draws the officer exactly as
``on_duty`` does, so that the same stream gives the same officer.
"""

from __future__ import annotations

import random
from collections import OrderedDict
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from borderpost.sim.world import officers
from borderpost.sim.world.model import Officer
from borderpost.sim.world.movement import Staff

__all__ = ["Rota", "staff"]

CACHED_HOURS = 16_384  # 8 ports x 24 hours x 85 days


class Rota:
    """The officers of a roster on duty at any port and moment, cached by the hour."""

    def __init__(self, roster: Sequence[Officer], size: int = CACHED_HOURS) -> None:
        self._ports: dict[str, tuple[Officer, ...]] = {}
        for officer in roster:
            self._ports[officer.port] = (*self._ports.get(officer.port, ()), officer)
        self._by_id = {officer.id: officer for officer in roster}
        self._size = size
        self._cache: OrderedDict[tuple[str, date, int], tuple[Officer, ...]] = OrderedDict()

    def working(self, port: str, when: datetime) -> tuple[Officer, ...]:
        """The port's officers whose shift covers ``when`` (all of them if none does)."""
        key = (port, when.date(), when.hour)
        found = self._cache.get(key)
        if found is not None:
            self._cache.move_to_end(key)
            return found
        at_port = self._ports.get(port)
        if not at_port:
            raise ValueError(f"no officer staffs port {port!r}")
        hour = datetime.combine(when.date(), datetime.min.time()) + timedelta(hours=when.hour)
        found = tuple(o for o in at_port if _covers(o, hour)) or at_port
        self._cache[key] = found
        if len(self._cache) > self._size:
            self._cache.popitem(last=False)
        return found

    def on_duty(self, port: str, when: datetime, rng: random.Random) -> Officer:
        """The officer at the booth: :func:`.officers.on_duty`'s answer, from the cache."""
        return rng.choice(self.working(port, when))

    def officer(self, officer_id: str) -> Officer:
        """The roster's officer with this id."""
        return self._by_id[officer_id]


def _covers(officer: Officer, when: datetime) -> bool:
    for day in (when.date(), when.date() - timedelta(days=1)):
        window = officers.duty(officer, day)
        if window is not None and window[0] <= when < window[1]:
            return True
    return False


def staff(roster: Sequence[Officer]) -> Staff:
    """Movement's staff for a roster: the rota's officer on duty, officers' decisions."""
    rota = Rota(roster)
    return Staff(rota.on_duty, officers.decide, rota.officer)
