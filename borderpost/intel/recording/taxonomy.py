"""What can be seized and how it was hidden, read from ``data/commodities.toml`` and
``data/concealment.toml``: categories with their types, units and required fields; a seized
item checked against them and its quantity converted to the measure's base unit (kilograms,
pieces, cubic metres, or an amount of money)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from importlib import resources
from typing import Any

from borderpost.intel.recording.errors import RecordingError
from borderpost.intel.recording.identifiers import normalize_currency

__all__ = [
    "BASE_UNITS",
    "Category",
    "Item",
    "Taxonomy",
    "concealment_methods",
    "make_item",
    "normalize_concealment",
    "taxonomy",
]

#: The base unit of each measure (what :attr:`Item.base_quantity` is in).
BASE_UNITS = {"mass": "kg", "count": "pcs", "volume": "m3", "money": ""}


def _load(name: str) -> dict[str, Any]:
    text = resources.files("borderpost.intel.recording").joinpath(f"data/{name}").read_text("utf-8")
    return tomllib.loads(text)


def _key(text: str) -> str:
    return " ".join(text.strip().lower().replace("_", " ").split())


@dataclass(frozen=True, slots=True)
class Category:
    """A category of seized goods: its types, how it is measured, what it must carry."""

    name: str
    label: str
    measures: tuple[str, ...]
    types: tuple[str, ...]
    requires: tuple[str, ...] = ()
    optional: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Taxonomy:
    """The categories, the units of each measure (factor to the base unit), unit spellings,
    and type spellings."""

    categories: Mapping[str, Category]
    units: Mapping[str, tuple[str, Decimal]]  # unit → (measure, factor)
    unit_aliases: Mapping[str, str]
    type_aliases: Mapping[str, str]

    def category_of(self, type_name: str) -> Category:
        for category in self.categories.values():
            if type_name in category.types:
                return category
        raise KeyError(type_name)

    def commodity(self, text: str, field: str = "commodity") -> tuple[Category, str]:
        """The category and type ``text`` names: a type (``cocaine``), ``category/type``,
        or a spelling of the aliases (``coke``, ``bhang``).

        Raises:
            RecordingError: nothing in the taxonomy matches.
        """
        key = _key(text)
        if not key:
            raise RecordingError(field, "no commodity given")
        if "/" in key:
            category_name, _, type_text = key.partition("/")
            category = self.categories.get(category_name.strip().replace(" ", "_"))
            if category is None:
                raise RecordingError(field, f"{text.strip()!r}: no category {category_name!r}")
            found = self.type_aliases.get(_key(type_text), _key(type_text).replace(" ", "_"))
            if found not in category.types:
                raise RecordingError(
                    field, f"{text.strip()!r}: {category.name} has no type {type_text.strip()!r}"
                )
            return category, found
        for form in (key, key.removesuffix("s")):  # pistols, rifles, diamonds
            name = self.type_aliases.get(form, form.replace(" ", "_"))
            try:
                return self.category_of(name), name
            except KeyError:
                pass
        if key.replace(" ", "_") in self.categories:
            category = self.categories[key.replace(" ", "_")]
            return category, category.types[-1]  # the category's "other" type
        raise RecordingError(
            field,
            f"{text.strip()!r} is not a known commodity "
            "(a type such as cocaine, or CATEGORY/TYPE; see docs/intel.md)",
        )

    def unit(self, text: str, field: str = "unit") -> tuple[str, str, Decimal]:
        """The unit ``text`` names, its measure and its factor to the base unit.

        Raises:
            RecordingError: an unknown unit.
        """
        key = text.strip().lower().rstrip(".")
        key = self.unit_aliases.get(key, key)
        if key not in self.units:
            known = ", ".join(sorted(self.units))
            raise RecordingError(field, f"{text.strip()!r} is not a known unit ({known})")
        measure, factor = self.units[key]
        return key, measure, factor


@cache
def taxonomy() -> Taxonomy:
    """The commodity taxonomy (loaded once)."""
    data = _load("commodities.toml")
    units: dict[str, tuple[str, Decimal]] = {}
    for measure, table in data["units"].items():
        for unit, factor in table.items():
            units[unit] = (measure, Decimal(str(factor)))
    categories = {
        name: Category(
            name=name,
            label=table["label"],
            measures=tuple(table["measures"]),
            types=tuple(table["types"]),
            requires=tuple(table.get("requires", ())),
            optional=tuple(table.get("optional", ())),
        )
        for name, table in data["categories"].items()
    }
    return Taxonomy(
        categories=categories,
        units=units,
        unit_aliases=dict(data["unit_aliases"]),
        type_aliases={_key(k): v for k, v in data["aliases"].items()},
    )


@cache
def _concealment() -> tuple[dict[str, str], dict[str, str]]:
    data = _load("concealment.toml")
    return dict(data["methods"]), {_key(k): v for k, v in data["aliases"].items()}


def concealment_methods() -> Mapping[str, str]:
    """Every concealment method with its label."""
    return _concealment()[0]


def normalize_concealment(text: str, field: str = "concealment") -> str:
    """The concealment method ``text`` names (a method or one of its spellings).

    Raises:
        RecordingError: no method matches.
    """
    methods, aliases = _concealment()
    key = _key(text)
    name = aliases.get(key, key.replace(" ", "_"))
    if name not in methods:
        raise RecordingError(
            field, f"{text.strip()!r} is not a concealment method ({', '.join(methods)})"
        )
    return name


@dataclass(frozen=True, slots=True)
class Item:
    """One seized commodity: what, how much (as written and in the base unit), and the
    category's extra fields (currency, calibre)."""

    category: str
    type: str
    quantity: Decimal
    unit: str
    measure: str
    base_quantity: Decimal
    currency: str | None = None
    calibre: str | None = None
    description: str | None = None

    @property
    def summary(self) -> str:
        """``4.1 kg cocaine``, ``25,000 USD banknotes``, ``200 pcs cartridges (7.62x39mm)``."""
        name = self.type.replace("_", " ")
        if self.measure == "money":
            return f"{_figure(self.quantity)} {self.currency} {name}"
        text = f"{_figure(self.quantity)} {self.unit} {name}"
        return f"{text} ({self.calibre})" if self.calibre else text


