"""ISO 6346 freight container numbers: owner code, category, serial number, check digit.

``CSQU 305438 3``: three letters of the owner code (registered with the BIC), the equipment
category (``U`` freight container, ``J`` detachable equipment, ``Z`` trailer or chassis), six
serial digits and a check digit. The check digit: letters take the values 10-38 skipping
multiples of 11 (A=10, B=12, ... Z=38), digits their own; each of the first ten characters is
multiplied by 2 to the power of its position (0-9); the sum modulo 11, then modulo 10.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

__all__ = ["CATEGORIES", "ContainerNumber", "ContainerReading", "check_digit", "read_container"]

CATEGORIES = {
    "U": "freight container",
    "J": "detachable freight container equipment",
    "Z": "trailer or chassis",
}
_LETTER_VALUES: dict[str, int] = {}
_value = 10
for _letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
    if _value % 11 == 0:
        _value += 1
    _LETTER_VALUES[_letter] = _value
    _value += 1
_SHAPE = re.compile(r"[A-Z]{3}[UJZ][0-9]{7}")
_SEPARATORS = re.compile(r"[\s\-./]+")


def check_digit(first_ten: str) -> int:
    """The ISO 6346 check digit of owner code, category and serial (10 characters)."""
    if len(first_ten) != 10:
        raise ValueError(
            f"a container number has 10 characters before its check digit, not {len(first_ten)}"
        )
    total = 0
    for position, char in enumerate(first_ten):
        value = _LETTER_VALUES[char] if char.isalpha() else int(char)
        total += value * (1 << position)
    return total % 11 % 10


@dataclass(frozen=True, slots=True)
class ContainerReading:
    """A container number's verdict: ``valid`` with ``reason``; ``number`` is the normalised
    text (or ``None`` when it is not shaped like a container number)."""

    text: str
    number: str | None
    valid: bool
    reason: str
    owner: str = ""
    category: str = ""

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "number": self.number,
            "valid": self.valid,
            "reason": self.reason,
            "owner": self.owner,
            "category": self.category,
        }


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


def read_container(text: str) -> ContainerReading:
    """Check ``text`` as an ISO 6346 number and say why it is or is not one."""
    value = _compact(text)
    if not _SHAPE.fullmatch(value):
        if len(value) != 11:
            reason = f"a container number has 11 characters (4 letters, 7 digits), not {len(value)}"
        elif not value[:3].isalpha():
            reason = f"owner code {value[:3]!r} must be three letters"
        elif value[3] not in CATEGORIES:
            reason = f"category {value[3]!r} must be U, J or Z"
        else:
            reason = f"serial and check digit {value[4:]!r} must be seven digits"
        return ContainerReading(text, None, False, reason)
    expected = check_digit(value[:10])
    owner, category = value[:3], CATEGORIES[value[3]]
    if int(value[10]) != expected:
        return ContainerReading(
            text,
            value,
            False,
            f"check digit is {value[10]}, the owner code and serial give {expected}",
            owner,
            category,
        )
    return ContainerReading(text, value, True, f"check digit {expected} agrees", owner, category)


class ContainerNumber:
    """The normalise / is_valid / format triad for ISO 6346 container numbers."""

    @classmethod
    def normalize(cls, text: str) -> str | None:
        """Upper case without separators; ``None`` unless shaped like a container number
        (the check digit is not judged here: a wrong one is still the number on the box)."""
        value = _compact(text)
        return value if _SHAPE.fullmatch(value) else None

    @classmethod
    def is_valid(cls, text: str) -> bool:
        return read_container(text).valid

    @classmethod
    def format(cls, text: str) -> str | None:
        """As painted on the door: ``CSQU 305438 3``."""
        value = cls.normalize(text)
        return None if value is None else f"{value[:4]} {value[4:10]} {value[10]}"
