"""Face templates as stored bytes: 128 little-endian float32 numbers (512 bytes).

float32 keeps the distances of dlib's templates to about 1e-6, far below any threshold, at
half the size of float64; :class:`~borderpost.biometrics.matching.Gallery` computes in float32.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from borderpost.biometrics.errors import BiometricFormatError

__all__ = [
    "TEMPLATE_BYTES",
    "TEMPLATE_SIZE",
    "template_from_bytes",
    "template_to_bytes",
    "templates_from_bytes",
]

TEMPLATE_SIZE = 128
TEMPLATE_BYTES = TEMPLATE_SIZE * 4
_DTYPE = np.dtype("<f4")


def template_to_bytes(template: npt.ArrayLike) -> bytes:
    """The stored form of a template."""
    vector = np.asarray(template, dtype=_DTYPE).reshape(-1)
    if vector.shape[0] != TEMPLATE_SIZE:
        raise ValueError(f"a face template has {TEMPLATE_SIZE} numbers, not {vector.shape[0]}")
    if not np.all(np.isfinite(vector)):
        raise ValueError("a face template holds a number that is not finite")
    return vector.tobytes()


def template_from_bytes(data: bytes) -> npt.NDArray[np.float64]:
    """A stored template back as numbers.

    Raises:
        BiometricFormatError: ``template_malformed`` when the bytes are not one template.
    """
    if len(data) != TEMPLATE_BYTES:
        raise BiometricFormatError(
            "template_malformed",
            f"a stored face template has {TEMPLATE_BYTES} bytes, this one {len(data)}",
        )
    vector = np.frombuffer(data, dtype=_DTYPE).astype(np.float64)
    if not np.all(np.isfinite(vector)):
        raise BiometricFormatError(
            "template_malformed", "a stored face template holds a number that is not finite"
        )
    return vector


def templates_from_bytes(stored: Sequence[bytes]) -> npt.NDArray[np.float32]:
    """Many stored templates as one N x 128 float32 matrix (one copy, no per-row decoding).

    Raises:
        BiometricFormatError: ``template_malformed`` naming the first bad row (0-based).
    """
    for row, data in enumerate(stored):
        if len(data) != TEMPLATE_BYTES:
            raise BiometricFormatError(
                "template_malformed",
                f"stored face template {row} has {len(data)} bytes, not {TEMPLATE_BYTES}",
            )
    matrix = np.frombuffer(b"".join(stored), dtype=_DTYPE).astype(np.float32)
    matrix = matrix.reshape(len(stored), TEMPLATE_SIZE)
    finite = np.isfinite(matrix).all(axis=1)
    if not finite.all():
        raise BiometricFormatError(
            "template_malformed",
            f"stored face template {int(np.argmin(finite))} holds a number that is not finite",
        )
    return matrix
