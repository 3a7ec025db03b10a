# ruff: noqa: RUF001 - the cross-script names are Cyrillic on purpose
"""The 1:N duplicate search on its own: blocking by sex and birth-date window (and swapped day
and month), cross-script names, renewals of the same identity left out, and the face-matcher
seam."""

from __future__ import annotations

import datetime as dt

from borderpost.issuance.duplicates import (
    Enrolee,
    EnroleeIndex,
    FaceMatcher,
    FaceResult,
    NullFaceMatcher,
)
from borderpost.issuance.rules import DuplicateSettings

BORN = dt.date(1990, 4, 11)


def _e(
    i: int,
    surname: str,
    given: str,
    *,
    sex: str = "M",
    born: dt.date = BORN,
    nid: str | None = None,
    face: str | None = None,
) -> Enrolee:
    return Enrolee("application", i, surname, given, sex, born, nid or f"ID-{i}", face)


def test_blocking_and_cross_script_names() -> None:
    index = EnroleeIndex(
        [
            _e(1, "SHEVCHENKO", "TARAS"),
            _e(2, "SHEVCHENKO", "TARAS", sex="F"),
            _e(3, "SHEVCHENKO", "TARAS", born=BORN + dt.timedelta(days=5)),
            _e(4, "SHEVCHENKO", "TARAS", born=dt.date(1990, 11, 4)),
            _e(5, "SHEVCHENKO", "TARAS", nid="SAME"),
            _e(6, "KOVALENKO", "OLENA"),
        ]
    )
    found = index.search(_e(9, "Шевченко", "Тарас", nid="SAME"))
    assert [match.other.id for match in found] == [1, 4]
    assert "day and month swapped" in found[1].reasons[1]
    assert found[0].score >= 0.9 and "'Тарас Шевченко'" in found[0].reasons[0]


def test_window_and_threshold_come_from_the_settings() -> None:
    index = EnroleeIndex(
        [_e(1, "SHEVCHENKO", "TARAS", born=BORN + dt.timedelta(days=5))],
        settings=DuplicateSettings(birth_window_days=5, min_name_score=0.8),
    )
    assert len(index.search(_e(2, "SHEVCHENKO", "TARAS"))) == 1


class _Faces:
    """A matcher as the biometrics work will supply: compares stored photos by reference."""

    @property
    def configured(self) -> bool:
        return True

    def compare(self, probe: str | None, candidate: str | None) -> FaceResult:
        same = probe is not None and probe == candidate
        return FaceResult(1.0 if same else 0.1, "same face" if same else "different faces")


def test_face_matcher_seam() -> None:
    assert isinstance(NullFaceMatcher(), FaceMatcher) and isinstance(_Faces(), FaceMatcher)
    assert NullFaceMatcher().compare("a", "a").reason == "no face matcher configured"
    index = EnroleeIndex([_e(1, "DIALLO", "AMADOU", face="p1")], faces=_Faces())
    (match,) = index.search(_e(2, "DIALO", "AMADOU", face="p1"))
    assert match.reasons[-1] == "face: same face"
