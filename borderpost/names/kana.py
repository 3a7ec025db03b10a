"""Japanese kana into Latin letters (modified Hepburn, as Japanese passports print it).

Katakana is folded onto hiragana, then the longest kana sequence in ``data/kana_hepburn.tsv``
is taken at each step. Passport conventions: long vowels are not marked (the long-vowel mark
is dropped, OU and OO become O, UU becomes U), the small tsu doubles the next consonant
(``ch`` becomes ``tch``), and n becomes m before b, m and p. Kanji are not read here (they
get the Han reading, which is Chinese): no kanji reading dictionary is part of this package.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

_KATAKANA_FIRST, _KATAKANA_LAST = 0x30A1, 0x30F6
_KATAKANA_SHIFT = 0x60
_SOKUON = "っ"
_LONG_MARKS = frozenset("ーｰ")
# Passport Hepburn writes long vowels short: Shinzō (しんぞう) is SHINZO, Ōno (おおの) ONO.
_LONG_VOWELS = (("OU", "O"), ("OO", "O"), ("UU", "U"))


@cache
def _table() -> tuple[dict[str, str], int]:
    text = resources.files("borderpost.names").joinpath("data/kana_hepburn.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            kana, romaji = line.split("\t")
            table[kana] = romaji
    return table, max(len(key) for key in table)


def _to_hiragana(text: str) -> str:
    return "".join(
        chr(ord(c) - _KATAKANA_SHIFT) if _KATAKANA_FIRST <= ord(c) <= _KATAKANA_LAST else c
        for c in text
    )


def kana_to_latin(text: str) -> str:
    """Romanise hiragana or katakana text (modified Hepburn, passport style).

    Args:
        text: kana text, e.g. ``"ウラジーミル・プーチン"``; other characters pass through.

    Returns:
        Upper-case Latin text, e.g. ``"URAJIMIRU・PUCHIN"``.
    """
    table, longest = _table()
    kana = _to_hiragana(text)
    out: list[str] = []
    double_next = False
    index = 0
    while index < len(kana):
        char = kana[index]
        if char == _SOKUON:
            double_next = True
            index += 1
            continue
        if char in _LONG_MARKS:
            index += 1
            continue
        for size in range(min(longest, len(kana) - index), 0, -1):
            romaji = table.get(kana[index : index + size])
            if romaji is not None:
                break
        else:
            romaji, size = char, 1
        if double_next and romaji[:1].isalpha() and romaji[0] not in "aeiou":
            romaji = ("t" if romaji.startswith("ch") else romaji[0]) + romaji
        double_next = False
        if romaji == "n" and index + size < len(kana):
            following = table.get(kana[index + size], "")
            if following[:1] in ("b", "m", "p"):
                romaji = "m"
        out.append(romaji)
        index += size
    latin = "".join(out).upper()
    for long_vowel, short in _LONG_VOWELS:
        latin = latin.replace(long_vowel, short)
    return latin
