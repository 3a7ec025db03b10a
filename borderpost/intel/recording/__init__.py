"""Recording what the border finds: seizures and arrests, the persons, organisations, phones,
vehicles, documents, addresses and bank accounts they name, and the links between them.

Pure domain: the commodity taxonomy, concealment methods and link roles are data
(``data/*.toml``); identifiers are normalised so that two spellings of one phone, plate or
account meet (:mod:`.identifiers`, :mod:`.vehicles`); ledger rows become drafts or named
rejections (:mod:`.mapping`, :mod:`.ledger`). Storage is :mod:`borderpost.casework`.
"""

from borderpost.intel.recording.drafts import (
    ArrestDraft,
    Entity,
    Link,
    Party,
    SeizureDraft,
    account,
    address,
    document,
    organisation,
    person,
    phone,
    vehicle,
)
from borderpost.intel.recording.errors import RecordingError
from borderpost.intel.recording.forms import FieldErrors, arrest_from_fields, seizure_from_fields
from borderpost.intel.recording.ledger import LedgerRow, Rejection, read_rows
from borderpost.intel.recording.links import CONVEYANCE_KINDS, ENTITY_KINDS, check_role, link_roles
from borderpost.intel.recording.mapping import FIELDS, LedgerMapping, MappingError, parse_mapping
from borderpost.intel.recording.taxonomy import (
    Item,
    concealment_methods,
    make_item,
    normalize_concealment,
    taxonomy,
)

__all__ = [
    "CONVEYANCE_KINDS",
    "ENTITY_KINDS",
    "FIELDS",
    "ArrestDraft",
    "Entity",
    "FieldErrors",
    "Item",
    "LedgerMapping",
    "LedgerRow",
    "Link",
    "MappingError",
    "Party",
    "RecordingError",
    "Rejection",
    "SeizureDraft",
    "account",
    "address",
    "arrest_from_fields",
    "check_role",
    "concealment_methods",
    "document",
    "link_roles",
    "make_item",
    "normalize_concealment",
    "organisation",
    "parse_mapping",
    "person",
    "phone",
    "read_rows",
    "seizure_from_fields",
    "taxonomy",
    "vehicle",
]
