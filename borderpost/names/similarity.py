"""Similarity of two name parts, with the kind of evidence that supports it.

A part is prepared once (:func:`part_key`: its equivalence classes and phonetic keys); two
prepared parts are compared by :func:`part_similarity`, which takes the strongest evidence:

====================  ======  ==================================================================
evidence              score   when
====================  ======  ==================================================================
exact                 1.00    same folded spelling
equivalent            0.95    known spellings of one name (``data/equivalents.txt``)
skeleton              ≤0.92   one side written in Arabic or Hebrew and the consonant skeletons
                              agree (and the abjad side's written vowels appear in the other)
initial               0.80    one side is the other's initial (J ~ JOHN)
sound                 0.85    one side romanised from kana/Hangul and the loose keys agree
phonetic              ≥0.5+   same Metaphone key: raises the spelling score half-way to 1
fuzzy                 0..1    mean of Jaro-Winkler and optimal-string-alignment similarity
                              (edit distance counting a transposition as one edit; ``rapidfuzz``)
====================  ======  ==================================================================

Whole-name comparison asks only whether a pair reaches a floor (:func:`similar_enough`): most
pairs of unlike Latin parts are dismissed on their edit distance alone, which bounds the
spelling score, without the rest of the comparison; every pair it keeps has exactly the score
and evidence of :func:`part_similarity`.

Vowel-blind evidence is used only when a part came from a script that writes no short vowels
(between two Latin spellings the vowels are real information: MARIA is not MARIO), and not
when both parts are known names of different classes (HASSAN is not HUSSEIN, though both
have the skeleton HSN).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from functools import lru_cache

from rapidfuzz.distance import OSA, JaroWinkler

from borderpost.names.equivalents import equivalence_classes, is_subsequence
from borderpost.names.normalize import PartKind
from borderpost.names.phonetic import (
    CONFUSABLE_COST,
    coarse_skeleton,
    long_vowels,
    metaphone,
    skeleton,
    skeleton_distance,
    vowel_key,
    written_vowels,
)
from borderpost.names.scripts import ABJADS, Script

EQUIVALENT = 0.95
INITIAL = 0.80
SKELETON = 0.92
SKELETON_CONFUSABLE = 0.86
SKELETON_NEAR = 0.80
SKELETON_NEAR_SHORT = 0.76
SKELETON_SHORT = 0.82
KNOWN_APART = 0.70
SOUND = 0.85
VOWEL_MISMATCH = 0.08
ONE_EDIT = 0.76
_MIN_TYPO_LENGTH = 3
LONG_VOWEL = 0.05
_MIN_METAPHONE = 3
_MIN_COARSE = 3
_SPLIT_RE = re.compile("[TSKGDZCP]H")
_MIN_NEAR = 3
_MIN_VOWEL_SLACK = 6
_MARGIN = 1e-9  # rounding room for a bound on a float score
_SYLLABIC = frozenset({Script.KANA, Script.HANGUL, Script.HAN})
# How a part reads, appended to its text in its ``ident`` (texts are upper-case A-Z).
_READING = {(False, False): "", (True, False): "/a", (False, True): "/s", (True, True): "/as"}
_KIND_WEIGHT = {
    PartKind.NAME: 1.0,
    PartKind.PATRONYMIC: 0.7,
    PartKind.INITIAL: 0.5,
    PartKind.PARTICLE: 0.2,
}


class Evidence(StrEnum):
    """Why two name parts were found alike."""

    EXACT = "exact"
    EQUIVALENT = "equivalent"
    SKELETON = "consonant skeleton"
    INITIAL = "initial"
    SOUND = "sound"
    PHONETIC = "phonetic"
    FUZZY = "spelling"
    NONE = "different"


@dataclass(frozen=True, slots=True)
class PartKey:
    """A name part prepared for comparison (computed once, cached).

    Attributes:
        text: the folded part, e.g. ``"MHMD"``.
        kind: name, particle, initial or patronymic (from normalisation).
        abjad: transliterated from a script written without short vowels.
        syllabic: romanised from kana, Hangul or Han (syllables blur consonants).
        classes: equivalence classes (see :mod:`borderpost.names.equivalents`).
        metaphone: Metaphone key.
        weight: how much the part counts in a whole-name score.
        ident: what similarity depends on (the text and a mark of how it reads), the cache
            key of pairs: a string, whose hash Python keeps, so a pair's key hashes fast.
    """

    text: str
    kind: PartKind
    abjad: bool
    syllabic: bool
    classes: frozenset[int]
    metaphone: str
    weight: float
    ident: str = field(repr=False)

    # The keys only some comparisons read (vowel-blind ones need an abjad part, the loose key
    # a syllabic one), worked out when first read (cached per text) rather than for every
    # part of every name prepared.

    @property
    def skeleton(self) -> str:
        """The consonant skeleton."""
        return skeleton(self.text)

    @property
    def vowel_key(self) -> str:
        """The skeleton with vowel classes."""
        return vowel_key(self.text)

    @property
    def split_skeleton(self) -> str:
        """For an abjad part whose transliteration has a letter + H, the skeleton reading
        them as two consonants (else empty)."""
        return skeleton(self.text, split=True) if self._split else ""

    @property
    def split_vowel_key(self) -> str:
        """The vowel key read as :attr:`split_skeleton` is (else empty)."""
        return vowel_key(self.text, split=True) if self._split else ""

    @property
    def _split(self) -> bool:
        return self.abjad and _SPLIT_RE.search(self.text) is not None

    @property
    def coarse(self) -> str:
        """The loose consonant key."""
        return coarse_skeleton(self.text)


@lru_cache(maxsize=131072)
def part_key(text: str, kind: PartKind = PartKind.NAME, script: Script | None = None) -> PartKey:
    """Prepare one folded name part for comparison.

    Args:
        text: the part, upper-case A-Z, e.g. ``"MUHAMMAD"``.
        kind: its role in the name.
        script: the script it was transliterated from (None or LATIN for Latin input).

    Returns:
        The prepared part.
    """
    abjad = script in ABJADS
    return PartKey(
        text=text,
        kind=kind,
        abjad=abjad,
        syllabic=script in _SYLLABIC,
        classes=equivalence_classes(text, abjad=abjad),
        metaphone=metaphone(text),
        weight=_KIND_WEIGHT[kind],
        ident=text + _READING[abjad, script in _SYLLABIC],
    )


@lru_cache(maxsize=65536)
def vowels_fit(abjad: str, latin: str) -> bool:
    """Whether the vowels an abjad spelling writes appear, in order, in a Latin spelling.

    One written vowel may be missing from the Latin spelling (the article's alef in
    عبد الرحمن is ABDUL- as often as ABDAL-).

    Args:
        abjad: the vowel key of the abjad spelling, e.g. ``"HSIN"``.
        latin: the vowel key of the Latin spelling, e.g. ``"HUSIN"``.

    Returns:
        True when they fit.
    """
    if is_subsequence(abjad, latin):
        return True
    return (
        any(
            is_subsequence(abjad[:index] + abjad[index + 1 :], latin)
            for index in range(1, len(abjad))
            if abjad[index] in "AIU"
        )
        and len(abjad) >= _MIN_VOWEL_SLACK
    )


def _skeleton_score(left: PartKey, right: PartKey) -> float:
    """Vowel-blind similarity for a pair where at least one side is an abjad spelling."""
    score = _keys_score(left, right, left.skeleton, left.vowel_key, right.skeleton, right.vowel_key)
    for part, other in ((left, right), (right, left)):
        if part.split_skeleton:
            score = max(
                score,
                _keys_score(
                    part,
                    other,
                    part.split_skeleton,
                    part.split_vowel_key,
                    other.skeleton,
                    other.vowel_key,
                ),
            )
    return score


def _keys_score(
    left: PartKey,
    right: PartKey,
    left_skeleton: str,
    left_vowels: str,
    right_skeleton: str,
    right_vowels: str,
) -> float:
    if not left_skeleton or not right_skeleton:
        return 0.0
    longest = max(len(left_skeleton), len(right_skeleton))
    if left_skeleton == right_skeleton:
        score = SKELETON if longest > 1 else SKELETON_SHORT
    elif abs(len(left_skeleton) - len(right_skeleton)) > 1:
        return 0.0  # two insertions apart at least: neither confusable nor near
    else:
        distance = skeleton_distance(left_skeleton, right_skeleton)
        if distance <= CONFUSABLE_COST:
            return SKELETON_CONFUSABLE if longest >= _MIN_NEAR else SKELETON_SHORT
        if distance <= 1 and longest >= _MIN_NEAR:
            return SKELETON_NEAR if longest > _MIN_NEAR else SKELETON_NEAR_SHORT
        return 0.0
    if left.abjad and right.abjad:
        return score
    abjad_vowels, latin_vowels = (
        (left_vowels, right_vowels) if left.abjad else (right_vowels, left_vowels)
    )
    abjad, latin = (left, right) if left.abjad else (right, left)
    if not vowels_fit(abjad_vowels, latin_vowels):
        score -= VOWEL_MISMATCH
    unexplained = long_vowels(latin.text) - written_vowels(abjad.text)
    if unexplained > 0:
        score -= LONG_VOWEL * min(unexplained, 2)
    return score


# Part pairs met so far, by their idents: the score and evidence, or (a float) the ceiling
# under which :func:`similar_enough` dismissed the pair without the whole comparison.
_PAIR_CACHE: dict[tuple[str, str], tuple[float, Evidence] | float] = {}
_PAIR_CACHE_SIZE = 524288
# What is known of a part pair, by its idents: ``(score, evidence)``, a float ceiling under
# which the pair was dismissed (see :func:`similar_enough`), or None. For callers that look
# up many pairs in a loop (alignment) without a Python call per pair; the cache is cleared in
# place, so this stays valid.
known_pair = _PAIR_CACHE.get
DISMISSAL_MARGIN = _MARGIN


def _remember(key: tuple[str, str], value: tuple[float, Evidence] | float) -> None:
    if len(_PAIR_CACHE) >= _PAIR_CACHE_SIZE:
        _PAIR_CACHE.clear()  # bounded memory; hot pairs come back at once
    _PAIR_CACHE[key] = value


def forget_pairs() -> None:
    """Forget every part pair compared so far (to measure cold comparisons, and in tests)."""
    _PAIR_CACHE.clear()


def part_similarity(left: PartKey, right: PartKey) -> tuple[float, Evidence]:
    """How alike two prepared name parts are, and why.

    Symmetric: ``part_similarity(a, b)`` equals ``part_similarity(b, a)``.

    Args:
        left: a prepared part.
        right: another.

    Returns:
        ``(score, evidence)`` with the score in [0, 1].
    """
    key = (left.ident, right.ident)
    cached = _PAIR_CACHE.get(key)
    if isinstance(cached, tuple):
        return cached
    found = _similarity(left, right)
    _remember(key, found)
    return found


def similar_enough(left: PartKey, right: PartKey, floor: float) -> tuple[float, Evidence] | None:
    """:func:`part_similarity` when it reaches ``floor``, else None.

    Most parts two names offer each other are plainly unlike (AHMED and BROWN): for a pair
    of Latin spellings with no shared class, no Metaphone key in common and no single edit
    apart, the spelling score is all there is, and it cannot reach ``floor`` when the edit
    distance alone keeps it under (the Jaro-Winkler half counting as a full 1). Such pairs
    are dismissed on one edit distance (remembered) instead of the whole comparison.

    Args:
        left: a prepared part.
        right: another.
        floor: the least score of interest.

    Returns:
        ``(score, evidence)`` as :func:`part_similarity` gives it, or None below ``floor``.
    """
    key = (left.ident, right.ident)
    found = _PAIR_CACHE.get(key)
    if not isinstance(found, tuple):
        ceiling = _ceiling(left, right) if found is None else found
        if ceiling < floor - _MARGIN:
            if found is None:
                _remember(key, ceiling)
            return None
        found = _similarity(left, right)
        _remember(key, found)
    return found if found[0] >= floor else None


def _ceiling(left: PartKey, right: PartKey) -> float:
    """A score :func:`_similarity` surely does not exceed, read from the spelling alone
    (see :func:`similar_enough`); 1.0 whenever any other evidence could apply."""
    a, b = left.text, right.text
    if (
        a == b
        or len(a) < 2
        or len(b) < 2
        or left.abjad
        or right.abjad
        or left.syllabic
        or right.syllabic
        or not left.classes.isdisjoint(right.classes)
        or (left.metaphone == right.metaphone and len(left.metaphone) >= _MIN_METAPHONE)
    ):
        return 1.0
    distance = OSA.distance(a, b)
    if distance <= 1:
        return 1.0  # possibly one slip of the keyboard (ONE_EDIT)
    # The spelling score is the mean of Jaro-Winkler (at most 1) and 1 - distance / longest.
    return (1.0 + (1.0 - distance / max(len(a), len(b)))) / 2


def _similarity(left: PartKey, right: PartKey) -> tuple[float, Evidence]:
    if left.text == right.text:
        return 1.0, Evidence.EXACT
    if not left.classes.isdisjoint(right.classes):
        return EQUIVALENT, Evidence.EQUIVALENT
    if len(left.text) == 1 or len(right.text) == 1:
        short, long = (left, right) if len(left.text) == 1 else (right, left)
        if len(long.text) > 1 and long.text[0] == short.text:
            return INITIAL, Evidence.INITIAL
        return 0.0, Evidence.NONE
    best = (
        JaroWinkler.normalized_similarity(left.text, right.text)
        + OSA.normalized_similarity(left.text, right.text)
    ) / 2
    if min(len(left.text), len(right.text)) >= _MIN_TYPO_LENGTH:
        # One slip of the keyboard (a letter wrong, missing, extra or two swapped) in a short
        # part costs as much as in a long one: KMI is KIM, RUY is RYU.
        best = max(best, ONE_EDIT if OSA.distance(left.text, right.text) == 1 else 0.0)
    evidence = Evidence.FUZZY
    known_apart = bool(left.classes and right.classes)  # and disjoint: checked above
    abjad = left.abjad or right.abjad
    if not abjad and left.metaphone == right.metaphone and len(left.metaphone) >= _MIN_METAPHONE:
        raised = 0.5 + best / 2
        if raised > best:
            best, evidence = raised, Evidence.PHONETIC
    if abjad and not known_apart:
        vowel_blind = _skeleton_score(left, right)
        if vowel_blind > best:
            best, evidence = vowel_blind, Evidence.SKELETON
    syllabic = left.syllabic or right.syllabic
    if (
        syllabic
        and left.coarse == right.coarse
        and len(left.coarse) >= _MIN_COARSE
        and best < SOUND
    ):
        best, evidence = SOUND, Evidence.SOUND
    if known_apart and best > KNOWN_APART:
        best = KNOWN_APART  # two known names of different classes (CHENG is not CHANG)
    return best, evidence
