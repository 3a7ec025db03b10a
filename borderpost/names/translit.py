"""Transliteration into the MRZ alphabet: ICAO 9303 Part 3 tables first, then a general fallback.

``to_mrz(text)`` gives what a passport prints: upper-case A-Z, name components separated by
spaces. ICAO's own tables (Latin diacritics, table A; Cyrillic, table B, with its national
exceptions) are kept as data in ``data/icao_9303_translit.tsv``; every other script goes
through ``anyascii``.

``to_latin(text)`` serves name matching: every script into Latin letters, each with the best
table this package has (see :func:`latin_runs`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from importlib import resources

from anyascii import anyascii

from borderpost.names.abjad import arabic_to_latin, hebrew_to_latin
from borderpost.names.chinese import han_to_latin
from borderpost.names.hangul import hangul_to_latin
from borderpost.names.kana import kana_to_latin
from borderpost.names.scripts import Script, script_runs

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

    Latin letters with diacritics and Cyrillic follow ICAO 9303 Part 3 tables A and B;
    ``language`` selects ICAO's national exceptions for Cyrillic (``be``, ``bg``, ``mk``,
    ``sr``, ``uk``); without it the table's general value is used. Other scripts (Greek,
    Arabic, Hebrew, Han, kana, Hangul, ...) go through this package's transliterators
    (:func:`to_latin`), and anything else through ``anyascii``.
    """
    if language is not None and language not in LANGUAGES:
        raise ValueError(f"unknown transliteration language {language!r}; known: {LANGUAGES}")
    pieces = []
    for script, run in script_runs(text):
        if script is None or script in (Script.LATIN, Script.CYRILLIC):
            pieces.append(_icao_mrz(run, language))
        else:
            pieces.append(" " + _icao_mrz(_run_to_latin(script, run, language), None) + " ")
    return _SPACES.sub(" ", "".join(pieces)).strip()


def _icao_mrz(text: str, language: str | None) -> str:
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
    return _NON_LETTER.sub("", "".join(out))


# --- Any script into Latin letters, for name matching -----------------------------------------

# Cyrillic national alphabets told apart by their own letters (ICAO exceptions apply to them).
_UKRAINIAN_ONLY = frozenset("ЇїЄєҐґ")
_BELARUSIAN_ONLY = frozenset("Ўў")
_RUSSIAN_BELARUSIAN = frozenset("ЫыЭэЁё")
_DOTTED_I = frozenset("\u0406\u0456")  # Ukrainian/Belarusian I
_ARMENIAN_U = (("ՈՒ", "U"), ("Ու", "U"), ("ու", "u"))


def cyrillic_language(text: str) -> str | None:
    """Guess the Cyrillic national alphabet (for ICAO's exceptions) from distinctive letters.

    Args:
        text: any text.

    Returns:
        ``"be"`` when it has Ў, ``"uk"`` when it has Ї, Є, Ґ or the dotted I (without Ы, Э,
        Ё), else None.
    """
    letters = set(text)
    if letters & _BELARUSIAN_ONLY:
        return "be"
    if letters & _UKRAINIAN_ONLY:
        return "uk"
    if letters & _DOTTED_I:
        return "be" if letters & _RUSSIAN_BELARUSIAN else "uk"
    return None


@cache
def _greek_table() -> tuple[dict[str, tuple[str, str]], int]:
    text = resources.files("borderpost.names").joinpath("data/greek_latin.tsv").read_text("utf-8")
    table: dict[str, tuple[str, str]] = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            greek, latin, initial = [*line.split("\t"), ""][:3]
            table[greek] = (latin, initial or latin)
    return table, max(len(key) for key in table)


