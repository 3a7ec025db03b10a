"""The chip of the presented document: passive authentication beside the MRZ check.

Optional input to :func:`borderpost.inspection.inspect`: EF.SOD and the data groups read
from the chip. The anchors are the stored trust store's CSCAs of the Document Signer's
country (:mod:`borderpost.trust`); the printed MRZ, when the document was read from one, is
compared with DG1.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from borderpost.documents import MrzResult
from borderpost.documents.chip import ChipFormatError, ChipReport, parse_sod, verify
from borderpost.inspection.errors import Invalid
from borderpost.trust import load_anchors

__all__ = ["ChipData", "check_chip"]

#: Largest accepted EF.SOD and data group (DG2 face images run to ~100 kB; DG3 more).
MAX_FILE_BYTES = 512 * 1024


@dataclass(frozen=True, slots=True)
class ChipData:
    """What was read from the chip: EF.SOD and data groups by number (1-16)."""

    sod: bytes
    data_groups: Mapping[int, bytes] = field(default_factory=dict)

    def check(self) -> None:
        """Raise Invalid for input no chip could hold (the message names it)."""
        if not self.sod:
            raise Invalid("chip data: EF.SOD is empty")
        if len(self.sod) > MAX_FILE_BYTES:
            raise Invalid(f"chip data: EF.SOD is larger than {MAX_FILE_BYTES} bytes")
        for number, data in self.data_groups.items():
            if not 1 <= number <= 16:
                raise Invalid(f"chip data: data group {number} does not exist (1 to 16)")
            if len(data) > MAX_FILE_BYTES:
                raise Invalid(f"chip data: DG{number} is larger than {MAX_FILE_BYTES} bytes")


def check_chip(
    session: Session, chip: ChipData, document: MrzResult, *, typed: bool, now: dt.datetime
) -> ChipReport:
    """Passive authentication of ``chip`` against the stored trust store.

    Raises:
        Invalid: data no chip could hold (see :meth:`ChipData.check`).
    """
    chip.check()
    countries: set[str] = set()
    try:
        for cert in parse_sod(chip.sod).certificates:
            if cert.issuer_country:
                countries.add(cert.issuer_country)
    except ChipFormatError:
        pass  # verify() reports it as a finding
    anchors = load_anchors(session, countries)
    printed = None if typed else document.mrz
    return verify(chip.sod, chip.data_groups, anchors=anchors, printed_mrz=printed, at=now.date())
