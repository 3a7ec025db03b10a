"""Travel-document numbers: normal form and an OCR-confusion-tolerant key.

OCR and people misread a few characters in document numbers: ``0``/``O``, ``1``/``I``,
``8``/``B``, ``5``/``S``, ``2``/``Z`` and ``6``/``G``. Mapping each of those pairs to one
representative gives every number a *confusion key*; two numbers that differ only inside those
pairs share a key, so a lookup by key is a single dictionary access.
"""

from __future__ import annotations

__all__ = [
    "CONFUSION_PAIRS",
    "confusion_key",
    "confusions",
    "describe_confusion",
    "normalize_document_number",
]

#: The character pairs read for each other, written digit first.
CONFUSION_PAIRS: tuple[tuple[str, str], ...] = (
    ("0", "O"),
    ("1", "I"),
    ("8", "B"),
    ("5", "S"),
    ("2", "Z"),
    ("6", "G"),
)

_STRIP = str.maketrans("", "", " -<\t")
_TO_DIGIT = str.maketrans({letter: digit for digit, letter in CONFUSION_PAIRS})
_PAIR_OF = {ch: pair for pair in CONFUSION_PAIRS for ch in pair}


def normalize_document_number(number: str) -> str:
    """Upper-case a document number and drop spaces, hyphens and MRZ filler ``<``.

    Args:
        number: as printed, typed or read from the MRZ.

    Returns:
        The normal form, e.g. ``"P1234567"`` for ``"p 123-4567<<"``.
    """
    return number.translate(_STRIP).upper()


def confusion_key(number: str) -> str:
    """The normal form with every confusable letter replaced by its digit.

    Args:
        number: a document number in any form.

    Returns:
        The key shared by all numbers that differ only by confusable characters.
    """
    return normalize_document_number(number).translate(_TO_DIGIT)


def confusions(query: str, listed: str) -> tuple[tuple[int, str, str], ...]:
    """Where two numbers with the same confusion key differ.

    Args:
        query: the number presented (any form).
        listed: the number on the list (any form).

    Returns:
        ``(position, query_char, listed_char)`` for each difference, positions 1-based
        in the normal form. Empty when the normal forms are equal.

    Raises:
        ValueError: the numbers do not share a confusion key.
    """
    left = normalize_document_number(query)
    right = normalize_document_number(listed)
    if confusion_key(left) != confusion_key(right):
        raise ValueError(f"{query!r} and {listed!r} differ by more than OCR confusions")
    return tuple(
        (index, a, b) for index, (a, b) in enumerate(zip(left, right, strict=True), 1) if a != b
    )


def describe_confusion(query_char: str, listed_char: str) -> str:
    """Name a confusion pair digit first, e.g. ``"6/G"``."""
    pair = _PAIR_OF.get(query_char) or _PAIR_OF.get(listed_char)
    return f"{query_char}/{listed_char}" if pair is None else f"{pair[0]}/{pair[1]}"
