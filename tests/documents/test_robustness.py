"""Parsing never raises: arbitrary text and arbitrary mutations of valid MRZs give findings."""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from borderpost.documents import parse
from borderpost.documents.findings import catalogue
from tests.documents.strategies import mrz_fields

AT = dt.date(2026, 11, 29)
MRZ_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def _invariants(text: str) -> None:
    result = parse(text, at=AT)
    assert isinstance(result.valid, bool)
    assert {f.code for f in result.findings} <= set(catalogue())
    if result.valid:
        assert result.type is not None
        assert all(result.checks.values())
        assert not any(
            f.code in {"check_digit_mismatch", "invalid_character"} for f in result.findings
        )
    result.to_dict()


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_arbitrary_text(text: str) -> None:
    _invariants(text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.text(alphabet=MRZ_CHARS + "kx0 \t", min_size=25, max_size=46), min_size=1, max_size=4
    )
)
def test_mrz_shaped_lines(lines: list[str]) -> None:
    _invariants("\n".join(lines))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    mrz_fields(),
    st.lists(
        st.tuples(
            st.integers(min_value=0, max_value=200),
            st.sampled_from(["replace", "delete", "insert"]),
            st.characters(),
        ),
        min_size=1,
        max_size=4,
    ),
)
def test_mutations_of_valid_mrz(fields: object, edits: list[tuple[int, str, str]]) -> None:
    from borderpost.documents import MrzFields, make_mrz

    assert isinstance(fields, MrzFields)
    text = list(make_mrz(fields))
    for position, operation, char in edits:
        index = position % (len(text) + 1)
        if operation == "replace" and index < len(text):
            text[index] = char
        elif operation == "delete" and index < len(text):
            del text[index]
        else:
            text.insert(index, char)
    _invariants("".join(text))
