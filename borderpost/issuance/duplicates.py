"""Duplicate-identity search (1:N) at enrolment: one person under two identities.

Blocking is biographic: the same sex and a birth date within a window (or with day and month
swapped, a common keying slip). Inside a block, names are compared with the name engine
(:func:`borderpost.names.compare`), which matches fuzzy spellings and across scripts
(``IVAN PETROV`` ~ ``Иван Петров``). Records sharing the identity number are the same identity
(a renewal), not a duplicate. A :class:`FaceMatcher` adds face evidence to each candidate;
a :class:`FaceSearcher` (the issuance service's stored-template matcher,
:mod:`borderpost.issuance.faces`) also searches the applicant's face 1:N over every earlier
enrolment photo, whatever the names and birth dates: :func:`face_matches` turns its hits into
"one face under two identities" candidates. :class:`NullFaceMatcher` compares nothing and says
so. Every candidate is for a person to adjudicate, never an automatic refusal.
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
    "FaceHit",
    "FaceMatcher",
    "FaceResult",
    "FaceSearcher",
    "NullFaceMatcher",
    "face_matches",
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


@dataclass(frozen=True, slots=True)
class FaceHit:
    """An earlier enrolment photo close to the applicant's, from a 1:N face search."""

    ref: str  # the earlier record's face reference (``application:<id>``)
    score: float  # 1 for identical templates, 0.5 at the threshold, 0 at twice the threshold
    distance: float
    reason: str


@runtime_checkable
class FaceSearcher(Protocol):
    """A face matcher that also searches one photo 1:N over all earlier enrolment photos."""

    @property
    def summary(self) -> str:
        """What the last search did, in words (how many photos, or why none was searched)."""
        ...

    def search(self, probe: str | None) -> list[FaceHit]:
        """Earlier photos within the threshold of the probe's, nearest first."""
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


def face_matches(
    probe: Enrolee,
    hits: Iterable[tuple[Enrolee, FaceHit]],
    already: Iterable[DuplicateMatch] = (),
) -> list[DuplicateMatch]:
    """Candidates found by the face alone: earlier records whose photo shows the probe's face
    under another identity. Records already found by name (``already``) and the same identity
    applying again (same identity number: a renewal) are left out."""
    seen = {(match.other.kind, match.other.id) for match in already}
    found: list[DuplicateMatch] = []
    for other, hit in hits:
        if (other.kind, other.id) in seen:
            continue
        if probe.national_id is not None and probe.national_id == other.national_id:
            continue
        seen.add((other.kind, other.id))
        reasons = (
            f"face: one face under two identities: {hit.reason}",
            f"claimed identities differ: {probe.name!r} born {probe.birth_date} (sex "
            f"{probe.sex}) / {other.name!r} born {other.birth_date} (sex {other.sex})",
            f"identity numbers differ ({probe.national_id or 'none'} / "
            f"{other.national_id or 'none'})",
            "a person must compare both photos and records before deciding",
        )
        found.append(DuplicateMatch(other, round(hit.score, 4), reasons))
    return found
