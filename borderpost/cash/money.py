"""Money as :class:`~decimal.Decimal`, never as a float: parsing, currency codes, rounding.

Amounts typed by an officer or read from a file are parsed with :func:`parse_amount`, which
refuses floats, exponents, thousands separators it cannot be sure of, and negative amounts.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_EVEN, Decimal, InvalidOperation

__all__ = ["CENT", "format_amount", "parse_amount", "parse_currency", "quantize"]

CENT = Decimal("0.01")
_CURRENCY = re.compile(r"[A-Z]{3}")
_AMOUNT = re.compile(r"\d+(?:\.\d+)?")
_MAX_DIGITS = 15  # a trillion in any currency is a typing error
_MAX_DECIMALS = 10  # cents, and the digits of an exchange rate


def parse_currency(text: str) -> str:
    """An ISO 4217 alphabetic code (three letters, any case in, upper case out).

    Raises:
        ValueError: not three letters.
    """
    code = text.strip().upper()
    if not _CURRENCY.fullmatch(code):
        raise ValueError(f"currency {text!r} is not an ISO 4217 code of three letters")
    return code


def parse_amount(value: str | int | Decimal, *, what: str = "amount") -> Decimal:
    """A non-negative amount, from text (``"10000.00"``, ``"9 950"``, ``"9,950.50"``), an int
    or a Decimal. Floats are refused: they cannot hold cents exactly.

    Raises:
        ValueError: not a plain non-negative number, or absurdly large.
    """
    if isinstance(value, bool | float):
        raise ValueError(f"{what} must be given as text or a whole number, not {value!r}")
    if isinstance(value, Decimal):
        amount = value
    elif isinstance(value, int):
        amount = Decimal(value)
    else:
        text = value.strip().replace(" ", "").replace("\u00a0", "").replace("_", "")
        if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?", text):
            text = text.replace(",", "")
        if not _AMOUNT.fullmatch(text):
            raise ValueError(f"{what} {value!r} is not a plain number such as 9950.00")
        try:
            amount = Decimal(text)
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise ValueError(f"{what} {value!r} is not a number") from None
    if not amount.is_finite() or amount < 0:
        raise ValueError(f"{what} {value!r} must be zero or more")
    if amount.adjusted() >= _MAX_DIGITS:
        raise ValueError(f"{what} {value!r} is too large to be real")
    exponent = amount.as_tuple().exponent
    if isinstance(exponent, int) and exponent < -_MAX_DECIMALS:
        raise ValueError(f"{what} {value!r} has more than {_MAX_DECIMALS} decimals")
    return amount


def quantize(amount: Decimal) -> Decimal:
    """``amount`` rounded to the cent, half to even (banker's rounding)."""
    return amount.quantize(CENT, rounding=ROUND_HALF_EVEN)


def format_amount(amount: Decimal, currency: str) -> str:
    """``EUR 10,000.00``."""
    return f"{currency} {quantize(amount):,.2f}"
