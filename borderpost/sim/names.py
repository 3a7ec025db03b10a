# ruff: noqa: RUF001, RUF002 - patronymic and feminine-form rules are written in Cyrillic
"""Synthetic person names in their own script, with the Latin form a passport prints.

``generate(rng)`` draws a person's name from one of the cultures of
:mod:`borderpost.sim.pools` (weighted by their share of travellers): given names, the father's
name or a patronymic where the culture uses one, and family names, with feminine forms where
the language has them. Each part keeps its native form and its passport spelling: a common
Latin spelling from the pool (the usual one more often than the others) or, for Latin-script
and Cyrillic names, the ICAO 9303 transliteration (:func:`borderpost.names.to_mrz`).

Everything is a pure function of the ``random.Random`` passed in: the same seed gives the same
names. Noise (typos, swapped parts, other spellings) is in :mod:`borderpost.sim.noise`;
renderings of Latin names into other scripts are in :mod:`borderpost.sim.render`.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

from borderpost.names import Script, to_mrz
from borderpost.sim.pools import Culture, PoolGender, PoolName, culture, cultures

__all__ = [
    "Gender",
    "PersonName",
    "feminine_surname",
    "generate",
    "patronymic",
    "pick_culture",
]

Gender = Literal["male", "female"]
USUAL_SPELLING = 0.6
_CODE: dict[Gender, PoolGender] = {"male": "m", "female": "f"}


@dataclass(frozen=True, slots=True)
class PersonName:
    """A synthetic person's name: native parts and their passport (MRZ alphabet) spellings.

    ``father`` holds the father's given name or the patronymic (empty when the name has none);
    ``given`` includes Vietnamese middle names. Parts may contain spaces (ABDUL RAHMAN).
    """

    culture: str
    script: Script
    gender: Gender
    nationality: str
    given: tuple[str, ...]
    father: tuple[str, ...]
    surname: tuple[str, ...]
    given_latin: tuple[str, ...]
    father_latin: tuple[str, ...]
    surname_latin: tuple[str, ...]
    family_first: bool = False
    joiner: str = " "

    @property
    def native(self) -> str:
        """The name in its own script and order (``习近平``, ``Иван Петрович Сидоров``)."""
        first = " ".join(self.given + self.father)
        family = " ".join(self.surname)
        if not family:
            return first
        if self.family_first:
            return f"{family}{self.joiner}{first}"
        return f"{first} {family}"

    @property
    def primary(self) -> str:
        """The MRZ primary identifier: the family name, or the father's name when none."""
        return " ".join(self.surname_latin or self.father_latin)

    @property
    def secondary(self) -> str:
        """The MRZ secondary identifier: given names (and the father's name under a surname)."""
        names = self.given_latin + (self.father_latin if self.surname_latin else ())
        return " ".join(names)

    @property
    def latin(self) -> str:
        """The passport's Latin name in the culture's own order (``XI JINPING``, ``JOHN SMITH``)."""
        if self.family_first:
            return f"{self.primary} {self.secondary}".strip()
        return f"{self.secondary} {self.primary}".strip()

    @property
    def latin_given_first(self) -> str:
        """The passport's Latin name with the given names first (as most manifests write it)."""
        return f"{self.secondary} {self.primary}".strip()


def pick_culture(rng: random.Random) -> Culture:
    """A culture drawn by its share of travellers (``weight`` in ``cultures.toml``)."""
    table = list(cultures().values())
    return rng.choices(table, weights=[c.weight for c in table])[0]


def _count(rng: random.Random, probabilities: Sequence[float]) -> int:
    if not probabilities:
        return 0
    return rng.choices(range(1, len(probabilities) + 1), weights=probabilities)[0]


def _spell(rng: random.Random, name: PoolName, native: str, where: Culture) -> str:
    if not name.spellings or native != name.native:
        return to_mrz(native, language=where.language)
    if len(name.spellings) == 1 or rng.random() < USUAL_SPELLING:
        return name.spellings[0]
    return rng.choice(name.spellings[1:])


def _draw(rng: random.Random, pool: Sequence[PoolName], count: int) -> list[PoolName]:
    chosen: list[PoolName] = []
    while len(chosen) < min(count, len(pool)):
        name = rng.choice(pool)
        if name not in chosen:
            chosen.append(name)
    return chosen


_RUSSIAN_STEMS = {"Пётр": "Петр", "Лев": "Льв", "Павел": "Павл"}
_UKRAINIAN_STEMS = {"Микола": "Миколай", "Лев": "Льв"}
_CONSONANT_CLUSTER_BEFORE_II = frozenset("бвгджзклмнпрстфхцчшщ")


