"""Synthetic names: determinism, the passport form, feminine and patronymic forms, and noise."""

from __future__ import annotations

import random
import re
import string

from hypothesis import given, settings
from hypothesis import strategies as st

from borderpost.names import to_mrz
from borderpost.sim import (
    NOISES,
    applicable,
    cultures,
    drop_middle,
    feminine_surname,
    generate,
    merge_parts,
    patronymic,
    respell,
    split_part,
    swap_parts,
    typo,
)
from borderpost.sim.noise import spelling_groups

MRZ_NAME = re.compile(r"^[A-Z]+( [A-Z]+)*$")


def _sample(seed: int, count: int) -> list[str]:
    rng = random.Random(seed)
    return [repr(generate(rng)) for _ in range(count)]


def test_same_seed_same_names_and_other_seed_other_names() -> None:
    assert _sample(11, 200) == _sample(11, 200)
    assert _sample(11, 200) != _sample(12, 200)


def test_every_culture_gives_names_whose_passport_form_is_the_mrz_alphabet() -> None:
    rng = random.Random(5)
    for key, where in cultures().items():
        for _ in range(150):
            person = generate(rng, key)
            assert person.culture == key
            assert person.nationality in where.nationalities
            assert MRZ_NAME.match(person.latin), (key, person)
            assert to_mrz(person.latin) == person.latin
            assert MRZ_NAME.match(to_mrz(person.native)), (key, person.native)
            assert person.primary and person.secondary, (key, person)


def test_pool_spellings_are_already_in_the_mrz_alphabet() -> None:
    for key, where in cultures().items():
        for name in where.names:
            for spelling in name.spellings:
                assert MRZ_NAME.match(spelling), (key, name)


def test_native_order_and_joiner() -> None:
    rng = random.Random(3)
    chinese = generate(rng, "chinese")
    assert " " not in chinese.native
    assert chinese.latin.startswith(chinese.primary)
    english = generate(rng, "english")
    assert english.latin.endswith(english.primary)


def test_gender_and_nationality_can_be_chosen() -> None:
    rng = random.Random(9)
    person = generate(rng, "russian", gender="female", nationality="KAZ")
    assert person.gender == "female"
    assert person.nationality == "KAZ"


def test_ethiopian_names_carry_the_fathers_name_as_family_name() -> None:
    rng = random.Random(2)
    for _ in range(20):
        person = generate(rng, "amharic")
        assert person.surname == ()
        assert person.father and person.primary == " ".join(person.father_latin)


def test_feminine_family_names_and_patronymics() -> None:
    assert feminine_surname("Иванов", "russian") == "Иванова"
    assert feminine_surname("Вишневский", "russian") == "Вишневская"
    assert feminine_surname("Шевченко", "russian") == "Шевченко"
    assert feminine_surname("Kowalski", "polish") == "Kowalska"
    assert feminine_surname("Зеленський", "ukrainian") == "Зеленська"
    assert patronymic("Сергей", "male", "russian") == "Сергеевич"
    assert patronymic("Юрий", "female", "russian") == "Юрьевна"
    assert patronymic("Дмитрий", "male", "russian") == "Дмитриевич"
    assert patronymic("Пётр", "male", "russian") == "Петрович"
    assert patronymic("Никита", "male", "russian") is None
    assert patronymic("Андрій", "female", "ukrainian") == "Андріївна"
    assert patronymic("Дмитро", "male", "ukrainian") == "Дмитрович"


def _damerau_one(a: str, b: str) -> bool:
    if abs(len(a) - len(b)) > 1 or a == b:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        )
    short, long = (a, b) if len(a) < len(b) else (b, a)
    return any(long[:i] + long[i + 1 :] == short for i in range(len(long)))


def test_typo_is_one_edit_in_one_part() -> None:
    rng = random.Random(4)
    for _ in range(300):
        name = generate(rng).latin
        varied = typo(name, rng)
        before, after = name.split(), varied.split()
        assert len(before) == len(after)
        changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
        assert len(changed) == 1 and _damerau_one(*changed[0]), (name, varied)


def test_order_drop_merge_and_split_change_only_what_they_say() -> None:
    rng = random.Random(8)
    assert sorted(swap_parts("SADDAM HUSSEIN AL TIKRITI", rng).split()) == sorted(
        ["SADDAM", "HUSSEIN", "AL", "TIKRITI"]
    )
    assert swap_parts("SADDAM HUSSEIN AL TIKRITI", rng) != "SADDAM HUSSEIN AL TIKRITI"
    dropped = drop_middle("ABDUL AZIZ MOHAMMED ALI", rng).split()
    assert len(dropped) == 3 and dropped[0] == "ABDUL" and dropped[-1] == "ALI"
    assert drop_middle("JOHN SMITH", rng) == "JOHN SMITH"
    assert merge_parts("ABDUL RAHMAN OMAR", rng) == "ABDULRAHMAN OMAR"
    assert split_part("ABDULRAHMAN OMAR", rng) == "ABDUL RAHMAN OMAR"
    assert split_part("SADDAM AL-TIKRITI", rng) == "SADDAM AL TIKRITI"
    assert split_part("ALEXANDER SMITH", rng) == "ALEXANDER SMITH"
    for _ in range(200):
        name = generate(rng).latin
        merged = merge_parts(name, rng)
        assert merged.replace(" ", "") == name.replace(" ", "")
        assert len(merged.split()) == max(1, len(name.split()) - 1)


def test_respell_uses_another_known_spelling() -> None:
    rng = random.Random(1)
    varied = respell("MOHAMMED ALI", rng)
    assert varied != "MOHAMMED ALI" and varied.endswith(" ALI")
    first = varied.split()[0]
    assert any("MOHAMMED" in group and first in group for group in spelling_groups()[first])
    assert respell("Sergei Ivanov", rng).split()[0] in {"Sergey", "Serguei", "Sergii", "Serhiy"}
    assert respell("ZZZ QQQ", rng) == "ZZZ QQQ"


def test_applicable_agrees_with_the_noise() -> None:
    rng = random.Random(6)
    for _ in range(200):
        name = rng.choice([generate(rng).latin, generate(rng).native])
        for kind, noise in NOISES.items():
            if not applicable(kind, name):
                assert noise(name, rng) == name, (kind, name)
            elif kind != "merge":
                assert noise(name, rng) != name, (kind, name)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=40), st.integers(min_value=0, max_value=2**32))
def test_noise_never_raises(text: str, seed: int) -> None:
    rng = random.Random(seed)
    for kind, noise in NOISES.items():
        assert isinstance(noise(text, rng), str)
        assert isinstance(applicable(kind, text), bool)


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=string.ascii_letters + " -", max_size=40), st.integers(0, 2**16))
def test_typo_changes_latin_names_with_letters(text: str, seed: int) -> None:
    varied = typo(text, random.Random(seed))
    if any(c.isalpha() for c in text):
        assert varied != " ".join(text.split())
    else:
        assert varied == text
