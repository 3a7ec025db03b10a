"""The derived table built in chunks: the same values as deriving each row, compact columns."""

from __future__ import annotations

from collections.abc import Iterator

import pandas as pd
import pyarrow as pa
import pytest

from borderpost.intel.resolve import frame as frame_module
from borderpost.intel.resolve.features import LIST_COLUMNS, derive
from borderpost.intel.resolve.frame import SCHEMA, derive_frame

ROWS: list[dict[str, str | None]] = [
    {"name": "Иван Петрович Сидоров", "dob": "1980-03-12", "phone": "+7 916 123 45 67"},
    {"name": "IVAN SIDOROV", "dob": "1981", "nationality": "rus"},
    {"name": "MOHAMMED ABDULLAH", "dob": "01/01/1975", "document_number": "ab-123;cd 456"},
    {"first_name": "John", "surname": "Smith", "gender": "male", "plate": "KCA 123A"},
    {"name": None, "dob": None},
    {"name": "IVAN SIDOROV", "dob": "1981", "nationality": "RUS"},  # a name seen before
]


def _generated() -> Iterator[dict[str, str | None]]:
    yield from ROWS


def test_chunks_give_the_values_of_deriving_each_row(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(frame_module, "CHUNK", 2)  # three chunks, one name memo across them
    monkeypatch.setattr(frame_module, "NAME_MEMO", 2)  # and the memo starts afresh once
    frame = derive_frame(_generated(), (f"r{i}" for i in range(len(ROWS))))
    assert frame["unique_id"].tolist() == [f"r{i}" for i in range(len(ROWS))]
    for index, row in enumerate(ROWS):
        expected = derive(row)
        for column, value in expected.items():
            got = frame[column].iloc[index]
            if column in LIST_COLUMNS:
                assert (list(got) if got is not pd.NA else []) == value, column
            elif value is None:
                assert got is pd.NA, column
            else:
                assert got == value, column


def test_columns_are_arrow_and_small() -> None:
    frame = derive_frame(ROWS, range(len(ROWS)))
    assert list(frame.columns) == SCHEMA.names
    assert frame["dob_year"].dtype == pd.ArrowDtype(pa.int16())
    assert frame["phones"].dtype == pd.ArrowDtype(pa.list_(pa.string()))
    assert frame["unique_id"].tolist() == [str(i) for i in range(len(ROWS))]


def test_rows_and_ids_of_different_lengths_are_refused() -> None:
    with pytest.raises(ValueError):
        derive_frame(ROWS, ["only-one"])
