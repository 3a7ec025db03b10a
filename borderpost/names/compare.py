"""Whole-name comparison: a score in [0, 1] and a reason an officer can read.

A name is prepared once (:func:`prepare` gives a :class:`NameKey`, cached): its parts, their
keys, and the "units" that comparison aligns, which are single parts and runs of two or three
adjacent parts written together (so ABDUL RAHMAN meets ABDULRAHMAN, AL RASHID meets ALRASHID).
:func:`compare` then

1. scores every unit of one name against every unit of the other
   (:func:`borderpost.names.similarity.part_similarity`, through
   :func:`~borderpost.names.similarity.similar_enough`), never a run against a run;
2. aligns them greedily, best pair first, each part used once, in any order
   (PUTIN, VLADIMIR ~ VLADIMIR PUTIN), retrying with each run of words placed first and
   keeping the alignment that covers most; pairs under :data:`PART_MATCH` are not aligned,
   nor runs under :data:`MERGE_MATCH` or of unlike length
   (:mod:`borderpost.names.alignment`);
3. scores the alignment as a weighted mean of the aligned pairs, where parts left over count
   against it: a left-over part facing a left-over part on the other side is a conflict
   (weight 1.5: JOHN SMITH vs JOHN BROWN), a part with no counterpart is a missing part (a
   middle name: weight 0.3; a patronymic or initial: 0.1; a particle: 0.05);
4. caps a match resting on one part when either name has two or more (PUTIN vs
   VLADIMIR PUTIN is at most :data:`ONE_PART_CAP`), and one resting on initials only.

The comparison is symmetric: ``compare(a, b).score == compare(b, a).score``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple

from borderpost.names.alignment import (
    Pair,
    Unit,
    align,
)
from borderpost.names.normalize import PartKind, name_parts
from borderpost.names.scripts import Script, detect_scripts
from borderpost.names.similarity import (
    Evidence,
    PartKey,
    part_key,
)

ONE_PART_CAP = 0.7
INITIALS_ONLY_CAP = 0.5
CONFLICT_PENALTY = 1.5
_UNDER_CAPS = min(ONE_PART_CAP, INITIALS_ONLY_CAP)
# how a capped comparison says so
INITIALS_ONLY_NOTE = f"capped at {INITIALS_ONLY_CAP}: only initials agree"
ONE_PART_NOTE = f"capped at {ONE_PART_CAP}: only one name part agrees"
_MISSING_PENALTY = {
    PartKind.NAME: 0.3,
    PartKind.PATRONYMIC: 0.1,
    PartKind.INITIAL: 0.1,
    PartKind.PARTICLE: 0.05,
}
_PARTICLE = PartKind.PARTICLE
_NAME = PartKind.NAME
_INITIAL = PartKind.INITIAL
_PARTICLE_PENALTY = _MISSING_PENALTY[PartKind.PARTICLE]
# A name part missing at either end of a name (KIM of KIM MIN CHOL) is more often a
# different person than a middle name left out: it costs this much more.
EDGE_FACTOR = 2.0
_MAX_RUN = 3
_MAX_RUN_CHARS = 24


class LeftOver(NamedTuple):
    """A part as it counts against a score when no part of the other name is aligned with it
    (worked out once per part when the name is prepared).

    Attributes:
        part: the prepared part.
        at_edge: whether it stands first or last in its name.
        named: not a particle (a left-over particle costs :data:`_PARTICLE_PENALTY`).
        weight: the part's weight (a conflict costs the mean of two such weights).
        missing: what it costs when nothing faces it (its kind's penalty times its weight,
            twice that for a name part of three letters or more at an end of its name).
    """

    part: PartKey
    at_edge: bool
    named: bool
    weight: float
    missing: float


def _left_over_part(part: PartKey, at_edge: bool) -> LeftOver:
    edge = EDGE_FACTOR if at_edge and part.kind is _NAME and len(part.text) > 2 else 1.0
    missing = _MISSING_PENALTY[part.kind] * part.weight * edge
    return LeftOver(part, at_edge, part.kind is not _PARTICLE, part.weight, missing)


@dataclass(frozen=True, slots=True)
class NameKey:
    """A name prepared for fast comparison (see :func:`prepare`).

    Attributes:
        original: the name as given.
        normalized: its normalised form (see :func:`borderpost.names.normalize.normalize`).
        parts: one prepared key per part.
        units: the parts plus runs of adjacent parts written together.
    """

    original: str
    normalized: str
    parts: tuple[PartKey, ...]
    units: tuple[Unit, ...]
    named: int = 0  # parts that are not particles
    # derived from ``units``: the units with their positions, all of them and the single
    # parts only (a run of words is never paired with a run: alignment walks these instead
    # of checking each pair)
    numbered: tuple[tuple[int, Unit], ...] = field(init=False, repr=False, compare=False)
    numbered_singles: tuple[tuple[int, Unit], ...] = field(init=False, repr=False, compare=False)
    # each part with its bit, as it counts when left over (see :class:`LeftOver`)
    edged: tuple[tuple[int, LeftOver], ...] = field(init=False, repr=False, compare=False)

    @property
    def scripts(self) -> frozenset[Script]:
        """The scripts the name was written in (worked out when asked: comparison does not
        read them)."""
        return detect_scripts(self.original)

    def __post_init__(self) -> None:
        last = len(self.parts) - 1
        edged = tuple(
            (1 << i, _left_over_part(p, i in (0, last))) for i, p in enumerate(self.parts)
        )
        numbered = tuple(enumerate(self.units))
        object.__setattr__(self, "numbered", numbered)
        object.__setattr__(self, "numbered_singles", tuple(u for u in numbered if not u[1].run))
        object.__setattr__(self, "edged", edged)


@dataclass(frozen=True, slots=True)
class PartMatch:
    """Two aligned units and why they match.

    Attributes:
        left: the unit of the first name, e.g. ``"MOHAMED"`` or ``"ABDUL RAHMAN"``.
        right: the unit of the second name.
        score: their similarity.
        evidence: the kind of evidence (exact, equivalent, skeleton, ...).
    """

    left: str
    right: str
    score: float
    evidence: Evidence

    def describe(self) -> str:
        """The pair as a reason fragment, e.g. ``"MOHAMED=MUHAMMAD (equivalent)"``."""
        joined = " (merged)" if " " in self.left or " " in self.right else ""
        return f"{self.left}={self.right} ({self.evidence}{joined}, {self.score:.2f})"


@dataclass(frozen=True, slots=True)
class NameComparison:
    """The outcome of comparing two names.

    Attributes:
        left: the first name as given.
        right: the second name as given.
        score: similarity in [0, 1].
        matches: aligned pairs, in the order of the first name.
        left_over_left: parts of the first name not aligned.
        left_over_right: parts of the second name not aligned.
        capped: a note when a cap limited the score, else empty.
    """

    left: str
    right: str
    score: float
    matches: tuple[PartMatch, ...]
    left_over_left: tuple[str, ...]
    left_over_right: tuple[str, ...]
    capped: str

    @property
    def reason(self) -> str:
        """A human-readable account, e.g.
        ``"'MOHAMED ALI' ~ 'MUHAMMAD ALI': parts aligned MOHAMED=MUHAMMAD (equivalent, 0.95),
        ALI=ALI (exact, 1.00); score 0.97"``."""
        text = f"'{self.left}' ~ '{self.right}': "
        if self.matches:
            text += "parts aligned " + ", ".join(m.describe() for m in self.matches)
        else:
            text += "no parts aligned"
        if self.left_over_left:
            text += f"; only in first: {' '.join(self.left_over_left)}"
        if self.left_over_right:
            text += f"; only in second: {' '.join(self.left_over_right)}"
        if self.capped:
            text += f"; {self.capped}"
        return f"{text}; score {self.score:.2f}"


