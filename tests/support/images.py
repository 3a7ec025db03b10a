"""Photos of documents with a given MRZ, made by the project's own generator."""

from __future__ import annotations

import random

import cv2
import numpy as np

from borderpost.documents.ocr import synth


def photo_of(mrz: str, level: str = "mild", seed: int = 1, ext: str = ".jpg") -> bytes:
    """The MRZ rendered in OCR-B on a document page, photographed at ``level``, encoded."""
    rng = random.Random(seed)
    px_per_mm = 9.0
    page = synth.render_page(mrz, rng, px_per_mm)
    image = synth.degrade(page, level, rng, px_per_mm)
    ok, encoded = cv2.imencode(ext, image)
    assert ok
    return encoded.tobytes()


def blank_png() -> bytes:
    """A plain sheet: no MRZ at all."""
    ok, encoded = cv2.imencode(".png", np.full((400, 600), 235, np.uint8))
    assert ok
    return encoded.tobytes()
