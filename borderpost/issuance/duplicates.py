"""Duplicate-identity search (1:N) at enrolment: one person under two identities.

Blocking is biographic: the same sex and a birth date within a window (or with day and month
swapped, a common keying slip). Inside a block, names are compared with the name engine
(:func:`borderpost.names.compare`), which matches fuzzy spellings and across scripts
(``IVAN PETROV`` ~ ``Иван Петров``). Records sharing the identity number are the same identity
(a renewal), not a duplicate. A :class:`FaceMatcher` may add face evidence; until the
biometrics work plugs one in, :class:`NullFaceMatcher` says that none is configured.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from borderpost.issuance.rules import DuplicateSettings
from borderpost.names import NameKey, compare, prepare

__all__ = [
    "DuplicateMatch",
    "Enrolee",
    "EnroleeIndex",
    "FaceMatcher",
    "FaceResult",
    "NullFaceMatcher",
]


@dataclass(frozen=True, slots=True)
class Enrolee:
    """An earlier applicant or an issued passport's holder, as the search sees them."""

    kind: str  # application | passport
    id: int
    surname: str
    given_names: str
    sex: str
    birth_date: dt.date
    national_id: str | None
    face_ref: str | None = None

    @property
    def name(self) -> str:
        return f"{self.given_names} {self.surname}".strip()


@dataclass(frozen=True, slots=True)
class FaceResult:
    """What a face matcher says about two enrolment photos."""

    score: float | None
    reason: str


@runtime_checkable
class FaceMatcher(Protocol):
    """One face under two identities: compares the enrolment photos of two records."""

    @property
    def configured(self) -> bool:
        """Whether this matcher compares faces at all."""
        ...

    def compare(self, probe: str | None, candidate: str | None) -> FaceResult:
        """The similarity of two stored photos (by reference), with a reason."""
        ...


class NullFaceMatcher:
    """The matcher used until a biometric one is configured: compares nothing, says so."""

    @property
    def configured(self) -> bool:
        return False

    def compare(self, probe: str | None, candidate: str | None) -> FaceResult:
        return FaceResult(None, "no face matcher configured")


@dataclass(frozen=True, slots=True)
class DuplicateMatch:
    """A candidate: the earlier record, the score and every reason."""

    other: Enrolee
    score: float
    reasons: tuple[str, ...]


def _swapped(day: dt.date) -> dt.date | None:
    if day.day > 12 or day.day == day.month:
        return None
    try:
        return day.replace(month=day.day, day=day.month)
    except ValueError:
        return None


class EnroleeIndex:
    """Earlier enrolees blocked by (sex, birth date); :meth:`search` finds candidates."""

    def __init__(
        self,
        enrolees: Iterable[Enrolee] = (),
        *,
        settings: DuplicateSettings | None = None,
        faces: FaceMatcher | None = None,
    ) -> None:
        self.settings = settings or DuplicateSettings()
        self.faces: FaceMatcher = faces or NullFaceMatcher()
        self._blocks: dict[tuple[str, dt.date], list[tuple[Enrolee, NameKey]]] = defaultdict(list)
        self._size = 0
        for enrolee in enrolees:
            self.add(enrolee)

    def __len__(self) -> int:
        return self._size

    def add(self, enrolee: Enrolee) -> None:
        """Make ``enrolee`` searchable."""
        self._blocks[(enrolee.sex, enrolee.birth_date)].append((enrolee, prepare(enrolee.name)))
        self._size += 1

    def _block(self, sex: str, birth: dt.date) -> Iterable[tuple[Enrolee, NameKey, str]]:
        window = self.settings.birth_window_days
        seen: set[dt.date] = set()
        for offset in range(-window, window + 1):
            day = birth + dt.timedelta(days=offset)
            seen.add(day)
            note = "same birth date" if offset == 0 else f"birth dates {abs(offset)} day(s) apart"
            for enrolee, key in self._blocks.get((sex, day), ()):
                yield enrolee, key, note
        swapped = _swapped(birth)
        if swapped is not None and swapped not in seen:
            for enrolee, key in self._blocks.get((sex, swapped), ()):
                yield enrolee, key, "birth date with day and month swapped"

    def search(
        self, probe: Enrolee, *, exclude: Sequence[tuple[str, int]] = ()
    ) -> list[DuplicateMatch]:
        """Earlier records that may be ``probe`` under another identity, best first."""
        skip = set(exclude)
        probe_key = prepare(probe.name)
        found: list[DuplicateMatch] = []
        for other, key, birth_note in self._block(probe.sex, probe.birth_date):
            if (other.kind, other.id) in skip:
                continue
            if probe.national_id is not None and probe.national_id == other.national_id:
                continue  # the same identity applying again: a renewal, not a duplicate
            comparison = compare(probe_key, key)
            if comparison.score < self.settings.min_name_score:
                continue
            face = self.faces.compare(probe.face_ref, other.face_ref)
            ids = (
                f"identity numbers differ ({probe.national_id or 'none'} / "
                f"{other.national_id or 'none'})"
            )
            reasons = (
                f"names {probe.name!r} and {other.name!r}: {comparison.reason}",
                f"sex {probe.sex}, {birth_note} ({probe.birth_date} / {other.birth_date})",
                ids,
                f"face: {face.reason}",
            )
            found.append(DuplicateMatch(other, round(comparison.score, 4), reasons))
        found.sort(key=lambda match: (-match.score, match.other.kind, match.other.id))
        return found
