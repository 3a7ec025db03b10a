"""A record's columns as JSON and back, by the column's type.

Datetimes, dates and times travel as ISO 8601 text; amounts (:class:`~decimal.Decimal`) as
their exact decimal text; JSON columns, numbers, booleans and text as they are. Decoding uses
the HQ table's own column types, so a value is stored exactly as the post stored it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from sqlalchemy import Column, Table
from sqlalchemy.types import TypeDecorator

from borderpost.store.models.money import DecimalText
from borderpost.sync.errors import SyncApplyError

__all__ = ["decode_value", "encode_row", "encode_value"]


def encode_value(value: Any) -> Any:
    """A JSON-ready form of one column value."""
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, Decimal):
        return f"{value:f}"
    return value


def encode_row(row: Mapping[str, Any]) -> dict[str, Any]:
    """Every column of ``row`` (column name → value) in JSON-ready form."""
    return {name: encode_value(value) for name, value in row.items()}


def _python_type(column: Column[Any]) -> type | None:
    kind = column.type
    if isinstance(kind, TypeDecorator):  # UtcDateTime and the like: the stored type decides
        kind = kind.impl_instance
    try:
        found: type = kind.python_type
    except NotImplementedError:  # JSON and other types without one Python type
        return None
    return found


def decode_value(table: Table, name: str, value: Any) -> Any:
    """``value`` as the Python value column ``table.name`` stores.

    Raises:
        SyncApplyError: no such column, or a value of the wrong shape for it.
    """
    column = table.columns.get(name)
    if column is None:
        raise SyncApplyError(f"{table.name} has no column {name!r}")
    if value is None:
        return None
    if isinstance(column.type, DecimalText):
        try:
            amount = Decimal(value) if isinstance(value, str) else None
        except InvalidOperation:
            amount = None
        if amount is None or not amount.is_finite():
            raise SyncApplyError(f"{table.name}.{name}: {value!r} is not a decimal amount")
        return amount
    kind = _python_type(column)
    try:
        if kind is dt.datetime:
            moment = dt.datetime.fromisoformat(value)
            return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)
        if kind is dt.date:
            return dt.date.fromisoformat(value)
        if kind is dt.time:
            return dt.time.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise SyncApplyError(f"{table.name}.{name}: {value!r} is not an ISO 8601 value") from exc
    if kind is float and isinstance(value, int | float) and not isinstance(value, bool):
        return float(value)
    if kind in (int, str, bool) and not isinstance(value, kind):
        raise SyncApplyError(f"{table.name}.{name}: {value!r} is not a {kind.__name__}")
    return value