def _single(key: PartKey, index: int, label: str) -> Unit:
    """The unit of one part."""
    particle = key.kind is PartKind.PARTICLE
    return Unit(
        key, index, index + 1, label, False, particle, key.weight, 0 if particle else 1, 1 << index
    )


def _run(span: tuple[PartKey, ...], key: PartKey, start: int, label: str) -> Unit:
    """The unit of a run of parts read as one word (``key`` is the joined part)."""
    return Unit(
        key,
        start,
        start + len(span),
        label,
        True,  # a run
        key.kind is PartKind.PARTICLE,
        max([p.weight for p in span]),
        len([p for p in span if p.kind is not PartKind.PARTICLE]),
        ((1 << len(span)) - 1) << start,
    )


def _units(parts: tuple[PartKey, ...], texts: tuple[str, ...]) -> tuple[Unit, ...]:
    units = [_single(key, index, texts[index]) for index, key in enumerate(parts)]
    count = len(parts)
    if count < 2:
        return tuple(units)
    kinds = [p.kind for p in parts]
    for size in range(2, _MAX_RUN + 1):
        for start in range(count - size + 1):
            end = start + size
            if kinds[end - 1] is _PARTICLE:
                continue  # a particle joins the word after it (AL RASHID), never the one before
            run_kinds = kinds[start:end]
            if _INITIAL in run_kinds:
                continue  # an initial is never written joined to a word
            if size == _MAX_RUN and _PARTICLE not in run_kinds:
                continue  # three words read as one only around a particle (SAIF AL DIN)
            joined = "".join(texts[start:end])
            if len(joined) > _MAX_RUN_CHARS:
                continue
            run = parts[start:end]
            abjad = any(p.abjad for p in run)
            syllabic = any(p.syllabic for p in run)
            script = Script.ARABIC if abjad else Script.HANGUL if syllabic else None
            key = part_key(joined, PartKind.NAME, script)
            units.append(_run(run, key, start, " ".join(texts[start:end])))
    return tuple(units)


