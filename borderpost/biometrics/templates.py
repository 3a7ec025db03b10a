"""Face templates as stored bytes: 128 float32 numbers, little-endian (512 bytes).

A template is personal data (it identifies a person): it is stored only where a service says
so, and read back only through a service that audits the read.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from borderpost.biometrics.errors import BiometricFormatError

__all__ = ["TEMPLATE_BYTES", "TEMPLATE_SIZE", "template_from_bytes", "template_to_bytes"]

#: Numbers in a template (dlib's ResNet).
TEMPLATE_SIZE = 128
#: Bytes of a stored template.
TEMPLATE_BYTES = TEMPLATE_SIZE * 4
_DTYPE = np.dtype("<f4")


def template_to_bytes(template: npt.ArrayLike) -> bytes:
    """The stored form of ``template``."""
    vector = np.asarray(template, dtype=_DTYPE).reshape(-1)
    if vector.shape[0] != TEMPLATE_SIZE:
        raise ValueError(f"a template has {TEMPLATE_SIZE} numbers, not {vector.shape[0]}")
    return vector.tobytes()


def template_from_bytes(data: bytes) -> npt.NDArray[np.float32]:
    """A template from its stored form.

    Raises:
        BiometricFormatError: ``template_malformed`` (wrong length or not finite).
    """
    if len(data) != TEMPLATE_BYTES:
        raise BiometricFormatError(
            "template_malformed", f"a stored template is {TEMPLATE_BYTES} bytes, not {len(data)}"
        )
    vector = np.frombuffer(data, dtype=_DTYPE).astype(np.float32)
    if not np.all(np.isfinite(vector)):
        raise BiometricFormatError("template_malformed", "a stored template holds NaN or inf")
    return vector
