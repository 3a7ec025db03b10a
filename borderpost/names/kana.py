"""Japanese kana into Latin letters (modified Hepburn, as Japanese passports print it).

Katakana is folded onto hiragana, then the longest kana sequence in ``data/kana_hepburn.tsv``
is taken at each step. Passport conventions: long vowels are not marked (the long-vowel mark
is dropped, OU and OO become O, UU becomes U), the small tsu doubles the next consonant
(``ch`` becomes ``tch``), and n becomes m before b, m and p. Kanji are not read here (they
get the Han reading, which is Chinese): no kanji reading dictionary is part of this package.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_KATAKANA_FIRST, _KATAKANA_LAST = 0x30A1, 0x30F6
_KATAKANA_SHIFT = 0x60
_SOKUON = "っ"
_LONG_MARKS = frozenset("ーｰ")
_KANA = re.compile("[\u3041-\u30ff]")  # hiragana and katakana
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


def _units(text: str) -> list[tuple[str, bool]]:
    """``text`` as romanised units: (romaji of one kana syllable, True) or (a character that
    is not kana, False). The small tsu doubles the next syllable's consonant, n is m before
    b, m and p; long-vowel marks are dropped."""
    table, longest = _table()
    kana = _to_hiragana(text)
    out: list[tuple[str, bool]] = []
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
            romaji, size = None, 1
        if romaji is None:
            out.append((char, False))
            double_next = False
            index += 1
            continue
        if double_next and romaji[:1].isalpha() and romaji[0] not in "aeiou":
            romaji = ("t" if romaji.startswith("ch") else romaji[0]) + romaji
        double_next = False
        if romaji == "n" and index + size < len(kana):
            following = table.get(kana[index + size], "")
            if following[:1] in ("b", "m", "p"):
                romaji = "m"
        out.append((romaji, True))
        index += size
    return out


def _fold_long_vowels(latin: str) -> str:
    for long_vowel, short in _LONG_VOWELS:
        latin = latin.replace(long_vowel, short)
    return latin


def kana_to_latin(text: str) -> str:
    """Romanise hiragana or katakana text (modified Hepburn, passport style).

    Args:
        text: kana text, e.g. ``"ウラジーミル・プーチン"``; other characters pass through.

    Returns:
        Upper-case Latin text, e.g. ``"URAJIMIRU・PUCHIN"``.
    """
    return _hepburn(_units(text))


def _hepburn(units: list[tuple[str, bool]]) -> str:
    return _fold_long_vowels("".join(romaji for romaji, _kana in units).upper())


# Katakana writes a foreign name's closed syllables with a vowel added: a consonant alone
# takes U (KARUROSU for CARLOS, IBURAHIMU for IBRAHIM), T and D take O (MUHAMMADO, TOPPU),
# CH at the end of a word takes I (BOGUDANOBITCHI for -VICH).
_ADDED_VOWEL = {
    "u": frozenset({"b", "p", "k", "g", "s", "z", "f", "m", "r", "ts", "v", "h"}),
    "o": frozenset({"t", "d"}),
}
_ADDED_I_AT_END = frozenset({"ch"})
# Whole words a foreign name writes otherwise: the Arabic article アル (and Spanish エル)
# is AL / EL, ABU keeps its vowel.
_FOREIGN_WORDS = {"aru": "al", "eru": "el", "abu": "abu"}
_VOWEL_LETTERS = frozenset("aeiou")


def _onset(romaji: str) -> str:
    """The consonant(s) of a syllable, undoubled (the small tsu's TT of TOPPU is T)."""
    onset = romaji[:-1]
    if onset == "tch":
        return "ch"
    if len(onset) > 1 and onset[0] == onset[1]:
        return onset[1:]
    return onset


def _foreign_word(word: list[str]) -> str:
    """One kana word's syllables, a vowel added for a lone consonant dropped.

    The vowel is dropped when the syllable does not start the word and ends it, or comes
    before a consonant with the syllable before it kept whole (so BIKUTORU is BIKTOR, not
    BIKTR; ROTEMBERUKU is ROTEMBERK). A consonant doubled at the end is written once
    (TOPPU is TOP).
    """
    joined = "".join(word)
    if joined in _FOREIGN_WORDS:
        return _FOREIGN_WORDS[joined]
    out: list[str] = []
    dropped_before = False
    for position, romaji in enumerate(word):
        following = word[position + 1] if position + 1 < len(word) else ""
        last = not following
        before_consonant = following[:1] not in _VOWEL_LETTERS and following != "n"
        vowel, onset = romaji[-1:], _onset(romaji)
        if vowel == "i" and last:
            added = onset in _ADDED_I_AT_END
        else:
            added = onset in _ADDED_VOWEL.get(vowel, ())
        if (
            position > 0
            and len(romaji) > 1
            and added
            and (last or (before_consonant and not dropped_before))
        ):
            out.append(onset if last else romaji[:-1])
            dropped_before = True
        else:
            out.append(romaji)
            dropped_before = False
    return "".join(out)


def foreign_readings(text: str) -> list[str]:
    """How a foreign name written in katakana is most likely spelt in Latin letters.

    The passport (Hepburn) reading of :func:`kana_to_latin` keeps the vowels katakana adds
    to write a consonant alone; a name from abroad (the names on sanctions lists) lacks
    them: KIMU JONUN is KIM JONUN, IBURAHIMU is IBRAHIM, MUHAMMADO is MUHAMMAD. Kana has
    one sound for R and L, so the reading is given twice: with R, and with every R read as
    L (ARI HAMENEI is ALI HAMENEI).

    Args:
        text: text with kana in it, e.g. ``"アブ・バクル・バグダディ"``.

    Returns:
        Upper-case Latin readings, e.g. ``["ABU・BAKR・BAGUDADI", "ABU・BAKL・BAGUDADI"]``;
        none when the text has no kana, and none that is the Hepburn reading.
    """
    if _KANA.search(text) is None:  # most names: no kana, nothing to read (a microsecond)
        return []
    units = _units(text)
    if not any(is_kana for _romaji, is_kana in units):
        return []
    pieces: list[tuple[str, bool]] = []  # (a kana word's reading, True) or another character
    word: list[str] = []
    for romaji, is_kana in units:
        if is_kana:
            word.append(romaji)
            continue
        if word:
            pieces.append((_foreign_word(word), True))
            word = []
        pieces.append((romaji, False))
    if word:
        pieces.append((_foreign_word(word), True))
    with_r = "".join(piece for piece, _kana in pieces).upper()
    with_l = "".join(piece.replace("r", "l") if kana else piece for piece, kana in pieces).upper()
    hepburn = _hepburn(units)
    readings = (_fold_long_vowels(with_r), _fold_long_vowels(with_l))
    return [reading for reading in dict.fromkeys(readings) if reading != hepburn]
