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

import itertools
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


def _direction(
    centres: NDArray[np.float32], sizes: NDArray[np.float32], neighbours: NDArray[np.int64]
) -> float:
    """The text direction (radians, modulo pi): where most nearest similar neighbours lie."""
    other = neighbours[:, 1]
    similar = np.maximum(sizes, sizes[other]) < 2.0 * np.minimum(sizes, sizes[other])
    vectors = centres[other[similar]] - centres[similar]
    if len(vectors) == 0:
        return 0.0
    angles = np.mod(np.arctan2(vectors[:, 1], vectors[:, 0]), np.pi)
    bins = np.bincount((angles / np.pi * 72).astype(np.int64) % 72, minlength=72).astype(float)
    smooth = bins + np.roll(bins, 1) + np.roll(bins, -1)
    peak = (int(np.argmax(smooth)) + 0.5) * np.pi / 72
    near = np.abs(np.angle(np.exp(2j * (angles - peak)))) < np.deg2rad(10) * 2
    if not near.any():
        return float(peak)
    # the circular mean (modulo pi) of the angles near the peak
    mean = np.angle(np.exp(2j * angles[near]).mean()) / 2
    return float(np.mod(mean, np.pi))


@dataclass(frozen=True, slots=True)
class _Line:
    members: NDArray[np.int64]
    start: float  # along the text direction
    end: float
    across: float  # position across it
    char: float


def _lines(centres: NDArray[np.float32], sizes: NDArray[np.float32]) -> tuple[list[_Line], float]:
    """Text lines: components linked to similar neighbours along the text direction."""
    n = len(centres)
    tree = cKDTree(centres)
    _, neighbours = tree.query(centres, k=min(9, n))
    theta = _direction(centres, sizes, neighbours)
    along_unit = np.array([np.cos(theta), np.sin(theta)])
    across_unit = np.array([-np.sin(theta), np.cos(theta)])
    rows, cols = [], []
    for j in range(1, neighbours.shape[1]):
        other = neighbours[:, j]
        vector = centres[other] - centres
        along = np.abs(vector @ along_unit)
        across = np.abs(vector @ across_unit)
        a, b = sizes, sizes[other]
        linked = np.nonzero(
            (along < 2.0 * np.maximum(a, b))
            & (across < 0.4 * np.maximum(along, 1e-6))
            & (np.maximum(a, b) < 2.5 * np.minimum(a, b))
        )[0]
        rows.append(linked)
        cols.append(other[linked])
    r, c = np.concatenate(rows), np.concatenate(cols)
    graph = coo_matrix((np.ones(len(r), np.int8), (r, c)), shape=(n, n))
    _, labels = connected_components(graph, directed=False)
    along_all = centres @ along_unit.astype(np.float32)
    across_all = centres @ across_unit.astype(np.float32)
    pieces = []
    for label in np.nonzero(np.bincount(labels) >= 6)[0]:
        for members in _split(np.nonzero(labels == label)[0], along_all, across_all, sizes):
            pieces.append(
                _Line(
                    members,
                    float(along_all[members].min()),
                    float(along_all[members].max()),
                    float(np.median(across_all[members])),
                    float(np.percentile(sizes[members], 75)),
                )
            )
    return _join(pieces), theta


def _split(
    members: NDArray[np.int64],
    along: NDArray[np.float32],
    across: NDArray[np.float32],
    sizes: NDArray[np.float32],
) -> list[NDArray[np.int64]]:
    """A linked group cut into its text lines where it holds more than one.

    Lines set close together (MRZ lines under perspective come within a character of each
    other at one end) get linked through diagonal neighbours. The distances of the members
    from the group's straight fit then fall in separate clusters; the group is split at the
    widest gap between them while that gap is more than a third of a character.
    """
    if len(members) < 12:
        return [members]
    x, y = along[members], across[members]
    slope, intercept = np.polyfit(x, y, 1) if np.ptp(x) > 0 else (0.0, float(np.median(y)))
    residual = y - (slope * x + intercept)
    order = np.argsort(residual)
    gaps = np.diff(residual[order])
    at = int(np.argmax(gaps))
    char = float(np.percentile(sizes[members], 75))
    if gaps[at] < char / 3 or min(at + 1, len(members) - at - 1) < 6:
        return [members]
    low, high = members[order[: at + 1]], members[order[at + 1 :]]
    return _split(low, along, across, sizes) + _split(high, along, across, sizes)


def _join(pieces: list[_Line]) -> list[_Line]:
    """Pieces of one line (broken by glare, a fold or merged fillers) joined."""
    pieces = sorted(pieces, key=lambda piece: piece.start)
    joined: list[_Line] = []
    for piece in pieces:
        for index, line in enumerate(joined):
            char = max(line.char, piece.char)
            if (
                abs(line.across - piece.across) < 0.5 * char
                and piece.start - line.end < 8 * char
                and max(line.char, piece.char) < 1.6 * min(line.char, piece.char)
            ):
                members = np.concatenate([line.members, piece.members])
                joined[index] = _Line(
                    members,
                    min(line.start, piece.start),
                    max(line.end, piece.end),
                    (line.across * len(line.members) + piece.across * len(piece.members))
                    / len(members),
                    (line.char * len(line.members) + piece.char * len(piece.members))
                    / len(members),
                )
                break
        else:
            joined.append(piece)
    return joined


def _blocks(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of 2 or 3 long, parallel, evenly spaced lines of a similar extent: MRZ candidates."""
    long = [line for line in lines if line.end - line.start > 20 * line.char]
    long = [line for line in long if len(line.members) >= 12]
    long.sort(key=lambda line: line.across)
    found: list[list[_Line]] = []
    for size in (3, 2):
        for i in range(len(long) - size + 1):
            run = long[i : i + size]
            char = float(np.median([line.char for line in run]))
            gaps = [b.across - a.across for a, b in itertools.pairwise(run)]
            if not all(0.9 * char < gap < 2.8 * char for gap in gaps):
                continue
            if size == 3 and max(gaps) > 1.35 * min(gaps):
                continue
            start = max(line.start for line in run)
            end = min(line.end for line in run)
            longest = max(line.end - line.start for line in run)
            if end - start < 0.75 * longest:
                continue
            found.append(run)
    found.sort(key=lambda run: -sum(len(line.members) for line in run))
    return found


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
    if len(centres) < MIN_CHARS:
        return []
    lines, theta = _lines(centres, sizes)
    bands: list[Band] = []
    along_unit = np.array([np.cos(theta), np.sin(theta)])
    across_unit = np.array([-np.sin(theta), np.cos(theta)])
    for run in _blocks(lines)[:MAX_CANDIDATES]:
        char = float(np.median([line.char for line in run]))
        start = min(line.start for line in run)
        end = max(line.end for line in run)
        top, bottom = run[0].across, run[-1].across
        middle = along_unit * (start + end) / 2 + across_unit * (top + bottom) / 2
        rect = (float(middle[0]), float(middle[1]), end - start + char, bottom - top + char)
        count = sum(len(line.members) for line in run)
        for turn in (0.0, 180.0):
            bands.append(_cut(gray, scale, rect, np.rad2deg(theta) + turn, char, count))
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
