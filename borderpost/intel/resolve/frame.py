"""The table Splink reads, built in bounded memory: derived columns as compact Arrow columns.

A million mentions held as Python dictionaries of derived values take gigabytes (a dict, a
dozen strings and five lists per mention) before DuckDB sees one row. So :func:`derive_frame`
derives the rows a chunk at a time (:data:`CHUNK`), turns each chunk into an Arrow record
batch (strings as Arrow strings, the birth-date parts as small integers, identifier lists as
Arrow lists) and drops the chunk's Python objects before the next one. The frame it returns
is a pandas frame over those Arrow columns (``pd.ArrowDtype``): DuckDB scans it without a
copy, and a million rows take a few hundred megabytes.

Names repeat (a person's mentions mostly spell the name the same way), so the name columns
of a name already seen in the run are reused rather than derived again (:data:`NAME_MEMO`
names at most).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from itertools import islice
from typing import Any

import pandas as pd
import pyarrow as pa

from borderpost.intel.resolve.features import LIST_COLUMNS, Phones, derive, name_features

__all__ = ["CHUNK", "NAME_MEMO", "SCHEMA", "derive_frame"]

#: Rows derived at a time before they become Arrow columns.
CHUNK = 50_000
#: Distinct names whose columns are remembered within one run (then the memo starts afresh).
NAME_MEMO = 500_000

_TEXT = (
    "name_latin",
    "name_sorted",
    "name_skel",
    "name_joined",
    "name_phon",
    "key_low",
    "key_high",
    "key_surname",
    "first_skel",
    "dob",
)
_SMALL = {"dob_year": pa.int16(), "dob_month": pa.int8(), "dob_day": pa.int8()}
_ATTRIBUTES = ("gender", "nationality", "birth_place", "postcode", "address", "occupation")

#: The columns of the derived table, in order, with their Arrow types.
SCHEMA = pa.schema(
    [
        ("unique_id", pa.string()),
        *((c, pa.string()) for c in _TEXT),
        *_SMALL.items(),
        *((c, pa.string()) for c in _ATTRIBUTES),
        *((c, pa.list_(pa.string())) for c in LIST_COLUMNS),
        *((f"{c}_first", pa.string()) for c in LIST_COLUMNS),
    ]
)


class _Names:
    """:func:`name_features` with a bounded memo (the values are shared, never changed)."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.memo: dict[tuple[str | None, str | None], dict[str, Any]] = {}

    def __call__(self, name: str | None, surname: str | None = None) -> dict[str, Any]:
        key = (name, surname)
        found = self.memo.get(key)
        if found is None:
            if len(self.memo) >= self.size:
                self.memo.clear()
            found = self.memo[key] = name_features(name, surname)
        return found


def _batch(derived: list[dict[str, Any]], ids: list[str]) -> pa.RecordBatch:
    columns: list[pa.Array] = []
    for field in SCHEMA:
        if field.name == "unique_id":
            values: list[Any] = ids
        elif field.name in LIST_COLUMNS:
            values = [row[field.name] or None for row in derived]
        else:
            values = [row[field.name] for row in derived]
        columns.append(pa.array(values, type=field.type))
    return pa.RecordBatch.from_arrays(columns, schema=SCHEMA)


def _chunks(
    rows: Iterable[Mapping[str, str | None]], ids: Iterable[object]
) -> Iterator[tuple[list[Mapping[str, str | None]], list[str]]]:
    pairs = zip(rows, ids, strict=True)
    while chunk := list(islice(pairs, CHUNK)):
        yield [row for row, _ in chunk], [str(i) for _, i in chunk]


def derive_frame(
    rows: Iterable[Mapping[str, str | None]],
    ids: Iterable[object],
    phones: Phones = Phones(),
) -> pd.DataFrame:
    """The table Splink reads: ``unique_id`` and the derived columns of every row.

    Args:
        rows: role → raw text, one mapping per mention (any iterable: a generator keeps
            only a chunk of rows in memory).
        ids: the mentions' ids, in the order of ``rows`` (as many).
        phones: how to read national phone numbers.

    Raises:
        ValueError: ``rows`` and ``ids`` differ in length.
    """
    names = _Names(NAME_MEMO)
    batches = []
    for chunk, chunk_ids in _chunks(rows, ids):
        derived = [derive(row, phones, names=names) for row in chunk]
        batches.append(_batch(derived, chunk_ids))
        del derived
    table = pa.Table.from_batches(batches, schema=SCHEMA)
    del batches
    return table.to_pandas(types_mapper=pd.ArrowDtype)
