"""Korean Hangul into Latin letters: algorithmic jamo decomposition + Revised Romanization.

A precomposed syllable U+AC00..U+D7A3 is ``0xAC00 + (initial * 21 + medial) * 28 + final``;
the romanisation of each jamo is data (``data/hangul_rr.json``). A final consonant followed by
the silent initial is carried over (``정은`` gives JEONGEUN, ``박애`` BAGAE), and final +
initial rieul gives ``ll`` (``블라`` gives BEULLA), as the Revised Romanization does.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

_FIRST, _LAST = 0xAC00, 0xD7A3
_MEDIALS, _FINALS = 21, 28
_SILENT_INITIAL = 11
_RIEUL_INITIAL = 5
_RIEUL_FINAL = 8
_MAX_NAME = 4


@dataclass(frozen=True, slots=True)
class _Jamo:
    initial: tuple[str, ...]
    medial: tuple[str, ...]
    final: tuple[str, ...]
    linked: tuple[str, ...]


@cache
def _jamo() -> _Jamo:
    raw = resources.files("borderpost.names").joinpath("data/hangul_rr.json").read_text("utf-8")
    data = json.loads(raw)
    return _Jamo(
        tuple(data["initial"]), tuple(data["medial"]), tuple(data["final"]), tuple(data["linked"])
    )


def decompose(char: str) -> tuple[int, int, int] | None:
    """Split one precomposed Hangul syllable into its jamo indices.

    Args:
        char: one character.

    Returns:
        ``(initial, medial, final)`` indices into the Revised Romanization tables, or None
        when the character is not a precomposed syllable.
    """
    code = ord(char)
    if not _FIRST <= code <= _LAST:
        return None
    offset = code - _FIRST
    return offset // (_MEDIALS * _FINALS), (offset // _FINALS) % _MEDIALS, offset % _FINALS


@cache
def _surnames() -> tuple[str, ...]:
    raw = (
        resources.files("borderpost.names").joinpath("data/korean_surnames.txt").read_text("utf-8")
    )
    return tuple(line for line in raw.splitlines() if line and not line.startswith("#"))


def split_family_name(word: str) -> tuple[str, str] | None:
    """The (family name, given name) split of a Korean name written as one word.

    Args:
        word: Hangul syllables with no space, e.g. ``"김정은"``.

    Returns:
        ``("김", "정은")``, or None when the word is not 2-4 syllables long or does not start
        with a listed family name.
    """
    if not 2 <= len(word) <= _MAX_NAME or not all(decompose(c) is not None for c in word):
        return None
    for surname in _surnames():
        if word.startswith(surname) and len(word) > len(surname):
            return surname, word[len(surname) :]
    return None


def hangul_to_latin(text: str) -> str:
    """Romanise Hangul text (Revised Romanization), splitting off a family name.

    A word of 2-4 syllables that starts with a listed family name becomes two parts:
    ``"김정은"`` gives ``"GIM JEONGEUN"``.

    Args:
        text: Hangul text, e.g. ``"블라디미르 푸틴"``; other characters pass through.

    Returns:
        Upper-case Latin text, e.g. ``"BEULLADIMIREU PUTIN"``.
    """
    words: list[str] = []
    for word in text.split(" "):
        split = split_family_name(word)
        if split is None:
            words.append(_romanize(word))
        else:
            words.append(f"{_romanize(split[0])} {_romanize(split[1])}")
    return " ".join(words)


def _romanize(text: str) -> str:
    jamo = _jamo()
    parts = [decompose(c) for c in text]
    out: list[str] = []
    for index, char in enumerate(text):
        syllable = parts[index]
        if syllable is None:
            out.append(char)
            continue
        initial, medial, final = syllable
        previous = parts[index - 1] if index > 0 else None
        if previous is not None and previous[2] and initial == _SILENT_INITIAL:
            lead = ""  # the previous final was carried over
        elif previous is not None and previous[2] == _RIEUL_FINAL and initial == _RIEUL_INITIAL:
            lead = "l"
        else:
            lead = jamo.initial[initial]
        following = parts[index + 1] if index + 1 < len(parts) else None
        if final and following is not None and following[0] == _SILENT_INITIAL:
            tail = jamo.linked[final]
        else:
            tail = jamo.final[final]
        out.append(lead + jamo.medial[medial] + tail)
    return "".join(out).upper()
