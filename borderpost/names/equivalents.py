"""Known equivalent spellings of name parts (MOHAMMED ~ MUHAMMAD ~ MEHMET, YUSUF ~ JOSEPH).

Classes are data (``data/equivalents.txt``), one per line, the first form the representative.
A form may belong to several classes (WONG is a spelling of both HUANG and WANG); two parts
are equivalent when they share a class. A part transliterated from Arabic or Hebrew, which
lacks short vowels (``MHMD``), finds its class through the consonant skeleton: a class whose
member has the same skeleton and all of the part's written vowels, preferring the member with
the fewest vowels besides (so ``HSN``, حسن, is HASSAN, not HUSSEIN).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources

from borderpost.names.phonetic import skeleton, vowel_key, written_vowels

# Most parts are in no class: they share one empty set (every object a cache keeps is one
# more for the garbage collector to walk).
_NO_CLASSES: frozenset[int] = frozenset()


@dataclass(frozen=True, slots=True)
class EquivalenceTable:
    """The loaded equivalence classes.

    Attributes:
        representatives: the representative form of each class, by class number.
        classes_by_form: for each spelling, the numbers of the classes it belongs to.
        members_by_skeleton: for each consonant skeleton, ``(member, class number)`` pairs.
    """

    representatives: tuple[str, ...]
    classes_by_form: dict[str, frozenset[int]]
    members_by_skeleton: dict[str, tuple[tuple[str, int], ...]]


@cache
def equivalence_table() -> EquivalenceTable:
    """Load ``data/equivalents.txt`` once.

    Returns:
        The table of classes.
    """
    raw = resources.files("borderpost.names").joinpath("data/equivalents.txt").read_text("utf-8")
    representatives: list[str] = []
    by_form: dict[str, set[int]] = {}
    by_skeleton: dict[str, list[tuple[str, int]]] = {}
    for line in raw.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        forms = [form.strip().replace(" ", "") for form in line.split(",") if form.strip()]
        number = len(representatives)
        representatives.append(forms[0])
        for form in dict.fromkeys(forms):
            by_form.setdefault(form, set()).add(number)
            by_skeleton.setdefault(skeleton(form), []).append((form, number))
    return EquivalenceTable(
        representatives=tuple(representatives),
        classes_by_form={form: frozenset(numbers) for form, numbers in by_form.items()},
        members_by_skeleton={key: tuple(members) for key, members in by_skeleton.items()},
    )


def is_subsequence(short: str, long: str) -> bool:
    """Whether the letters of ``short`` appear in ``long`` in the same order."""
    position = 0
    for char in long:
        if position < len(short) and short[position] == char:
            position += 1
    return position == len(short)


@lru_cache(maxsize=65536)
def equivalence_classes(token: str, *, abjad: bool = False) -> frozenset[int]:
    """The equivalence classes a folded name part belongs to.

    Args:
        token: one name part, upper-case A-Z, e.g. ``"MOHAMED"``.
        abjad: the part was transliterated from Arabic or Hebrew (``"MHMD"``): look it up by
            consonant skeleton and written vowels as well as by spelling.

    Returns:
        Class numbers; empty when the part is in no class.
    """
    table = equivalence_table()
    found = table.classes_by_form.get(token, _NO_CLASSES)
    if not abjad or found:
        return found
    key = vowel_key(token)
    fits = [
        (written_vowels(member), number)
        for member, number in table.members_by_skeleton.get(skeleton(token), ())
        if is_subsequence(key, vowel_key(member))
    ]
    if not fits:
        return _NO_CLASSES
    fewest = min(count for count, _number in fits)
    return frozenset(number for count, number in fits if count == fewest)


def canonical(token: str, *, abjad: bool = False) -> str:
    """The representative of a name part's equivalence class, or the part itself.

    Args:
        token: one folded name part, e.g. ``"MOHAMED"``.
        abjad: the part was transliterated from Arabic or Hebrew.

    Returns:
        E.g. ``"MUHAMMAD"`` for MOHAMED, MEHMET or (abjad) MHMD; the token itself when it is in
        no class. With several classes, the first listed wins.
    """
    classes = equivalence_classes(token, abjad=abjad)
    if not classes:
        return token
    return equivalence_table().representatives[min(classes)]


def are_equivalent(left: str, right: str) -> bool:
    """Whether two folded Latin name parts are known spellings of one name.

    Args:
        left: a name part, e.g. ``"YOUSSEF"``.
        right: another, e.g. ``"JOSEPH"``.

    Returns:
        True when they share an equivalence class (or are equal).
    """
    return left == right or bool(equivalence_classes(left) & equivalence_classes(right))
