"""Entity resolution: person mentions across records resolved into entities with Splink.

:func:`derive_frame` turns raw rows (role → text) into our derived columns (transliterated,
phonetic and skeleton name keys, date-of-birth parts, E.164 phones, document numbers, plates,
accounts); :func:`resolve` scores candidate pairs with a Fellegi-Sunter model on DuckDB (or
Spark), merges only at very high probability, keeps the rest as possible matches with their
match weights, and applies analyst judgements on top.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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

# pandas and Splink load only when a name is used (the CLI starts without them).
_WHERE = {
    "ENGINES": "borderpost.intel.resolve.engines",
    "EngineError": "borderpost.intel.resolve.engines",
    "Judgement": "borderpost.intel.resolve.judgements",
    "MERGE": "borderpost.intel.resolve.pipeline",
    "POSSIBLE": "borderpost.intel.resolve.pipeline",
    "Pair": "borderpost.intel.resolve.pipeline",
    "Phones": "borderpost.intel.resolve.features",
    "ROLES": "borderpost.intel.resolve.features",
    "Reason": "borderpost.intel.resolve.pipeline",
    "Resolution": "borderpost.intel.resolve.pipeline",
    "Verdict": "borderpost.intel.resolve.judgements",
    "apply": "borderpost.intel.resolve.judgements",
    "derive": "borderpost.intel.resolve.features",
    "derive_frame": "borderpost.intel.resolve.pipeline",
    "resolve": "borderpost.intel.resolve.pipeline",
    "standing": "borderpost.intel.resolve.judgements",
}


def __getattr__(name: str) -> Any:
    """Import a public name's module on first use (PEP 562)."""
    try:
        module = _WHERE[name]
    except KeyError:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}") from None
    return getattr(importlib.import_module(module), name)


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
