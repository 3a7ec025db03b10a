"""MRZ layouts (TD1, TD2, TD3, MRV-A, MRV-B), loaded once from ``data/layouts.toml``."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from functools import cache
from importlib import resources
from typing import Any

CHAR_CLASSES: Mapping[str, frozenset[str]] = {
    "alpha": frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ<"),
    "numeric": frozenset("0123456789"),
    "alnum": frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"),
    "date": frozenset("0123456789<"),
    "sex": frozenset("MFX<"),
    "check": frozenset("0123456789<"),
}


@dataclass(frozen=True, slots=True)
class FieldSpec:
    """One field: its 0-based line, its slice on that line, its character class."""

    name: str
    line: int
    start: int
    end: int
    char_class: str

    @property
    def length(self) -> int:
        return self.end - self.start

    @property
    def label(self) -> str:
        """Where the field stands, as ICAO numbers it: 'line 2, positions 14-19'."""
        if self.length == 1:
            return f"line {self.line + 1}, position {self.start + 1}"
        return f"line {self.line + 1}, positions {self.start + 1}-{self.end}"


@dataclass(frozen=True, slots=True)
class CheckSpec:
    """A check digit: the 0-based (line, start, end) spans it covers and its digit field."""

    name: str
    digit: str
    spans: tuple[tuple[int, int, int], ...]
    filler_when_empty: bool = False
    # The same spans as slices of the lines joined by newlines (the fast path).
    offsets: tuple[tuple[int, int], ...] = ()
    # (start, stop, weight) slices with step 3 over the joined lines: the weighted sum of
    # the covered characters is the sum of weight * sum(values[start:stop:3]).
    plan: tuple[tuple[int, int, int], ...] = ()

    def covered(self, mrz: str) -> str:
        """The characters this check digit covers, from the MRZ lines joined by newlines."""
        if len(self.offsets) == 1:
            a, b = self.offsets[0]
            return mrz[a:b]
        return "".join([mrz[a:b] for a, b in self.offsets])


@dataclass(frozen=True, slots=True)
class Layout:
    name: str
    title: str
    lines: int
    length: int
    first_letters: str
    extension: str
    extension_is_icao: bool
    fields: Mapping[str, FieldSpec]
    checks: tuple[CheckSpec, ...]
    pattern: re.Pattern[str]
    prefix: str = ""  # a national layout recognised by how its first line starts

    def field(self, name: str) -> FieldSpec:
        return self.fields[name]

    def has(self, name: str) -> bool:
        return name in self.fields


def _layout(name: str, raw: Mapping[str, Any]) -> Layout:
    fields = {
        item["name"]: FieldSpec(
            name=item["name"],
            line=int(item["line"]) - 1,
            start=int(item["from"]) - 1,
            end=int(item["to"]),
            char_class=str(item["class"]),
        )
        for item in raw["fields"]
    }
    checks = tuple(
        CheckSpec(
            name=item["name"],
            digit=item["digit"],
            spans=tuple((int(line) - 1, int(a) - 1, int(b)) for line, a, b in item["spans"]),
            filler_when_empty=bool(item.get("filler_when_empty", False)),
            offsets=tuple(
                (
                    (int(line) - 1) * (int(raw["length"]) + 1) + int(a) - 1,
                    (int(line) - 1) * (int(raw["length"]) + 1) + int(b),
                )
                for line, a, b in item["spans"]
            ),
        )
        for item in raw["checks"]
    )
    checks = tuple(_with_plan(check) for check in checks)
    layout = Layout(
        name=name,
        title=str(raw["title"]),
        lines=int(raw["lines"]),
        length=int(raw["length"]),
        first_letters=str(raw["first_letters"]),
        extension=str(raw["extension"]),
        extension_is_icao=bool(raw["extension_is_icao"]),
        fields=fields,
        checks=checks,
        pattern=_pattern(fields, int(raw["lines"])),
        prefix=str(raw.get("prefix", "")),
    )
    _verify(layout)
    return layout


def _with_plan(check: CheckSpec) -> CheckSpec:
    weights = (7, 3, 1)
    plan = []
    phase = 0
    for a, b in check.offsets:
        for k in range(3):
            if a + k < b:
                plan.append((a + k, b, weights[(phase + k) % 3]))
        phase = (phase + b - a) % 3
    return replace(check, plan=tuple(plan))


_REGEX_CLASSES = {
    "alpha": "[A-Z<]",
    "numeric": "[0-9]",
    "alnum": "[A-Z0-9<]",
    "date": "[0-9<]",
    "sex": "[MFX<]",
    "check": "[0-9<]",
}


def _pattern(fields: Mapping[str, FieldSpec], lines: int) -> re.Pattern[str]:
    """One regular expression for a well-formed MRZ of this layout, a group per field.

    It is the fast path: a match yields every field at once with every character in its
    class; only an MRZ that does not match is examined character by character.
    """
    parts = []
    for line in range(lines):
        on_line = sorted((f for f in fields.values() if f.line == line), key=lambda f: f.start)
        parts.append(
            "".join(
                f"(?P<{f.name}>{_REGEX_CLASSES[f.char_class]}{{{f.end - f.start}}})"
                for f in on_line
            )
        )
    return re.compile("\n".join(parts))


def _verify(layout: Layout) -> None:
    """Every position of every line belongs to exactly one field: catch typos in the data."""
    for line in range(layout.lines):
        covered = sorted((f.start, f.end) for f in layout.fields.values() if f.line == line)
        position = 0
        for start, end in covered:
            if start != position:
                raise ValueError(f"{layout.name} line {line + 1}: gap or overlap at {position + 1}")
            position = end
        if position != layout.length:
            raise ValueError(f"{layout.name} line {line + 1}: fields end at {position}")
    for field in layout.fields.values():
        if field.char_class not in CHAR_CLASSES:
            raise ValueError(f"{layout.name}.{field.name}: unknown class {field.char_class}")


@cache
def layouts() -> Mapping[str, Layout]:
    """All layouts by name, in the order of the data file."""
    text = resources.files("borderpost.documents").joinpath("data/layouts.toml").read_text("utf-8")
    return {name: _layout(name, raw) for name, raw in tomllib.loads(text).items()}


@cache
def _by_geometry() -> Mapping[tuple[int, int], tuple[Layout, ...]]:
    table: dict[tuple[int, int], list[Layout]] = {}
    for layout in layouts().values():
        table.setdefault((layout.lines, layout.length), []).append(layout)
    return {key: tuple(value) for key, value in table.items()}


def by_geometry(lines: int, length: int) -> tuple[Layout, ...]:
    """Layouts with this many lines of this length (a TD3 and an MRV-A share a geometry)."""
    return _by_geometry().get((lines, length), ())


@cache
def _by_text_length() -> Mapping[int, tuple[Layout, ...]]:
    table: dict[int, list[Layout]] = {}
    for layout in layouts().values():
        size = layout.lines * (layout.length + 1) - 1
        table.setdefault(size, []).append(layout)
    return {key: tuple(value) for key, value in table.items()}


def match_clean(text: str) -> tuple[Layout, re.Match[str]] | None:
    """The layout and field match of a clean MRZ (lines joined by single newlines, every
    character in its field's class), or None. The fast path for the common case."""
    candidates = _by_text_length().get(len(text))
    if candidates is None:
        return None
    layout = _choose(candidates, text)
    if layout is None:
        return None
    found = layout.pattern.fullmatch(text)
    return (layout, found) if found is not None else None


def _choose(candidates: tuple[Layout, ...], first_line: str) -> Layout | None:
    """Among layouts of one geometry: a national layout whose prefix the first line has,
    else an ICAO layout issued with the document code's first letter."""
    for layout in candidates:
        if layout.prefix and first_line.startswith(layout.prefix):
            return layout
    icao = [layout for layout in candidates if not layout.prefix]
    for layout in icao:
        if first_line[:1] in layout.first_letters:
            return layout
    if not icao:
        return None
    # An unexpected first letter: the non-visa layout of that geometry reads it best.
    non_visa = [layout for layout in icao if "V" not in layout.first_letters]
    return non_visa[0] if non_visa else icao[0]


def detect(lines: list[str]) -> Layout | None:
    """The layout of well-formed lines, by geometry and then the document code's first letter."""
    if not lines:
        return None
    length = len(lines[0])
    for line in lines:
        if len(line) != length:
            return None
    candidates = _by_geometry().get((len(lines), length))
    if not candidates:
        return None
    return _choose(candidates, lines[0])


def geometry_hint(lengths: list[int]) -> str:
    """The layouts that line lengths come closest to, e.g. 'TD3/MRVA (2 lines of 44)'."""

    def distance(layout: Layout) -> tuple[int, int]:
        return (
            abs(layout.lines - len(lengths)),
            sum(abs(layout.length - n) for n in lengths),
        )

    ranked = sorted(layouts().values(), key=distance)
    best = [layout for layout in ranked if distance(layout) == distance(ranked[0])]
    names = "/".join(layout.name for layout in best)
    return f"{names} ({best[0].lines} lines of {best[0].length})"
