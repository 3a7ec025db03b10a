"""Synthetic fingerprints (SFinGe-style): one master finger per seed, and impressions of it.

A master finger is grown the way Cappelli and Maltoni's SFinGe does it, with this project's own
code: an orientation field from singular points (Sherlock and Monro's zero-pole model: cores
and deltas), one ridge frequency per finger (8.5-10.5 pixels per ridge at 500 ppi), and
random seed points grown into ridges by repeated Gabor filtering tuned to the local
orientation. Where ridges that grew from different seeds meet, endings and bifurcations form
where nature puts them: at random, so each seed is a different finger.

An impression is what a scanner sees of that finger on one occasion: rotated and moved on the
platen, partly lifted off it, pressed harder or softer (thicker or thinner ridges), slightly
distorted by the skin's elasticity, blurred and noisy. Impressions of one master share its
minutiae; impressions of different masters do not.

    finger = master_finger(7)
    image = impression(finger, random.Random(1))      # uint8, 500 ppi, dark ridges
    image = impression(finger, random.Random(2), Pressure(rotation=12.0, crop=0.25))

Every function is a pure function of its seed.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from functools import lru_cache

import cv2
import numpy as np
import numpy.typing as npt

__all__ = ["PATTERNS", "Capture", "MasterFinger", "impression", "master_finger"]

#: Image size of masters and impressions (height, width), in pixels at 500 ppi.
HEIGHT, WIDTH = 416, 336
#: Pattern classes and their singular points (fractions of width, height): cores, deltas.
PATTERNS: dict[str, tuple[tuple[tuple[float, float], ...], tuple[tuple[float, float], ...]]] = {
    "left_loop": (((0.50, 0.42),), ((0.80, 0.72),)),
    "right_loop": (((0.50, 0.42),), ((0.20, 0.72),)),
    "whorl": (((0.46, 0.40), (0.54, 0.50)), ((0.18, 0.74), (0.82, 0.74))),
    "arch": (((0.50, 1.35),), ((0.50, 1.55),)),
}
_BINS = 16  # orientations of the Gabor filter bank
_ITERATIONS = 14

Grey = npt.NDArray[np.uint8]
Field = npt.NDArray[np.float32]


@dataclass(frozen=True, slots=True)
class MasterFinger:
    """One synthetic finger: its ridges (-1 valley .. 1 ridge) and the fingertip's outline."""

    seed: int
    pattern: str
    wavelength: float
    ridges: Field
    mask: Field  # 1 on the fingertip, 0 beyond it, soft at the edge


@dataclass(frozen=True, slots=True)
class Capture:
    """How one impression differs from the master (``None``: drawn from the impression's rng)."""

    rotation: float | None = None  # degrees
    shift: tuple[float, float] | None = None  # pixels (x, y)
    crop: float | None = None  # share of the finger lifted off the platen, from one side
    pressure: float | None = None  # -1 light (thin ridges) .. 1 heavy (thick ridges)
    noise: float | None = None  # grey levels (standard deviation)


def _orientation(pattern: str, rng: np.random.Generator) -> Field:
    cores, deltas = PATTERNS[pattern]
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)
    z = xs + 1j * ys
    jitter = rng.normal(0.0, 0.06, size=(len(cores) + len(deltas), 2))
    theta = np.zeros_like(xs)
    for index, (fx, fy) in enumerate(cores):
        point = (fx + jitter[index, 0]) * WIDTH + 1j * (fy + jitter[index, 1]) * HEIGHT
        theta += 0.5 * np.angle(z - point)
    for index, (fx, fy) in enumerate(deltas, len(cores)):
        point = (fx + jitter[index, 0]) * WIDTH + 1j * (fy + jitter[index, 1]) * HEIGHT
        theta -= 0.5 * np.angle(z - point)
    # Each finger bends its ridges its own way: a smooth random turn of up to ~15 degrees.
    coarse = rng.normal(0.0, 0.18, size=(6, 5)).astype(np.float32)
    bend = cv2.resize(coarse, (WIDTH, HEIGHT), interpolation=cv2.INTER_CUBIC)
    # Far from the singular points ridges run across the finger (orientation 0).
    return np.asarray(theta + rng.normal(0.0, 0.1) + bend, dtype=np.float32)


def _gabor_bank(wavelength: float) -> list[npt.NDArray[np.float32]]:
    sigma = wavelength * 0.45
    half = math.ceil(2.5 * sigma)
    ys, xs = np.mgrid[-half : half + 1, -half : half + 1].astype(np.float64)
    bank = []
    for index in range(_BINS):
        phi = math.pi * index / _BINS  # the ridge direction
        across = -xs * math.sin(phi) + ys * math.cos(phi)
        kernel = np.exp(-(xs**2 + ys**2) / (2 * sigma**2)) * np.cos(
            2 * math.pi * across / wavelength
        )
        kernel -= kernel.mean()
        bank.append(np.asarray(kernel / np.abs(kernel).sum(), dtype=np.float32))
    return bank


def _outline(rng: np.random.Generator) -> Field:
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float64)
    cx = WIDTH * (0.5 + rng.uniform(-0.02, 0.02))
    cy = HEIGHT * (0.52 + rng.uniform(-0.02, 0.02))
    rx, ry = WIDTH * rng.uniform(0.40, 0.46), HEIGHT * rng.uniform(0.44, 0.50)
    distance = np.sqrt(((xs - cx) / rx) ** 2 + ((ys - cy) / ry) ** 2)
    return np.asarray(np.clip((1.0 - distance) * 12.0, 0.0, 1.0), dtype=np.float32)


