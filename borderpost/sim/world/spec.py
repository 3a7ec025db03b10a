"""What a synthetic world is made from: the seed, its size, and a random stream per thing.

Every entity draws from a stream of its own, ``stream(spec, "traveller", 17)``, so traveller 17
is the same whatever else is generated and in whatever order: this is what lets the generator
stream millions of travellers to disk without holding them, and lets any part of the world be
regenerated on demand (traveller 17's documents, the members of network 3).
"""

from __future__ import annotations

import hashlib
import random
from dataclasses import dataclass
from datetime import date, timedelta

__all__ = ["WorldSpec", "stream"]

DEFAULT_START = date(2026, 1, 1)


@dataclass(frozen=True, slots=True)
class WorldSpec:
    """The parameters of a world; the same spec always gives byte-identical output."""

    seed: int
    travellers: int
    days: int
    start: date = DEFAULT_START

    def __post_init__(self) -> None:
        if self.travellers < 1:
            raise ValueError(f"travellers must be at least 1, not {self.travellers}")
        if self.days < 1:
            raise ValueError(f"days must be at least 1, not {self.days}")
        if self.seed < 0:
            raise ValueError(f"seed must not be negative, not {self.seed}")

    @property
    def end(self) -> date:
        """The last day of the movement window."""
        return self.start + timedelta(days=self.days - 1)

    def day(self, offset: int) -> date:
        """The calendar date ``offset`` days after the start."""
        return self.start + timedelta(days=offset)


def stream(spec: WorldSpec, kind: str, index: int = 0) -> random.Random:
    """A random generator for one entity, independent of every other entity's.

    Args:
        spec: the world.
        kind: what is generated ("traveller", "network", "officer", ...).
        index: which one of them.
    """
    digest = hashlib.blake2b(f"{spec.seed}:{kind}:{index}".encode(), digest_size=8).digest()
    return random.Random(int.from_bytes(digest, "big"))
