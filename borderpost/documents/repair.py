"""Propose a corrected reading of an MRZ misread by OCR.

Typical OCR confusions (``O``/``0``, ``I``/``1``, ``B``/``8``, ``S``/``5``, ``<`` read as
``K`` or ``X``) are undone using each field's character class and the check digits. A
repair is proposed only when the corrected reading makes every check digit agree, and only
when it is the single smallest such correction: an ambiguous repair is reported, not made.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import tomllib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from borderpost.documents import checks as cd
from borderpost.documents.findings import Finding, finding
from borderpost.documents.layouts import CHAR_CLASSES, FieldSpec, Layout

MAX_SEARCH_CHANGES = 3


@dataclass(frozen=True, slots=True)
class Change:
    line: int  # 1-based, as ICAO numbers lines
    position: int  # 1-based
    field: str
    before: str
    after: str

    def describe(self) -> str:
        return (
            f"line {self.line}, position {self.position} ({self.field}): "
            f"{self.before!r} -> {self.after!r}"
        )


@dataclass(frozen=True, slots=True)
class Repair:
    """A corrected reading and every character it changed."""

    mrz: str
    changes: tuple[Change, ...]

    def describe(self) -> str:
        return "; ".join(change.describe() for change in self.changes)

    def to_dict(self) -> dict[str, Any]:
        return {
            "mrz": self.mrz,
            "changes": [
                {
                    "line": c.line,
                    "position": c.position,
                    "field": c.field,
                    "from": c.before,
                    "to": c.after,
                }
                for c in self.changes
            ],
        }


@dataclass(frozen=True, slots=True)
class _Confusions:
    letter_to_digit: Mapping[str, str]
    digit_to_letter: Mapping[str, str]
    alnum: Mapping[str, str]
    filler_lookalikes: frozenset[str]


@cache
def _confusions() -> _Confusions:
    text = resources.files("borderpost.documents").joinpath("data/ocr_confusions.toml")
    raw = tomllib.loads(text.read_text("utf-8"))
    return _Confusions(
        raw["letter_to_digit"],
        raw["digit_to_letter"],
        raw["alnum"],
        frozenset(raw["filler_lookalikes"]),
    )


class _Grid:
    """Mutable lines with a log of changes."""

    def __init__(self, lines: list[str]) -> None:
        self.rows = [list(line) for line in lines]
        self.changes: dict[tuple[int, int], Change] = {}
        self.original = [list(line) for line in lines]

    def set(self, spec: FieldSpec, column: int, char: str) -> None:
        line = spec.line
        before = self.original[line][column]
        self.rows[line][column] = char
        if char == before:
            self.changes.pop((line, column), None)
        else:
            self.changes[(line, column)] = Change(line + 1, column + 1, spec.name, before, char)

    def text(self) -> str:
        return "\n".join("".join(row) for row in self.rows)

    def span(self, line: int, start: int, end: int) -> str:
        return "".join(self.rows[line][start:end])


def _field_at(layout: Layout, line: int, column: int) -> FieldSpec:
    for spec in layout.fields.values():
        if spec.line == line and spec.start <= column < spec.end:
            return spec
    raise KeyError((line, column))  # pragma: no cover - layouts cover every position


def _class_repairs(layout: Layout, grid: _Grid) -> None:
    """Characters that cannot stand in their field, replaced by the one OCR most likely misread."""
    confusions = _confusions()
    for spec in layout.fields.values():
        allowed = CHAR_CLASSES[spec.char_class]
        for column in range(spec.start, spec.end):
            char = grid.rows[spec.line][column]
            if char in allowed:
                continue
            if spec.char_class in ("date", "check", "numeric"):
                target = confusions.letter_to_digit.get(char)
            elif spec.char_class in ("alpha", "sex"):
                target = confusions.digit_to_letter.get(char)
            else:
                target = None
            if target is not None and target in allowed:
                grid.set(spec, column, target)
    _name_padding(layout, grid)
    _alnum_padding(layout, grid)


def _alnum_padding(layout: Layout, grid: _Grid) -> None:
    """In a number or optional-data field, isolated K/X/... after the first filler are fillers.

    ``ZE184226B<K<X<`` reads as ``ZE184226B<<<<<``. A look-alike directly after the data
    (``ZE184226BK<<``) is left alone: K and < have the same check-digit value, so no check
    could tell them apart there.
    """
    lookalikes = _confusions().filler_lookalikes
    for spec in layout.fields.values():
        if spec.char_class != "alnum":
            continue
        row = grid.rows[spec.line]
        text = "".join(row[spec.start : spec.end])
        first = text.find("<")
        if first < 0:
            continue
        tail = text[first:]
        if not any(c in lookalikes for c in tail):
            continue
        isolated = all(
            c == "<"
            or (
                c in lookalikes
                and tail[i - 1 : i] in ("<", "")
                and tail[i + 1 : i + 2] in ("<", "")
            )
            for i, c in enumerate(tail)
        )
        if isolated:
            for column in range(spec.start + first, spec.end):
                if row[column] != "<":
                    grid.set(spec, column, "<")


def _name_padding(layout: Layout, grid: _Grid) -> None:
    """Letters like K or X in the padding after the given names stand for fillers."""
    spec = layout.fields["name"]
    text = grid.span(spec.line, spec.start, spec.end)
    _primary, separator, secondary = text.partition("<<")
    if not separator:
        return
    end_of_names = secondary.find("<<")
    if end_of_names < 0:
        return
    padding_start = spec.start + len(_primary) + 2 + end_of_names
    lookalikes = _confusions().filler_lookalikes
    padding = grid.rows[spec.line][padding_start : spec.end]
    if all(char == "<" or char in lookalikes for char in padding):
        for column in range(padding_start, spec.end):
            if grid.rows[spec.line][column] != "<":
                grid.set(spec, column, "<")


_Candidate = tuple[FieldSpec, int, tuple[str, ...]]


def _alternatives(
    layout: Layout, grid: _Grid, spans: tuple[tuple[int, int, int], ...], *, padding_only: bool
) -> list[_Candidate]:
    """Positions in ``spans`` (alphanumeric fields only) with the characters OCR may have meant.

    With ``padding_only``, only filler look-alikes next to a filler are candidates: used
    where a single composite digit is the only evidence, so the search stays narrow.
    """
    confusions = _confusions()
    found: list[_Candidate] = []
    for line, start, end in spans:
        row = grid.rows[line]
        for column in range(start, end):
            spec = _field_at(layout, line, column)
            if spec.char_class != "alnum":
                continue
            char = row[column]
            if padding_only:
                beside = row[column - 1 : column] + row[column + 1 : column + 2]
                if char in confusions.filler_lookalikes and "<" in beside:
                    found.append((spec, column, ("<",)))
                continue
            options = confusions.alnum.get(char, "")
            if options:
                found.append((spec, column, tuple(options)))
    return found


def _search(
    layout: Layout,
    grid: _Grid,
    spans: tuple[tuple[int, int, int], ...],
    agrees: Callable[[], bool],
    *,
    padding_only: bool = False,
) -> str | None:
    """Find the single smallest set of confusion swaps in ``spans`` after which ``agrees()``.

    Returns None on success (the grid holds the repair), or a reason when no unique repair exists.
    """
    if agrees():
        return None
    candidates = _alternatives(layout, grid, spans, padding_only=padding_only)
    for size in range(1, MAX_SEARCH_CHANGES + 1):
        solutions = []
        for chosen in itertools.combinations(candidates, size):
            for replacement in itertools.product(*(options for _s, _c, options in chosen)):
                saved = [grid.rows[spec.line][column] for spec, column, _o in chosen]
                for (spec, column, _o), char in zip(chosen, replacement, strict=True):
                    grid.set(spec, column, char)
                if agrees() and _plausible(grid, spans):
                    solutions.append(list(zip(chosen, replacement, strict=True)))
                for (spec, column, _o), char in zip(chosen, saved, strict=True):
                    grid.set(spec, column, char)
        if len(solutions) == 1:
            for (spec, column, _o), char in solutions[0]:
                grid.set(spec, column, char)
            return None
        if len(solutions) > 1:
            return f"{len(solutions)} different corrections of {size} character(s) would agree"
    return "no correction of typical OCR confusions makes the check digits agree"


def _plausible(grid: _Grid, spans: tuple[tuple[int, int, int], ...]) -> bool:
    """A reading that still has a digit look-alike letter between two digits (8O5) is not
    trusted: check digits can agree by chance when only some of the O's read for 0 are
    corrected."""
    lookalikes = _confusions().letter_to_digit
    for line, start, end in spans:
        text = grid.span(line, start, end)
        for index in range(1, len(text) - 1):
            if (
                text[index] in lookalikes
                and text[index - 1].isdigit()
                and text[index + 1].isdigit()
            ):
                return False
    return True


def _check_agrees(grid: _Grid, layout: Layout, name: str) -> bool:
    check = next(c for c in layout.checks if c.name == name)
    digit_spec = layout.fields[check.digit]
    digit = grid.rows[digit_spec.line][digit_spec.start]
    covered = "".join(grid.span(line, a, b) for line, a, b in check.spans)
    if digit == "<":
        return check.filler_when_empty and not covered.strip("<")
    return cd.is_valid(covered, digit)


def propose(layout: Layout, lines: list[str], reference: dt.date) -> tuple[Repair | None, str]:
    """The repaired reading of well-shaped ``lines``, or None and why there is none."""
    from borderpost.documents.mrz import parse

    grid = _Grid(lines)
    _class_repairs(layout, grid)
    reasons = []
    for check in layout.checks:
        if check.name == "composite":
            continue
        digit = layout.fields[check.digit]
        if check.name == "document_number" and grid.rows[digit.line][digit.start] == "<":
            continue  # an extended number is verified by the final reading below
        reason = _search(
            layout, grid, check.spans, functools.partial(_check_agrees, grid, layout, check.name)
        )
        if reason is not None:
            reasons.append(f"{check.name}: {reason}")
    composite = next((c for c in layout.checks if c.name == "composite"), None)
    if composite is not None and not reasons:
        covered_by_own_check = {
            (line, column)
            for check in layout.checks
            if check.name != "composite"
            for line, a, b in check.spans
            for column in range(a, b)
        }
        only_composite = tuple(
            (line, column, column + 1)
            for line, a, b in composite.spans
            for column in range(a, b)
            if (line, column) not in covered_by_own_check
        )
        reason = _search(
            layout,
            grid,
            only_composite,
            functools.partial(_check_agrees, grid, layout, "composite"),
            padding_only=True,
        )
        if reason is not None:
            reasons.append(f"composite: {reason}")
    if reasons:
        return None, "; ".join(reasons)
    if not grid.changes:
        return None, "no OCR confusion found to correct"
    text = grid.text()
    if not parse(text, at=reference, propose_repair=False).valid:
        return None, "the corrected reading still fails its checks"
    changes = tuple(grid.changes[key] for key in sorted(grid.changes))
    return Repair(text, changes), f"{len(changes)} change(s)"


def repair_finding(
    layout: Layout, lines: list[str], reference: dt.date
) -> tuple[Repair | None, Finding | None]:
    """The finding ``parse`` adds for a failing MRZ: a proposed repair, or why none is unique."""
    proposal, reason = propose(layout, lines, reference)
    if proposal is not None:
        return proposal, finding(
            "ocr_repair_available",
            None,
            f"reading {len(proposal.changes)} character(s) differently makes every check digit "
            f"agree: {proposal.describe()}",
        )
    if "different corrections" in reason:
        return None, finding("ocr_repair_ambiguous", None, reason)
    return None, None


def repair(text: str, *, at: dt.date | None = None) -> tuple[Repair | None, str]:
    """Propose a corrected reading of ``text``; returns (repair or None, explanation)."""
    from borderpost.documents.layouts import detect
    from borderpost.documents.reading import read_lines

    reference = at if at is not None else dt.date.today()
    lines, _notes = read_lines(text)
    layout = detect(lines)
    if layout is None:
        return None, "the lines fit no MRZ layout, so no repair can be checked"
    return propose(layout, lines, reference)
