"""Public-domain portraits shipped inside installed wheels, and synthetic variations of them.

- scikit-image's ``astronaut``: Eileen Collins, NASA photograph (public domain).
- matplotlib's ``grace_hopper.jpg``: Rear Admiral Grace Hopper, US Navy photograph (public
  domain).
- scikit-image's ``coffee``: a cup of coffee, no face.
"""

from __future__ import annotations

import io
from pathlib import Path

import matplotlib
import numpy as np
import numpy.typing as npt
from PIL import Image, ImageEnhance
from skimage import data

Rgb = npt.NDArray[np.uint8]


def astronaut() -> Rgb:
    image = data.astronaut()  # type: ignore[no-untyped-call]
    return np.asarray(image, dtype=np.uint8)


def coffee() -> Rgb:
    image = data.coffee()  # type: ignore[no-untyped-call]
    return np.asarray(image, dtype=np.uint8)


def grace_hopper_bytes() -> bytes:
    path = Path(matplotlib.get_data_path()) / "sample_data" / "grace_hopper.jpg"
    return path.read_bytes()


def grace_hopper() -> Rgb:
    with Image.open(io.BytesIO(grace_hopper_bytes())) as image:
        return np.asarray(image.convert("RGB"), dtype=np.uint8)


def encode(image: Rgb, fmt: str = "JPEG", **options: object) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, fmt, **options)
    return buffer.getvalue()


def variations(image: Rgb) -> dict[str, bytes]:
    """The same face altered as a camera, a scanner or a chip issuer would alter it."""
    pil = Image.fromarray(image)
    height, width = image.shape[:2]
    crop = np.asarray(pil.crop((60, 0, width - 100, height - 150)))
    rotated = np.asarray(pil.rotate(6, resample=Image.Resampling.BILINEAR, fillcolor=(90, 90, 90)))
    darker = np.asarray(ImageEnhance.Brightness(pil).enhance(0.7))
    brighter = np.asarray(ImageEnhance.Brightness(pil).enhance(1.25))
    return {
        "crop": encode(crop, "PNG"),
        "rotated 6 degrees": encode(rotated),
        "JPEG quality 30": encode(image, "JPEG", quality=30),
        "JPEG 2000 at 1:20": encode(image, "JPEG2000", quality_mode="rates", quality_layers=[20]),
        "darker": encode(darker),
        "brighter": encode(brighter),
    }
