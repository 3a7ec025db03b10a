"""Split a rectified MRZ band into its lines and each line into fixed-pitch character cells.

MRZ characters stand at a fixed pitch (10 per inch), so a line of ``n`` characters is cut
at ``n - 1`` boundaries ``x0 + k * pitch + k * k * bend``: the search picks the pitch, offset
and bend (what a little perspective leaves) whose boundaries cross the least ink. Each cell
is then resampled to a small fixed-size patch, ink 1 and paper 0, for the classifier.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray

__all__ = ["CELL_H", "CELL_W", "Line", "cut", "find_lines", "ink_map"]

CELL_H, CELL_W = 24, 20
LINE_LENGTHS = {3: (30,), 2: (44, 36)}

Floats = NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class Line:
    """One MRZ line in band coordinates: its centre line ``y = centre + slope * x``."""

    centre: float
    slope: float
    height: float  # height of a capital, pixels
    left: float  # first and last ink columns
    right: float
    pitch: float = 0.0  # median spacing of its character centres (0: not measured)


def ink_map(gray: NDArray[np.uint8]) -> Floats:
    """Ink darkness 0 (paper) to 1 (ink), normalised to the local paper and ink levels."""
    g = gray.astype(np.float32)
    size = max(15, (min(g.shape) // 2) | 1)
    paper = cv2.dilate(g, cv2.getStructuringElement(cv2.MORPH_RECT, (size // 3 | 1, size // 3 | 1)))
    paper = cv2.GaussianBlur(paper, (0, 0), size / 6)
    ink = float(np.percentile(g, 3))
    span = np.maximum(paper - ink, 25.0)
    result: Floats = np.clip((paper - g) / span, 0.0, 1.0).astype(np.float32)
    return result


def find_lines(ink: Floats, expected: int | None = None) -> list[Line]:
    """The text lines of a band (top to bottom) from its character-sized ink components."""
    binary = (ink > 0.45).astype(np.uint8)
    count, _, stats, centroids = cv2.connectedComponentsWithStats(binary, connectivity=8)
    if count <= 1:
        return []
    heights = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float32)
    widths = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float32)
    areas = stats[1:, cv2.CC_STAT_AREA].astype(np.float32)
    keep = (heights >= 4) & (areas >= 8) & (heights < ink.shape[0] * 0.6)
    if keep.sum() < 10:
        return []
    tall = float(np.percentile(heights[keep], 80))
    glyph = keep & (heights > tall * 0.55) & (heights < tall * 1.6) & (widths < tall * 2.5)
    ys = centroids[1:, 1][glyph]
    xs = centroids[1:, 0][glyph]
    lefts = stats[1:, cv2.CC_STAT_LEFT][glyph].astype(np.float32)
    rights = lefts + widths[glyph]
    hs = heights[glyph]
    # The slope at which the component centres stack up most sharply (the residual skew).
    slopes = np.linspace(-0.07, 0.07, 57, dtype=np.float32)
    shifted = ys[None, :] - slopes[:, None] * xs[None, :]
    binned = np.floor((shifted - shifted.min()) / (tall / 4)).astype(np.int64)
    width = int(binned.max()) + 1
    flat = binned + np.arange(len(slopes))[:, None] * width
    counts = np.bincount(flat.ravel(), minlength=len(slopes) * width).reshape(len(slopes), -1)
    skew = float(slopes[int(np.argmax((counts.astype(np.float64) ** 2).sum(axis=1)))])
    ys_level = ys - skew * xs
    order = np.argsort(ys_level)
    groups: list[list[int]] = []
    for index in order:
        if groups and ys_level[index] - ys_level[groups[-1][-1]] < tall * 0.5:
            groups[-1].append(int(index))
        else:
            groups.append([int(index)])
    lines = []
    for group in groups:
        if len(group) < 12:
            continue
        members = np.array(group)
        x, y = xs[members], ys[members]
        slope = float(np.polyfit(x, y, 1)[0]) if np.ptp(x) > 0 else 0.0
        slope = float(np.clip(slope, -0.08, 0.08))
        centre = float(np.median(y - slope * x))
        gaps = np.diff(np.sort(x))
        gaps = gaps[gaps > tall * 0.3]  # not the pieces of one broken character
        pitch = float(np.median(gaps)) if len(gaps) else 0.0
        lines.append(
            Line(
                centre=centre,
                slope=slope,
                height=float(np.percentile(hs[members], 75)),
                left=float(lefts[members].min()),
                right=float(rights[members].max()),
                pitch=pitch,
            )
        )
    if expected is not None and len(lines) > expected:
        # keep the most consistent run of ``expected`` lines (the MRZ), the widest first
        lines.sort(key=lambda line: line.right - line.left, reverse=True)
        lines = sorted(lines[:expected], key=lambda line: line.centre)
    return lines


def _profile(ink: Floats, line: Line) -> Floats:
    """Ink per column along a line, over its character height."""
    h, w = ink.shape
    xs = np.arange(w, dtype=np.float32)
    total = np.zeros(w, np.float32)
    half = max(1, round(line.height * 0.45))
    for dy in range(-half, half + 1):
        ys = np.clip(np.round(line.centre + line.slope * xs + dy), 0, h - 1).astype(int)
        total += ink[ys, np.arange(w)]
    return total


def boundaries(ink: Floats, line: Line, n: int) -> tuple[Floats, float]:
    """The ``n + 1`` cell boundaries of a line of ``n`` characters and their ink cost (lower is
    cleaner)."""
    profile = _profile(ink, line)
    profile = np.convolve(profile, np.ones(3, np.float32) / 3, mode="same").astype(np.float32)
    span = line.right - line.left
    base = span / (n - 0.25)
    pitches = base * np.linspace(0.96, 1.03, 15, dtype=np.float32)
    offsets = np.linspace(-0.35, 0.1, 10, dtype=np.float32)
    bends = np.linspace(-0.0012, 0.0012, 7, dtype=np.float32)
    k = np.arange(1, n, dtype=np.float32)
    grid_p, grid_o, grid_b = (g.ravel() for g in np.meshgrid(pitches, offsets, bends))
    x0 = line.left + grid_o * grid_p
    xs = x0[:, None] + k[None, :] * grid_p[:, None] * (1 + grid_b[:, None] * (k[None, :] - n / 2))
    idx = np.clip(np.round(xs).astype(np.int64), 0, profile.shape[0] - 1)
    costs = profile[idx].mean(axis=1)
    at = int(np.argmin(costs))
    cost, x0_best = float(costs[at]), float(x0[at])
    pitch, bend = float(grid_p[at]), float(grid_b[at])
    x0 = x0_best
    kk = np.arange(0, n + 1, dtype=np.float32)
    edges = (x0 + kk * pitch * (1 + bend * (kk - n / 2))).astype(np.float32)
    peak = float(np.percentile(profile, 90)) or 1.0
    return edges, cost / peak


def cut(ink: Floats, line: Line, edges: Floats) -> Floats:
    """The cells between consecutive boundaries, each ``CELL_H`` x ``CELL_W``, ink 1."""
    n = len(edges) - 1
    out = np.zeros((n, CELL_H, CELL_W), np.float32)
    half_h = line.height * 0.62
    for i in range(n):
        a, b = float(edges[i]), float(edges[i + 1])
        cx = (a + b) / 2
        cy = line.centre + line.slope * cx
        half_w = (b - a) * 0.5
        source = np.array(
            [[cx - half_w, cy - half_h], [cx + half_w, cy - half_h], [cx - half_w, cy + half_h]],
            dtype=np.float32,
        )
        target = np.array([[0, 0], [CELL_W, 0], [0, CELL_H]], dtype=np.float32)
        matrix = cv2.getAffineTransform(source, target)
        out[i] = cv2.warpAffine(
            ink, matrix, (CELL_W, CELL_H), flags=cv2.INTER_LINEAR, borderValue=0.0
        )
    return out