def greek_to_latin(text: str) -> str:
    """Transliterate Greek after ELOT 743 (the basis of Greek passports).

    Args:
        text: Greek text, accents allowed, e.g. ``"Βλαντίμιρ Πούτιν"``.

    Returns:
        Upper-case Latin text, e.g. ``"VLANTIMIR POUTIN"``.
    """
    table, longest = _greek_table()
    plain = "".join(
        c for c in unicodedata.normalize("NFD", text) if not unicodedata.category(c).startswith("M")
    ).lower()
    out: list[str] = []
    index = 0
    while index < len(plain):
        initial = index == 0 or not plain[index - 1].isalpha()
        for size in range(min(longest, len(plain) - index), 0, -1):
            value = table.get(plain[index : index + size])
            if value is not None:
                out.append(value[1] if initial else value[0])
                index += size
                break
        else:
            out.append(plain[index])
            index += 1
    return "".join(out).upper()


def _run_to_latin(script: Script | None, run: str, language: str | None) -> str:
    if script is None or script is Script.LATIN:
        return run
    if script is Script.CYRILLIC:
        if language is None:
            # Russian-style Cyrillic: match as English-language records spell it.
            run = _english_cyrillic(run)
        return _icao_mrz(run, language)
    if script is Script.GREEK:
        return greek_to_latin(run)
    if script is Script.ARABIC:
        return arabic_to_latin(run)
    if script is Script.HEBREW:
        return hebrew_to_latin(run)
    if script is Script.HAN:
        return han_to_latin(run)
    if script is Script.KANA:
        return kana_to_latin(run)
    if script is Script.HANGUL:
        return hangul_to_latin(run)
    if script is Script.ARMENIAN:
        for digraph, latin in _ARMENIAN_U:
            run = run.replace(digraph, latin)
    return str(anyascii(run)).upper()


@cache
def _english_table() -> tuple[tuple[str, str], ...]:
    text = resources.files("borderpost.names").joinpath("data/cyrillic_english.tsv")
    rows = []
    for line in text.read_text("utf-8").splitlines():
        if line and not line.startswith("#"):
            cyrillic, latin = [*line.split("\t"), ""][:2]
            rows.append((cyrillic, latin))
    return tuple(sorted(rows, key=lambda row: -len(row[0])))


def _english_cyrillic(run: str) -> str:
    """Replace the Cyrillic letters whose English spelling differs from ICAO's."""
    upper = run.upper()
    for cyrillic, latin in _english_table():
        upper = upper.replace(cyrillic, latin)
    return upper


def latin_runs(text: str) -> tuple[tuple[Script | None, str], ...]:
    """Transliterate each script run of a name into Latin, keeping the run's source script.

    Latin runs pass through unchanged (diacritics are folded later by normalisation);
    Cyrillic follows ICAO 9303 (national exceptions chosen by :func:`cyrillic_language`),
    except that Russian-style text takes the English spellings of ``data/cyrillic_english.tsv``
    (ДЖ J, Й Y, Я YA, Ю YU), which is how Latin-script lists write such names;
    Greek follows ELOT 743; Arabic-script and Hebrew keep their consonants and written vowels
    (:mod:`borderpost.names.abjad`); Han is read in Pinyin, kana in Hepburn, Hangul in the
    Revised Romanization; any other script goes through ``anyascii``.

    Args:
        text: a name in any script or mix of scripts.

    Returns:
        ``(script, latin)`` pairs in order; separators keep script None.
    """
    if text.isascii():  # Latin runs and separators only: nothing to transliterate
        return tuple(script_runs(text))
    language = cyrillic_language(text)
    return tuple(
        (script, _run_to_latin(script, run, language)) for script, run in script_runs(text)
    )


def to_latin(text: str) -> str:
    """Transliterate a name in any script into Latin letters.

    Args:
        text: e.g. ``"Путин Владимир"``, ``"محمد علي"`` or ``"习近平"``.

    Returns:
        The Latin form, with separators kept, e.g. ``"PUTIN VLADIMIR"``, ``"MHMD ALI"`` or
        ``"XI JINPING"``. Latin input comes back unchanged.
    """
    return "".join(latin for _script, latin in latin_runs(text))
