"""Vehicle identification numbers (ISO 3779): normalise, validate, format, decode.

A VIN has 17 characters from ``0-9`` and ``A-Z`` without ``I``, ``O`` and ``Q``. Position 9 is
a check digit under the North American scheme (49 CFR 565: transliterate letters to digits,
weight positions 8 7 6 5 4 3 2 10 0 9 8 7 6 5 4 3 2, sum modulo 11, 10 written ``X``). Other
regions (ISO 3779) leave position 9 to the manufacturer, so there the check is *not
applicable*: a mismatch proves nothing. The region comes from the first character of the
world manufacturer identifier (positions 1-3, ``data/vin_regions.toml``); the manufacturer
from ``data/wmi.csv``.

Position 10 codes the model year on a 30-year cycle (``A`` = 1980 or 2010, ``1`` = 2001 or
2031): a VIN alone cannot tell the cycle, so both candidate years are given.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum
from functools import cache

from borderpost.conveyances.reference import csv_rows, toml_data

__all__ = [
    "VIN",
    "CheckStatus",
    "VinReading",
    "check_digit",
    "model_years",
    "read_vin",
]

ALPHABET = "0123456789ABCDEFGHJKLMNPRSTUVWXYZ"
_VALUES = {
    **{str(d): d for d in range(10)},
    **dict(zip("ABCDEFGH", range(1, 9), strict=True)),
    **dict(zip("JKLMN", range(1, 6), strict=True)),
    "P": 7,
    "R": 9,
    **dict(zip("STUVWXYZ", range(2, 10), strict=True)),
}
_WEIGHTS = (8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2)
# Model-year codes in cycle order from 1980 (no I O Q U Z 0).
_YEAR_CODES = "ABCDEFGHJKLMNPRSTVWXY123456789"
_SEPARATORS = re.compile(r"[\s\-.]+")


class CheckStatus(StrEnum):
    VALID = "valid"
    INVALID = "invalid"
    NOT_APPLICABLE = "check_not_applicable"


def check_digit(vin: str) -> str:
    """The North American check digit of a normalised 17-character VIN (``0-9`` or ``X``)."""
    total = sum(_VALUES[c] * w for c, w in zip(vin, _WEIGHTS, strict=True))
    remainder = total % 11
    return "X" if remainder == 10 else str(remainder)


def model_years(code: str) -> tuple[int, ...]:
    """The model years position 10 may mean (two per 30-year cycle since 1980; empty when
    the character is not a year code)."""
    index = _YEAR_CODES.find(code)
    if index < 0:
        return ()
    return (1980 + index, 2010 + index)


@dataclass(frozen=True, slots=True)
class Region:
    key: str
    name: str
    check_required: bool


@cache
def _regions() -> dict[str, Region]:
    out: dict[str, Region] = {}
    for key, raw in toml_data("vin_regions.toml")["regions"].items():
        region = Region(key, str(raw["name"]), raw["check"] == "required")
        for char in str(raw["first"]):
            out[char] = region
    return out


@cache
def _manufacturers() -> dict[str, tuple[str, str]]:
    return {row["wmi"]: (row["manufacturer"], row["country"]) for row in csv_rows("wmi.csv")}


class VIN:
    """The normalise / is_valid / format triad for VINs."""

    @classmethod
    def normalize(cls, text: str) -> str | None:
        """Upper case without spaces, hyphens and dots; ``None`` unless 17 allowed characters."""
        value = _SEPARATORS.sub("", text).upper()
        if len(value) != 17 or any(c not in ALPHABET for c in value):
            return None
        return value

    @classmethod
    def is_valid(cls, text: str) -> bool:
        """Well formed and not contradicted by its check digit (where the region uses one)."""
        reading = read_vin(text)
        return reading.status is not CheckStatus.INVALID and reading.problem is None

    @classmethod
    def format(cls, text: str) -> str | None:
        """The VIN as printed on documents: WMI, descriptor, check digit, identifier
        (``1M8 GDM9A X KP042788``)."""
        value = cls.normalize(text)
        if value is None:
            return None
        return f"{value[:3]} {value[3:8]} {value[8]} {value[9:]}"


@dataclass(frozen=True, slots=True)
class VinReading:
    """What a VIN says. ``problem`` is set (and everything else empty) when it is not a VIN."""

    text: str
    vin: str | None
    status: CheckStatus | None
    reason: str
    problem: str | None = None
    region: str = ""
    wmi: str = ""
    manufacturer: str | None = None
    manufacturer_country: str | None = None
    model_years: tuple[int, ...] = ()
    expected_check: str | None = None

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "vin": self.vin,
            "status": self.status.value if self.status is not None else None,
            "reason": self.reason,
            "problem": self.problem,
            "region": self.region,
            "wmi": self.wmi,
            "manufacturer": self.manufacturer,
            "manufacturer_country": self.manufacturer_country,
            "model_years": list(self.model_years),
            "expected_check": self.expected_check,
        }


def _problem(text: str) -> str:
    value = _SEPARATORS.sub("", text).upper()
    bad = sorted({c for c in value if c in "IOQ"})
    if bad:
        return f"VIN holds {', '.join(bad)}, which VINs never use (read 1 for I, 0 for O and Q)"
    other = sorted({c for c in value if c not in ALPHABET})
    if other:
        return f"VIN holds characters outside 0-9 and A-Z: {''.join(other)!r}"
    return f"VIN has {len(value)} characters; a VIN has 17"


def read_vin(text: str) -> VinReading:
    """Validate and decode ``text``: the check-digit verdict with its reason, region,
    manufacturer (when the WMI is in our table) and candidate model years."""
    vin = VIN.normalize(text)
    if vin is None:
        problem = _problem(text)
        return VinReading(text, None, None, problem, problem=problem)
    region = _regions().get(vin[0])
    wmi = vin[:3]
    maker = _manufacturers().get(wmi)
    expected = check_digit(vin)
    years = model_years(vin[9])
    if region is None:  # pragma: no cover - every character of the alphabet has a region
        status, reason = CheckStatus.NOT_APPLICABLE, "unknown region"
    elif not region.check_required:
        status = CheckStatus.NOT_APPLICABLE
        reason = (
            f"{region.name} VIN: position 9 is the manufacturer's, not a North American check digit"
        )
    elif vin[8] == expected:
        status, reason = CheckStatus.VALID, f"check digit {expected} at position 9 agrees"
    else:
        status = CheckStatus.INVALID
        reason = f"check digit at position 9 is {vin[8]}, the VIN's characters give {expected}"
    return VinReading(
        text=text,
        vin=vin,
        status=status,
        reason=reason,
        region=region.name if region is not None else "",
        wmi=wmi,
        manufacturer=maker[0] if maker else None,
        manufacturer_country=maker[1] if maker else None,
        model_years=years,
        expected_check=expected,
    )
