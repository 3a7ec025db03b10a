"""Writing-system detection: which script(s) a name is written in.

Detection works on Unicode code-point ranges (the blocks of each script), so it needs no data
file and costs one binary search per character. Digits, punctuation, spaces and combining marks
belong to no script: they are "common" and never decide anything.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections import Counter
from enum import StrEnum
from functools import cache, lru_cache


class Script(StrEnum):
    """A writing system that names are written in."""

    LATIN = "Latin"
    ARABIC = "Arabic"
    CYRILLIC = "Cyrillic"
    GREEK = "Greek"
    HEBREW = "Hebrew"
    HAN = "Han"
    KANA = "Kana"
    HANGUL = "Hangul"
    DEVANAGARI = "Devanagari"
    ARMENIAN = "Armenian"
    GEORGIAN = "Georgian"
    THAI = "Thai"
    ETHIOPIC = "Ethiopic"
    OTHER = "Other"


#: Scripts written without short vowels: comparisons against them ignore vowels.
ABJADS: frozenset[Script] = frozenset({Script.ARABIC, Script.HEBREW})

# (first code point, last code point, script); sorted and non-overlapping.
_RANGES: tuple[tuple[int, int, Script], ...] = tuple(
    sorted(
        [
            (0x0041, 0x005A, Script.LATIN),
            (0x0061, 0x007A, Script.LATIN),
            (0x00AA, 0x00AA, Script.LATIN),
            (0x00BA, 0x00BA, Script.LATIN),
            (0x00C0, 0x00D6, Script.LATIN),
            (0x00D8, 0x00F6, Script.LATIN),
            (0x00F8, 0x02AF, Script.LATIN),
            (0x0370, 0x03FF, Script.GREEK),
            (0x0400, 0x052F, Script.CYRILLIC),
            (0x0530, 0x058F, Script.ARMENIAN),
            (0x0590, 0x05FF, Script.HEBREW),
            (0x0600, 0x06FF, Script.ARABIC),
            (0x0750, 0x077F, Script.ARABIC),
            (0x08A0, 0x08FF, Script.ARABIC),
            (0x0900, 0x097F, Script.DEVANAGARI),
            (0x0E00, 0x0E7F, Script.THAI),
            (0x10A0, 0x10FF, Script.GEORGIAN),
            (0x1100, 0x11FF, Script.HANGUL),
            (0x1200, 0x139F, Script.ETHIOPIC),
            (0x1C80, 0x1C8F, Script.CYRILLIC),
            (0x1C90, 0x1CBF, Script.GEORGIAN),
            (0x1D00, 0x1DBF, Script.LATIN),
            (0x1E00, 0x1EFF, Script.LATIN),
            (0x1F00, 0x1FFF, Script.GREEK),
            (0x2C60, 0x2C7F, Script.LATIN),
            (0x2D00, 0x2D2F, Script.GEORGIAN),
            (0x2D80, 0x2DDF, Script.ETHIOPIC),
            (0x2DE0, 0x2DFF, Script.CYRILLIC),
            (0x2E80, 0x2FDF, Script.HAN),
            (0x3005, 0x3007, Script.HAN),
            (0x3021, 0x3029, Script.HAN),
            (0x3038, 0x303B, Script.HAN),
            (0x3041, 0x309F, Script.KANA),
            (0x30A0, 0x30FF, Script.KANA),
            (0x3130, 0x318F, Script.HANGUL),
            (0x31F0, 0x31FF, Script.KANA),
            (0x3400, 0x4DBF, Script.HAN),
            (0x4E00, 0x9FFF, Script.HAN),
            (0xA640, 0xA69F, Script.CYRILLIC),
            (0xA720, 0xA7FF, Script.LATIN),
            (0xA8E0, 0xA8FF, Script.DEVANAGARI),
            (0xA960, 0xA97F, Script.HANGUL),
            (0xAB00, 0xAB2F, Script.ETHIOPIC),
            (0xAB30, 0xAB6F, Script.LATIN),
            (0xAC00, 0xD7AF, Script.HANGUL),
            (0xD7B0, 0xD7FF, Script.HANGUL),
            (0xF900, 0xFAFF, Script.HAN),
            (0xFB00, 0xFB06, Script.LATIN),
            (0xFB13, 0xFB17, Script.ARMENIAN),
            (0xFB1D, 0xFB4F, Script.HEBREW),
            (0xFB50, 0xFDFF, Script.ARABIC),
            (0xFE70, 0xFEFF, Script.ARABIC),
            (0xFF21, 0xFF3A, Script.LATIN),
            (0xFF41, 0xFF5A, Script.LATIN),
            (0xFF66, 0xFF9F, Script.KANA),
            (0xFFA0, 0xFFDC, Script.HANGUL),
            (0x20000, 0x323AF, Script.HAN),
        ]
    )
)
_STARTS = tuple(start for start, _end, _script in _RANGES)
_ATTACHED = frozenset({"Mn", "Mc", "Me", "Cf"})
# Hebrew writes sounds it has no letter for with a geresh after a letter (gimel + geresh for
# J, as in John); keyboards often give an apostrophe instead. Either stays in the Hebrew word
# (and reads as a geresh: see borderpost.names.abjad).
GERESH = "\u05f3"
GERESH_APOSTROPHES = "'\u2019\u02bc"  # the apostrophes typed for one
GERESH_MARKS = frozenset(GERESH + GERESH_APOSTROPHES)
_ASCII_RUN_RE = re.compile("[A-Za-z]+|[^A-Za-z]+")


@cache
def script_of(char: str) -> Script | None:
    """The script of one character, or None for digits, punctuation, spaces and marks.

    Args:
        char: a single character.

    Returns:
        The script whose block holds the character; ``Script.OTHER`` for a letter of a script
        not listed; None for a character that belongs to no script.
    """
    code = ord(char)
    category = unicodedata.category(char)
    if category[0] == "M":
        return None  # marks inherit the script of the letter they sit on
    index = bisect_right(_STARTS, code) - 1
    if index >= 0:
        _start, end, script = _RANGES[index]
        if code <= end:
            return script if category[0] == "L" or script is Script.HAN else None
    return Script.OTHER if category[0] == "L" else None


def script_counts(text: str) -> Counter[Script]:
    """How many characters of each script the text holds.

    Args:
        text: any string.

    Returns:
        A counter keyed by script; common characters are not counted.
    """
    counts: Counter[Script] = Counter()
    for char in text:
        script = script_of(char)
        if script is not None:
            counts[script] += 1
    return counts


def detect_scripts(text: str) -> frozenset[Script]:
    """The set of scripts a string is written in.

    Args:
        text: any string, e.g. ``"Путин Vladimir"``.

    Returns:
        For example ``frozenset({Script.CYRILLIC, Script.LATIN})``; empty for a string of
        digits and punctuation.
    """
    if text.isascii():  # ASCII letters are Latin; nothing else in ASCII has a script
        return _LATIN_ONLY if text.lower() != text.upper() else _NONE
    return _shared(frozenset(script for script in map(script_of, set(text)) if script is not None))


@lru_cache(maxsize=256)
def _shared(scripts: frozenset[Script]) -> frozenset[Script]:
    """One instance of each set of scripts (a prepared name keeps its set: the few sets that
    occur need not be as many objects as names)."""
    return scripts


_LATIN_ONLY = _shared(frozenset({Script.LATIN}))
_NONE = _shared(frozenset())


def dominant_script(text: str) -> Script | None:
    """The script most of a string's letters are written in (ties go to the first seen).

    Args:
        text: any string.

    Returns:
        The most frequent script, or None when the string has no letters.
    """
    counts = script_counts(text)
    if not counts:
        return None
    return counts.most_common(1)[0][0]


def script_runs(text: str) -> list[tuple[Script | None, str]]:
    """Split a string into maximal runs of one script.

    Combining marks and joiners stay with the letter before them; other common characters (spaces,
    punctuation, digits) form their own runs with script None.

    Args:
        text: any string.

    Returns:
        A list of ``(script, substring)`` whose substrings concatenate back to ``text``.
    """
    if text.isascii():
        # ASCII letters are Latin and nothing else in ASCII belongs to a script or attaches.
        return [
            (Script.LATIN if run[0].isalpha() else None, run) for run in _ASCII_RUN_RE.findall(text)
        ]
    return _runs_by_character(text)


def _runs_by_character(text: str) -> list[tuple[Script | None, str]]:
    """:func:`script_runs` character by character (any text; ASCII has a faster way)."""
    runs: list[tuple[Script | None, str]] = []
    current: Script | None = None
    start = 0
    for index, char in enumerate(text):
        if index > 0 and unicodedata.category(char) in _ATTACHED:
            continue  # marks and joiners belong to the letter they follow
        if current is Script.HEBREW and char in GERESH_MARKS:
            continue  # a geresh belongs to the Hebrew letter it follows
        script = script_of(char)
        if index > start and script != current:
            runs.append((current, text[start:index]))
            start = index
        current = script
    if start < len(text):
        runs.append((current, text[start:]))
    return runs
