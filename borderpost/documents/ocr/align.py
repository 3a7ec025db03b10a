"""Re-align a line's cell grid where the classifier is surest, when the ink-gap grid misreads.

The first cut (:func:`borderpost.documents.ocr.cells.boundaries`) places the grid where its
boundaries cross the least ink. Under blur and low resolution the gaps between characters
fill in and that cost goes flat: the grid can slide by a fraction of a pitch, often more at
one end of the line than the other, and every cell then holds half of two characters.

This pass moves three control points of each line's grid (its start, middle and end; the
shift between them is interpolated as a parabola, so the pitch and a little perspective
follow) and keeps the placement whose cells the classifier reads most confidently (the sum
of each cell's log probability of its likeliest symbol). A coordinate search over the three
points, coarse then fine, keeps it to a few hundred cells per line; the classifier is a
numpy MLP that takes them in one product. Lines are aligned independently.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np

from borderpost.documents.ocr.cells import Floats, Line, cut
from borderpost.documents.ocr.lines import Geometry
from borderpost.documents.ocr.model import Classifier

__all__ = ["realign"]

# Shifts tried per control point, in pitches: a coarse pass, then a fine one around it.
STEPS = (
    np.linspace(-0.4, 0.4, 9, dtype=np.float32),
    np.linspace(-0.08, 0.08, 5, dtype=np.float32),
)


def _confidence(model: Classifier, cells: Floats, count: int) -> Floats:
    """Sum of log max-probability of each of ``count`` groups of equally many cells."""
    probs = model.probabilities(cells)
    best = np.log(np.maximum(probs.max(axis=1), 1e-9)).reshape(count, -1)
    total: Floats = best.sum(axis=1).astype(np.float32)
    return total


def _shifted(edges: Floats, shifts: Floats) -> Floats:
    """``edges`` moved by the parabola through (start, middle, end) = ``shifts`` (pixels)."""
    t = np.linspace(0.0, 1.0, len(edges), dtype=np.float32)
    a, m, b = (float(s) for s in shifts)
    # Lagrange basis on t = 0, 0.5, 1.
    moved = edges + a * (2 * t - 1) * (t - 1) + m * 4 * t * (1 - t) + b * t * (2 * t - 1)
    result: Floats = moved.astype(np.float32)
    return result


def _align_line(
    model: Classifier, ink: Floats, line: Line, edges: Floats
) -> tuple[Floats, Floats, float]:
    """The best edges for one line, its cells and their summed confidence."""
    pitch = float(edges[-1] - edges[0]) / (len(edges) - 1)
    shifts = np.zeros(3, np.float32)
    cells = cut(ink, line, edges)
    score = float(_confidence(model, cells, 1)[0])
    for steps in STEPS:
        for point in (0, 2, 1):
            trials = []
            for step in steps:
                trial = shifts.copy()
                trial[point] += step * pitch
                trials.append(trial)
            cut_cells = [cut(ink, line, _shifted(edges, trial)) for trial in trials]
            scores = _confidence(model, np.concatenate(cut_cells), len(trials))
            at = int(np.argmax(scores))
            if float(scores[at]) > score:
                score, shifts, cells = float(scores[at]), trials[at], cut_cells[at]
    return _shifted(edges, shifts), cells, score


def realign(geometry: Geometry, model: Classifier) -> Geometry:
    """The geometry with each line's grid moved to where the classifier reads it best."""
    edges, cells = [], []
    for line, line_edges in zip(geometry.rows, geometry.edges, strict=True):
        moved, line_cells, _ = _align_line(model, geometry.ink, line, line_edges)
        edges.append(moved)
        cells.append(line_cells)
    return replace(geometry, cells=np.concatenate(cells), edges=tuple(edges))
