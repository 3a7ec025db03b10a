"""Container seal numbers (ISO 17712 high-security seals and others).

Seals carry no check digit and no common layout: a manufacturer prefix and a serial, often
printed with spaces or hyphens. We compare them without separators, upper case, and call a
number plausible when it has 4 to 20 letters and digits with at least three digits.
"""

from __future__ import annotations

import re

__all__ = ["Seal"]

_SEPARATORS = re.compile(r"[\s\-./]+")
_SHAPE = re.compile(r"[A-Z0-9]{4,20}")


class Seal:
    """The normalise / is_valid / format triad for seal numbers."""

    @classmethod
    def normalize(cls, text: str) -> str | None:
        value = _SEPARATORS.sub("", text).upper()
        return value if _SHAPE.fullmatch(value) else None

    @classmethod
    def is_valid(cls, text: str) -> bool:
        value = cls.normalize(text)
        return value is not None and sum(c.isdigit() for c in value) >= 3

    @classmethod
    def format(cls, text: str) -> str | None:
        return cls.normalize(text)
