"""Face images as pixels: camera and scanner files (JPEG, PNG, JPEG 2000) and DG2 portraits.

Pillow decodes; whatever it raises on bad bytes becomes a
:class:`~borderpost.biometrics.errors.BiometricFormatError` naming what is wrong.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from borderpost.biometrics.errors import BiometricFormatError

__all__ = ["MAX_IMAGE_BYTES", "MAX_PIXELS", "decode_image", "media_type"]

#: Largest encoded image accepted (a camera JPEG of a face is well under this).
MAX_IMAGE_BYTES = 8 * 1024 * 1024
#: Largest decoded image accepted (refuses decompression bombs before decoding).
MAX_PIXELS = 40_000_000
#: Images are scaled down so their longer side is at most this (faces at a booth fill the frame).
MAX_SIDE = 1024

RgbImage = npt.NDArray[np.uint8]


def decode_image(data: bytes, what: str = "the image") -> RgbImage:
    """An RGB image (height x width x 3, uint8) from encoded bytes.

    Raises:
        BiometricFormatError: ``image_empty``, ``image_too_large`` or ``image_undecodable``.
    """
    if not data:
        raise BiometricFormatError("image_empty", f"{what} is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise BiometricFormatError(
            "image_too_large", f"{what} is {len(data)} bytes, more than {MAX_IMAGE_BYTES}"
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
                if width * height > MAX_PIXELS:
                    raise BiometricFormatError(
                        "image_too_large",
                        f"{what} is {width}x{height} pixels, more than {MAX_PIXELS}",
                    )
                image.load()
                rgb = image.convert("RGB")
    except BiometricFormatError:
        raise
    except UnidentifiedImageError:
        raise BiometricFormatError(
            "image_undecodable",
            f"{what} is not a readable JPEG, PNG or JPEG 2000: the format is not recognised",
        ) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise BiometricFormatError(
            "image_undecodable", f"{what} is not a readable JPEG, PNG or JPEG 2000: {detail}"
        ) from None
    except Image.DecompressionBombWarning:
        raise BiometricFormatError(
            "image_too_large", f"{what} is too many pixels to decode safely"
        ) from None
    if min(rgb.size) < 16:
        raise BiometricFormatError(
            "image_undecodable", f"{what} is {rgb.size[0]}x{rgb.size[1]} pixels, too small"
        )
    longer = max(rgb.size)
    if longer > MAX_SIDE:
        scale = MAX_SIDE / longer
        size = (max(1, round(rgb.size[0] * scale)), max(1, round(rgb.size[1] * scale)))
        rgb = rgb.resize(size, Image.Resampling.BILINEAR)
    return np.ascontiguousarray(np.asarray(rgb, dtype=np.uint8))


def media_type(data: bytes) -> str:
    """The MIME type of an image :func:`decode_image` accepted (``image/jpeg``, ``image/png``,
    ``image/jp2``, ...; ``application/octet-stream`` when Pillow names none)."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            found = image.format
    except (OSError, ValueError, SyntaxError):
        return "application/octet-stream"
    if found == "JPEG2000":
        return "image/jp2"
    return Image.MIME.get(found or "", "application/octet-stream")
