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
_SINGLE = {"P": "B", "V": "F", "G": "J", "Q": "K"}
_SOFT_C_BEFORE = frozenset("EIY")
_COARSE = str.maketrans("BFVWDGCQXJZR", "PPPPTKKKKSSL")
_COARSE_DIGRAPHS = {"CH": "S", "SH": "S", "TS": "S", "TH": "T", "PH": "P", "KH": "K", "GH": "K"}
_COARSE_DIGRAPH_RE = re.compile("|".join(_COARSE_DIGRAPHS))


def _classes(token: str, split: bool = False) -> list[str]:
    """Fold a token into class letters, keeping vowels (and non-initial Y/W) as themselves.

    With ``split``, a letter + H is read as two consonants (س+ح written SH, not ش).
    """
    # Latin X is KS (ALEXANDER = ALEKSANDR); class X is the SH sound.
    token = token.replace("X", "KS")
    if split:
        token = _SPLIT_RE.sub(lambda m: m.group(1) + "'H", token)
    token = _DIGRAPH_RE.sub(lambda m: _DIGRAPH_MAP[m.group(0)], token).replace("'", "")
    out: list[str] = []
    for index, char in enumerate(token):
        if char == "C":
            nxt = token[index + 1] if index + 1 < len(token) else ""
            out.append("S" if nxt in _SOFT_C_BEFORE else "K")
        else:
            out.append(_SINGLE.get(char, char))
    return out


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
    out: list[str] = []
    for index, char in enumerate(classes):
        if index == 0:
            out.append("A" if char in _VOWELS else char)
        elif char in _VOWELS or char in ("Y", "W"):
            continue
        elif out[-1] != char:
            out.append(char)
    if len(out) > 1 and out[-1] == "H":
        out.pop()
    out = _unassimilate(out)
    # Collapse doubles created by dropping vowels (MOHAMAD -> MHMD already; HASSAN -> HSN).
    collapsed = [c for i, c in enumerate(out) if i == 0 or c != out[i - 1]]
    return "".join(collapsed)


def _unassimilate(classes: list[str]) -> list[str]:
    """Drop an L before a "sun" consonant, where Arabic assimilates the article's L.

    ABD AL RAHMAN is also written ABDERRAHMANE, SAYF AL DIN also SAIFUDDIN: without the L
    both give the same key.
    """
    return [
        c
        for i, c in enumerate(classes)
        if not (c == "L" and 0 < i < len(classes) - 1 and classes[i + 1] in _SUN)
    ]


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
    out: list[str] = []
    for index, char in enumerate(classes):
        if index == 0 and char in _VOWELS:
            value = "A"
        elif index > 0 and char in ("E", "I", "Y"):
            value = "I"
        elif index > 0 and char in ("O", "U", "W"):
            value = "U"
        else:
            value = char
        if not out or out[-1] != value:
            out.append(value)
    return "".join(_unassimilate(out))


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
    plain = _COARSE_DIGRAPH_RE.sub(lambda m: _COARSE_DIGRAPHS[m.group(0)], token)
    out: list[str] = []
    for index, char in enumerate(plain):
        if index == 0 and char in _VOWELS:
            value = "A"
        elif char in _VOWELS or (char in ("H", "Y", "W") and index > 0):
            continue
        else:
            value = char.translate(_COARSE)
        if not out or out[-1] != value:
            out.append(value)
    return "".join(_unassimilate(out))


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
            elif frozenset((a, b)) in _CONFUSABLE:
                swap = CONFUSABLE_COST
            else:
                swap = 1.0
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + swap))
        previous = current
    return previous[-1]
