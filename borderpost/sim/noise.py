"""Record noise: the ways one person's name varies between a list, a passport and a manifest.

Each function takes a name as written (any script, any case, parts separated by spaces) and a
``random.Random``, and returns the varied name. A function that cannot apply to a name (no
second part to swap, no middle part to drop, no known alternative spelling) returns the name
unchanged; :func:`applicable` tells beforehand. None of them raises on any text.

- :func:`typo`: one keyboard slip in one part: a letter substituted, deleted, inserted, or two
  neighbours transposed.
- :func:`swap_parts`: family name first instead of last (or the other way round).
- :func:`drop_middle`: a middle part left out (ABDUL AZIZ MOHAMMED ALI → ABDUL AZIZ ALI).
- :func:`merge_parts` / :func:`split_part`: ABDUL RAHMAN ↔ ABDULRAHMAN, AL-TIKRITI ↔ AL TIKRITI.
- :func:`respell`: another transliteration of one part (MOHAMMED → MUHAMMAD, SERGEI → SERGEY),
  from the pools' own spellings and ``data/spellings.txt``.
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable, Mapping
from functools import cache
from importlib import resources

from borderpost.sim.pools import cultures

__all__ = [
    "NOISES",
    "Noise",
    "applicable",
    "drop_middle",
    "merge_parts",
    "respell",
    "spelling_groups",
    "split_part",
    "swap_parts",
    "typo",
]

Noise = Callable[[str, random.Random], str]
TYPO_MIN_LETTERS = 4
# Parts that are often written joined to the next part, or apart from it.
_PREFIXES = (
    "ABDUL", "ABDEL", "ABDOUL", "ABDUR", "ABD", "ABU", "ABOU", "AL", "EL", "BIN", "BEN", "IBN",
    "OULD", "NUR", "NOUR", "MC", "MAC", "VAN", "VON", "DE", "DI", "DA", "LE", "LA", "DEL",
)  # fmt: skip
# Prefixes a joined Arabic-style part is split after (the rest must keep four letters; after
# the short ones, the rest must start with a consonant: ALHASSAN splits, ALEXANDER does not).
_SPLIT_PREFIXES = (
    "ABDUL", "ABDEL", "ABDOUL", "ABDUR", "ABD", "ABU", "ABOU", "AL", "EL", "BIN", "BEN", "IBN",
    "OULD", "NUR", "NOUR",
)  # fmt: skip
_SHORT_PREFIXES = frozenset({"AL", "EL", "BIN", "BEN", "ABD", "ABU", "IBN", "NUR"})
_SUFFIXES = ("ULLAH", "OLLAH", "ALLAH", "UDDIN", "EDDINE", "ZADEH", "REZA")
_VOWELS = frozenset("AEIOUY")


def _parts(name: str) -> list[str]:
    return name.split()


def typo(name: str, rng: random.Random) -> str:
    """One slip in one part of at least four letters (or the longest part): a letter
    substituted, deleted or inserted, or two different neighbours transposed."""
    parts = _parts(name)
    letters = [i for i, p in enumerate(parts) if sum(c.isalpha() for c in p) >= TYPO_MIN_LETTERS]
    if not letters:
        letters = [i for i, p in enumerate(parts) if any(c.isalpha() for c in p)]
        if not letters:
            return name
        letters = [max(letters, key=lambda i: len(parts[i]))]
    index = rng.choice(letters)
    parts[index] = _slip(parts[index], rng)
    return " ".join(parts)


def _slip(word: str, rng: random.Random) -> str:
    spots = [i for i, c in enumerate(word) if c.isalpha()]
    upper = word.upper() == word
    alphabet = string.ascii_uppercase if upper else string.ascii_lowercase
    operations = ["substitute", "insert"]
    if len(spots) >= 2:
        operations.append("delete")
    pairs = [i for i in spots if i + 1 in spots and word[i].lower() != word[i + 1].lower()]
    if pairs:
        operations.append("transpose")
    operation = rng.choice(operations)
    at = rng.choice(spots)
    if operation == "substitute":
        other = rng.choice([c for c in alphabet if c.lower() != word[at].lower()])
        return word[:at] + other + word[at + 1 :]
    if operation == "insert":
        return word[:at] + rng.choice(alphabet) + word[at:]
    if operation == "delete":
        return word[:at] + word[at + 1 :]
    at = rng.choice(pairs)
    return word[:at] + word[at + 1] + word[at] + word[at + 2 :]


def swap_parts(name: str, rng: random.Random) -> str:
    """The family-name-first/last flip: the last part moves to the front, or the first to
    the end."""
    parts = _parts(name)
    if len(parts) < 2 or len(set(parts)) < 2:
        return name
    moved = parts[-1:] + parts[:-1] if rng.random() < 0.5 else parts[1:] + parts[:1]
    return " ".join(moved)


def drop_middle(name: str, rng: random.Random) -> str:
    """One part between the first and the last left out (names of three parts or more)."""
    parts = _parts(name)
    if len(parts) < 3:
        return name
    del parts[rng.randrange(1, len(parts) - 1)]
    return " ".join(parts)


def merge_parts(name: str, rng: random.Random) -> str:
    """Two neighbouring parts written as one (ABDUL RAHMAN → ABDULRAHMAN); pairs that start
    with a known prefix (ABDUL, AL, ABU, BIN, VAN ...) are chosen first."""
    parts = _parts(name)
    if len(parts) < 2:
        return name
    pairs = list(range(len(parts) - 1))
    known = [i for i in pairs if parts[i].upper() in _PREFIXES]
    at = rng.choice(known or pairs)
    parts[at : at + 2] = [parts[at] + parts[at + 1]]
    return " ".join(parts)


def _split_points(part: str) -> list[int]:
    points = [i for i, c in enumerate(part) if c == "-" and 0 < i < len(part) - 1]
    upper = part.upper()
    for prefix in _SPLIT_PREFIXES:
        rest = upper[len(prefix) :]
        if not upper.startswith(prefix) or len(rest) < TYPO_MIN_LETTERS or not rest.isalpha():
            continue
        if prefix in _SHORT_PREFIXES and rest[0] in _VOWELS:
            continue
        points.append(len(prefix))
    for suffix in _SUFFIXES:
        if upper.endswith(suffix) and len(part) - len(suffix) >= 3:
            points.append(len(part) - len(suffix))
    return sorted(set(points))


def split_part(name: str, rng: random.Random) -> str:
    """One part written as two: at a hyphen (AL-TIKRITI → AL TIKRITI), after a known prefix
    (ABDULRAHMAN → ABDUL RAHMAN) or before a known suffix (HASANZADEH → HASAN ZADEH)."""
    parts = _parts(name)
    candidates = [(i, p) for i, part in enumerate(parts) for p in _split_points(part)]
    if not candidates:
        return name
    index, point = rng.choice(candidates)
    part = parts[index]
    head, tail = part[:point], part[point:]
    if tail.startswith("-"):
        tail = tail[1:]
    if head.endswith("-"):
        head = head[:-1]
    parts[index : index + 1] = [head, tail]
    return " ".join(parts)


@cache
def spelling_groups() -> Mapping[str, tuple[tuple[str, ...], ...]]:
    """Upper-case spelling → the groups of alternative spellings it belongs to."""
    groups: list[tuple[str, ...]] = []
    text = resources.files("borderpost.sim").joinpath("data/spellings.txt").read_text("utf-8")
    for line in text.splitlines():
        if line.strip() and not line.startswith("#"):
            groups.append(tuple(s.strip() for s in line.split("|") if s.strip()))
    for where in cultures().values():
        groups.extend(n.spellings for n in where.names if len(n.spellings) > 1)
    index: dict[str, list[tuple[str, ...]]] = {}
    for group in groups:
        for spelling in group:
            if group not in index.setdefault(spelling, []):
                index[spelling].append(group)
    return {key: tuple(value) for key, value in index.items()}


def _respellings(name: str) -> list[tuple[int, int, str]]:
    """(first part, part count, alternative) for every part or part pair with another spelling."""
    parts = _parts(name)
    upper = [p.upper().replace("-", " ") for p in parts]
    table = spelling_groups()
    found: list[tuple[int, int, str]] = []
    for size in (2, 1):
        for start in range(len(parts) - size + 1):
            key = " ".join(upper[start : start + size])
            for group in table.get(key, ()):
                found.extend((start, size, alt) for alt in group if alt != key)
    return found


def respell(name: str, rng: random.Random) -> str:
    """One part (or two parts that form one name) spelled another known way."""
    options = _respellings(name)
    if not options:
        return name
    start, size, alternative = rng.choice(options)
    parts = _parts(name)
    original = " ".join(parts[start : start + size])
    if original.upper() != original:
        alternative = alternative.title()
    parts[start : start + size] = [alternative]
    return " ".join(parts)


NOISES: Mapping[str, Noise] = {
    "typo": typo,
    "swap": swap_parts,
    "drop_middle": drop_middle,
    "merge": merge_parts,
    "split": split_part,
    "respell": respell,
}


def applicable(kind: str, name: str) -> bool:
    """Whether noise ``kind`` (a key of :data:`NOISES`) can change ``name``."""
    parts = _parts(name)
    if kind == "typo":
        return any(c.isalpha() for c in name)
    if kind == "swap":
        return len(set(parts)) >= 2
    if kind == "drop_middle":
        return len(parts) >= 3
    if kind == "merge":
        return len(parts) >= 2
    if kind == "split":
        return any(_split_points(p) for p in parts)
    if kind == "respell":
        return bool(_respellings(name))
    raise KeyError(f"unknown noise {kind!r}; known: {', '.join(NOISES)}")
