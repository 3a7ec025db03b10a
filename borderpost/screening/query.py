"""A traveller as screening sees them, read from the loose forms that manifests and officers use."""

from __future__ import annotations

from dataclasses import dataclass

from borderpost.screening.countries import to_alpha3
from borderpost.screening.docnumbers import normalize_document_number
from borderpost.screening.model import PartialDate

_GENDERS = {
    "M": "male",
    "MALE": "male",
    "F": "female",
    "FEMALE": "female",
    "X": "other",
    "<": None,
    "U": None,
    "": None,
}


class QueryError(ValueError):
    """A query field that cannot be understood; the message names the field and the value."""


@dataclass(frozen=True, slots=True)
class Query:
    """Who is screened. Only ``name`` is required; every other field sharpens the score."""

    name: str
    birth_date: PartialDate | None = None
    nationality: str | None = None
    gender: str | None = None  # male | female | other
    document_number: str | None = None
    document_country: str | None = None
    id: str | None = None

    @classmethod
    def parse(
        cls,
        name: str,
        *,
        dob: str | None = None,
        nationality: str | None = None,
        gender: str | None = None,
        document_number: str | None = None,
        document_country: str | None = None,
        id: str | None = None,
    ) -> Query:
        """Build a query from loose input: a country as alpha-3, alpha-2 or English name;
        a date as YYYY, YYYY-MM or YYYY-MM-DD; gender as M/F/X.

        Raises:
            QueryError: naming the field and value that cannot be read.
        """
        if not name or not name.strip():
            raise QueryError("name is empty")
        birth = None
        if dob is not None and dob.strip():
            try:
                birth = PartialDate.parse(dob.strip())
            except ValueError as exc:
                raise QueryError(
                    f"date of birth {dob!r}: {exc} (use YYYY, YYYY-MM or YYYY-MM-DD)"
                ) from exc
        return cls(
            name=name.strip(),
            birth_date=birth,
            nationality=_country("nationality", nationality),
            gender=_gender(gender),
            document_number=normalize_document_number(document_number) or None
            if document_number
            else None,
            document_country=_country("document country", document_country),
            id=id,
        )


def _country(label: str, value: str | None) -> str | None:
    if value is None or not value.strip():
        return None
    code = to_alpha3(value)
    if code is None:
        raise QueryError(f"{label} {value!r} is not a country code or name we know")
    return code


def _gender(value: str | None) -> str | None:
    if value is None:
        return None
    key = value.strip().upper()
    if key not in _GENDERS:
        raise QueryError(f"gender {value!r}: use M, F or X")
    return _GENDERS[key]
