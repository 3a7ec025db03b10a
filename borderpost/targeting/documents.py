"""Checks of the travel documents a manifest declares, each with a reason for the analyst.

* the document view of :func:`borderpost.documents.from_fields` for the declared fields
  (expired, implausible dates, unknown country codes ...), when the manifest gives enough of
  them (number, issuer, nationality, birth and expiry dates);
* ``expired`` on the day of travel, also when the other fields are missing;
* ``issued_recently``: issued fewer days before travel than the policy's
  ``recently_issued_days``;
* ``issuer_not_nationality``: the issuing State differs from the nationality;
* ``number_shared``: one document number used by several travellers of the manifest.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from borderpost.documents import DocumentFields, FieldError, from_fields
from borderpost.passengers.manifest import Manifest, Person, TravelDocument
from borderpost.screening.docnumbers import normalize_document_number

__all__ = ["DocumentCheck", "check_documents"]

#: Findings of the document view that say nothing about a manifest's document.
_IGNORED = frozenset({"entered_by_hand", "name_no_secondary", "sex_x"})


@dataclass(frozen=True, slots=True)
class DocumentCheck:
    """One thing wrong with a declared document: a stable code and a reason in words."""

    code: str
    document: str
    reason: str

    def to_dict(self) -> dict[str, str]:
        return {"code": self.code, "document": self.document, "reason": self.reason}


def check_documents(
    manifest: Manifest, on: dt.date, *, recently_issued_days: int = 30
) -> list[list[DocumentCheck]]:
    """The checks of every person's documents (one list per person, in manifest order),
    on the day of travel ``on``."""
    owners: dict[str, set[int]] = defaultdict(set)
    for index, person in enumerate(manifest.persons):
        for document in person.documents:
            number = normalize_document_number(document.number)
            if number:
                owners[f"{document.issuing_state or ''}:{number}"].add(index)
    results: list[list[DocumentCheck]] = []
    for person in manifest.persons:
        checks: list[DocumentCheck] = []
        for document in person.documents:
            checks.extend(_document_checks(person, document, on, recently_issued_days))
            key = f"{document.issuing_state or ''}:{normalize_document_number(document.number)}"
            others = len(owners.get(key, ())) - 1
            if others > 0:
                checks.append(
                    DocumentCheck(
                        "number_shared",
                        document.number,
                        f"document {document.number} ({document.issuing_state or '?'}) is also "
                        f"declared by {others} other traveller(s) on this manifest",
                    )
                )
        results.append(checks)
    return results


def _document_checks(
    person: Person, document: TravelDocument, on: dt.date, recent_days: int
) -> list[DocumentCheck]:
    checks: list[DocumentCheck] = []
    number = document.number
    if document.expiry is not None and document.expiry < on:
        checks.append(
            DocumentCheck(
                "expired",
                number,
                f"document {number} expired on {document.expiry.isoformat()}, before travel "
                f"on {on.isoformat()}",
            )
        )
    if document.issued is not None and 0 <= (on - document.issued).days < recent_days:
        checks.append(
            DocumentCheck(
                "issued_recently",
                number,
                f"document {number} was issued on {document.issued.isoformat()}, "
                f"{(on - document.issued).days} day(s) before travel",
            )
        )
    issuer, nationality = document.issuing_state, person.nationality
    if issuer and nationality and issuer.upper() != nationality.upper():
        checks.append(
            DocumentCheck(
                "issuer_not_nationality",
                number,
                f"document {number} was issued by {issuer}, the traveller's nationality "
                f"is {nationality}",
            )
        )
    checks.extend(_view_findings(person, document, on))
    return checks


def _view_findings(person: Person, document: TravelDocument, on: dt.date) -> list[DocumentCheck]:
    """Findings of the typed-document view (country codes, date relations), if it applies."""
    if (
        person.birth_date is None
        or document.expiry is None
        or not document.issuing_state
        or not person.nationality
    ):
        return []
    fields = DocumentFields(
        document_code=document.type or "P",
        document_number=document.number,
        issuing_state=document.issuing_state,
        surname=person.surname or "?",
        given_names=person.given_names,
        nationality=person.nationality,
        birth_date=person.birth_date,
        sex=person.sex if person.sex in ("M", "F", "X") else "",
        expiry_date=document.expiry,
    )
    try:
        view = from_fields(fields, at=on)
    except FieldError as exc:
        return [DocumentCheck("field_invalid", document.number, str(exc))]
    return [
        DocumentCheck(item.code, document.number, item.message)
        for item in view.findings
        if item.code not in _IGNORED and item.code != "expired"
    ]
