"""Vehicle identifiers, kept small and in one module so that :mod:`borderpost.conveyances`
can take its place: number plates (upper-case letters and digits with their country,
``KE:KCA123A``) and VINs (ISO 3779: 17 characters without I, O or Q; the check digit in
position 9 is verified for North American VINs, whose first character is 1-5)."""

from __future__ import annotations

import re

from anyascii import anyascii

from borderpost.intel.recording.errors import RecordingError
from borderpost.intel.recording.identifiers import normalize_country

__all__ = ["is_valid_vin", "normalize_plate", "normalize_vin", "vin_check_digit"]

_VIN = re.compile(r"[A-HJ-NPR-Z0-9]{17}")
_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)


def vin_check_digit(vin: str) -> str:
    """The check digit (``0``-``9`` or ``X``) a 17-character VIN should carry in position 9."""
    total = sum(_VALUES[c] * w for c, w in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def normalize_vin(text: str, field: str = "vin") -> str:
    """A VIN, upper case without spaces.

    Raises:
        RecordingError: not 17 characters, holds I, O or Q (or anything but A-Z, 0-9), or a
            North American VIN whose check digit does not match.
    """
    value = re.sub(r"[\s\-]", "", text).upper()
    if len(value) != 17:
        raise RecordingError(field, f"{value[:30]!r} has {len(value)} characters; a VIN has 17")
    if not _VIN.fullmatch(value):
        bad = sorted({c for c in value if not _VIN.fullmatch(c * 17)})
        raise RecordingError(
            field, f"{value}: a VIN never holds {', '.join(bad)} (I, O and Q are not used)"
        )
    if value[0] in "12345" and value[8] != vin_check_digit(value):
        raise RecordingError(
            field, f"{value}: check digit {value[8]} should be {vin_check_digit(value)} (mistyped?)"
        )
    return value


def is_valid_vin(text: str) -> bool:
    """Whether ``text`` is a VIN that passes the checks of :func:`normalize_vin`."""
    try:
        normalize_vin(text)
    except RecordingError:
        return False
    return True


def normalize_plate(text: str, country: str, field: str = "plate") -> str:
    """A number plate as ``CC:PLATE``: the country's ISO alpha-2 code, and the plate's
    letters and digits in upper case (spaces, hyphens and dots dropped; other scripts
    transliterated to Latin).

    Raises:
        RecordingError: an unknown country, or not 2-10 letters and digits.
    """
    code = normalize_country(country, f"{field} country")
    value = re.sub(r"[\s\-.·/]", "", anyascii(text).upper())
    if ":" in value and value.split(":", 1)[0] == code:
        value = value.split(":", 1)[1]
    if not re.fullmatch(r"[A-Z0-9]{2,10}", value):
        raise RecordingError(
            field, f"{text.strip()[:30]!r} is not a plate (2-10 letters and digits)"
        )
    return f"{code}:{value}"