@lru_cache(maxsize=65536)
def prepare(name: str) -> NameKey:
    """Prepare a name for comparison: normalise, transliterate, key every part (cached).

    Args:
        name: a name in any script, e.g. ``"Mohamed Ali"`` or ``"محمد علي"``.

    Returns:
        The prepared name; reuse it to compare one name against many.
    """
    parts = name_parts(name)
    keys = tuple(part_key(p.text, p.kind, p.script) for p in parts)
    texts = tuple(p.text for p in parts)
    return NameKey(
        original=name,
        normalized=" ".join(texts),
        parts=keys,
        units=_units(keys, texts),
        named=sum(1 for p in parts if p.kind is not PartKind.PARTICLE),
    )


def _score(
    left: NameKey,
    right: NameKey,
    pairs: list[Pair],
    rest_left: list[LeftOver],
    rest_right: list[LeftOver],
) -> tuple[float, str]:
    """Weighted mean of the aligned pairs; left-over parts count against it."""
    matched = 0.0
    total = 0.0
    for a, b, score, _evidence in pairs:
        weight = (a.weight + b.weight) / 2
        matched += weight * score
        total += weight
    if rest_left or rest_right:
        named_left = [r for r in rest_left if r.named]
        named_right = [r for r in rest_right if r.named]
        if len(named_left) > 1:
            named_left.sort(key=_heavy)
        if len(named_right) > 1:
            named_right.sort(key=_heavy)
        # a left-over part facing a left-over part is a conflict, heaviest with heaviest
        conflicts = min(len(named_left), len(named_right))
        for t in range(conflicts):
            total += CONFLICT_PENALTY * (named_left[t].weight + named_right[t].weight) / 2
        for extras in (named_left, named_right):
            for t in range(conflicts, len(extras)):
                total += extras[t].missing
        # each left-over particle costs the same: added one by one, as the sum always was
        for _particle in range(
            len(rest_left) + len(rest_right) - len(named_left) - len(named_right)
        ):
            total += _PARTICLE_PENALTY
    if total == 0.0:
        return 0.0, ""
    score = matched / total
    if score <= _UNDER_CAPS:
        return score, ""  # no cap can lower it (most candidates of a clean traveller)
    covered = 0
    initials_only = True
    for a, b, _s, _e in pairs:
        covered += max(a.named, b.named)
        if (
            initials_only
            and a.named
            and b.named
            and left.parts[a.start].kind is not _INITIAL
            and right.parts[b.start].kind is not _INITIAL
        ):
            initials_only = False
    if covered and initials_only and score > INITIALS_ONLY_CAP:
        return INITIALS_ONLY_CAP, INITIALS_ONLY_NOTE
    named = max(left.named, right.named)
    if covered <= 1 and named >= 2 and score > ONE_PART_CAP:
        return ONE_PART_CAP, ONE_PART_NOTE
    return score, ""


