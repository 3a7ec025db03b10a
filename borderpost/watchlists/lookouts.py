"""One entry at a time: a national lookout, or a document reported lost or stolen.

Lists are otherwise imported whole (``borderpost lists import``); an analyst at a console adds
a single person to the national lookout list, or a single document to the national
lost/stolen list. Each addition stores the list's next version (watchlists keep their
history; lost/stolen lists are replaced whole with the new record added), in the caller's
unit of work, and is audited. The caller commits and then rebuilds its screener.

Input errors are :class:`EntryInputError`, naming the form field at fault, so that a form
can show the message next to the field.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import cast, get_args

from borderpost import audit
from borderpost.screening.countries import to_alpha3
from borderpost.screening.lost_stolen import DocumentStatus, LostStolenRecord
from borderpost.screening.model import (
    BirthDate,
    Document,
    Gender,
    ListEntry,
    ListSnapshot,
    PartialDate,
)
from borderpost.screening.report import ImportReport
from borderpost.store import UnitOfWork
from borderpost.watchlists.errors import ListInputError, UnknownListError
from borderpost.watchlists.lost_stolen import LostStolenSummary, import_lost_stolen
from borderpost.watchlists.service import ImportSummary, import_snapshot, load_entries
from borderpost.watchlists.service import lost_stolen_records as stored_records

__all__ = [
    "DOCUMENT_STATUSES",
    "LOOKOUT_LIST",
    "LOST_STOLEN_REPORTS",
    "MIN_REASON_LENGTH",
    "EntryInputError",
    "add_lookout",
    "report_document",
]

#: The watchlist national lookouts are added to.
LOOKOUT_LIST = "national-lookouts"
#: The lost/stolen list single reports are added to.
LOST_STOLEN_REPORTS = "national-lost-stolen"
#: Fewest characters in the reason for a lookout ("ok" explains nothing).
MIN_REASON_LENGTH = 10
DOCUMENT_STATUSES: tuple[str, ...] = get_args(DocumentStatus)
_GENDERS: dict[str, Gender] = {"M": "male", "F": "female", "X": "other"}
_NUMBER = re.compile(r"[A-Z0-9<-]{1,32}")
_ENTRY_NUMBER = re.compile(r"NL-(\d+)")


class EntryInputError(ListInputError):
    """A field of a single entry cannot be used; ``field`` names it."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def _text(value: str | None) -> str:
    return (value or "").strip()


def _country(value: str | None, field: str, what: str) -> str | None:
    text = _text(value)
    if not text:
        return None
    code = to_alpha3(text)
    if code is None:
        raise EntryInputError(field, f"{what} {text!r} is not a country code or name (e.g. NGA)")
    return code


def _birth_date(value: str | None) -> BirthDate | None:
    text = _text(value)
    if not text:
        return None
    try:
        return BirthDate(PartialDate.parse(text))
    except ValueError:
        raise EntryInputError(
            "dob", f"date of birth {text!r} is not YYYY, YYYY-MM or YYYY-MM-DD"
        ) from None


def _document_number(value: str | None, field: str, *, required: bool) -> str | None:
    text = _text(value).upper().replace(" ", "")
    if not text:
        if required:
            raise EntryInputError(field, "give the document number")
        return None
    if not _NUMBER.fullmatch(text):
        raise EntryInputError(
            field, f"document number {text!r} must be 1-32 letters and digits (A-Z, 0-9)"
        )
    return text


def _next_id(entries: list[ListEntry]) -> str:
    numbers = [int(m.group(1)) for e in entries if (m := _ENTRY_NUMBER.fullmatch(e.entry_id))]
    return f"NL-{max(numbers, default=0) + 1:05d}"


