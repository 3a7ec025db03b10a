"""The console's words in each language, as data: ``i18n/<lang>.toml``, one file a language.

Each file has a ``[meta]`` table (``name``, the language's own name; ``dir``, ``ltr`` or
``rtl``) and sections of keys (``[nav] inspect = "..."`` is the key ``nav.inspect``). English
is complete by definition; a test checks that every other file has exactly its keys. Values
are ``str.format`` templates (``"{count} hits"``).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

__all__ = ["DEFAULT_LANGUAGE", "Catalogue", "catalogue", "choose_language", "languages"]

DEFAULT_LANGUAGE = "en"
_FOLDER = Path(__file__).with_name("i18n")


def _flatten(table: Mapping[str, Any], prefix: str = "") -> dict[str, str]:
    flat: dict[str, str] = {}
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            flat.update(_flatten(value, f"{name}."))
        else:
            flat[name] = str(value)
    return flat


@dataclass(frozen=True, slots=True)
class Catalogue:
    """One language: its code, own name, writing direction and messages."""

    code: str
    name: str
    direction: str
    messages: Mapping[str, str]

    def text(self, key: str, **values: object) -> str:
        """The message ``key`` in this language (English, then the key itself, if missing)."""
        template = self.messages.get(key)
        if template is None:
            template = (
                catalogue(DEFAULT_LANGUAGE).messages.get(key, key) if self.code != "en" else key
            )
        return template.format(**values) if values else template


@cache
def catalogue(code: str) -> Catalogue:
    """The catalogue of language ``code`` (read once)."""
    data = tomllib.loads((_FOLDER / f"{code}.toml").read_text(encoding="utf-8"))
    meta = data.pop("meta")
    return Catalogue(code, str(meta["name"]), str(meta.get("dir", "ltr")), _flatten(data))


@cache
def languages() -> tuple[str, ...]:
    """Every language with a file, English first."""
    codes = sorted(path.stem for path in _FOLDER.glob("*.toml"))
    return (DEFAULT_LANGUAGE, *(code for code in codes if code != DEFAULT_LANGUAGE))


def choose_language(chosen: str | None, accept_language: str | None) -> str:
    """The user's chosen language if we have it, else the best of ``Accept-Language``,
    else English."""
    known = languages()
    if chosen in known:
        return chosen
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((accept_language or "").split(",")):
        tag, _, params = part.strip().partition(";")
        weight = 1.0
        if params.strip().startswith("q="):
            try:
                weight = float(params.strip()[2:])
            except ValueError:
                weight = 0.0
        code = tag.strip().lower().split("-")[0]
        if code in known and weight > 0:
            ranked.append((-weight, position, code))
    return min(ranked)[2] if ranked else DEFAULT_LANGUAGE
