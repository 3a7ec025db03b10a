"""Names: normalisation, script detection, transliteration, phonetic keys and comparison.

Typical use by a screening engine::

    from borderpost.names import compare, prepare

    entry = prepare("Mohammed bin Rashid Al-Maktoum")  # once per list entry
    result = compare(prepare(traveller_name), entry)    # per candidate
    result.score, result.reason

Scoring many candidates, ``score_names(query, entry)`` gives the same score without building
the explanation; its ``explain()`` gives the :class:`NameComparison` for the few that matter.
"""

from borderpost.names.compare import (
    NameComparison,
    NameKey,
    PartMatch,
    ScoredNames,
    compare,
    name_score,
    prepare,
    score_names,
)
from borderpost.names.equivalents import are_equivalent, canonical, equivalence_classes
from borderpost.names.kana import foreign_readings
from borderpost.names.normalize import NamePart, PartKind, fold, name_parts, normalize
from borderpost.names.phonetic import coarse_skeleton, metaphone, nysiis, skeleton, vowel_key
from borderpost.names.scripts import (
    Script,
    detect_scripts,
    dominant_script,
    script_of,
    script_runs,
)
from borderpost.names.similarity import (
    Evidence,
    PartKey,
    forget_pairs,
    part_key,
    part_similarity,
)
from borderpost.names.translit import latin_runs, to_latin, to_mrz

__all__ = [
    "Evidence",
    "NameComparison",
    "NameKey",
    "NamePart",
    "PartKey",
    "PartKind",
    "PartMatch",
    "ScoredNames",
    "Script",
    "are_equivalent",
    "canonical",
    "coarse_skeleton",
    "compare",
    "detect_scripts",
    "dominant_script",
    "equivalence_classes",
    "fold",
    "foreign_readings",
    "forget_pairs",
    "latin_runs",
    "metaphone",
    "name_parts",
    "name_score",
    "normalize",
    "nysiis",
    "part_key",
    "part_similarity",
    "prepare",
    "score_names",
    "script_of",
    "script_runs",
    "skeleton",
    "to_latin",
    "to_mrz",
    "vowel_key",
]
