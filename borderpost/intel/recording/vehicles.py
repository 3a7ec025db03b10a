"""Vehicle identifiers for records, read by :mod:`borderpost.conveyances` (one VIN and plate
implementation for the whole platform) and refused here with the field named.

A number plate is kept as ``CC:PLATE``: the country's ISO alpha-2 code and the plate as
:func:`borderpost.conveyances.plates.read_plate` reads it (compacted, upper case, fitted to
the country's layouts with OCR corrections where the country has layouts; other scripts
transliterated to Latin first). A VIN is refused when it is not 17 allowed characters, or
when its North American check digit contradicts it (:func:`borderpost.conveyances.vin.read_vin`).
"""

from __future__ import annotations

import re

from anyascii import anyascii

from borderpost.conveyances.plates import read_plate
from borderpost.conveyances.vin import CheckStatus, check_digit, read_vin
from borderpost.intel.recording.errors import RecordingError
from borderpost.intel.recording.identifiers import normalize_country

__all__ = [
    "is_valid_vin",
    "normalize_plate",
    "normalize_vin",
    "plate_identifier",
    "vin_check_digit",
]

_PLATE = re.compile(r"[A-Z0-9]{2,10}")


def vin_check_digit(vin: str) -> str:
    """The check digit (``0``-``9`` or ``X``) a 17-character VIN should carry in position 9."""
    return check_digit(vin)


def normalize_vin(text: str, field: str = "vin") -> str:
    """A VIN, upper case without spaces.

    Raises:
        RecordingError: not 17 characters, holds I, O or Q (or anything but A-Z, 0-9), or a
            North American VIN whose check digit does not match.
    """
    reading = read_vin(text)
    if reading.vin is None:
        raise RecordingError(field, f"{text.strip()[:30]!r}: {reading.problem}")
    if reading.status is CheckStatus.INVALID:
        raise RecordingError(
            field,
            f"{reading.vin}: check digit {reading.vin[8]} should be {reading.expected_check} "
            "(mistyped?)",
        )
    return reading.vin


def is_valid_vin(text: str) -> bool:
    """Whether ``text`` is a VIN that passes the checks of :func:`normalize_vin`."""
    try:
        normalize_vin(text)
    except RecordingError:
        return False
    return True


def normalize_plate(text: str, country: str, field: str = "plate") -> str:
    """A number plate as ``CC:PLATE`` (see the module docstring).

    Raises:
        RecordingError: an unknown country, or not 2-10 letters and digits.
    """
    code = normalize_country(country, f"{field} country")
    value = anyascii(text).strip().upper()
    if ":" in value and value.split(":", 1)[0].strip() == code:
        value = value.split(":", 1)[1]
    plate = read_plate(value, normalize_country(code, alpha3=True)).plate
    if not _PLATE.fullmatch(plate):
        raise RecordingError(
            field, f"{text.strip()[:30]!r} is not a plate (2-10 letters and digits)"
        )
    return f"{code}:{plate}"


def plate_identifier(plate: str, country: str | None) -> str:
    """The ``vehicle`` identifier of a plate already read (by a vehicle crossing): ``CC:PLATE``
    as records name it when the country has an ISO code, else ``COUNTRY:PLATE`` as given
    (``XXX`` for none), so that a crossing and a seizure of one truck share it."""
    try:
        code = normalize_country(country or "")
    except RecordingError:
        code = (country or "XXX").strip().upper()
    return f"{code}:{plate}"
