"""One fingerprint image in, its minutiae template (ISO/IEC 19794-2) and quality out.

Steps: decode (grey, at the scan resolution), find the blocks that show ridges, extract
minutiae with mindtct, keep those at least one block inside the ridge area (minutiae on the
edge of the print are artefacts of where the finger touched the glass), assess quality, and
write the template. An image without usable ridges gives no template and says why.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import numpy.typing as npt

from borderpost.biometrics.fingerprint.images import decode_fingerprint
from borderpost.biometrics.fingerprint.nbis import mindtct
from borderpost.biometrics.fingerprint.quality import (
    LABEL,
    FingerQuality,
    FingerQualityPolicy,
    assess,
    ridge_map,
)
from borderpost.biometrics.fingerprint.record import (
    FingerMinutiaeRecord,
    FingerView,
    Minutia,
    is_fmr,
    parse_fmr,
)

__all__ = [
    "DEFAULT_PPI",
    "FingerAnalysis",
    "analyse_finger",
    "analyse_finger_image",
    "read_finger",
]

DEFAULT_PPI = 500.0
#: ISO/IEC 19794-2 keeps at most 255 minutiae a view; mindtct rarely finds more than 150.
_MAX_MINUTIAE = 255


@dataclass(frozen=True, slots=True)
class FingerAnalysis:
    """What was found in one capture. ``record`` is set only when the ridges were usable."""

    record: FingerMinutiaeRecord | None
    quality: FingerQuality | None  # None for a template read from a file
    reason: str
    minutiae: tuple[Minutia, ...] = field(default=())

    @property
    def usable(self) -> bool:
        return self.record is not None

    @classmethod
    def from_record(
        cls, record: FingerMinutiaeRecord, what: str = "the template"
    ) -> FingerAnalysis:
        """A stored template (its first finger view) as if just captured."""
        minutiae = record.views[0].minutiae if record.views else ()
        if not minutiae:
            return cls(None, None, f"{what} holds no minutiae", ())
        return cls(record, None, f"{what}: {len(minutiae)} minutiae read", minutiae)

    def to_dict(self) -> dict[str, Any]:
        return {
            "usable": self.usable,
            "minutiae": len(self.minutiae),
            "quality": None if self.quality is None else self.quality.to_dict(),
            "reason": self.reason,
        }


def analyse_finger_image(
    image: npt.NDArray[np.uint8],
    *,
    ppi: float = DEFAULT_PPI,
    position: int = 0,
    policy: FingerQualityPolicy | None = None,
) -> FingerAnalysis:
    """Minutiae, quality and template of a grey fingerprint image (dark ridges)."""
    policy = policy or FingerQualityPolicy()
    image = np.ascontiguousarray(image, dtype=np.uint8)
    ridges = ridge_map(image)
    if ridges.foreground_share < policy.min_foreground_share:
        quality = assess(ridges, [], policy)
        return FingerAnalysis(None, quality, quality.problems[0], ())
    found = mindtct(image, ppi)
    # mindtct's order is kept: bozorth3's pairing depends on it.
    kept = [m for m in found if ridges.inside(m.x, m.y)]
    if len(kept) > _MAX_MINUTIAE:
        best = set(sorted(range(len(kept)), key=lambda i: -kept[i].quality)[:_MAX_MINUTIAE])
        kept = [m for i, m in enumerate(kept) if i in best]
    quality = assess(ridges, [m.quality for m in kept], policy)
    if len(kept) < policy.min_minutiae:
        return FingerAnalysis(None, quality, "no usable ridges: " + quality.problems[0], ())
    per_cm = round(ppi / 2.54)
    record = FingerMinutiaeRecord(
        width=int(image.shape[1]),
        height=int(image.shape[0]),
        x_resolution=per_cm,
        y_resolution=per_cm,
        views=(FingerView(tuple(kept), position=position, quality=quality.score),),
    )
    summary = f"{len(kept)} minutiae, {LABEL} quality {quality.score}"
    reason = (
        f"{summary}, acceptable"
        if quality.acceptable
        else f"{summary}; quality: " + "; ".join(quality.problems)
    )
    return FingerAnalysis(record, quality, reason, tuple(kept))


def analyse_finger(
    data: bytes,
    what: str = "the fingerprint image",
    *,
    ppi: float = DEFAULT_PPI,
    position: int = 0,
    policy: FingerQualityPolicy | None = None,
) -> FingerAnalysis:
    """:func:`analyse_finger_image` of encoded bytes. Raises BiometricFormatError for bad bytes."""
    return analyse_finger_image(
        decode_fingerprint(data, what), ppi=ppi, position=position, policy=policy
    )


def read_finger(data: bytes, what: str, *, position: int = 0) -> FingerAnalysis:
    """A fingerprint image or an ISO/IEC 19794-2 record (told apart by its ``FMR`` header).

    Raises:
        BiometricFormatError: empty, corrupt or WSQ image; malformed record.
    """
    if is_fmr(data):
        return FingerAnalysis.from_record(parse_fmr(data), what)
    return analyse_finger(data, what, position=position)
