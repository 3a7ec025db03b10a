"""Which links may join which kinds of record and entity, and with which roles
(``data/links.toml``): a person is a seizure's courier, organiser, owner or payer; a person
used a phone; a vehicle was a seizure's conveyance."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

from borderpost.intel.recording.errors import RecordingError

__all__ = [
    "CONVEYANCE_KINDS",
    "ENTITY_KINDS",
    "NODE_KINDS",
    "RECORD_KINDS",
    "check_role",
    "link_roles",
    "normalize_conveyance",
]

#: Kinds of entity a record names.
ENTITY_KINDS = ("person", "organisation", "phone", "vehicle", "document", "address", "account")
#: Kinds of record that name entities.
RECORD_KINDS = ("seizure", "arrest")
NODE_KINDS = RECORD_KINDS + ENTITY_KINDS


@cache
def _data() -> dict[str, object]:
    text = (
        resources.files("borderpost.intel.recording").joinpath("data/links.toml").read_text("utf-8")
    )
    return tomllib.loads(text)


@cache
def link_roles() -> Mapping[tuple[str, str], frozenset[str]]:
    """Allowed roles by pair of kinds (in alphabetical order)."""
    roles = _data()["roles"]
    assert isinstance(roles, dict)
    table: dict[tuple[str, str], frozenset[str]] = {}
    for pair, names in roles.items():
        a, b = pair.split("-")
        table[(a, b)] = frozenset(names)
    return table


def check_role(kind_a: str, kind_b: str, role: str) -> str:
    """``role`` if a link of this role may join a ``kind_a`` and a ``kind_b``.

    Raises:
        RecordingError: the kinds cannot be linked, or not with this role.
    """
    for kind in (kind_a, kind_b):
        if kind not in NODE_KINDS:
            raise RecordingError("link", f"{kind!r} is not a kind of record or entity")
    pair = (kind_a, kind_b) if kind_a <= kind_b else (kind_b, kind_a)
    allowed = link_roles().get(pair)
    if allowed is None:
        raise RecordingError("link", f"a {kind_a} and a {kind_b} cannot be linked")
    name = role.strip().lower().replace(" ", "_")
    if name not in allowed:
        raise RecordingError(
            "role",
            f"{role!r} is not a role between {pair[0]} and {pair[1]} "
            f"({', '.join(sorted(allowed))})",
        )
    return name


def normalize_conveyance(text: str, field: str = "conveyance") -> str:
    """A conveyance kind (``vehicle``, ``vessel``, ``aircraft``, ...).

    Raises:
        RecordingError: not a known kind.
    """
    value = text.strip().lower()
    if value not in CONVEYANCE_KINDS:
        raise RecordingError(
            field, f"{text.strip()[:30]!r} is not a conveyance ({', '.join(CONVEYANCE_KINDS)})"
        )
    return value


def _conveyance_kinds() -> tuple[str, ...]:
    table = _data()["conveyance"]
    assert isinstance(table, dict)
    return tuple(table["kinds"])


CONVEYANCE_KINDS = _conveyance_kinds()
