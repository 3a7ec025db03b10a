# ruff: noqa: RUF001 - the expected renderings are in Cyrillic, Hebrew and Arabic by design
"""Latin → script renderers: known names, and a round trip back through ``to_latin``."""

from __future__ import annotations

import random
from collections.abc import Callable

from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz.distance import Levenshtein

from borderpost.names import to_latin, to_mrz
from borderpost.names.scripts import Script, dominant_script
from borderpost.sim import (
    generate,
    to_arabic,
    to_cyrillic,
    to_han,
    to_hangul,
    to_hebrew,
    to_katakana,
)

RENDERERS = {
    Script.CYRILLIC: to_cyrillic,
    Script.HEBREW: to_hebrew,
    Script.ARABIC: to_arabic,
    Script.KANA: to_katakana,
}


def test_known_names() -> None:
    assert to_cyrillic("VLADIMIR PUTIN") == "Владимир Путин"
    assert to_cyrillic("Taras SHEVCHENKO") == "Тарас Шевченко"
    assert to_cyrillic("Yury VYSOTSKY") == "Юри Высоцкий"
    assert to_hebrew("VLADIMIR PUTIN") == "ולדימיר פוטין"
    assert to_arabic("SADDAM HUSSEIN AL-TIKRITI") == "سدم هوسين التيكريتي"
    assert to_katakana("OSAMA BIN LADEN") == "オサマ・ビン・ラデン"
    assert to_hangul("KIM JONG UN") == "김정은"
    assert to_hangul("CHOE RYONG HAE") == "최룡해"
    assert to_han("XI JINPING").startswith("习")
    assert to_latin(to_han("XI JINPING")) == "XI JINPING"
    assert to_han("ZHANG Lei") == "张雷"


def test_each_renderer_writes_its_script() -> None:
    for script, render in RENDERERS.items():
        assert dominant_script(render("Manuel Antonio NORIEGA")) is script
    assert dominant_script(to_hangul("PAK CHOL")) is Script.HANGUL
    assert dominant_script(to_han("WANG Guoying")) is Script.HAN


_FOLD = str.maketrans("VPQCGLJ", "FBKKKRZ", "AEIOUYHW")


def _skeleton(name: str) -> str:
    """Consonants only, with the pairs scripts merge folded (V/F, P/B, L/R, K/Q/C/G, J/Z)."""
    letters = "".join(c for c in to_mrz(to_latin(name)) if c.isalpha()).translate(_FOLD)
    return "".join(c for i, c in enumerate(letters) if i == 0 or c != letters[i - 1])


def _kept(render: Callable[[str], str], names: list[str]) -> float:
    """Mean similarity of the consonant skeletons before and after a round trip."""
    pairs = [(_skeleton(render(name)), _skeleton(name)) for name in names]
    return sum(Levenshtein.normalized_similarity(a, b) for a, b in pairs) / len(pairs)


def test_round_trip_through_to_latin_keeps_the_consonants() -> None:
    rng = random.Random(21)
    names = [generate(rng, key).latin for key in ("english", "spanish", "arabic", "russian")]
    names += [generate(rng).latin for _ in range(80)]
    for script, render in RENDERERS.items():
        assert _kept(render, names) >= 0.75, script
    for key, render in (("korean", to_hangul), ("chinese", to_han)):
        people = [generate(rng, key).latin for _ in range(40)]
        assert _kept(render, people) >= 0.75, key


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=30))
def test_renderers_never_raise(text: str) -> None:
    for render in (*RENDERERS.values(), to_hangul, to_han):
        assert isinstance(render(text), str)
