"""The blank-booklet stock ledger as a pure state machine, one state per serial number.

States: ``in_safe`` and ``at_station`` (on hand), ``personalised`` (issued), ``spoiled``,
``destroyed`` and ``missing``. Events move a booklet between them (:data:`TRANSITIONS`);
``receive`` brings a new serial into the safe. The invariant

    received = on hand + issued + spoiled + destroyed + missing

holds after every event; :meth:`Ledger.balance` computes both sides and :meth:`Ledger.check`
raises when they differ. Destruction needs a witness other than the person destroying.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Any

__all__ = [
    "EVENTS",
    "STATES",
    "TRANSITIONS",
    "Balance",
    "Ledger",
    "LedgerError",
    "balance_of",
    "check_transition",
]

STATES = ("in_safe", "at_station", "personalised", "spoiled", "destroyed", "missing")
#: event -> (states it may start from, state it leads to)
TRANSITIONS: dict[str, tuple[frozenset[str], str]] = {
    "dispatch": (frozenset({"in_safe"}), "at_station"),
    "return": (frozenset({"at_station"}), "in_safe"),
    "personalise": (frozenset({"at_station"}), "personalised"),
    "spoil": (frozenset({"at_station", "personalised"}), "spoiled"),
    "destroy": (frozenset({"spoiled"}), "destroyed"),
    "missing": (frozenset({"in_safe", "at_station", "spoiled"}), "missing"),
}
EVENTS = ("receive", *TRANSITIONS)


class LedgerError(ValueError):
    """An event the ledger refuses; the message names the serial, its state and the event."""


@dataclass(frozen=True, slots=True)
class Balance:
    """Both sides of the invariant, by state."""

    received: int
    in_safe: int
    at_station: int
    personalised: int
    spoiled: int
    destroyed: int
    missing: int

    @property
    def on_hand(self) -> int:
        return self.in_safe + self.at_station

    @property
    def accounted(self) -> int:
        return self.on_hand + self.personalised + self.spoiled + self.destroyed + self.missing

    @property
    def holds(self) -> bool:
        return self.received == self.accounted

    def describe(self) -> str:
        verdict = "holds" if self.holds else "BROKEN"
        return (
            f"received {self.received} = on hand {self.on_hand} (safe {self.in_safe}, stations "
            f"{self.at_station}) + issued {self.personalised} + spoiled {self.spoiled} + "
            f"destroyed {self.destroyed} + missing {self.missing} = {self.accounted}: {verdict}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "received": self.received,
            "on_hand": self.on_hand,
            "in_safe": self.in_safe,
            "at_station": self.at_station,
            "issued": self.personalised,
            "spoiled": self.spoiled,
            "destroyed": self.destroyed,
            "missing": self.missing,
            "holds": self.holds,
            "explains": self.describe(),
        }


def balance_of(received: int, states: Counter[str]) -> Balance:
    """The balance of ``received`` serials against the count of booklets in each state."""
    unknown = set(states) - set(STATES)
    if unknown:
        raise LedgerError(f"unknown booklet state(s) {sorted(unknown)}")
    return Balance(received, *(states.get(state, 0) for state in STATES))


def check_transition(
    serial: str,
    current: str,
    event: str,
    *,
    actor: str,
    witness: str | None = None,
    location: str | None = None,
) -> str:
    """The state ``event`` leads to from ``current``.

    Raises:
        LedgerError: unknown event; the event cannot start from ``current``; a destruction
            without a witness, or witnessed by the destroyer; a dispatch without a station.
    """
    if event not in TRANSITIONS:
        raise LedgerError(f"unknown booklet event {event!r} (events: {', '.join(TRANSITIONS)})")
    sources, target = TRANSITIONS[event]
    if current not in sources:
        allowed = " or ".join(sorted(sources))
        raise LedgerError(
            f"booklet {serial} is {current}: {event} needs a booklet that is {allowed}"
        )
    if event == "destroy":
        if witness is None or not witness.strip():
            raise LedgerError(f"booklet {serial}: destruction needs a witness")
        if witness.strip().lower() == actor.strip().lower():
            raise LedgerError(
                f"booklet {serial}: {actor} cannot witness their own destruction of a booklet"
            )
    if event == "dispatch" and (location is None or not location.strip()):
        raise LedgerError(f"booklet {serial}: dispatch needs the station it goes to")
    return target


class Ledger:
    """The ledger in memory: serial -> state, and how many serials were ever received."""

    def __init__(self) -> None:
        self.states: dict[str, str] = {}
        self.received = 0

    def receive(self, serial: str) -> None:
        """A new blank booklet into the safe.

        Raises:
            LedgerError: the serial was received before.
        """
        if serial in self.states:
            raise LedgerError(f"booklet {serial} was already received ({self.states[serial]})")
        self.states[serial] = "in_safe"
        self.received += 1

    def apply(
        self,
        serial: str,
        event: str,
        *,
        actor: str,
        witness: str | None = None,
        location: str | None = None,
    ) -> str:
        """Move one booklet; returns its new state (see :func:`check_transition`)."""
        if serial not in self.states:
            raise LedgerError(f"booklet {serial} was never received")
        target = check_transition(
            serial, self.states[serial], event, actor=actor, witness=witness, location=location
        )
        self.states[serial] = target
        return target

    def balance(self) -> Balance:
        return balance_of(self.received, Counter(self.states.values()))

    def check(self) -> Balance:
        """The balance; raises LedgerError when the invariant does not hold."""
        found = self.balance()
        if not found.holds:
            raise LedgerError(f"stock invariant broken: {found.describe()}")
        return found
