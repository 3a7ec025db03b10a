"""IMO ship identification numbers: ``IMO`` and seven digits, the last a check digit (the
first six multiplied by 7, 6, 5, 4, 3, 2; the sum's last digit)."""

from __future__ import annotations

import re

__all__ = ["IMO", "imo_check_digit"]

_SHAPE = re.compile(r"(?:IMO)?([0-9]{7})")
_SEPARATORS = re.compile(r"[\s\-.:]+")


def imo_check_digit(first_six: str) -> int:
    return sum(int(d) * w for d, w in zip(first_six, range(7, 1, -1), strict=True)) % 10


class IMO:
    """The normalise / is_valid / format triad for IMO ship numbers."""

    @classmethod
    def normalize(cls, text: str) -> str | None:
        """The seven digits (``"IMO 9074729"`` gives ``"9074729"``); ``None`` if not shaped
        like one."""
        match = _SHAPE.fullmatch(_SEPARATORS.sub("", text).upper())
        return match.group(1) if match else None

    @classmethod
    def is_valid(cls, text: str) -> bool:
        value = cls.normalize(text)
        return value is not None and imo_check_digit(value[:6]) == int(value[6])

    @classmethod
    def format(cls, text: str) -> str | None:
        value = cls.normalize(text)
        return None if value is None else f"IMO {value}"
