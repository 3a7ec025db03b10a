"""Choose each character from the classifier's candidates using the layout and check digits.

Every cell first takes the likeliest symbol its field allows (a date holds digits, a name
letters and fillers). Then, for each check digit that disagrees, the cheapest change of at
most ``MAX_CHANGES`` cells among their next candidates (cost: how much less likely the model
found them; a candidate under ``FLOOR`` never counts) that makes it agree is applied: the
field checks first, then the composite over the cells no field check covers. Every change
is reported.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from borderpost.documents import checks as cd
from borderpost.documents.layouts import CHAR_CLASSES, CheckSpec, Layout, by_geometry

__all__ = ["Decoded", "Fix", "decode"]

MAX_CHANGES = 2
ALTERNATIVES = 3  # candidates per cell considered for a change
# A candidate the model gives less than this is never chosen: a clearly printed but wrong
# check digit (an altered document) must stay wrong, not be "repaired" into agreement.
FLOOR = 0.02

_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


@dataclass(frozen=True, slots=True)
class Fix:
    """A character changed by check-digit repair (1-based line and position, as ICAO counts)."""

    line: int
    position: int
    field: str
    before: str
    after: str

    def to_dict(self) -> dict[str, object]:
        return {
            "line": self.line,
            "position": self.position,
            "field": self.field,
            "from": self.before,
            "to": self.after,
        }


@dataclass(frozen=True, slots=True)
class Decoded:
    """The text chosen, each character's probability, the repairs and how many checks agree."""

    layout: Layout
    text: str  # lines joined by newlines
    confidence: tuple[float, ...]  # per character, in reading order
    fixes: tuple[Fix, ...]
    checks_passed: int
    checks_total: int
    log_likelihood: float

    @property
    def failed(self) -> int:
        return self.checks_total - self.checks_passed

    @property
    def mean_log_likelihood(self) -> float:
        return self.log_likelihood / len(self.confidence)

    @property
    def score(self) -> float:
        """How good a reading is, to choose among orientations and geometries: the mean log
        probability of its characters, less a tenth per check digit that still disagrees.
        (Agreeing check digits alone prove little: repair makes garbage agree as well, at a
        price the likelihood shows.)"""
        return self.mean_log_likelihood - 0.1 * self.failed


def _layout(lines: int, length: int, probs: NDArray[np.float32]) -> Layout | None:
    candidates = by_geometry(lines, length)
    icao = [layout for layout in candidates if not layout.prefix]
    if not icao:
        return None
    if len(icao) == 1:
        return icao[0]
    first = probs[0]
    return max(
        icao, key=lambda layout: sum(first[_ALPHABET.index(c)] for c in layout.first_letters)
    )


def _classes(layout: Layout) -> list[str]:
    """The character class of each position, in reading order."""
    classes = [""] * (layout.lines * layout.length)
    for field in layout.fields.values():
        for position in range(field.start, field.end):
            classes[field.line * layout.length + position] = field.char_class
    return classes


def _fields(layout: Layout) -> list[str]:
    names = [""] * (layout.lines * layout.length)
    for field in layout.fields.values():
        for position in range(field.start, field.end):
            names[field.line * layout.length + position] = field.name
    return names


def _cells(layout: Layout, check: CheckSpec) -> tuple[list[int], int]:
    covered = [
        line * layout.length + position
        for line, start, end in check.spans
        for position in range(start, end)
    ]
    digit = layout.fields[check.digit]
    return covered, digit.line * layout.length + digit.start


def _agrees(check: CheckSpec, chars: Sequence[str], covered: list[int], digit: int) -> bool:
    text = "".join(chars[i] for i in covered)
    if check.filler_when_empty and set(text) == {"<"} and chars[digit] in "<0":
        return True
    return cd.is_valid(text, chars[digit])


def decode(
    probs: NDArray[np.float32], lines: int, length: int, *, repair: bool = True
) -> Decoded | None:
    """The reading of ``lines`` x ``length`` cells from their class probabilities."""
    layout = _layout(lines, length, probs)
    if layout is None:
        return None
    classes = _classes(layout)
    names = _fields(layout)
    allowed = np.zeros_like(probs)
    for index, char_class in enumerate(classes):
        for char in CHAR_CLASSES[char_class]:
            allowed[index, _ALPHABET.index(char)] = 1.0
    masked = probs * allowed
    masked /= np.maximum(masked.sum(axis=1, keepdims=True), 1e-12)
    order = np.argsort(-masked, axis=1)
    chars = [_ALPHABET[order[i, 0]] for i in range(len(classes))]
    logp = np.log(np.maximum(masked, 1e-12))
    fixes: list[Fix] = []
    checked: set[int] = set()
    field_checks = [c for c in layout.checks if c.name != "composite"]
    composite = [c for c in layout.checks if c.name == "composite"]
    passed = 0
    for check in field_checks + composite:
        covered, digit = _cells(layout, check)
        if check.name == "composite":
            free = [i for i in covered if i not in checked] + [digit]
        else:
            free = [*covered, digit]
            checked.update(free)
        if _agrees(check, chars, covered, digit):
            passed += 1
            continue
        if not repair:
            continue
        change = _cheapest(check, chars, covered, digit, free, order, masked, logp)
        if change is None:
            continue
        passed += 1
        for index, char in change:
            fixes.append(
                Fix(
                    index // layout.length + 1,
                    index % layout.length + 1,
                    names[index],
                    chars[index],
                    char,
                )
            )
            chars[index] = char
    confidence = tuple(float(masked[i, _ALPHABET.index(c)]) for i, c in enumerate(chars))
    text = "\n".join(
        "".join(chars[row * layout.length : (row + 1) * layout.length]) for row in range(lines)
    )
    likelihood = float(sum(math.log(max(p, 1e-12)) for p in confidence))
    return Decoded(layout, text, confidence, tuple(fixes), passed, len(layout.checks), likelihood)


def _cheapest(
    check: CheckSpec,
    chars: list[str],
    covered: list[int],
    digit: int,
    free: list[int],
    order: NDArray[np.int64],
    masked: NDArray[np.float32],
    logp: NDArray[np.float32],
) -> list[tuple[int, str]] | None:
    """The least unlikely set of at most MAX_CHANGES substitutions that makes ``check`` agree."""
    options: list[tuple[float, int, str]] = []
    for index in free:
        current = logp[index, _ALPHABET.index(chars[index])]
        for rank in range(1, ALTERNATIVES + 1):
            symbol = int(order[index, rank])
            if masked[index, symbol] < FLOOR:
                break
            options.append((float(current - logp[index, symbol]), index, _ALPHABET[symbol]))
    best: tuple[float, list[tuple[int, str]]] | None = None
    for size in range(1, MAX_CHANGES + 1):
        for combo in itertools.combinations(options, size):
            cells = [index for _, index, _ in combo]
            if len(set(cells)) < size:
                continue
            cost = sum(c for c, _, _ in combo)
            if best is not None and cost >= best[0]:
                continue
            trial = list(chars)
            for _, index, char in combo:
                trial[index] = char
            if _agrees(check, trial, covered, digit):
                best = (cost, [(index, char) for _, index, char in combo])
    return best[1] if best is not None else None
