"""Watchlist entries, list snapshots and the difference between two snapshots.

All types are immutable. Everything an importer could not understand stays visible: in
``remarks`` on the entry and as a warning in the import report.
"""

from __future__ import annotations

import calendar
import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from typing import Literal

from borderpost.screening.docnumbers import normalize_document_number

__all__ = [
    "Alias",
    "AliasKind",
    "AliasStrength",
    "BirthDate",
    "Document",
    "DocumentCategory",
    "EntityKind",
    "Gender",
    "ListDiff",
    "ListEntry",
    "ListSnapshot",
    "PartialDate",
    "changed_fields",
    "diff",
]

EntityKind = Literal["person", "organization", "vessel", "aircraft", "unknown"]
AliasStrength = Literal["strong", "weak"]
AliasKind = Literal["aka", "fka", "nka"]
Gender = Literal["male", "female", "other"]
DocumentCategory = Literal[
    "passport", "national_id", "tax_id", "registration", "driving_licence", "other"
]


@dataclass(frozen=True, slots=True, order=True)
class PartialDate:
    """A calendar date of which only the year, or the year and month, may be known."""

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.year <= 9999:
            raise ValueError(f"year {self.year} out of range")
        if self.month is None:
            if self.day is not None:
                raise ValueError("a day needs a month")
            return
        if not 1 <= self.month <= 12:
            raise ValueError(f"month {self.month} out of range")
        if self.day is not None:
            last = calendar.monthrange(self.year, self.month)[1]
            if not 1 <= self.day <= last:
                raise ValueError(f"day {self.day} out of range for {self.year}-{self.month:02d}")

    @classmethod
    def parse(cls, text: str) -> PartialDate:
        """Parse ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

        Args:
            text: the ISO 8601 prefix.

        Returns:
            The date with the precision written.

        Raises:
            ValueError: the text is not one of the three forms or not a real date.
        """
        parts = text.strip().split("-")
        if not 1 <= len(parts) <= 3 or len(parts[0]) != 4 or any(len(p) != 2 for p in parts[1:]):
            raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        if not all(p.isascii() and p.isdigit() for p in parts):
            raise ValueError(f"{text!r} is not YYYY, YYYY-MM or YYYY-MM-DD")
        numbers = [int(p) for p in parts]
        return cls(*numbers)

    @property
    def precision(self) -> Literal["year", "month", "day"]:
        """How much of the date is known."""
        if self.month is None:
            return "year"
        return "month" if self.day is None else "day"

    def earliest(self) -> date:
        """First calendar day this partial date can mean."""
        return date(self.year, self.month or 1, self.day or 1)

    def latest(self) -> date:
        """Last calendar day this partial date can mean."""
        month = self.month or 12
        day = self.day or calendar.monthrange(self.year, month)[1]
        return date(self.year, month, day)

    def __str__(self) -> str:
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


@dataclass(frozen=True, slots=True)
class BirthDate:
    """A date of birth as a list states it: exact, partial, a range, and perhaps "circa".

    ``end`` set means "between ``start`` and ``end``". ``circa`` means the source itself
    called the date approximate; no tolerance is applied here, the scorer decides that.
    """

    start: PartialDate
    end: PartialDate | None = None
    circa: bool = False
    note: str | None = None

    def __post_init__(self) -> None:
        if self.end is not None and self.end.latest() < self.start.earliest():
            raise ValueError(f"range ends ({self.end}) before it starts ({self.start})")

    @property
    def is_range(self) -> bool:
        """Whether this is a from-to range."""
        return self.end is not None

    def earliest(self) -> date:
        """First calendar day the statement allows (ignoring ``circa``)."""
        return self.start.earliest()

    def latest(self) -> date:
        """Last calendar day the statement allows (ignoring ``circa``)."""
        return (self.end or self.start).latest()

    def covers(self, day: date) -> bool:
        """Whether ``day`` falls within what the source states (ignoring ``circa``)."""
        return self.earliest() <= day <= self.latest()

    def __str__(self) -> str:
        text = str(self.start) if self.end is None else f"{self.start} to {self.end}"
        return f"circa {text}" if self.circa else text


@dataclass(frozen=True, slots=True)
class Alias:
    """Another name of the entry. Weak aliases are low-quality (nicknames, short forms).

    ``natural_name`` is "First Last" when the source writes persons as "LAST, First".
    """

    name: str
    strength: AliasStrength = "strong"
    kind: AliasKind = "aka"
    natural_name: str | None = None
    note: str | None = None