def patronymic(father: str, gender: Gender, style: str) -> str | None:
    """The patronymic from a father's given name (Cyrillic), or None when the rule has no form.

    Russian: Иван → Иванович/Ивановна, Сергей → Сергеевич/Сергеевна, Юрий → Юрьевич,
    Дмитрий → Дмитриевич, Игорь → Игоревич. Ukrainian: Іван → Іванович/Іванівна,
    Андрій → Андрійович/Андріївна, Дмитро → Дмитрович/Дмитрівна. Names ending in -а/-я
    (Никита, Илья) are left out: their patronymics are irregular.
    """
    if style == "russian":
        stem = _RUSSIAN_STEMS.get(father, father)
        if stem.endswith("ий"):
            base = stem[:-2]
            clustered = len(base) >= 2 and base[-2] in _CONSONANT_CLUSTER_BEFORE_II
            stem, soft = (base + "и", True) if clustered else (base + "ь", True)
        elif stem.endswith(("й", "ь")):
            stem, soft = stem[:-1], True
        elif stem.endswith(("а", "я", "о")):
            return None
        else:
            soft = stem[-1] in "жшчщц"
        if gender == "male":
            return stem + ("евич" if soft else "ович")
        return stem + ("евна" if soft else "овна")
    if style == "ukrainian":
        stem = _UKRAINIAN_STEMS.get(father, father)
        if stem.endswith("о"):
            stem = stem[:-1]
        elif stem.endswith(("а", "я")):
            return None
        if gender == "male":
            return stem + "ович"
        return (stem[:-1] + "ї" if stem.endswith("й") else stem + "і") + "вна"
    return None


_FEMININE: dict[str, tuple[tuple[str, str], ...]] = {
    "russian": (
        ("ский", "ская"),
        ("цкий", "цкая"),
        ("ный", "ная"),
        ("ой", "ая"),
        ("ов", "ова"),
        ("ёв", "ёва"),
        ("ев", "ева"),
        ("ин", "ина"),
        ("ын", "ына"),
    ),
    "ukrainian": (
        ("ський", "ська"),
        ("цький", "цька"),
        ("ний", "на"),
        ("ов", "ова"),
        ("ев", "ева"),
        ("ін", "іна"),
        ("ин", "ина"),
    ),
    "polish": (("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")),
}


def feminine_surname(surname: str, style: str) -> str:
    """A family name in its feminine form (Иванов → Иванова, Kowalski → Kowalska); names
    without a feminine form (Шевченко, Nowak) come back unchanged."""
    for ending, feminine in _FEMININE.get(style, ()):
        if surname.endswith(ending):
            return surname[: -len(ending)] + feminine
    return surname


def _father(
    rng: random.Random, where: Culture, gender: Gender
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    fathers = where.pool("given", "m")
    if not fathers:
        return (), ()
    if where.patronymic == "given":
        name = rng.choice(fathers)
        return (name.native,), (_spell(rng, name, name.native, where),)
    for _attempt in range(5):
        name = rng.choice(fathers)
        form = patronymic(name.native, gender, where.patronymic)
        if form is not None:
            return (form,), (to_mrz(form, language=where.language),)
    return (), ()


def generate(
    rng: random.Random,
    culture_key: str | None = None,
    *,
    gender: Gender | None = None,
    nationality: str | None = None,
) -> PersonName:
    """A person's name drawn from a culture's pools.

    Args:
        rng: the source of randomness (seed it for repeatable output).
        culture_key: ``"arabic"``, ``"chinese"``, ... (see :func:`cultures`); by default drawn
            by each culture's share of travellers.
        gender: ``"male"`` or ``"female"``; by default either, evenly.
        nationality: an ICAO code; by default one of the culture's, its first the most likely.

    Returns:
        The name with native parts and their passport spellings.
    """
    where = culture(culture_key) if culture_key is not None else pick_culture(rng)
    sex: Gender = gender if gender is not None else rng.choice(("male", "female"))
    code = _CODE[sex]
    given = _draw(rng, where.pool("given", code), _count(rng, where.given))
    given_native = [n.native for n in given]
    given_latin = [_spell(rng, n, n.native, where) for n in given]
    middle_pool = where.pool("middle", code)
    if middle_pool and rng.random() < where.middle:
        middle = rng.choice(middle_pool)
        given_native.insert(0, middle.native)
        given_latin.insert(0, _spell(rng, middle, middle.native, where))
    father: tuple[tuple[str, ...], tuple[str, ...]] = ((), ())
    if where.father and (not where.surnames or rng.random() < where.father):
        father = _father(rng, where, sex)
    surnames = _draw(rng, where.pool("surname", code), _count(rng, where.surnames))
    surname_native = [
        feminine_surname(n.native, where.feminine) if sex == "female" else n.native
        for n in surnames
    ]
    surname_latin = [
        _spell(rng, n, native, where) for n, native in zip(surnames, surname_native, strict=True)
    ]
    if nationality is None:
        first = where.nationalities[0]
        nationality = first if rng.random() < 0.5 else rng.choice(where.nationalities)
    return PersonName(
        culture=where.key,
        script=where.script,
        gender=sex,
        nationality=nationality,
        given=tuple(given_native),
        father=father[0],
        surname=tuple(surname_native),
        given_latin=tuple(given_latin),
        father_latin=father[1],
        surname_latin=tuple(surname_latin),
        family_first=where.family_first,
        joiner=where.joiner,
    )