def _heavy(rest: LeftOver) -> float:
    return -rest.weight


def left_over(name: NameKey, used: int) -> list[LeftOver]:
    """The parts of ``name`` not aligned (``used``: a bit per part aligned, as
    :func:`borderpost.names.alignment.align` gives them), as they count against a score."""
    return [rest for bit, rest in name.edged if not used & bit]


class ScoredNames(NamedTuple):
    """Two names' score, and what explains it: :meth:`explain` gives the
    :class:`NameComparison` (screening scores many names and explains only its hits).

    A named tuple, not a frozen dataclass: screening makes one per candidate name, and a
    tuple is made several times faster.

    Attributes:
        score: the similarity in [0, 1], as :attr:`NameComparison.score`.
        left: the first name, prepared.
        right: the second name, prepared.
    """

    score: float
    left: NameKey
    right: NameKey
    # the alignment, in the order the names were aligned (see ``swapped``)
    pairs: list[Pair]
    rest_first: list[LeftOver]
    rest_second: list[LeftOver]
    swapped: bool
    capped: str = ""

    def explain(self) -> NameComparison:
        """The comparison with its aligned parts and readable reason."""
        pairs, rest_first, rest_second = self.pairs, self.rest_first, self.rest_second
        if self.swapped:
            pairs = [(y, x, s, e) for x, y, s, e in pairs]
            rest_first, rest_second = rest_second, rest_first
        ordered = sorted(pairs, key=lambda pair: pair[0].start)
        return NameComparison(
            left=self.left.normalized,
            right=self.right.normalized,
            score=self.score,
            matches=tuple(PartMatch(x.label, y.label, s, e) for x, y, s, e in ordered),
            left_over_left=tuple(rest.part.text for rest in rest_first),
            left_over_right=tuple(rest.part.text for rest in rest_second),
            capped=self.capped,
        )


def score_names(left: NameKey | str, right: NameKey | str) -> ScoredNames:
    """:func:`compare` without building the explanation until it is asked for.

    Args:
        left: a name or a prepared name.
        right: another.

    Returns:
        The score, and :meth:`ScoredNames.explain` for the comparison in full.
    """
    a = prepare(left) if isinstance(left, str) else left
    b = prepare(right) if isinstance(right, str) else right
    swapped = (b.normalized, b.original) < (a.normalized, a.original)
    first, second = (b, a) if swapped else (a, b)
    pairs, used_first, used_second = align(first, second)
    rest_first = left_over(first, used_first)
    rest_second = left_over(second, used_second)
    score, capped = _score(first, second, pairs, rest_first, rest_second)
    return ScoredNames(round(score, 4), a, b, pairs, rest_first, rest_second, swapped, capped)


def compare(left: NameKey | str, right: NameKey | str) -> NameComparison:
    """Compare two names in any scripts and explain the score.

    Args:
        left: a name or a prepared name, e.g. ``"MOHAMED ALI"``.
        right: another, e.g. ``"Muhammad Ali"`` or ``"محمد علي"``.

    Returns:
        The score in [0, 1], the aligned parts and a readable :attr:`NameComparison.reason`,
        e.g. ``"'MOHAMED ALI' ~ 'MUHAMMAD ALI': parts aligned MOHAMED=MUHAMMAD (equivalent,
        0.95), ALI=ALI (exact, 1.00); score 0.97"``.
    """
    return score_names(left, right).explain()


def name_score(left: NameKey | str, right: NameKey | str) -> float:
    """The similarity of two names, without the explanation (see :func:`compare`).

    Args:
        left: a name or prepared name.
        right: another.

    Returns:
        The score in [0, 1].
    """
    return score_names(left, right).score
