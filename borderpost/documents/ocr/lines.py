"""From an upright band image to the cells of its MRZ lines, for each plausible geometry."""

from __future__ import annotations

from dataclasses import dataclass, replace

import cv2
import numpy as np
from numpy.typing import NDArray

from borderpost.documents.ocr.cells import Floats, Line, boundaries, cut, find_lines, ink_map
from borderpost.documents.ocr.locate import TARGET_HEIGHT

__all__ = ["Geometry", "geometries"]

# (lines, characters per line) of the ICAO layouts: TD1; TD3 and MRV-A; TD2 and MRV-B.
SHAPES = {3: (30,), 2: (44, 36)}


@dataclass(frozen=True, slots=True)
class Geometry:
    """One way to read a band: so many lines of so many cells, and how cleanly it cut."""

    lines: int
    length: int
    cells: Floats  # (lines * length, CELL_H, CELL_W)
    cost: float
    ink: Floats  # the normalised band the cells were cut from
    rows: tuple[Line, ...]  # its MRZ lines, top to bottom
    edges: tuple[Floats, ...]  # each line's ``length + 1`` cell boundaries


def _mrz_lines(lines: list[Line]) -> list[Line]:
    """The 2 or 3 widest lines of a similar width (the MRZ), top to bottom."""
    if len(lines) < 2:
        return []
    widest = max(line.right - line.left for line in lines)
    wide = [line for line in lines if line.right - line.left > 0.75 * widest]
    if len(wide) > 3:
        wide = sorted(wide, key=lambda line: line.right - line.left, reverse=True)[:3]
    return sorted(wide, key=lambda line: line.centre) if len(wide) >= 2 else []


def _normalised(band: NDArray[np.uint8]) -> tuple[Floats, list[Line]]:
    ink = ink_map(band)
    lines = _mrz_lines(find_lines(ink))
    if not lines:
        return ink, []
    height = float(np.median([line.height for line in lines]))
    zoom = TARGET_HEIGHT / height
    if abs(zoom - 1) > 0.08:
        interpolation = cv2.INTER_AREA if zoom < 1 else cv2.INTER_CUBIC
        band = np.asarray(
            cv2.resize(band, None, fx=zoom, fy=zoom, interpolation=interpolation), dtype=np.uint8
        )
        ink = ink_map(band)
        lines = _mrz_lines(find_lines(ink))
    return ink, lines


def geometries(band: NDArray[np.uint8], length: int | None = None) -> list[Geometry]:
    """Each plausible reading geometry of a band, the cleanest cut first.

    ``length`` fixes the characters per line (training knows it); otherwise every ICAO
    length for the number of lines found is tried.
    """
    ink, lines = _normalised(band)
    if len(lines) not in SHAPES:
        return []
    found = []
    for n in (length,) if length is not None else SHAPES[len(lines)]:
        for rows in _spans(lines, n):
            cells, cost, cuts = [], 0.0, []
            for line in rows:
                edges, line_cost = boundaries(ink, line, n)
                cells.append(cut(ink, line, edges))
                cuts.append(edges)
                cost += line_cost
            found.append(
                Geometry(
                    len(rows), n, np.concatenate(cells), cost / len(rows), ink, rows, tuple(cuts)
                )
            )
    return sorted(found, key=lambda geometry: geometry.cost)


def _spans(lines: list[Line], n: int) -> list[tuple[Line, ...]]:
    """The lines as found, and, when their ends disagree, the lines given each other's ends.

    Every MRZ line holds the same number of characters, left-aligned, so all lines share
    their first and last character columns. A line whose end characters were lost (glare, a
    faint ``I`` or ``<``) or that picked up a stray mark beside it ends elsewhere; which line
    is right is left to the reader (check digits and the classifier's confidence), so each
    line's left and right ends are tried on every line.
    """
    pitch = float(np.median([(line.right - line.left) / (n - 0.25) for line in lines]))
    found = [tuple(lines)]

    def distinct(values: list[float]) -> list[float]:
        kept: list[float] = []
        for value in sorted(values):
            if not kept or value - kept[-1] > 0.5 * pitch:
                kept.append(value)
        return kept

    lefts = distinct([line.left for line in lines])
    rights = distinct([line.right for line in lines])
    # Where a whole run of characters at an end was lost on every line (a faint right end,
    # fillers too small to count), the spacing of the characters found gives the length.
    spacing = float(np.median([line.pitch for line in lines]))
    if spacing > 0:
        width = (n - 0.25) * spacing
        lefts = distinct(lefts + [right - width for right in rights])
        rights = distinct(rights + [left + width for left in lefts])
    if len(lefts) == 1 and len(rights) == 1:
        return found
    for left in lefts:
        for right in rights:
            found.append(tuple(replace(line, left=left, right=right) for line in lines))
    return found
