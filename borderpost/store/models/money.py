"""Exact decimal amounts that read back the same on SQLite and PostgreSQL.

SQLite has no decimal type (``Numeric`` would pass through a float there), so amounts are
kept as their canonical text and handed back as :class:`~decimal.Decimal` on both databases.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Dialect, String
from sqlalchemy.types import TypeDecorator

__all__ = ["DecimalText"]


class DecimalText(TypeDecorator[Decimal]):
    """A :class:`~decimal.Decimal` stored as text (``"10000.00"``); floats are refused."""

    impl = String(40)
    cache_ok = True

    def process_bind_param(self, value: Decimal | None, dialect: Dialect) -> Any:
        if value is None:
            return None
        if not isinstance(value, Decimal) or not value.is_finite():
            raise ValueError(f"amount {value!r} must be a finite Decimal")
        return f"{value:f}"

    def process_result_value(self, value: Any, dialect: Dialect) -> Decimal | None:
        if value is None:
            return None
        try:
            return Decimal(str(value))
        except InvalidOperation:  # pragma: no cover - only this type writes the column
            raise ValueError(f"stored amount {value!r} is not a number") from None
