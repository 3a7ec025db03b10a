"""Entity resolution: person mentions across records resolved into entities with Splink.

:func:`derive_frame` turns raw rows (role → text) into our derived columns (transliterated,
phonetic and skeleton name keys, date-of-birth parts, E.164 phones, document numbers, plates,
accounts); :func:`resolve` scores candidate pairs with a Fellegi-Sunter model on DuckDB (or
Spark), merges only at very high probability, keeps the rest as possible matches with their
match weights, and applies analyst judgements on top.
"""

from __future__ import annotations

from borderpost.intel.resolve.engines import ENGINES, EngineError
from borderpost.intel.resolve.features import ROLES, Phones, derive
from borderpost.intel.resolve.judgements import Judgement, Verdict, apply, standing
from borderpost.intel.resolve.pipeline import (
    MERGE,
    POSSIBLE,
    Pair,
    Reason,
    Resolution,
    derive_frame,
    resolve,
)

__all__ = [
    "ENGINES",
    "MERGE",
    "POSSIBLE",
    "ROLES",
    "EngineError",
    "Judgement",
    "Pair",
    "Phones",
    "Reason",
    "Resolution",
    "Verdict",
    "apply",
    "derive",
    "derive_frame",
    "resolve",
    "standing",
]
