"""Find the MRZ band in an image at any rotation, scale or (small) perspective, and cut it out
upright.

The image is binarised against its local background; character-sized ink components are
linked to neighbours of a similar size close by (scale free: the distance is measured in
character sizes), and the linked groups become candidate text blocks. An MRZ is a block of
many characters in a long, narrow band: candidates are ranked by how many characters they
hold and how band-like they are. Each is cut out along its own axis, at both of the two
orientations a band can have (the reader decides which one reads), scaled so a character is
about ``TARGET_HEIGHT`` pixels high.
"""

from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np
from numpy.typing import NDArray
from scipy.sparse import coo_matrix
from scipy.sparse.csgraph import connected_components
from scipy.spatial import cKDTree

__all__ = ["TARGET_HEIGHT", "Band", "locate"]

TARGET_HEIGHT = 20.0  # pixels per character height in the cut-out band
WORK_SIDE = 1400  # the longer side of the image the search works on
MIN_CHARS = 40  # an MRZ has 60 to 90 characters; allow some merged or lost
MAX_CANDIDATES = 3


@dataclass(frozen=True, slots=True)
class Band:
    """A candidate MRZ band cut out upright (grayscale) and how it was found."""

    image: NDArray[np.uint8]
    angle: float  # degrees the image was turned to make the band upright
    chars: int  # character-sized components in the block
    char_height: float  # in source-image pixels


def _gray(image: NDArray[np.uint8]) -> NDArray[np.uint8]:
    if image.ndim == 3:
        return np.asarray(cv2.cvtColor(image, cv2.COLOR_BGR2GRAY), dtype=np.uint8)
    return image


def _components(gray: NDArray[np.uint8]) -> tuple[NDArray[np.float32], NDArray[np.float32]]:
    """Centres and sizes of the dark, character-sized components."""
    block = max(15, (min(gray.shape) // 25) | 1)
    binary = cv2.adaptiveThreshold(
        gray, 1, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, block, 12
    )
    _, _, stats, centroids = cv2.connectedComponentsWithStats(binary, connectivity=8)
    w = stats[1:, cv2.CC_STAT_WIDTH].astype(np.float32)
    h = stats[1:, cv2.CC_STAT_HEIGHT].astype(np.float32)
    area = stats[1:, cv2.CC_STAT_AREA].astype(np.float32)
    size = np.maximum(w, h)
    fill = area / np.maximum(w * h, 1)
    limit = max(gray.shape) / 15
    keep = (size >= 5) & (size <= limit) & (area >= 6) & (fill > 0.08) & (fill < 0.95)
    return centroids[1:][keep].astype(np.float32), size[keep]


def _groups(centres: NDArray[np.float32], sizes: NDArray[np.float32]) -> list[NDArray[np.int64]]:
    """Components linked to close neighbours of a similar size, as groups of indices."""
    n = len(centres)
    if n < MIN_CHARS:
        return []
    tree = cKDTree(centres)
    distances, neighbours = tree.query(centres, k=min(9, n))
    rows, cols = [], []
    for j in range(1, neighbours.shape[1]):
        other = neighbours[:, j]
        a, b = sizes, sizes[other]
        near = distances[:, j] < 1.5 * np.maximum(a, b)
        similar = np.maximum(a, b) < 1.8 * np.minimum(a, b)
        linked = np.nonzero(near & similar)[0]
        rows.append(linked)
        cols.append(other[linked])
    r, c = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(r), np.int8), (r, c)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    counts = np.bincount(labels)
    return [np.nonzero(labels == label)[0] for label in np.nonzero(counts >= MIN_CHARS)[0]]


def locate(image: NDArray[np.uint8]) -> list[Band]:
    """Candidate MRZ bands, the likeliest first, each at both orientations."""
    gray = _gray(image)
    scale = min(1.0, WORK_SIDE / max(gray.shape))
    work = (
        gray
        if scale == 1.0
        else np.asarray(
            cv2.resize(gray, None, fx=scale, fy=scale, interpolation=cv2.INTER_AREA), np.uint8
        )
    )
    centres, sizes = _components(work)
    scored = []
    for group in _groups(centres, sizes):
        points = centres[group]
        (cx, cy), (w, h), angle = cv2.minAreaRect(points)
        long, short = max(w, h), max(min(w, h), 1.0)
        char = float(np.median(sizes[group]))
        lines = short / char + 1  # rows of characters across the band
        if long / char < 15 or lines > 5.5:
            continue
        per_line = len(group) / max(lines, 1)
        if per_line < 18:
            continue
        scored.append((len(group) * min(1.0, long / short / 4), group, (cx, cy, w, h, angle), char))
    scored.sort(key=lambda item: -item[0])
    bands: list[Band] = []
    for _, group, (cx, cy, w, h, angle), char in scored[:MAX_CANDIDATES]:
        if w < h:
            w, h, angle = h, w, angle + 90.0
        for turn in (0.0, 180.0):
            bands.append(_cut(gray, scale, (cx, cy, w, h), angle + turn, char, len(group)))
    return bands


def _cut(
    gray: NDArray[np.uint8],
    scale: float,
    rect: tuple[float, float, float, float],
    angle: float,
    char: float,
    count: int,
) -> Band:
    """The band cut out of the full-resolution image, upright, a character TARGET_HEIGHT high."""
    cx, cy, w, h = (value / scale for value in rect)
    char_full = char / scale
    zoom = TARGET_HEIGHT / (char_full * 0.92)
    out_w = round((w + char_full * 3.0) * zoom)
    out_h = round((h + char_full * 3.0) * zoom)
    matrix = cv2.getRotationMatrix2D((cx, cy), angle, zoom)
    matrix[0, 2] += out_w / 2 - cx
    matrix[1, 2] += out_h / 2 - cy
    flags = cv2.INTER_AREA if zoom < 1 else cv2.INTER_CUBIC
    if zoom < 0.7:  # shrink in one step first so the rotation does not alias
        small = cv2.resize(gray, None, fx=zoom, fy=zoom, interpolation=cv2.INTER_AREA)
        matrix = cv2.getRotationMatrix2D((cx * zoom, cy * zoom), angle, 1.0)
        matrix[0, 2] += out_w / 2 - cx * zoom
        matrix[1, 2] += out_h / 2 - cy * zoom
        band = cv2.warpAffine(
            small, matrix, (out_w, out_h), flags=cv2.INTER_LINEAR, borderMode=cv2.BORDER_REPLICATE
        )
    else:
        band = cv2.warpAffine(
            gray, matrix, (out_w, out_h), flags=flags, borderMode=cv2.BORDER_REPLICATE
        )
    return Band(
        image=np.asarray(band, dtype=np.uint8),
        angle=angle % 360,
        chars=count,
        char_height=char_full,
    )
