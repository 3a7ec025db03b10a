"""Documents typed in by the officer (no MRZ, or an unreadable one) on SQLite and PostgreSQL:
screened and identified like a read MRZ, stored without an MRZ, flagged as hand-entered."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from sqlalchemy import select

from borderpost.documents import DocumentFields, FieldError, from_fields
from borderpost.inspection import Invalid
from borderpost.screening.engine import Screener
from borderpost.store import Store, UnitOfWork
from borderpost.store.models import DocumentSeen, Inspection
from tests.support.documents import passport_mrz
from tests.support.inspection import NOW, inspect_card

DRAGO = DocumentFields(
    document_code="P",
    document_number="R1234567",
    issuing_state="RUS",
    surname="Drago",
    given_names="Ivan Petrovich",
    nationality="RUS",
    birth_date=dt.date(1970, 3, 4),
    sex="M",
    expiry_date=dt.date(2031, 5, 1),
)
TODAY = NOW.date()


def _codes(card: dict[str, object]) -> set[str]:
    document = card["document"]
    assert isinstance(document, dict)
    return {finding["code"] for finding in document["findings"]}


def test_typed_passport_is_screened_and_found_again(store: Store, screener: Screener) -> None:
    first_id, card = inspect_card(store, screener, None, fields=DRAGO)
    assert [hit["entry_id"] for hit in card["hits"]] == ["W1"]
    assert card["suggestion"]["action"] == "refer"
    assert "entered_by_hand" in _codes(card)
    assert card["document"]["verdict"] == "valid" and card["document"]["type"] is None
    assert card["history"]["match"] == "new"

    # The second visit, with the MRZ read this time, finds the same traveller by document.
    mrz = passport_mrz("Drago", "Ivan Petrovich", "R1234567", dt.date(1970, 3, 4), "RUS", sex="M")
    later = NOW + dt.timedelta(days=30)
    _, again = inspect_card(store, screener, mrz, later)
    assert again["history"]["traveller"] == card["history"]["traveller"]
    assert again["history"]["match"] == "document"
    assert "entered_by_hand" not in _codes(again)
    # And typed once more, still the same person.
    _, third = inspect_card(store, screener, None, later, fields=DRAGO)
    assert third["history"]["traveller"] == card["history"]["traveller"]

    with UnitOfWork(store) as uow:
        stored = uow.session.get(Inspection, first_id)
        assert stored is not None
        assert "entered_by_hand" in {finding["code"] for finding in stored.findings}
        mrzs = sorted(uow.session.scalars(select(DocumentSeen.mrz)), key=str)
    assert len(mrzs) == 1 and mrzs[0] is None  # first seen typed: no MRZ is invented


def test_typed_fields_get_the_mrz_field_checks() -> None:
    expired = dataclasses.replace(
        DRAGO, expiry_date=dt.date(2020, 1, 1), issuing_state="XXQ", sex="x", given_names=" "
    )
    result = from_fields(expired, at=TODAY)
    codes = {finding.code for finding in result.findings}
    assert {
        "entered_by_hand",
        "expired",
        "issuing_state_unknown",
        "sex_x",
        "name_no_secondary",
    } <= codes
    assert not any(code.startswith("check_digit") for code in codes)
    assert result.mrz == "" and result.checks == {} and result.raw == {}
    german = from_fields(dataclasses.replace(DRAGO, issuing_state="d", nationality="DE"), at=TODAY)
    assert german.issuing_state == "D" and german.has("nationality_nonstandard")
    old = from_fields(dataclasses.replace(DRAGO, birth_date=dt.date(1890, 1, 1)), at=TODAY)
    assert old.has("age_implausible")


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"surname": "  "}, "surname"),
        ({"document_number": ""}, "document_number"),
        ({"document_number": "AB#12"}, "document_number"),
        ({"issuing_state": "RUSS"}, "issuing_state"),
        ({"nationality": "R1"}, "nationality"),
        ({"document_code": "PPP"}, "document_code"),
        ({"sex": "Q"}, "sex"),
        ({"birth_date": dt.date(2030, 1, 1)}, "birth_date"),
    ],
)
def test_bad_field_is_named(change: dict[str, object], field: str) -> None:
    with pytest.raises(FieldError) as caught:
        from_fields(dataclasses.replace(DRAGO, **change), at=TODAY)  # type: ignore[arg-type]
    assert caught.value.field == field
    assert str(caught.value).startswith(f"{field}: ")


def test_inspect_takes_exactly_one_document(store: Store, screener: Screener) -> None:
    mrz = passport_mrz("Drago", "Ivan Petrovich", "R1234567", dt.date(1970, 3, 4), "RUS", sex="M")
    with pytest.raises(Invalid, match="exactly one"):
        inspect_card(store, screener, mrz, fields=DRAGO)
    with pytest.raises(Invalid, match="exactly one"):
        inspect_card(store, screener, None)
    with pytest.raises(Invalid, match="typed document field sex"):
        inspect_card(store, screener, None, fields=dataclasses.replace(DRAGO, sex="Q"))