def add_lookout(
    uow: UnitOfWork,
    *,
    name: str,
    reason: str,
    dob: str | None = None,
    nationality: str | None = None,
    gender: str | None = None,
    document_number: str | None = None,
    document_country: str | None = None,
    actor: str,
    now: dt.datetime,
) -> tuple[ListEntry, ImportSummary]:
    """Add a person to :data:`LOOKOUT_LIST` as its next version; audited as ``lookout.add``.

    Raises:
        EntryInputError: a field cannot be used (the message says why).
    """
    full_name = " ".join(_text(name).split())
    if len(full_name) < 2 or len(full_name) > 200:
        raise EntryInputError("name", "give the person's name (2 to 200 characters)")
    why = _text(reason)
    if len(why) < MIN_REASON_LENGTH or len(why) > 2000:
        raise EntryInputError(
            "reason", f"say why the person is a lookout (at least {MIN_REASON_LENGTH} characters)"
        )
    birth = _birth_date(dob)
    country = _country(nationality, "nationality", "nationality")
    sex = _text(gender).upper()
    if sex and sex not in _GENDERS:
        raise EntryInputError("gender", "gender must be M, F or X (or left empty)")
    number = _document_number(document_number, "document_number", required=False)
    issuer = _country(document_country, "document_country", "issuing country")
    try:
        current = load_entries(uow.session, [LOOKOUT_LIST])
    except UnknownListError:
        current = []
    entry = ListEntry(
        list_name=LOOKOUT_LIST,
        entry_id=_next_id(current),
        kind="person",
        name=full_name,
        birth_dates=() if birth is None else (birth,),
        nationalities=() if country is None else (country,),
        gender=_GENDERS.get(sex),
        documents=() if number is None else (Document("document", number, issuer),),
        remarks=(why,),
        listed_on=now.date(),
    )
    entries = (*current, entry)
    label = f"{entry.entry_id} by {actor}"[:100]
    report = ImportReport(LOOKOUT_LIST, (), read=len(entries), kept=len(entries), skipped=0)
    snapshot = ListSnapshot(LOOKOUT_LIST, label, entries)
    summary = import_snapshot(uow, snapshot, report, source_format="console", files=[], now=now)
    audit.append(
        uow.session,
        actor=actor,
        action="lookout.add",
        subject_type="watchlist",
        subject_id=LOOKOUT_LIST,
        details={"entry_id": entry.entry_id, "version": summary.version, "reason": why},
        at=now,
    )
    return entry, summary


def report_document(
    uow: UnitOfWork,
    *,
    country: str,
    number: str,
    status: str,
    document_type: str = "passport",
    reference: str | None = None,
    actor: str,
    now: dt.datetime,
) -> LostStolenSummary:
    """Add a document to :data:`LOST_STOLEN_REPORTS`; audited as ``lost_stolen.report``.

    Raises:
        EntryInputError: a field cannot be used, or the document is already reported.
    """
    issuer = _country(country, "country", "issuing country")
    if issuer is None:
        raise EntryInputError("country", "give the issuing country (e.g. NGA)")
    found = _document_number(number, "number", required=True)
    assert found is not None  # required
    if status not in DOCUMENT_STATUSES:
        raise EntryInputError("status", f"status must be one of {', '.join(DOCUMENT_STATUSES)}")
    kind = _text(document_type) or "passport"
    ref = _text(reference) or None
    if len(kind) > 100 or (ref is not None and len(ref) > 200):
        raise EntryInputError("reference", "the document type or reference is too long")
    record = LostStolenRecord(
        country=issuer,
        number=found,
        document_type=kind,
        status=cast(DocumentStatus, status),
        reported_on=now.date(),
        reference=ref,
    )
    current = stored_records(uow.session, [LOST_STOLEN_REPORTS])
    key = (record.country, record.normalized_number)
    if any((r.country, r.normalized_number) == key for r in current):
        raise EntryInputError("number", f"{issuer} {found} is already reported")
    summary = import_lost_stolen(uow, LOST_STOLEN_REPORTS, [*current, record])
    audit.append(
        uow.session,
        actor=actor,
        action="lost_stolen.report",
        subject_type="document",
        subject_id=f"{issuer}:{found}",
        details={"list": LOST_STOLEN_REPORTS, "status": status, "reference": ref},
        at=now,
    )
    return summary
