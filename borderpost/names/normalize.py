"""Name normalisation: one Latin, upper-case, title-free form of a name, split into parts.

Steps, in order:

1. Transliterate every script into Latin (:func:`borderpost.names.translit.latin_runs`).
2. Fold: compatibility decomposition, diacritics removed, special letters spelled out
   (ß -> SS, Ł -> L, Ø -> O, Æ -> AE), apostrophes dropped (O'BRIEN -> OBRIEN), every other
   non-letter a separator; upper case.
3. Remove honorifics and titles (``data/honorifics.txt``: MR, DR, SHEIKH, HAJI, GENERAL,
   PRESIDENT...), unless nothing else would be left.
4. Fold particles onto one spelling (``data/particles.csv``: EL, UL, AR before R -> AL; IBN,
   BEN -> BIN) and mark them optional for comparison.

:func:`normalize` is idempotent: ``normalize(normalize(x)) == normalize(x)``.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from enum import StrEnum
from functools import cache, lru_cache
from importlib import resources

from anyascii import anyascii

from borderpost.names.scripts import ABJADS, GERESH, GERESH_APOSTROPHES, Script
from borderpost.names.translit import latin_runs

_SPECIAL = {
    "ß": "SS",
    "ẞ": "SS",
    "Æ": "AE",
    "æ": "AE",
    "Œ": "OE",
    "œ": "OE",
    "Ø": "O",
    "ø": "O",
    "Ł": "L",
    "ł": "L",
    "Đ": "D",
    "đ": "D",
    "Ð": "D",
    "ð": "D",
    "Þ": "TH",
    "þ": "TH",
    "\u0131": "I",  # dotless i
    "Ħ": "H",
    "ħ": "H",
    "ĸ": "K",
}
_APOSTROPHES = frozenset("'\u2019\u02bc\u2018`\u00b4\u02bb\u02be\u02bf\u055a")
_NO_APOSTROPHES = str.maketrans(dict.fromkeys(_APOSTROPHES))
# An apostrophe after a Hebrew letter is a geresh typed on a Latin keyboard (gimel +
# apostrophe + vav + nun for John): it is kept, as a geresh, for transliteration (J).
_HEBREW_APOSTROPHE_RE = re.compile(f"(?<=[\u05d0-\u05ea])[{GERESH_APOSTROPHES}]")
# Hebrew writes the Arabic article assimilated to a sun letter as a lone alef joined by a
# hyphen or maqaf (א-זוואהירי for AZ-ZAWAHIRI): it is the article, written אל- otherwise.
# (An alef with a dot or a geresh is an initial, and stays one.)
_HEBREW_ARTICLE_RE = re.compile("(?<![\u05d0-\u05ea])\u05d0[-\u05be](?=[\u05d0-\u05ea])")


def _ascii_fold(char: str) -> str | None:
    """What :func:`fold` makes of an ASCII character (which NFKD leaves alone): a letter
    upper-case, an apostrophe nothing, anything else a separator."""
    if char.isalpha():
        return char.upper()
    return None if char in _APOSTROPHES else " "


_ASCII_FOLD = str.maketrans({chr(code): _ascii_fold(chr(code)) for code in range(128)})
_PATRONYMIC_ENDINGS = (
    "OVICH",
    "EVICH",
    "OVYCH",
    "EVYCH",
    "AVICH",
    "OVITCH",
    "EVITCH",
    "OVITJ",
    "OVITSJ",
    "OWITSJ",
    "OVITS",
    "EVITS",
    "OVITSCH",
    "OWITSCH",
    "OWICZ",
    "OVICS",
    "OVICI",
    "OVNA",
    "EVNA",
    "IVNA",
    "INICHNA",
    "OGLU",
    "OGLY",
    "KYZY",
    "QIZI",
)
_MIN_PATRONYMIC = 7


class PartKind(StrEnum):
    """What role a name part plays in matching."""

    NAME = "name"
    PARTICLE = "particle"
    INITIAL = "initial"
    PATRONYMIC = "patronymic"


@dataclass(frozen=True, slots=True)
class NamePart:
    """One normalised part of a name.

    Attributes:
        text: the folded part, upper-case A-Z, e.g. ``"RASHID"``.
        kind: its role: a name, an optional particle, an initial or a patronymic.
        script: the script it was written in before transliteration (None if unknown).
    """

    text: str
    kind: PartKind
    script: Script | None

    @property
    def abjad(self) -> bool:
        """Whether the part came from a script written without short vowels."""
        return self.script in ABJADS


@dataclass(frozen=True, slots=True)
class _Particle:
    canonical: str
    when: str


def _data(name: str) -> str:
    return resources.files("borderpost.names").joinpath(f"data/{name}").read_text("utf-8")


@cache
def honorifics() -> frozenset[tuple[str, ...]]:
    """The honorifics and titles removed from names, as word tuples.

    Returns:
        E.g. ``("MR",)``, ``("HIS", "EXCELLENCY")``.
    """
    return frozenset(
        tuple(line.split())
        for line in _data("honorifics.txt").splitlines()
        if line.strip() and not line.startswith("#")
    )


@cache
def _particles() -> dict[str, _Particle]:
    table: dict[str, _Particle] = {}
    for line in _data("particles.csv").splitlines():
        if not line or line.startswith("#"):
            continue
        variant, canonical, when = line.split(",")
        table[variant] = _Particle(canonical, when)
    return table


@cache
def particle_forms() -> frozenset[str]:
    """The canonical spellings of particles (AL, BIN, BINT, VAN, DE...).

    Returns:
        A set of folded forms.
    """
    return frozenset(p.canonical for p in _particles().values())


@lru_cache(maxsize=16384)
def fold(text: str) -> str:
    """Fold Latin text for matching: no diacritics, upper case, letters and single spaces.

    Args:
        text: Latin text, e.g. ``"Władimir  Pútín-O'Neill"``.

    Returns:
        ``"WLADIMIR PUTIN ONEILL"``. Letters of other scripts go through ``anyascii``.
    """
    if text.isascii():
        return " ".join(text.translate(_ASCII_FOLD).split())
    return _fold_characters(text)


def _fold_characters(text: str) -> str:
    """:func:`fold` character by character (any text; ASCII has a faster way)."""
    out: list[str] = []
    for char in unicodedata.normalize("NFKD", text):
        if "A" <= char <= "Z":
            out.append(char)
        elif "a" <= char <= "z":
            out.append(char.upper())
        elif char in _SPECIAL:
            out.append(_SPECIAL[char])
        elif char in _APOSTROPHES or unicodedata.category(char)[0] == "M":
            continue
        elif unicodedata.category(char)[0] == "L":
            out.append("".join(c for c in str(anyascii(char)).upper() if "A" <= c <= "Z"))
        else:
            out.append(" ")
    return " ".join("".join(out).split())


@cache
def _honorifics_by_first_word() -> dict[str, tuple[tuple[str, ...], ...]]:
    """The honorifics grouped by their first word, longest first (the first that fits is
    removed, so HIS EXCELLENCY goes as a whole before a lone HIS is tried).

    Most words of most names start no title: one dictionary look-up clears them.
    """
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for title in honorifics():
        grouped.setdefault(title[0], []).append(title)
    return {
        first: tuple(sorted(titles, key=len, reverse=True)) for first, titles in grouped.items()
    }


def _remove_honorifics(words: list[tuple[str, Script | None]]) -> list[tuple[str, Script | None]]:
    starts = _honorifics_by_first_word()
    while True:
        kept: list[tuple[str, Script | None]] = []
        index = 0
        while index < len(words):
            for title in starts.get(words[index][0], ()):
                end = index + len(title)
                if end <= len(words) and all(
                    word == words[at][0] for at, word in enumerate(title, index)
                ):
                    index = end
                    break
            else:
                kept.append(words[index])
                index += 1
        if not kept or len(kept) == len(words):
            return words  # nothing removed, or nothing would be left
        words = kept


def _part(words: list[tuple[str, Script | None]], index: int) -> NamePart:
    text, script = words[index]
    particle = _particles().get(text)
    last = index == len(words) - 1
    if particle is not None and particle.when == "kana" and script is not Script.KANA:
        particle = None  # a kana spelling of a particle, met in another script: a name
    if particle is not None and last and index > 0 and particle.when not in ("sun", "kana"):
        # A particle left at the end by word order (RASHID, AHMED AL): still a particle.
        return NamePart(particle.canonical, PartKind.PARTICLE, script)
    if particle is not None and not last:
        following = words[index + 1][0]
        fits = (
            particle.when in ("", "kana")
            or (particle.when == "not_first" and index > 0)
            or (particle.when == "sun" and following.startswith(text.lstrip("AEIU")))
        )
        if fits:
            return NamePart(particle.canonical, PartKind.PARTICLE, script)
    if len(text) == 1:
        return NamePart(text, PartKind.INITIAL, script)
    if index > 0 and len(text) >= _MIN_PATRONYMIC and text.endswith(_PATRONYMIC_ENDINGS):
        return NamePart(text, PartKind.PATRONYMIC, script)
    return NamePart(text, PartKind.NAME, script)


@lru_cache(maxsize=65536)
def name_parts(name: str) -> tuple[NamePart, ...]:
    """Normalise a name in any script and split it into parts.

    Args:
        name: e.g. ``"Sheikh Mohammed bin Rashid Al-Maktoum"`` or ``"محمد بن راشد آل مكتوم"``.

    Returns:
        Parts in written order, e.g. MOHAMMED (name), BIN (particle), RASHID (name), AL
        (particle), MAKTOUM (name). Each part knows the script it came from.
    """
    words: list[tuple[str, Script | None]] = []
    if not name.isascii():
        name = _HEBREW_APOSTROPHE_RE.sub(GERESH, name)
        name = _HEBREW_ARTICLE_RE.sub("\u05d0\u05dc-", name)
    name = name.translate(_NO_APOSTROPHES)  # O'NEILL is ONEILL
    for script, latin in latin_runs(name):
        words.extend((word, script) for word in fold(latin).split())
    words = _remove_honorifics(words)
    return tuple(_part(words, index) for index in range(len(words)))


def normalize(name: str) -> str:
    """The normalised form of a name: Latin capitals, no titles, particles folded.

    Args:
        name: a name in any script, e.g. ``"Dr. Abd-el-Rahman  EL Rashid"``.

    Returns:
        ``"ABD AL RAHMAN AL RASHID"``; idempotent.
    """
    return " ".join(part.text for part in name_parts(name))
