"""Cheap phonetic keys of one folded name part (upper-case A-Z).

* :func:`metaphone` and :func:`nysiis` (``jellyfish``) for Latin spellings of one sound.
* :func:`skeleton`: the consonant skeleton, a vowel-blind key shared by Latin spellings and
  transliterated Arabic/Hebrew, which write no short vowels. Consonants fold into classes
  that the two writing traditions confuse (B/P, F/V, G/J/GH/DJ, K/Q/C/KH, SH/CH/TCH), vowels
  drop except one at the start (written as ``A``), doubles collapse, a final H drops, an L
  before a "sun" consonant drops (the Arabic article assimilates: ABDERRAHMANE):
  MOHAMMED, MUHAMMAD and محمد (MHMD) all give ``MHMD``.
* :func:`vowel_key`: the skeleton with vowels kept as three classes (A; E/I/Y; O/U/W), used
  to check that the long vowels an abjad spelling writes appear in a Latin spelling.
* :func:`coarse_skeleton`: a looser key (voicing and L/R merged) for kana and Hangul, whose
  syllables blur those contrasts: BEULLADIMIREU and VLADIMIR both give ``PLTML``.
"""

from __future__ import annotations

import re
from functools import lru_cache
from itertools import groupby
from operator import itemgetter

import jellyfish

_VOWELS = frozenset("AEIOU")
_SUN = frozenset("TDRZSXNL")

# Multi-letter spellings first; each maps to one class letter.
_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("TSCH", "X"),
    ("SCH", "X"),
    ("TCH", "X"),
    ("TSH", "X"),
    ("DZH", "J"),
    ("CH", "X"),
    ("SH", "X"),
    ("ZH", "J"),
    ("DJ", "J"),
    ("KH", "K"),
    ("GH", "J"),
    ("PH", "F"),
    ("TH", "T"),
    ("DH", "D"),
    ("CK", "K"),
)
_DIGRAPH_RE = re.compile("|".join(d for d, _c in _DIGRAPHS))
_DIGRAPH_MAP = dict(_DIGRAPHS)
_SPLIT_RE = re.compile("([TSKGDZCP])H")
# Single letters folded onto their class (a C left after the soft C is hard: K).
_SINGLE = str.maketrans("PVGQC", "BFJKK")
_SOFT_C_RE = re.compile("C(?=[EIY])")
_COARSE = str.maketrans("BFVWDGCQXJZR", "PPPPTKKKKSSL")
# After the first letter the coarse key drops vowels and H, Y, W as well.
_COARSE_AFTER_FIRST = str.maketrans("BFVDGCQXJZR", "PPPTKKKKSSL", "AEIOUHYW")
_COARSE_DIGRAPHS = {"CH": "S", "SH": "S", "TS": "S", "TH": "T", "PH": "P", "KH": "K", "GH": "K"}
_COARSE_DIGRAPH_RE = re.compile("|".join(_COARSE_DIGRAPHS))
# After the first letter the skeleton drops vowels, Y and W; the vowel key keeps three
# vowel classes (A; E, I, Y as I; O, U, W as U).
_DROP_VOWELS_YW = str.maketrans("", "", "AEIOUYW")
_VOWEL_CLASSES = str.maketrans("EIYOUW", "IIIUUU")
_RUN_RE = re.compile(r"(.)\1", re.DOTALL)
# An L (not first) before a sun consonant, which the Arabic article assimilates.
_ASSIMILATED_L_RE = re.compile("(?<=.)L(?=[TDRZSXNL])", re.DOTALL)


@lru_cache(maxsize=16384)
def _classes(token: str, split: bool = False) -> str:
    """Fold a token into class letters, keeping vowels (and non-initial Y/W) as themselves.

    With ``split``, a letter + H is read as two consonants (س+ح written SH, not ش). Cached:
    the skeleton and the vowel key of a part are both read from it.
    """
    # Latin X is KS (ALEXANDER = ALEKSANDR); class X is the SH sound.
    token = token.replace("X", "KS")
    if split:
        token = _SPLIT_RE.sub(r"\1'H", token)
    token = _DIGRAPH_RE.sub(_digraph_class, token).replace("'", "")
    # C is soft before E, I, Y (CESAR: S) and hard elsewhere (CARLOS: K).
    return _SOFT_C_RE.sub("S", token).translate(_SINGLE)


def _digraph_class(match: re.Match[str]) -> str:
    return _DIGRAPH_MAP[match.group(0)]


def _collapse(text: str) -> str:
    """Runs of one letter as one letter (MM -> M)."""
    if _RUN_RE.search(text) is None:
        return text
    return "".join(map(itemgetter(0), groupby(text)))


@lru_cache(maxsize=65536)
def skeleton(token: str, *, split: bool = False) -> str:
    """The consonant skeleton of a folded name part.

    Args:
        token: one name part in upper-case A-Z, e.g. ``"MUHAMMAD"`` or ``"MHMD"``.
        split: read a letter + H as two consonants: an abjad transliteration writes س+ح
            (SAHRAOUI, صحراوي) as SH, like ش.

    Returns:
        The vowel-blind key, e.g. ``"MHMD"``; ``"A"`` marks an initial vowel (OMAR and
        عمر both give ``"AMR"``). Empty for an empty token.
    """
    classes = _classes(token, split)
    if not classes:
        return ""
    first = "A" if classes[0] in _VOWELS else classes[0]
    out = _collapse(first + classes[1:].translate(_DROP_VOWELS_YW))
    if len(out) > 1 and out[-1] == "H":
        out = out[:-1]
    # Collapse doubles created by dropping vowels (MOHAMAD -> MHMD already; HASSAN -> HSN).
    return _collapse(_unassimilate(out))