def _figure(number: Decimal) -> str:
    text = f"{number:,f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


_CALIBRE = re.compile(r"[0-9A-Za-z.,\- ]{1,32}")


def make_item(
    commodity: str,
    quantity: Decimal,
    unit: str | None = None,
    *,
    currency: str | None = None,
    calibre: str | None = None,
    description: str | None = None,
) -> Item:
    """A seized item checked against the taxonomy.

    ``unit`` may be omitted for counts (pieces) and money (the currency is the unit).

    Raises:
        RecordingError: an unknown commodity or unit, a unit of the wrong measure (grams of
            pistols), a missing currency or calibre, a zero quantity.
    """
    tax = taxonomy()
    category, type_name = tax.commodity(commodity)
    if quantity <= 0:
        raise RecordingError("quantity", f"{quantity} is not a positive quantity")
    if "money" in category.measures:
        code = normalize_currency(currency or unit or "", "currency")
        return Item(
            category.name, type_name, quantity, code, "money", quantity, code, None, description
        )
    if currency:
        raise RecordingError("currency", f"{category.name} items carry no currency")
    if unit is None or not unit.strip():
        if "count" not in category.measures:
            raise RecordingError(
                "unit",
                f"{category.name} is measured by {category.measures[0]}: "
                f"give a unit such as {BASE_UNITS[category.measures[0]]}",
            )
        unit = "pcs"
    unit_name, measure, factor = tax.unit(unit)
    if measure not in category.measures:
        allowed = " or ".join(category.measures)
        raise RecordingError(
            "unit", f"{category.name} is measured by {allowed}, not {measure} ({unit_name})"
        )
    if measure == "count" and quantity != quantity.to_integral_value():
        raise RecordingError("quantity", f"{quantity} {unit_name} is not a whole count")
    if calibre is not None and calibre.strip():
        if "calibre" not in category.requires + category.optional:
            raise RecordingError("calibre", f"{category.name} items carry no calibre")
        if not _CALIBRE.fullmatch(calibre.strip()):
            raise RecordingError(
                "calibre", f"{calibre.strip()[:40]!r} is not a calibre (e.g. 7.62x39mm, 9mm, .45)"
            )
        calibre = calibre.strip()
    elif "calibre" in category.requires:
        raise RecordingError("calibre", f"{category.name} needs a calibre (e.g. 7.62x39mm)")
    else:
        calibre = None
    return Item(
        category.name,
        type_name,
        quantity,
        unit_name,
        measure,
        quantity * factor,
        None,
        calibre,
        description,
    )
