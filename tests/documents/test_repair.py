"""OCR repair: typical confusions are undone only when every check digit then agrees."""

from __future__ import annotations

import datetime as dt
import random

from hypothesis import given, settings

from borderpost.documents import MrzFields, make_mrz, parse, repair
from tests.documents.strategies import mrz_fields

AT = dt.date(2026, 11, 29)
TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"


def test_digits_in_dates_and_letters_in_names() -> None:
    ocr = TD3.replace("7408122F1204159", "74O8I22F12O4I59").replace("ERIKSSON", "ER1KSS0N")
    result = parse(ocr, at=AT)
    assert not result.valid
    assert result.repair is not None
    assert result.repair.mrz == TD3
    assert result.has("ocr_repair_available")
    changed = {(c.field, c.before, c.after) for c in result.repair.changes}
    assert ("birth_date", "O", "0") in changed and ("name", "1", "I") in changed


def test_document_number_confusion_resolved_by_check_digit() -> None:
    ocr = TD3.replace("L898902C3", "L8989O2C3")
    proposal, reason = repair(ocr, at=AT)
    assert proposal is not None, reason
    assert proposal.mrz == TD3
    assert [c.describe() for c in proposal.changes] == [
        "line 2, position 6 (document_number): 'O' -> '0'"
    ]


def test_filler_read_as_k_or_x() -> None:
    ocr = TD3.replace("ZE184226B<<<<<1", "ZE184226B<K<X<1").replace("MARIA<<<<<", "MARIA<<K<X")
    result = parse(ocr, at=AT)
    assert result.repair is not None and result.repair.mrz == TD3
    # Directly after the data, K and < have the same check-digit value: nothing can tell
    # them apart, so the reading is left as it is rather than guessed.
    ambiguous = TD3.replace("ZE184226B<<<<<1", "ZE184226BK<<<<1")
    result = parse(ambiguous, at=AT)
    assert result.valid and result.personal_number == "ZE184226BK"


def test_forged_dates_are_not_repaired() -> None:
    forged = TD3.replace("1204159", "1404159")  # expiry moved two years, digit left
    result = parse(forged, at=AT)
    assert not result.valid and result.repair is None
    assert not result.has("ocr_repair_available")


def test_ambiguous_repair_is_refused() -> None:
    # Two positions that could each be misread: with the check digit broken as well,
    # several corrections could agree, and none must be proposed.
    text = make_mrz(
        MrzFields(
            type="TD3",
            document_code="P",
            issuing_state="UTO",
            surname="DOE",
            given_names="JOHN",
            document_number="B8O0S5I1Z",
            nationality="UTO",
            birth_date=dt.date(1980, 1, 1),
            sex="M",
            expiry_date=dt.date(2030, 1, 1),
        )
    )
    line1, line2 = text.split("\n")
    digit = (int(line2[9]) + 3) % 10
    broken = f"{line1}\n{line2[:9]}{digit}{line2[10:]}"
    result = parse(broken, at=AT)
    assert result.repair is None
    assert not result.valid


@settings(max_examples=150, deadline=None)
@given(mrz_fields())
def test_random_ocr_confusions_never_give_a_wrong_repair(fields: MrzFields) -> None:
    text = make_mrz(fields)
    rng = random.Random(text)
    swaps = {"0": "O", "1": "I", "8": "B", "5": "S", "<": "K"}
    chars = list(text)
    positions = [i for i, c in enumerate(chars) if c in swaps]
    for index in rng.sample(positions, min(2, len(positions))):
        chars[index] = swaps[chars[index]]
    damaged = "".join(chars)
    result = parse(damaged, at=AT)
    if result.repair is not None:
        repaired = parse(result.repair.mrz, at=AT)
        assert repaired.valid
        assert all(repaired.checks.values())
