"""Arabic-script and Hebrew names into Latin letters.

Both scripts write consonants and long vowels only, so a transliteration cannot restore the
short vowels: ``محمد`` becomes ``MHMD``, which a vowel-blind comparison (the consonant
skeleton in :mod:`borderpost.names.phonetic`) then brings next to MOHAMMED or MUHAMMAD. The
letters that double as vowels (alef, waw, yeh; Hebrew vav and yod) are placed by context:
consonant at the start of a word or next to another vowel letter, vowel between consonants.

The consonant tables are data (``data/arabic_latin.tsv``, ``data/hebrew_latin.tsv``).
"""

from __future__ import annotations

import unicodedata
from functools import cache
from importlib import resources

from borderpost.names.scripts import GERESH, GERESH_MARKS

# Arabic letters whose value depends on their neighbours.
_ALEFS = frozenset("اآأٱ")
_ALEF_LIKE = frozenset("اآأإٱىة")
_HAMZA_SILENT = frozenset("ءؤئ")
_WAW = frozenset("وۥ")
_YEH = frozenset("يیۍې")
_AIN = "ع"
_SHADDA = "\u0651"
_TATWEEL = "\u0640"
_ARTICLE = "ال"

# Latin letters that an H after them would turn into another sound (TH, SH, KH, DH...).
_DIGRAPH_HEADS = frozenset("TSKGDZCP")

_HEB_VAV = "\u05d5"  # vav
_HEB_YOD = "\u05d9"  # yod
_HEB_SILENT = frozenset("אע")
_HEB_HE = "ה"


def _read_table(name: str) -> dict[str, str]:
    text = resources.files("borderpost.names").joinpath(f"data/{name}").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if not line or line.startswith("#"):
            continue
        char, latin = line.split("\t")[:2]
        table[char] = latin
    return table


@cache
def _arabic_table() -> dict[str, str]:
    return _read_table("arabic_latin.tsv")


@cache
def _hebrew_table() -> dict[str, str]:
    return _read_table("hebrew_latin.tsv")


def _is_vowel_letter(char: str | None) -> bool:
    return char is not None and (char in _ALEF_LIKE or char in _WAW or char in _YEH)


def _arabic_word(word: str) -> str:
    table = _arabic_table()
    letters = [c for c in word if c != _TATWEEL and unicodedata.category(c) != "Cf"]
    out: list[str] = []
    for index, char in enumerate(letters):
        prev = letters[index - 1] if index > 0 else None
        nxt = letters[index + 1] if index + 1 < len(letters) else None
        initial = index == 0
        if char in _ALEFS:
            out.append("A")
        elif char == "إ":
            out.append("I")
        elif char in _HAMZA_SILENT:
            out.append({"ؤ": "U", "ئ": "I"}.get(char, "") if not initial else "A")
        elif char == _AIN:
            # 'Ali, 'Umar, Ja'far, Sa'd: a vowel at the start, silent elsewhere unless it is
            # the only thing between two consonants.
            between = not _is_vowel_letter(prev) and nxt is not None and not _is_vowel_letter(nxt)
            out.append("A" if initial or between else "")
        elif char in _WAW or char in _YEH:
            consonant, vowel = ("W", "U") if char in _WAW else ("Y", "I")
            after_vowel_letter = out and out[-1] in ("U", "I") and prev in (_WAW | _YEH)
            if (
                initial
                or prev in _ALEFS
                or (nxt is not None and nxt in _ALEF_LIKE)
                or after_vowel_letter
            ):
                out.append(consonant)
            else:
                out.append(vowel)
        elif char == _SHADDA:
            if out and out[-1]:
                out.append(out[-1][-1])
        elif char in table:
            value = table[char]
            if value == "H" and nxt is None and out and out[-1][-1:] in _DIGRAPH_HEADS:
                value = "AH"  # TAHA (طه), not the TH of THAMIR
            out.append(value)
        elif unicodedata.category(char).startswith("M"):
            continue  # sukun and other marks
        else:
            out.append(char)
    return "".join(out)


def arabic_to_latin(text: str) -> str:
    """Transliterate Arabic-script text (Arabic, Persian, Urdu, Pashto) into Latin capitals.

    The definite article written on the front of a word becomes its own part, so that
    ``الرشيد`` gives ``AL RSHID`` and later compares with AL-RASHID, ALRASHID and RASHID.

    Args:
        text: Arabic-script text; other characters pass through unchanged.

    Returns:
        Upper-case Latin text, e.g. ``"MHMD ALI"`` for ``"محمد علي"``.
    """
    words: list[str] = []
    for word in text.split(" "):
        if word.startswith(_ARTICLE) and len(word) > 3:
            words.append("AL")
            word = word[2:]
        words.append(_arabic_word(word))
    return " ".join(words)


def hebrew_to_latin(text: str) -> str:
    """Transliterate Hebrew text into Latin capitals, consonants plus the written vowel letters.

    Args:
        text: Hebrew text; points are dropped and other characters pass through.

    Returns:
        Upper-case Latin text, e.g. ``"VLDIMIR PUTIN"`` for ``"ולדימיר פוטין"``.
    """
    table = _hebrew_table()
    words: list[str] = []
    for word in text.split(" "):
        letters = [c for c in word if not unicodedata.category(c).startswith("M")]
        out: list[str] = []
        for index, char in enumerate(letters):
            prev = letters[index - 1] if index > 0 else None
            initial = index == 0
            final = index == len(letters) - 1
            after = letters[index + 1] if index + 1 < len(letters) else ""
            # a geresh (or an apostrophe for one) after a letter writes a sound Hebrew has no
            # letter for: gimel + geresh is J, zayin ZH, tsadi CH (data/hebrew_latin.tsv)
            if after in GERESH_MARKS and char + GERESH in table:
                out.append(table[char + GERESH])
            elif char in _HEB_SILENT:
                out.append("A" if initial else "")
            elif char == _HEB_VAV:
                if prev == _HEB_VAV:
                    continue  # double vav writes a consonant V
                doubled = index + 1 < len(letters) and letters[index + 1] == _HEB_VAV
                out.append("V" if initial or doubled else "O" if final else "U")
            elif char == _HEB_YOD:
                if prev == _HEB_YOD:
                    continue
                out.append("Y" if initial else "I")
            elif char == _HEB_HE:
                out.append("A" if final and not initial else "H")
            elif char in table:
                out.append(table[char])
            elif char in GERESH_MARKS:
                continue  # a borrowed sound, e.g. gimel + geresh for J
            else:
                out.append(char)
        words.append("".join(out))
    return " ".join(words)
