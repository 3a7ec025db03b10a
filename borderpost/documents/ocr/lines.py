"""From an upright band image to the cells of its MRZ lines, for each plausible geometry."""

from __future__ import annotations

from dataclasses import dataclass

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
        cells, cost, cuts = [], 0.0, []
        for line in lines:
            edges, line_cost = boundaries(ink, line, n)
            cells.append(cut(ink, line, edges))
            cuts.append(edges)
            cost += line_cost
        found.append(
            Geometry(
                len(lines),
                n,
                np.concatenate(cells),
                cost / len(lines),
                ink,
                tuple(lines),
                tuple(cuts),
            )
        )
    return sorted(found, key=lambda geometry: geometry.cost)
