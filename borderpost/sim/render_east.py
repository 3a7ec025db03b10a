"""Latin names rendered into Katakana, Hangul and Han, to make East Asian test queries.

- :func:`to_katakana`: how Japanese writes a foreign name (``VLADIMIR PUTIN`` →
  ``ヴラディミル・プティン``): English-like spellings reduced to Japanese syllables, a lone
  consonant given its echo vowel (``K`` → ``ク``, ``T``/``D`` → ``ト``/``ド``), doubled
  consonants as ``ッ``, a repeated vowel as ``ー``. Table: ``data/render/katakana.tsv``.
- :func:`to_hangul`: a Korean name's Latin spelling (Revised Romanization, McCune-Reischauer or
  customary: ``KIM JONG UN``, ``RI CHOL``, ``CHOE RYONG HAE``) composed back into syllables
  (``김정은``). Jamo spellings are in ``data/render/hangul.json``; where a spelling fits several
  syllables, the one the Korean name pool uses for it wins (``JONG`` → 정, not 종).
- :func:`to_han`: a Chinese name in Pinyin (``XI JINPING``) in characters: each word split into
  Pinyin syllables, each syllable written with the character the Chinese name pool uses for it
  (a family name first), else the first GB 2312 level-1 character that ``pypinyin`` reads so.
  Only for Chinese names: Pinyin is the only romanisation it reads.

How they were checked: against names with known forms (KIM JONG UN gives 김정은 and
CHOE RYONG HAE 최룡해, exact; XI JINPING gives 习金平, which reads back XI JINPING, beside
the real 习近平; VLADIMIR PUTIN gives ヴラディミル・プティン beside the usual
ウラジーミル・プーチン), and by rendering sim names and the UN/OFAC Korean and Chinese
nationals' names and reading them back with :func:`borderpost.names.to_latin` (the
consonant-skeleton check in ``tests/sim/test_sim_render.py``). Output is approximate by design.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Sequence
from functools import cache
from importlib import resources

from pypinyin import Style, lazy_pinyin

from borderpost.sim.pools import culture
from borderpost.sim.render import latin_words

__all__ = ["han_syllables", "hangul_syllables", "to_han", "to_hangul", "to_katakana"]

_VOWELS = "aeiou"
_KATAKANA_VOWELS = {"a": "ア", "i": "イ", "u": "ウ", "e": "エ", "o": "オ"}
_KATAKANA_SEPARATOR = "・"
_PRE = (
    ("chr", "kr"), ("ph", "f"), ("th", "s"), ("ck", "k"), ("qu", "kw"), ("q", "k"), ("x", "ks"),
    ("ce", "se"), ("ci", "si"), ("cy", "si"), ("kh", "h"), ("gh", "g"), ("dh", "d"), ("dj", "j"),
    ("zh", "j"), ("ch", "\x00"), ("c", "k"), ("\x00", "ch"), ("l", "r"), ("ee", "ii"), ("oo", "uu"),
)  # fmt: skip
_Y_AS_VOWEL = re.compile(r"y(?![aeiou])")
_SILENT_H = re.compile(r"(?<=[aeioun])h(?![aeiouy])")
_W_AS_VOWEL = re.compile(r"w(?![aeiou])")


@cache
def _katakana() -> tuple[dict[str, str], int]:
    text = resources.files("borderpost.sim").joinpath("data/render/katakana.tsv").read_text("utf-8")
    table: dict[str, str] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            latin, kana = line.split("\t")[:2]
            table[latin] = kana
    return table, max(len(k) for k in table)


def _katakana_word(word: str) -> str:
    for old, new in _PRE:
        word = word.replace(old, new)
    word = _W_AS_VOWEL.sub("u", _Y_AS_VOWEL.sub("i", _SILENT_H.sub("", word)))
    table, longest = _katakana()
    out: list[str] = []
    at = 0
    while at < len(word):
        char = word[at]
        if char in _VOWELS:
            repeated = at > 0 and word[at - 1] == char
            out.append("ー" if repeated and out else _KATAKANA_VOWELS[char])
            at += 1
            continue
        following = word[at + 1] if at + 1 < len(word) else ""
        if char == "n" and following not in _VOWELS + "y":
            out.append("ン")
            at += 1
            continue
        if following == char:
            out.append("ル" if char == "r" else "ッ")  # CARLOS: カルロス, not カッロス
            at += 1
            continue
        for size in range(min(longest, len(word) - at), 0, -1):
            kana = table.get(word[at : at + size])
            if kana is not None and (size > 1 or word[at] not in _VOWELS):
                out.append(kana)
                at += size
                break
        else:
            at += 1
    return "".join(out)


def to_katakana(name: str) -> str:
    """A Latin name as Japanese writes a foreign name, words joined by ``・``."""
    return _KATAKANA_SEPARATOR.join(w for w in map(_katakana_word, latin_words(name)) if w)


# --- Hangul ------------------------------------------------------------------------------------

_HANGUL_FIRST = 0xAC00


@cache
def hangul_syllables() -> dict[str, tuple[str, float]]:
    """Latin spelling → (Hangul syllable, cost): the cheapest syllable for each spelling.

    Cost 1.0 per syllable, 0.3 more per non-first jamo spelling (plus the JSON's penalties);
    a syllable the Korean name pool spells so costs 0.4.
    """
    raw = resources.files("borderpost.sim").joinpath("data/render/hangul.json").read_text("utf-8")
    jamo = json.loads(raw)
    medial_penalty = {int(k): float(v) for k, v in jamo["penalty"]["medial"].items()}
    best: dict[str, tuple[str, float]] = {}
    for i, initials in enumerate(jamo["initial"]):
        for m, medials in enumerate(jamo["medial"]):
            for f, finals in enumerate(jamo["final"]):
                syllable = chr(_HANGUL_FIRST + (i * 21 + m) * 28 + f)
                for a, ini in enumerate(initials):
                    for b, med in enumerate(medials):
                        for c, fin in enumerate(finals):
                            cost = 1.0 + 0.3 * (a + b + c) + medial_penalty.get(m, 0.0)
                            key = ini + med + fin
                            if key not in best or cost < best[key][1]:
                                best[key] = (syllable, cost)
    for spelling, syllable in _pool_syllables("korean", _hangul_split).items():
        best[spelling] = (syllable, 0.4)
    return best


def _hangul_split(native: str) -> list[str]:
    return [c for c in native if 0xAC00 <= ord(c) <= 0xD7A3]


def _pool_syllables(key: str, split: Callable[[str], Sequence[str]]) -> dict[str, str]:
    """Latin syllable → the character a name pool most often writes for it."""
    votes: dict[str, Counter[str]] = {}
    for name in culture(key).names:
        chars = split(name.native)
        for spelling in name.spellings:
            words = [w.lower() for w in spelling.split()]
            if len(words) == 1 and len(chars) > 1 and key == "chinese":
                words = _segment(words[0], han_syllables()) or words
            if len(words) == len(chars):
                for word, char in zip(words, chars, strict=True):
                    votes.setdefault(word, Counter())[char] += 1
    return {word: counter.most_common(1)[0][0] for word, counter in votes.items()}


def _segment(word: str, table: dict[str, tuple[str, float]]) -> list[str] | None:
    """The cheapest split of ``word`` into spellings that ``table`` knows (None if none)."""
    best: list[tuple[float, list[str]] | None] = [None] * (len(word) + 1)
    best[0] = (0.0, [])
    for end in range(1, len(word) + 1):
        for start in range(max(0, end - 6), end):
            previous = best[start]
            piece = word[start:end]
            if previous is None or piece not in table:
                continue
            cost = previous[0] + table[piece][1]
            if best[end] is None or cost < best[end][0]:  # type: ignore[index]
                best[end] = (cost, previous[1] + [piece])
    found = best[len(word)]
    return None if found is None else found[1]


def to_hangul(name: str) -> str:
    """A Korean name's Latin spelling in Hangul; each word's syllables written together, words
    joined as Korean writes a name (family name and given name without a space)."""
    table = hangul_syllables()
    words: list[str] = []
    for word in latin_words(name):
        pieces = _segment(word, table)
        if pieces is not None:
            words.append("".join(table[p][0] for p in pieces))
    if len(words) >= 2 and len(words[0]) == 1:
        return words[0] + "".join(words[1:])
    return "".join(words)


# --- Han ----------------------------------------------------------------------------------------


@cache
def _gb2312_level1() -> tuple[str, ...]:
    chars: list[str] = []
    for high in range(0xB0, 0xD8):
        for low in range(0xA1, 0xFF):
            try:
                chars.append(bytes((high, low)).decode("gb2312"))
            except UnicodeDecodeError:
                continue
    return tuple(chars)


@cache
def han_syllables() -> dict[str, tuple[str, float]]:
    """Pinyin syllable (no tones, ü as v) → (character, cost), from GB 2312 level 1."""
    found: dict[str, tuple[str, float]] = {}
    for char in _gb2312_level1():
        reading = lazy_pinyin(char, style=Style.NORMAL, v_to_u=False)[0]
        found.setdefault(reading, (char, 1.0))
    return found


@cache
def _name_characters() -> tuple[dict[str, str], dict[str, str]]:
    """(family names by Pinyin, given-name characters by Pinyin syllable) from the pool."""
    surnames: dict[str, str] = {}
    pool = culture("chinese").pool("surname")
    for rank in range(max(len(n.spellings) for n in pool)):
        for name in pool:
            if rank < len(name.spellings):
                surnames.setdefault(name.spellings[rank].lower(), name.native)
    given = _pool_syllables("chinese", list)
    return surnames, {k: v for k, v in given.items() if len(v) == 1}


def to_han(name: str) -> str:
    """A Chinese name in Pinyin written in characters (``XI JINPING`` → ``习金平``, which
    reads back XI JINPING); the first word is read as the family name when the pool knows it.
    Words that are not Pinyin are left out."""
    surnames, given = _name_characters()
    table = han_syllables()
    out: list[str] = []
    for index, word in enumerate(latin_words(name)):
        if index == 0 and word in surnames:
            out.append(surnames[word])
            continue
        pieces = _segment(word, table)
        if pieces is not None:
            out.extend(given.get(p, table[p][0]) for p in pieces)
    return "".join(out)
