"""Name pools per naming culture, read once from the package's data files.

``data/cultures.toml`` says how each culture builds a full name (see the comments there);
``data/pools/<culture>.tsv`` lists its given names, family names and middle names, each in its
own script with the Latin spellings that passports and lists use. The pools were written by
hand from general knowledge of common names; they are test data, not a reference.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Literal, cast

from borderpost.names import Script

__all__ = ["Culture", "NameKind", "PoolGender", "PoolName", "culture", "cultures"]

NameKind = Literal["given", "surname", "middle"]
PoolGender = Literal["m", "f", "-"]
_KINDS: frozenset[str] = frozenset({"given", "surname", "middle"})
_GENDERS: frozenset[str] = frozenset({"m", "f", "-"})


@dataclass(frozen=True, slots=True)
class PoolName:
    """One name of a pool: its native form and the Latin spellings people use for it.

    ``spellings`` are upper-case A-Z words (spaces allowed), the usual passport form first;
    empty for Latin-script and Cyrillic cultures, whose passport form is ``to_mrz(native)``.
    """

    kind: NameKind
    gender: PoolGender
    native: str
    spellings: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Culture:
    """How one naming culture builds names, and its pools (see ``data/cultures.toml``)."""

    key: str
    script: Script
    nationalities: tuple[str, ...]
    family_first: bool
    joiner: str
    given: tuple[float, ...]
    surnames: tuple[float, ...]
    father: float
    patronymic: str
    middle: float
    feminine: str
    language: str | None
    weight: float
    names: tuple[PoolName, ...]
    _pools: Mapping[tuple[str, str | None], tuple[PoolName, ...]] = field(
        default_factory=dict, repr=False, compare=False
    )

    def pool(self, kind: NameKind, gender: PoolGender | None = None) -> tuple[PoolName, ...]:
        """The names of one kind; with ``gender``, those for that gender or for both."""
        found = self._pools.get((kind, gender))
        if found is None:
            found = _select(self.names, kind, gender)
        return found


def _select(
    names: tuple[PoolName, ...], kind: NameKind, gender: PoolGender | None
) -> tuple[PoolName, ...]:
    return tuple(
        name
        for name in names
        if name.kind == kind and (gender is None or name.gender in (gender, "-"))
    )


def _index(names: tuple[PoolName, ...]) -> dict[tuple[str, str | None], tuple[PoolName, ...]]:
    kinds: tuple[NameKind, ...] = ("given", "surname", "middle")
    genders: tuple[PoolGender | None, ...] = ("m", "f", None)
    return {(k, g): _select(names, k, g) for k in kinds for g in genders}


def _data(path: str) -> str:
    return resources.files("borderpost.sim").joinpath(f"data/{path}").read_text(encoding="utf-8")


def _read_pool(file_name: str) -> tuple[PoolName, ...]:
    names: list[PoolName] = []
    for number, line in enumerate(_data(f"pools/{file_name}").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        kind, gender, native, latin = [*line.split("\t"), "", "", "", ""][:4]
        if kind not in _KINDS or gender not in _GENDERS or not native.strip():
            raise ValueError(f"pools/{file_name}:{number}: bad row {line!r}")
        spellings = tuple(s.strip() for s in latin.split("|") if s.strip())
        names.append(
            PoolName(cast(NameKind, kind), cast(PoolGender, gender), native.strip(), spellings)
        )
    return tuple(names)


def _probabilities(value: object, key: str) -> tuple[float, ...]:
    if not isinstance(value, list) or not all(isinstance(v, int | float) for v in value):
        raise ValueError(f"cultures.toml: {key} must be a list of numbers")
    return tuple(float(v) for v in value)


@cache
def cultures() -> Mapping[str, Culture]:
    """Every culture, keyed by name (``"arabic"``, ``"russian"``, ``"spanish"`` ...)."""
    table = tomllib.loads(_data("cultures.toml"))
    found: dict[str, Culture] = {}
    for key, raw in table.items():
        names = _read_pool(raw["pool"])
        found[key] = Culture(
            key=key,
            script=Script(raw["script"]),
            nationalities=tuple(raw["nationalities"]),
            family_first=bool(raw.get("family_first", False)),
            joiner=str(raw.get("joiner", " ")),
            given=_probabilities(raw.get("given", [1.0]), f"{key}.given"),
            surnames=_probabilities(raw.get("surnames", [1.0]), f"{key}.surnames"),
            father=float(raw.get("father", 0.0)),
            patronymic=str(raw.get("patronymic", "")),
            middle=float(raw.get("middle", 0.0)),
            feminine=str(raw.get("feminine", "")),
            language=raw.get("language") or None,
            weight=float(raw.get("weight", 1.0)),
            names=names,
            _pools=_index(names),
        )
    return found


def culture(key: str) -> Culture:
    """One culture by name.

    Raises:
        KeyError: naming the cultures there are.
    """
    table = cultures()
    if key not in table:
        raise KeyError(f"unknown culture {key!r}; known: {', '.join(sorted(table))}")
    return table[key]
