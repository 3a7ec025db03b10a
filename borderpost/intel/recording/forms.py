"""One seizure or arrest from named fields (a CLI's options, a console form, a REST body),
read by the same rules as a ledger row, so that every interface accepts and refuses the same
values with the same messages.

Field names are those of :data:`borderpost.intel.recording.mapping.FIELDS`, plus
``charge`` and ``seizure_ref`` for arrests.
"""

from __future__ import annotations

from collections.abc import Mapping

from borderpost.intel.recording.drafts import ArrestDraft, SeizureDraft
from borderpost.intel.recording.mapping import LedgerMapping
from borderpost.intel.recording.rows import Cell, Rejection, RowReader, arrest_of, seizure_of

__all__ = ["ARREST_FIELDS", "FieldErrors", "arrest_from_fields", "seizure_from_fields"]

#: Fields of an arrest besides the person's and the things found.
ARREST_FIELDS = ("ref", "date", "charge", "seizure_ref", "port", "place", "source", "notes")


class FieldErrors(ValueError):
    """Fields that cannot be used: ``errors`` maps each field to why."""

    def __init__(self, rejections: tuple[Rejection, ...]) -> None:
        self.errors: dict[str, str] = {}
        for rejection in rejections:
            self.errors.setdefault(rejection.column, rejection.reason)
        super().__init__("; ".join(f"{field}: {why}" for field, why in self.errors.items()))


def _reader(
    fields: Mapping[str, Cell], phone_region: str | None, plate_country: str | None, date_order: str
) -> RowReader:
    mapping = LedgerMapping(
        columns={name: name for name in fields},
        phone_region=phone_region,
        plate_country=plate_country,
        date_order=date_order,
    )
    row = RowReader(1, fields, mapping)
    if not row.text("source"):
        row.problems.append(
            Rejection(1, "source", "say where the record comes from (report or notebook number)")
        )
    return row


def seizure_from_fields(
    fields: Mapping[str, Cell],
    *,
    phone_region: str | None = None,
    plate_country: str | None = None,
    date_order: str = "DMY",
) -> SeizureDraft:
    """The seizure the fields describe.

    Raises:
        FieldErrors: every field that cannot be used, with why.
    """
    row = _reader(fields, phone_region, plate_country, date_order)
    draft = seizure_of(row)
    if draft is None:
        raise FieldErrors(tuple(row.problems))
    return draft


def arrest_from_fields(
    fields: Mapping[str, Cell],
    *,
    phone_region: str | None = None,
    plate_country: str | None = None,
    date_order: str = "DMY",
) -> ArrestDraft:
    """The arrest the fields describe.

    Raises:
        FieldErrors: every field that cannot be used, with why.
    """
    row = _reader(fields, phone_region, plate_country, date_order)
    draft = arrest_of(row)
    if draft is None:
        raise FieldErrors(tuple(row.problems))
    return draft
