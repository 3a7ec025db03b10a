"""Examples published in ICAO Doc 9303 that are themselves wrong (``data/errata.toml``)."""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from functools import cache
from importlib import resources

from borderpost.documents.findings import Finding, finding


@cache
def _errata() -> Mapping[str, tuple[str, str]]:
    text = resources.files("borderpost.documents").joinpath("data/errata.toml").read_text("utf-8")
    return {
        item["mrz"]: (str(item["source"]), str(item["note"]))
        for item in tomllib.loads(text)["erratum"]
    }


def note(mrz: str) -> Finding | None:
    """A ``known_icao_erratum`` finding when ``mrz`` is a published example known to be wrong."""
    entry = _errata().get(mrz)
    if entry is None:
        return None
    source, text = entry
    return finding("known_icao_erratum", None, f"{source}: {text}")