def _unassimilate(classes: str) -> str:
    """Drop an L before a "sun" consonant, where Arabic assimilates the article's L.

    ABD AL RAHMAN is also written ABDERRAHMANE, SAYF AL DIN also SAIFUDDIN: without the L
    both give the same key.
    """
    return _ASSIMILATED_L_RE.sub("", classes) if "L" in classes else classes


@lru_cache(maxsize=65536)
def vowel_key(token: str, *, split: bool = False) -> str:
    """The skeleton with vowels kept as classes: ``A``; ``I`` for E, I, Y; ``U`` for O, U, W.

    Args:
        token: one folded name part.
        split: read a letter + H as two consonants (see :func:`skeleton`).

    Returns:
        The key, e.g. ``"AMAR"`` for OMAR (an initial vowel is always ``A``), ``"HUSIN"`` for
        HUSSEIN; doubles collapse; unlike the skeleton, a final H stays (عبدالله has one).
    """
    classes = _classes(token, split)
    if not classes:
        return ""
    first = "A" if classes[0] in _VOWELS else classes[0]
    return _unassimilate(_collapse(first + classes[1:].translate(_VOWEL_CLASSES)))


def long_vowels(token: str) -> int:
    """How many vowel groups of two or more letters (EE, EI, OU, AY...) a Latin spelling has.

    Arabic and Hebrew write long vowels; a Latin spelling's doubled vowels usually stand for
    them, so HUSSEIN (EI) is not what an abjad spelling without a vowel letter says.

    Args:
        token: one folded name part.

    Returns:
        The number of such groups (a non-initial Y or W counts as a vowel).
    """
    count = 0
    run = 0
    for index, char in enumerate(token):
        if char in _VOWELS or (index > 0 and char in ("Y", "W")):
            run += 1
        else:
            count += run >= 2
            run = 0
    return count + (run >= 2)


def written_vowels(token: str) -> int:
    """How many vowel letters follow the first letter of a (transliterated) spelling.

    Args:
        token: one folded name part, e.g. ``"HSIN"`` (حسين).

    Returns:
        The count of A, E, I, O, U (and Y, W) after the first letter.
    """
    return sum(1 for char in token[1:] if char in _VOWELS or char in ("Y", "W"))


@lru_cache(maxsize=65536)
def coarse_skeleton(token: str) -> str:
    """A loose consonant key for syllabic romanisations (kana, Hangul): voicing and L/R merged.

    Args:
        token: one folded name part.

    Returns:
        E.g. ``"PLTML"`` for both VLADIMIR and BEULLADIMIREU, ``"KM"`` for KIM and GIM.
    """
    plain = _COARSE_DIGRAPH_RE.sub(_coarse_digraph_class, token)
    if not plain:
        return ""
    first = "A" if plain[0] in _VOWELS else plain[0].translate(_COARSE)
    return _unassimilate(_collapse(first + plain[1:].translate(_COARSE_AFTER_FIRST)))


def _coarse_digraph_class(match: re.Match[str]) -> str:
    return _COARSE_DIGRAPHS[match.group(0)]


@lru_cache(maxsize=65536)
def metaphone(token: str) -> str:
    """The Metaphone key of a name part (``jellyfish``).

    Args:
        token: one folded name part.

    Returns:
        E.g. ``"PTN"`` for both PUTIN and POUTINE.
    """
    return str(jellyfish.metaphone(token)).upper()


@lru_cache(maxsize=65536)
def nysiis(token: str) -> str:
    """The NYSIIS key of a name part (``jellyfish``).

    Args:
        token: one folded name part.

    Returns:
        E.g. ``"PATAN"`` for both PUTIN and POUTINE.
    """
    return str(jellyfish.nysiis(token)) if token else ""


# Consonant classes that Arabic-Latin (and Persian, Turkish, Spanish, German) spellings swap:
# ض ذ ظ are D, DH or Z; ث is TH or S; ق and غ are Q, G or K; خ is KH or H; و is W or V.
_CONFUSABLE = frozenset(
    frozenset(pair) for pair in ("DZ", "TS", "TD", "SZ", "KJ", "HK", "FW", "FB", "JY", "XS", "XJ")
)
CONFUSABLE_COST = 0.5
# The same pairs as two-letter strings, both ways round (looked up for every cell of the
# distance table).
CONFUSABLE_PAIRS = frozenset(a + b for pair in _CONFUSABLE for a in pair for b in pair if a != b)


@lru_cache(maxsize=65536)
def skeleton_distance(left: str, right: str) -> float:
    """Edit distance between two skeletons where a swap of confusable classes costs 0.5.

    Confusable: D/Z, T/S, T/D, S/Z, K/J (Q as G), H/K (KH as H), F/W, F/B, J/Y, SH/S, SH/J.

    Args:
        left: a skeleton, e.g. ``"FDL"`` (فضل).
        right: another, e.g. ``"FZL"`` (FAZL).

    Returns:
        The weighted distance, e.g. 0.5.
    """
    previous = [float(i) for i in range(len(right) + 1)]
    for i, a in enumerate(left, start=1):
        current = [float(i)]
        for j, b in enumerate(right, start=1):
            if a == b:
                swap = 0.0
            elif a + b in CONFUSABLE_PAIRS:
                swap = CONFUSABLE_COST
            else:
                swap = 1.0
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + swap))
        previous = current
    return previous[-1]