@lru_cache(maxsize=64)
def master_finger(seed: int) -> MasterFinger:
    """The synthetic finger of ``seed`` (about a second of CPU; cached per process)."""
    rng = np.random.default_rng(seed)
    pattern = sorted(PATTERNS)[int(rng.integers(len(PATTERNS)))]
    wavelength = float(rng.uniform(8.5, 10.5))
    theta = _orientation(pattern, rng)
    bins = np.mod(np.round(np.mod(theta, math.pi) / math.pi * _BINS), _BINS).astype(np.int8)
    bank = _gabor_bank(wavelength)
    ridges = np.zeros((HEIGHT, WIDTH), dtype=np.float32)
    count = int(HEIGHT * WIDTH / 900)
    ridges[rng.integers(0, HEIGHT, count), rng.integers(0, WIDTH, count)] = rng.choice(
        [-1.0, 1.0], count
    )
    for _ in range(_ITERATIONS):
        grown = np.zeros_like(ridges)
        for index, kernel in enumerate(bank):
            where = bins == index
            response = cv2.filter2D(ridges, cv2.CV_32F, kernel, borderType=cv2.BORDER_REFLECT)
            grown[where] = response[where]
        scale = float(np.percentile(np.abs(grown), 90)) or 1.0
        ridges = np.clip(grown / scale * 1.5, -1.0, 1.0).astype(np.float32)
    # Each finger's skin is shaped its own way: a smooth stretch of up to ~10 pixels.
    ridges = _warp(ridges, np.eye(2, 3), _elastic_flow(rng, 6.0), 0.0)
    return MasterFinger(seed, pattern, wavelength, ridges, _outline(rng))


def _warp(
    image: Field, matrix: npt.NDArray[np.float64], flow: tuple[Field, Field], fill: float
) -> Field:
    moved = cv2.warpAffine(
        image,
        matrix,
        (WIDTH, HEIGHT),
        flags=cv2.INTER_LINEAR,
        borderMode=cv2.BORDER_CONSTANT,
        borderValue=fill,
    )
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    return np.asarray(
        cv2.remap(
            moved,
            xs + flow[0],
            ys + flow[1],
            cv2.INTER_LINEAR,
            borderMode=cv2.BORDER_CONSTANT,
            borderValue=fill,
        ),
        dtype=np.float32,
    )


def _elastic_flow(rng: np.random.Generator, amplitude: float) -> tuple[Field, Field]:
    coarse = rng.normal(0.0, amplitude, size=(2, 5, 4)).astype(np.float32)
    return (
        cv2.resize(coarse[0], (WIDTH, HEIGHT), interpolation=cv2.INTER_CUBIC),
        cv2.resize(coarse[1], (WIDTH, HEIGHT), interpolation=cv2.INTER_CUBIC),
    )


def impression(finger: MasterFinger, rng: random.Random, capture: Capture | None = None) -> Grey:
    """One scanner image of ``finger`` (HEIGHT x WIDTH, uint8, dark ridges on a light platen)."""
    capture = capture or Capture()
    rotation = capture.rotation if capture.rotation is not None else rng.uniform(-15.0, 15.0)
    shift = capture.shift or (rng.uniform(-20.0, 20.0), rng.uniform(-20.0, 20.0))
    crop = capture.crop if capture.crop is not None else rng.choice([0.0, 0.0, 0.15, 0.25])
    pressure = capture.pressure if capture.pressure is not None else rng.uniform(-0.5, 0.5)
    noise = capture.noise if capture.noise is not None else rng.uniform(4.0, 14.0)
    local = np.random.default_rng(rng.getrandbits(63))

    matrix = np.asarray(
        cv2.getRotationMatrix2D((WIDTH / 2, HEIGHT / 2), rotation, 1.0), dtype=np.float64
    )
    matrix[:, 2] += np.asarray(shift, dtype=np.float64)
    flow = _elastic_flow(local, 1.5)
    ridges = _warp(finger.ridges, matrix, flow, -1.0)
    mask = _warp(finger.mask, matrix, flow, 0.0)
    if crop > 0:
        side = rng.choice(["top", "bottom", "left", "right"])
        rows, cols = np.nonzero(mask > 0.5)
        if rows.size:
            if side in ("top", "bottom"):
                low, high = rows.min(), rows.max()
                cut = low + crop * (high - low) if side == "top" else high - crop * (high - low)
                ys = np.arange(HEIGHT, dtype=np.float32)[:, None]
                keep = (ys >= cut) if side == "top" else (ys <= cut)
            else:
                low, high = cols.min(), cols.max()
                cut = low + crop * (high - low) if side == "left" else high - crop * (high - low)
                xs = np.arange(WIDTH, dtype=np.float32)[None, :]
                keep = (xs >= cut) if side == "left" else (xs <= cut)
            # Where the finger lifts off the glass the print fades over a few ridges.
            soft = cv2.GaussianBlur(keep.astype(np.float32) * np.ones_like(mask), (0, 0), 4.0)
            mask = mask * soft
    # Pressure moves the level at which skin touches glass: heavier -> thicker ridges.
    ink = np.clip((ridges + 0.35 * pressure) * 2.5 + 0.5, 0.0, 1.0) * mask
    # Dry skin: small pale blots where the ridge did not print.
    blots = cv2.GaussianBlur(local.normal(0.0, 1.0, (HEIGHT, WIDTH)).astype(np.float32), (0, 0), 3)
    ink *= np.clip(1.0 - np.maximum(blots - 0.25, 0.0) * 4.0, 0.0, 1.0)
    grey = 235.0 - 190.0 * ink
    grey = cv2.GaussianBlur(grey.astype(np.float32), (0, 0), 0.8)
    grey += local.normal(0.0, noise, size=grey.shape).astype(np.float32)
    return np.asarray(np.clip(grey, 0, 255), dtype=np.uint8)
