"""Check-digit guided choice among the classifier's candidates."""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from borderpost.documents.ocr.model import ALPHABET
from borderpost.documents.ocr.repair import decode

TD3 = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<\nL898902C36UTO7408122F1204159ZE184226B<<<<<10"
TD1 = (
    "I<UTOD231458907<<<<<<<<<<<<<<<\n7408122F1204159UTO<<<<<<<<<<<6\nERIKSSON<<ANNA<MARIA<<<<<<<<<<"
)


def confident(text: str) -> NDArray[np.float32]:
    """Probabilities that put 0.97 on each character of ``text``."""
    chars = text.replace("\n", "")
    probs = np.full((len(chars), len(ALPHABET)), 0.03 / (len(ALPHABET) - 1), np.float32)
    for i, char in enumerate(chars):
        probs[i, ALPHABET.index(char)] = 0.97
    return probs


def misread(probs: NDArray[np.float32], index: int, wrong: str, p_wrong: float = 0.6) -> None:
    """Make the model prefer ``wrong`` at ``index``, the truth a close second."""
    right = int(np.argmax(probs[index]))
    probs[index] = 0.01 / (len(ALPHABET) - 2)
    probs[index, ALPHABET.index(wrong)] = p_wrong
    probs[index, right] = 0.99 - p_wrong


def test_a_clean_reading_is_kept() -> None:
    decoded = decode(confident(TD3), 2, 44)
    assert decoded is not None
    assert decoded.text == TD3
    assert decoded.fixes == ()
    assert decoded.checks_passed == decoded.checks_total == 5


def test_a_misread_digit_is_repaired_by_its_check_digit() -> None:
    probs = confident(TD3)
    misread(probs, 44 + 16, "3")  # birth date 740812 read as 740312
    decoded = decode(probs, 2, 44)
    assert decoded is not None and decoded.text == TD3
    assert [(f.line, f.position, f.field, f.before, f.after) for f in decoded.fixes] == [
        (2, 17, "birth_date", "3", "8")
    ]


def test_the_field_class_rules_out_a_letter_in_a_date() -> None:
    probs = confident(TD3)
    misread(probs, 44 + 15, "O", 0.8)  # 0 of the birth date looks like O
    decoded = decode(probs, 2, 44)
    assert decoded is not None and decoded.text == TD3
    assert decoded.fixes == ()


def test_td1_optional_data_is_repaired_by_the_composite() -> None:
    probs = confident(TD1)
    misread(probs, 20, "B")  # a filler in line 1 optional data read as B
    decoded = decode(probs, 3, 30)
    assert decoded is not None and decoded.text == TD1
    assert [f.field for f in decoded.fixes] == ["optional_data"]


def test_without_a_candidate_that_agrees_nothing_is_changed() -> None:
    probs = confident(TD3)
    index = 44 + 16
    probs[index] = 0.0
    probs[index, ALPHABET.index("3")] = 1.0  # certain, and wrong
    decoded = decode(probs, 2, 44)
    assert decoded is not None
    assert decoded.text != TD3
    assert decoded.checks_passed == decoded.checks_total - 2  # birth date and composite


def test_mrv_a_is_told_from_td3_by_its_first_letter() -> None:
    visa = TD3.replace("P<", "V<", 1)
    decoded = decode(confident(visa), 2, 44)
    assert decoded is not None and decoded.layout.name == "MRVA"
