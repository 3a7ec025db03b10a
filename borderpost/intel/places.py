"""Where ports lie (``data/places.toml``), so that records can be put on a map."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

__all__ = ["Place", "port_place", "ports"]


@dataclass(frozen=True, slots=True)
class Place:
    """A named point (WGS 84 decimal degrees)."""

    code: str
    name: str
    latitude: float
    longitude: float


@cache
def ports() -> Mapping[str, Place]:
    """Every port of ``data/places.toml`` by its code."""
    text = resources.files("borderpost.intel").joinpath("data/places.toml").read_text("utf-8")
    raw: dict[str, Any] = tomllib.loads(text)
    found: dict[str, Place] = {}
    for code, item in raw["ports"].items():
        latitude, longitude = float(item["latitude"]), float(item["longitude"])
        if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
            raise ValueError(f"places.toml: {code} lies outside the globe")
        found[code] = Place(code, str(item["name"]), latitude, longitude)
    return found


def port_place(code: str) -> Place | None:
    """The place of port ``code``, or None when it is not in the table."""
    return ports().get(code)
