"""Licence plates: compacted, then corrected per the country's layouts (``data/plates.yaml``).

Every plate is compared without spaces and hyphens, upper case: ``" ab-12 cd "`` is
``"AB12CD"``. When the country is known and has layouts, a plate that fits a layout of its
length only after swapping OCR-confusable characters (``0``/``O``, ``1``/``I``, ``8``/``B``,
...) is corrected, and only at positions the layout reserves for letters or for digits; each
correction is reported. Free-form countries (no layouts) are never corrected.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from borderpost.conveyances.reference import yaml_data

__all__ = ["Plate", "PlateReading", "countries", "plate_key", "read_plate"]

_SEPARATORS = re.compile(r"[\s\-.·_/]+")
_PRINT_SEPARATORS = " -"


@dataclass(frozen=True, slots=True)
class Layout:
    printed: str  # as in the data file, separators included
    slots: str  # without separators: L, # or a literal character

    def fits(self, plate: str) -> bool:
        if len(plate) != len(self.slots):
            return False
        for char, slot in zip(plate, self.slots, strict=True):
            if slot == "L":
                if not ("A" <= char <= "Z"):
                    return False
            elif slot == "#":
                if not char.isdigit():
                    return False
            elif char != slot:
                return False
        return True


@dataclass(frozen=True, slots=True)
class Country:
    code: str
    name: str
    layouts: tuple[Layout, ...]


@cache
def _data() -> tuple[dict[str, Country], dict[str, str], dict[str, str]]:
    raw = yaml_data("plates.yaml")
    table = {
        code: Country(
            code,
            str(entry["name"]),
            tuple(
                Layout(str(text), "".join(c for c in str(text) if c not in _PRINT_SEPARATORS))
                for text in entry.get("layouts") or ()
            ),
        )
        for code, entry in raw["countries"].items()
    }
    confusions = raw["confusions"]
    return table, dict(confusions["letter_for_digit"]), dict(confusions["digit_for_letter"])


def countries() -> dict[str, Country]:
    """Every country with a plate entry, by code."""
    return _data()[0]


def _compact(text: str) -> str:
    return _SEPARATORS.sub("", text).upper()


@dataclass(frozen=True, slots=True)
class PlateReading:
    """A plate as read: ``plate`` compacted (and corrected), the layout it fits (``""`` for
    none), the corrections made (``"position 3: O read as 0"``) and a reason."""

    text: str
    plate: str
    country: str | None
    layout: str
    corrections: tuple[str, ...]
    reason: str

    @property
    def key(self) -> str:
        """``COUNTRY:PLATE`` (``UTO:UT1234AB``), the identifier intelligence links on."""
        return plate_key(self.plate, self.country)

    def to_dict(self) -> dict[str, object]:
        return {
            "text": self.text,
            "plate": self.plate,
            "country": self.country,
            "layout": self.layout,
            "corrections": list(self.corrections),
            "reason": self.reason,
            "key": self.key,
        }


def plate_key(plate: str, country: str | None) -> str:
    return f"{country or 'XXX'}:{plate}"


def _correct(plate: str, layout: Layout) -> tuple[str, tuple[str, ...]] | None:
    if len(plate) != len(layout.slots):
        return None
    _table, letter_for, digit_for = _data()
    out: list[str] = []
    fixes: list[str] = []
    for position, (char, slot) in enumerate(zip(plate, layout.slots, strict=True), start=1):
        new = char
        if slot == "L" and char.isdigit():
            new = letter_for.get(char, char)
        elif slot == "#" and char.isalpha():
            new = digit_for.get(char, char)
        elif slot not in "L#" and char != slot:
            swapped = letter_for.get(char) or digit_for.get(char)
            new = slot if swapped == slot else char
        if new != char:
            fixes.append(f"position {position}: {char} read as {new}")
        out.append(new)
    fixed = "".join(out)
    return (fixed, tuple(fixes)) if layout.fits(fixed) else None


def read_plate(text: str, country: str | None = None) -> PlateReading:
    """Compact ``text`` and, for a country with layouts, fit it to one (exact fit first,
    then the fit needing the fewest OCR corrections)."""
    plate = _compact(text)
    code = country.strip().upper() if country else None
    if code is None:
        return PlateReading(text, plate, None, "", (), "no country given: compacted only")
    entry = countries().get(code)
    if entry is None or not entry.layouts:
        why = "no plate layouts on file" if entry is None else "free-form plates"
        return PlateReading(text, plate, code, "", (), f"{code}: {why}; compacted only")
    for layout in entry.layouts:
        if layout.fits(plate):
            return PlateReading(text, plate, code, layout.printed, (), f"fits {layout.printed}")
    best: tuple[str, tuple[str, ...], Layout] | None = None
    for layout in entry.layouts:
        fixed = _correct(plate, layout)
        if fixed is not None and (best is None or len(fixed[1]) < len(best[1])):
            best = (fixed[0], fixed[1], layout)
    if best is not None:
        return PlateReading(
            text,
            best[0],
            code,
            best[2].printed,
            best[1],
            f"fits {best[2].printed} after {len(best[1])} OCR correction(s)",
        )
    layouts = ", ".join(layout.printed for layout in entry.layouts)
    return PlateReading(
        text, plate, code, "", (), f"fits none of {entry.name}'s layouts ({layouts})"
    )


class Plate:
    """The normalise / is_valid / format triad for licence plates."""

    @classmethod
    def normalize(cls, text: str, country: str | None = None) -> str | None:
        plate = read_plate(text, country).plate
        return plate or None

    @classmethod
    def is_valid(cls, text: str, country: str | None = None) -> bool:
        """Non-empty letters and digits (2-12 of them); for a country with layouts, fitting
        one (after OCR corrections)."""
        reading = read_plate(text, country)
        if not re.fullmatch(r"[A-Z0-9]{2,12}", reading.plate):
            return False
        entry = countries().get(reading.country or "")
        return entry is None or not entry.layouts or bool(reading.layout)

    @classmethod
    def format(cls, text: str, country: str | None = None) -> str | None:
        """As printed, with the layout's separators (``UT 1234-AB``); compacted otherwise."""
        reading = read_plate(text, country)
        if not reading.plate:
            return None
        if not reading.layout:
            return reading.plate
        chars = iter(reading.plate)
        return "".join(c if c in _PRINT_SEPARATORS else next(chars) for c in reading.layout)
