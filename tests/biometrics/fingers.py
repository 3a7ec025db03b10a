"""Synthetic fingerprints for the tests: impressions of borderpost.sim's master fingers."""

from __future__ import annotations

import io
import random
from functools import cache

import numpy as np
import numpy.typing as npt
from PIL import Image

from borderpost.biometrics.fingerprint import FingerAnalysis, analyse_finger_image
from borderpost.sim.fingerprints import Capture, impression, master_finger

Grey = npt.NDArray[np.uint8]


def finger_image(seed: int, occasion: int, capture: Capture | None = None) -> Grey:
    return impression(master_finger(seed), random.Random(seed * 1000 + occasion), capture)


@cache
def analysed(seed: int, occasion: int) -> FingerAnalysis:
    return analyse_finger_image(finger_image(seed, occasion))


def png(image: Grey) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "PNG")
    return buffer.getvalue()
