"""The choices of entity resolution (engines, roles, thresholds), kept outside the
:mod:`borderpost.intel.resolve` package, which needs pandas and Splink, so that the command
line can offer them without loading either."""

from __future__ import annotations

__all__ = ["ENGINES", "MERGE", "POSSIBLE", "ROLES"]

#: What a column of a mentions table can be.
ROLES = (
    "name",
    "first_name",
    "surname",
    "dob",
    "gender",
    "nationality",
    "birth_place",
    "postcode",
    "address",
    "phone",
    "document_number",
    "occupation",
    "plate",
    "account",
)

ENGINES = ("duckdb", "spark")
MERGE = 0.999  # merge automatically only at very high probability
POSSIBLE = 0.5  # below MERGE and at least this: shown as a possible same person
