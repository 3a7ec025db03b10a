"""The public surface of ``borderpost.screening``: exports, docstrings, immutability, decoding."""

from __future__ import annotations

import codecs
import dataclasses
import inspect
import io
from pathlib import Path

import pytest

import borderpost.screening as screening
from borderpost.screening import ListEntry, ListFormatError
from borderpost.screening.textio import decode, read_text


def test_exported_members_exist_and_are_documented() -> None:
    assert sorted(screening.__all__) == screening.__all__
    for name in screening.__all__:
        member = getattr(screening, name)
        if inspect.isfunction(member) or inspect.isclass(member):
            assert inspect.getdoc(member), f"{name} has no docstring"


def test_public_dataclasses_are_frozen_and_slotted() -> None:
    for name in screening.__all__:
        member = getattr(screening, name)
        if inspect.isclass(member) and dataclasses.is_dataclass(member):
            params = member.__dataclass_params__  # type: ignore[attr-defined]
            assert params.frozen, name
            assert "__slots__" in member.__dict__, name


def test_entries_cannot_be_changed() -> None:
    entry = ListEntry("L", "1", "person", "A")
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.name = "B"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        ("Zoë".encode(), "Zoë", "utf-8"),
        (codecs.BOM_UTF8 + "Zoë".encode(), "Zoë", "utf-8-sig"),
        ("Zoë".encode("utf-16"), "Zoë", "utf-16"),
        ("Zoë\u2019".encode("cp1252"), "Zoë\u2019", "cp1252"),
        (b"\x81\x8d", "\x81\x8d", "latin-1"),
        (b"end\r\n\x1a", "end\r\n", "utf-8"),
    ],
)
def test_decode(data: bytes, text: str, encoding: str) -> None:
    decoded = decode(data)
    assert (decoded.text, decoded.encoding) == (text, encoding)


def test_read_text_from_streams() -> None:
    assert read_text(io.BytesIO(b"abc"), "f").text == "abc"
    assert read_text(io.StringIO("abc"), "f").encoding == "text"
    wrong = io.TextIOWrapper(io.BytesIO(b"\xff\xfe\xfa"), encoding="utf-8")
    with pytest.raises(ListFormatError, match="f: cannot decode"):
        read_text(wrong, "f")


def test_list_format_error_pickles() -> None:
    import pickle

    error = pickle.loads(pickle.dumps(ListFormatError("a.csv", 3, "bad")))
    assert (error.file, error.line, error.problem, str(error)) == (
        "a.csv",
        3,
        "bad",
        "a.csv line 3: bad",
    )


def test_path_loaders(tmp_path: Path) -> None:
    from borderpost.screening.sources import load_csv_list, load_ftm, load_lost_stolen

    watch = tmp_path / "lookouts.csv"
    watch.write_text("id,name\n1,A B\n", encoding="utf-8")
    result = load_csv_list(watch, version="3")
    assert (result.snapshot.list_name, result.snapshot.version) == ("lookouts", "3")
    ftm = tmp_path / "e.jsonl"
    ftm.write_text('{"id": "x", "schema": "Person", "properties": {"name": ["A B"]}}\n')
    assert [e.entry_id for e in load_ftm(ftm).entries] == ["x"]
    sltd = tmp_path / "sltd.csv"
    sltd.write_text(
        "issuing_country,document_number,document_type,status,reported_on,reference\n"
        "FRA,12AB34567,passport,lost,2024-01-01,R1\n"
    )
    assert load_lost_stolen(sltd).records[0].country == "FRA"
