"""Fingerprint images as grey pixels: scanner files (PNG, TIFF, BMP, JPEG, JPEG 2000) and raw.

Fingerprints are compared at their scan resolution (500 ppi is assumed), so nothing here is
resized. Pillow decodes; WSQ (the FBI's wavelet format) is recognised and refused with a
message saying so, because no permissively licensed WSQ decoder is installed. Whatever
goes wrong becomes a :class:`~borderpost.biometrics.errors.BiometricFormatError`.
"""

from __future__ import annotations

import io
import warnings

import numpy as np
import numpy.typing as npt
from PIL import Image, UnidentifiedImageError

from borderpost.biometrics.errors import BiometricFormatError

__all__ = ["MAX_SIDE", "MIN_SIDE", "decode_fingerprint", "decode_raw"]

#: Largest encoded image accepted (a 500 ppi flat of four fingers is ~1 MB as PNG).
MAX_IMAGE_BYTES = 16 * 1024 * 1024
#: Longest side accepted, in pixels (a 500 ppi ten-print card row is ~4,000).
MAX_SIDE = 4096
#: Shortest side accepted (a few ridges at 500 ppi).
MIN_SIDE = 64
_WSQ_START = b"\xff\xa0"

Grey = npt.NDArray[np.uint8]


def _check_size(width: int, height: int, what: str) -> None:
    if max(width, height) > MAX_SIDE:
        raise BiometricFormatError(
            "image_too_large", f"{what} is {width}x{height} pixels, longer than {MAX_SIDE}"
        )
    if min(width, height) < MIN_SIDE:
        raise BiometricFormatError(
            "image_undecodable",
            f"{what} is {width}x{height} pixels, too small to hold a fingerprint",
        )


def decode_fingerprint(data: bytes, what: str = "the fingerprint image") -> Grey:
    """A grey image (height x width, uint8) from encoded bytes, at its own resolution.

    Raises:
        BiometricFormatError: ``image_empty``, ``image_too_large``, ``image_unsupported``
        (WSQ) or ``image_undecodable``.
    """
    if not data:
        raise BiometricFormatError("image_empty", f"{what} is empty")
    if len(data) > MAX_IMAGE_BYTES:
        raise BiometricFormatError(
            "image_too_large", f"{what} is {len(data)} bytes, more than {MAX_IMAGE_BYTES}"
        )
    if data.startswith(_WSQ_START):
        raise BiometricFormatError(
            "image_unsupported",
            f"{what} is WSQ, which is not supported here: convert it to PNG (lossless) first",
        )
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                _check_size(*image.size, what)
                image.load()
                grey = image.convert("L")
    except BiometricFormatError:
        raise
    except UnidentifiedImageError:
        raise BiometricFormatError(
            "image_undecodable",
            f"{what} is not a readable PNG, TIFF, BMP, JPEG or JPEG 2000: "
            "the format is not recognised",
        ) from None
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError) as exc:
        detail = str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__
        raise BiometricFormatError(
            "image_undecodable",
            f"{what} is not a readable PNG, TIFF, BMP, JPEG or JPEG 2000: {detail}",
        ) from None
    except Image.DecompressionBombWarning:
        raise BiometricFormatError(
            "image_too_large", f"{what} is too many pixels to decode safely"
        ) from None
    return np.ascontiguousarray(np.asarray(grey, dtype=np.uint8))


def decode_raw(data: bytes, width: int, height: int, what: str = "the raw image") -> Grey:
    """A raw 8-bit grey scan (row by row, no header) of ``width`` x ``height`` pixels."""
    _check_size(width, height, what)
    if len(data) != width * height:
        raise BiometricFormatError(
            "image_undecodable",
            f"{what} is {len(data)} bytes, but {width}x{height} 8-bit pixels are "
            f"{width * height} bytes",
        )
    return np.frombuffer(data, dtype=np.uint8).reshape(height, width).copy()
