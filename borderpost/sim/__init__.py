"""Synthetic data for tests and benchmarks: multi-script person names, record noise, renderings.

Everything here is a pure function of a seeded ``random.Random``: the same seed gives the same
data. The synthetic border world (travellers, crossings, scenarios) builds on these names.

    import random
    from borderpost.sim import generate, typo, to_cyrillic

    rng = random.Random(7)
    person = generate(rng, "russian")        # native Иван Петрович Сидоров, passport IVAN ...
    typo(person.latin, rng)                  # one keyboard slip
    to_cyrillic("VLADIMIR PUTIN")            # Владимир Путин
"""

from borderpost.sim.names import (
    Gender,
    PersonName,
    feminine_surname,
    generate,
    patronymic,
    pick_culture,
)
from borderpost.sim.noise import (
    NOISES,
    Noise,
    applicable,
    drop_middle,
    merge_parts,
    respell,
    split_part,
    swap_parts,
    typo,
)
from borderpost.sim.pools import Culture, PoolName, culture, cultures
from borderpost.sim.render import to_arabic, to_cyrillic, to_hebrew
from borderpost.sim.render_east import to_han, to_hangul, to_katakana

__all__ = [
    "NOISES",
    "Culture",
    "Gender",
    "Noise",
    "PersonName",
    "PoolName",
    "applicable",
    "culture",
    "cultures",
    "drop_middle",
    "feminine_surname",
    "generate",
    "merge_parts",
    "patronymic",
    "pick_culture",
    "respell",
    "split_part",
    "swap_parts",
    "to_arabic",
    "to_cyrillic",
    "to_han",
    "to_hangul",
    "to_hebrew",
    "to_katakana",
    "typo",
]
