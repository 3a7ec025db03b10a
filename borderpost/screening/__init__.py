"""Screening: watchlist data (entries, snapshots, diffs), importers, lost/stolen documents.

Pure domain code: parsers take bytes or streams the caller opened. For loading by path see
:mod:`borderpost.screening.sources`.
"""

from borderpost.screening.countries import (
    Country,
    all_countries,
    country,
    country_name,
    is_country_code,
    to_alpha3,
)
from borderpost.screening.dates import ParsedBirthDate, parse_birth_date, parse_partial_date
from borderpost.screening.docnumbers import (
    confusion_key,
    confusions,
    describe_confusion,
    normalize_document_number,
)
from borderpost.screening.errors import ListFormatError
from borderpost.screening.importers import parse_csv_list, parse_ftm, parse_ofac, parse_un
from borderpost.screening.lost_stolen import (
    DocumentStatus,
    LostStolenHit,
    LostStolenImport,
    LostStolenIndex,
    LostStolenRecord,
    parse_lost_stolen_csv,
)
from borderpost.screening.model import (
    Alias,
    AliasKind,
    AliasStrength,
    BirthDate,
    Document,
    DocumentCategory,
    EntityKind,
    Gender,
    ListDiff,
    ListEntry,
    ListSnapshot,
    PartialDate,
    changed_fields,
    diff,
)
from borderpost.screening.report import ImportIssue, ImportReport, ImportResult

__all__ = [
    "Alias",
    "AliasKind",
    "AliasStrength",
    "BirthDate",
    "Country",
    "Document",
    "DocumentCategory",
    "DocumentStatus",
    "EntityKind",
    "Gender",
    "ImportIssue",
    "ImportReport",
    "ImportResult",
    "ListDiff",
    "ListEntry",
    "ListFormatError",
    "ListSnapshot",
    "LostStolenHit",
    "LostStolenImport",
    "LostStolenIndex",
    "LostStolenRecord",
    "ParsedBirthDate",
    "PartialDate",
    "all_countries",
    "changed_fields",
    "confusion_key",
    "confusions",
    "country",
    "country_name",
    "describe_confusion",
    "diff",
    "is_country_code",
    "normalize_document_number",
    "parse_birth_date",
    "parse_csv_list",
    "parse_ftm",
    "parse_lost_stolen_csv",
    "parse_ofac",
    "parse_partial_date",
    "parse_un",
    "to_alpha3",
]
