"""Transliteration into the MRZ alphabet: ICAO 9303 Part 3 tables first, then a general fallback.

``to_mrz(text)`` gives what a passport prints: upper-case A-Z, name components separated by
spaces. ICAO's own tables (Latin diacritics, table A; Cyrillic, table B, with its national
exceptions) are kept as data in ``data/icao_9303_translit.tsv``; every other script goes
through ``anyascii``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from anyascii import anyascii

# ICAO 9303 Part 3: apostrophes are omitted; hyphens and other separators become a space
# (a filler in the MRZ); everything else that is not a letter is dropped.
_OMIT = "'\u2019\u02bc\u2018`\u00b4"
_NON_LETTER = re.compile(r"[^A-Z ]+")
_SPACES = re.compile(r"\s+")

LANGUAGES = ("be", "bg", "mk", "sr", "uk")


@dataclass(frozen=True, slots=True)
class _Rule:
    default: str
    by_language: dict[str, str]
    first_letter_only: frozenset[str]


@cache
def _icao_table() -> dict[str, _Rule]:
    text = (
        resources.files("borderpost.names")
        .joinpath("data/icao_9303_translit.tsv")
        .read_text(encoding="utf-8")
    )
    table: dict[str, _Rule] = {}
    for line in text.splitlines():
        if not line or line.startswith(("#", "table\t")):
            continue
        _tbl, char, mrz, exceptions = (line.split("\t") + [""] * 4)[:4]
        by_language: dict[str, str] = {}
        first_only: set[str] = set()
        for item in filter(None, exceptions.split(";")):
            lang, value = item.split("=", 1)
            if lang.endswith("^"):
                lang = lang[:-1]
                first_only.add(lang)
            by_language[lang] = value
        table[char] = _Rule(mrz, by_language, frozenset(first_only))
    return table


def icao_char(char: str, *, language: str | None = None, first: bool = False) -> str | None:
    """The ICAO 9303 transliteration of one upper-case character, or None if ICAO has none."""
    rule = _icao_table().get(char)
    if rule is None:
        return None
    if (
        language is not None
        and language in rule.by_language
        and (language not in rule.first_letter_only or first)
    ):
        return rule.by_language[language]
    return rule.default


def to_mrz(text: str, *, language: str | None = None) -> str:
    """Transliterate a name into the MRZ alphabet (A-Z and single spaces).

    ``language`` selects ICAO's national exceptions for Cyrillic (``be``, ``bg``, ``mk``,
    ``sr``, ``uk``); without it the table's general value is used.
    """
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown transliteration language {language!r}; known: {LANGUAGES}")
    for mark in _OMIT:
        text = text.replace(mark, "")
    text = unicodedata.normalize("NFC", text).upper()
    out: list[str] = []
    previous_is_letter = False
    for char in text:
        mapped = icao_char(char, language=language, first=not previous_is_letter)
        if mapped is None:
            if "A" <= char <= "Z" or char == " ":
                mapped = char
            elif char.isalpha() or unicodedata.category(char).startswith("M"):
                mapped = anyascii(char).upper()
            else:
                mapped = " "
        out.append(mapped)
        previous_is_letter = char.isalpha()
    latin = _NON_LETTER.sub("", "".join(out))
    return _SPACES.sub(" ", latin).strip()
