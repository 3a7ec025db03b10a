"""The fingerprints of a primary inspection, searched 1:N over the lookout fingerprints.

Where the booth has a scanner, each finger comes as an image or an ISO/IEC 19794-2 template,
named by its position (1-10). Each is searched over the lookout fingerprints; a lookout print
scoring at least the threshold (bozorth3) is a candidate for an officer to confirm, never a
decision. A corrupt or unusable print is a finding of the inspection, never an exception.
Neither the prints nor their templates are kept: only the comparison (data minimisation).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from borderpost.biometrics import BiometricFormatError
from borderpost.biometrics.fingerprint import (
    FingerMinutiaeRecord,
    check_finger,
    finger_name,
    read_finger,
)
from borderpost.inspection.errors import Invalid
from borderpost.watchlists.finger_gallery import FingerprintCandidate, LookoutFingers
from borderpost.watchlists.fingerprints import MAX_FINGERPRINT_BYTES

__all__ = ["FingerChecks", "FingerprintProbe", "check_fingers"]

#: At most one print of each finger.
MAX_PROBES = 10


@dataclass(frozen=True, slots=True)
class FingerprintProbe:
    """One finger from the booth's scanner: its position (1-10) and the scanner's bytes."""

    finger: int
    data: bytes


@dataclass(frozen=True, slots=True)
class FingerChecks:
    """``prints``: what became of each finger; ``candidates``: the 1:N hits, all fingers."""

    prints: tuple[dict[str, Any], ...]
    candidates: tuple[FingerprintCandidate, ...]

    def findings(self) -> list[dict[str, Any]]:
        """A stored inspection finding for each print that could not be searched."""
        return [
            {
                "code": "fingerprint_unusable",
                "severity": "warning",
                "field": f"fingerprint {p['finger']}",
                "message": p["reason"],
            }
            for p in self.prints
            if not p["searched"]
        ]


def _checked(probes: Sequence[FingerprintProbe]) -> None:
    if len(probes) > MAX_PROBES:
        raise Invalid(f"fingerprints: at most {MAX_PROBES} prints, one of each finger")
    seen: set[int] = set()
    for probe in probes:
        problem = check_finger(probe.finger)
        if problem is not None:
            raise Invalid(f"fingerprints: {problem}")
        if probe.finger in seen:
            raise Invalid(f"fingerprints: the {finger_name(probe.finger)} was given twice")
        seen.add(probe.finger)
        if len(probe.data) > MAX_FINGERPRINT_BYTES:
            raise Invalid(
                f"fingerprints: the {finger_name(probe.finger)} is larger than "
                f"{MAX_FINGERPRINT_BYTES} bytes"
            )


def _read(probe: FingerprintProbe, what: str) -> tuple[FingerMinutiaeRecord | None, str]:
    """The print's template (None when it cannot be searched) and what was found."""
    try:
        analysis = read_finger(probe.data, what, position=probe.finger)
    except BiometricFormatError as exc:
        return None, f"{exc.message}; it was not searched"
    if analysis.record is None:
        return None, f"{what}: {analysis.reason}; it was not searched"
    return analysis.record, f"{what}: {analysis.reason}"


def check_fingers(
    session: Session,
    probes: Sequence[FingerprintProbe],
    *,
    gallery: LookoutFingers,
    threshold: int,
    actor: str,
    now: dt.datetime,
) -> FingerChecks:
    """Search each print over the lookout fingerprints.

    Raises:
        Invalid: more than ten prints, a finger position outside 1-10 or given twice, or a
            print larger than the scanner limit.
    """
    if not probes:
        return FingerChecks((), ())
    _checked(probes)
    size = gallery.refresh(session, actor=actor, now=now)
    prints: list[dict[str, Any]] = []
    candidates: list[FingerprintCandidate] = []
    for probe in probes:
        what = f"the {finger_name(probe.finger)} fingerprint"
        record, read = _read(probe, what)
        if record is None:
            prints.append({"finger": probe.finger, "searched": False, "reason": read})
            continue
        found = gallery.search(record, probe_finger=probe.finger, threshold=threshold)
        candidates.extend(found)
        outcome = (
            f"{len(found)} candidate(s) for an officer to confirm"
            if found
            else f"no lookout fingerprint reaches bozorth3 score {threshold}"
        )
        prints.append(
            {
                "finger": probe.finger,
                "searched": True,
                "reason": f"{read}; searched over {size} lookout fingerprint(s): {outcome}",
            }
        )
    return FingerChecks(tuple(prints), tuple(candidates))