@dataclass(frozen=True, slots=True)
class Document:
    """An identity or registration document the list gives for the entry.

    ``type`` is the source's own label ("Passport", "Cedula No."); ``category`` is ours.
    """

    type: str
    number: str
    country: str | None = None
    note: str | None = None
    category: DocumentCategory = "other"

    @property
    def normalized_number(self) -> str:
        """The number upper-cased without spaces, hyphens and ``<``."""
        return normalize_document_number(self.number)


@dataclass(frozen=True, slots=True)
class ListEntry:
    """One listed person, organization, vessel or aircraft.

    ``name`` is the primary name as the source writes it; ``natural_name`` is the
    "First Last" form when the source writes "LAST, First". ``nationalities`` holds ICAO
    three-letter codes for nationality and citizenship alike; spellings that could not be
    resolved are in the import report, not here.
    """

    list_name: str
    entry_id: str
    kind: EntityKind
    name: str
    natural_name: str | None = None
    aliases: tuple[Alias, ...] = ()
    original_script_names: tuple[str, ...] = ()
    birth_dates: tuple[BirthDate, ...] = ()
    birth_places: tuple[str, ...] = ()
    nationalities: tuple[str, ...] = ()
    gender: Gender | None = None
    documents: tuple[Document, ...] = ()
    addresses: tuple[str, ...] = ()
    programs: tuple[str, ...] = ()
    remarks: tuple[str, ...] = ()
    listed_on: date | None = None
    list_version: str | None = None

    def names(self, *, weak: bool = True) -> tuple[str, ...]:
        """Every distinct name to screen against, primary first.

        Args:
            weak: include weak aliases.

        Returns:
            Names in source order without duplicates, natural forms next to raw forms.
        """
        seen: dict[str, None] = {}
        for value in self._name_values(weak=weak):
            if value:
                seen.setdefault(value, None)
        return tuple(seen)

    def _name_values(self, *, weak: bool) -> Iterator[str | None]:
        yield self.name
        yield self.natural_name
        yield from self.original_script_names
        for alias in self.aliases:
            if weak or alias.strength == "strong":
                yield alias.name
                yield alias.natural_name

    def same_content(self, other: ListEntry) -> bool:
        """Equality ignoring ``list_version`` (which differs between every two snapshots)."""
        return dataclasses.replace(self, list_version=None) == dataclasses.replace(
            other, list_version=None
        )


@dataclass(frozen=True, slots=True)
class ListSnapshot:
    """A whole list as published at one time."""

    list_name: str
    version: str | None
    entries: tuple[ListEntry, ...]

    def __post_init__(self) -> None:
        seen: set[str] = set()
        for entry in self.entries:
            if entry.entry_id in seen:
                raise ValueError(f"{self.list_name}: entry id {entry.entry_id!r} occurs twice")
            seen.add(entry.entry_id)

    def by_id(self) -> dict[str, ListEntry]:
        """Entries keyed by ``entry_id``."""
        return {entry.entry_id: entry for entry in self.entries}

    def __len__(self) -> int:
        return len(self.entries)


@dataclass(frozen=True, slots=True)
class ListDiff:
    """What changed between two snapshots of one list, as sorted entry ids."""

    list_name: str
    old_version: str | None
    new_version: str | None
    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: int = 0

    @property
    def is_empty(self) -> bool:
        """Whether nothing was added, changed or removed."""
        return not (self.added or self.changed or self.removed)


def diff(old: ListSnapshot, new: ListSnapshot) -> ListDiff:
    """Compare two snapshots of the same list entry by entry, keyed on ``entry_id``.

    An entry counts as changed when any field but ``list_version`` differs.

    Args:
        old: the snapshot held so far.
        new: the snapshot just imported.

    Returns:
        Added, changed and removed entry ids, each sorted.

    Raises:
        ValueError: the snapshots are of different lists.
    """
    if old.list_name != new.list_name:
        raise ValueError(f"cannot diff {old.list_name!r} against {new.list_name!r}")
    before = old.by_id()
    after = new.by_id()
    added = sorted(after.keys() - before.keys())
    removed = sorted(before.keys() - after.keys())
    changed: list[str] = []
    unchanged = 0
    for entry_id in sorted(before.keys() & after.keys()):
        if before[entry_id].same_content(after[entry_id]):
            unchanged += 1
        else:
            changed.append(entry_id)
    return ListDiff(
        list_name=new.list_name,
        old_version=old.version,
        new_version=new.version,
        added=tuple(added),
        changed=tuple(changed),
        removed=tuple(removed),
        unchanged=unchanged,
    )


def changed_fields(old: ListEntry, new: ListEntry) -> tuple[str, ...]:
    """Names of the fields (other than ``list_version``) that differ between two entries."""
    return tuple(
        f.name
        for f in dataclasses.fields(ListEntry)
        if f.name != "list_version" and getattr(old, f.name) != getattr(new, f.name)
    )
