"""Dated exchange rates, imported from a CSV file (no network at a remote post).

The file has a header and one rate a line: ``date,currency,quote,rate`` meaning that on
``date`` one unit of ``currency`` was worth ``rate`` units of ``quote`` (``2026-03-02,USD,EUR,
0.9231``). A crossing is converted at the latest rate dated on or before its day, no older
than ``max_age_days`` (the EU publishes monthly rates: 31 days by default); the inverse of a
rate is used when only the other direction is known.
"""

from __future__ import annotations

import bisect
import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from borderpost.cash.errors import RateError
from borderpost.cash.money import parse_amount, parse_currency

__all__ = ["HEADER", "Rate", "RateTable", "parse_rates"]

HEADER = ("date", "currency", "quote", "rate")
MAX_AGE_DAYS = 31
_PRECISION = Decimal("0.0000000001")


@dataclass(frozen=True, slots=True, order=True)
class Rate:
    """One unit of ``currency`` is worth ``rate`` units of ``quote`` on ``day``."""

    day: dt.date
    currency: str
    quote: str
    rate: Decimal


@dataclass(frozen=True, slots=True)
class Conversion:
    """How an amount was converted: the rate used, the day it is dated, the result."""

    amount: Decimal
    rate: Decimal
    rate_day: dt.date | None


@dataclass
class RateTable:
    """Rates by currency pair, each pair's rates in date order."""

    max_age_days: int = MAX_AGE_DAYS
    _pairs: dict[tuple[str, str], list[tuple[dt.date, Decimal]]] = field(default_factory=dict)

    def add(self, rate: Rate) -> None:
        """Add (or replace) one dated rate."""
        if rate.rate <= 0:
            raise RateError(f"rate {rate.currency}->{rate.quote} on {rate.day} must be above 0")
        entries = self._pairs.setdefault((rate.currency, rate.quote), [])
        position = bisect.bisect_left(entries, (rate.day, Decimal(0)))
        if position < len(entries) and entries[position][0] == rate.day:
            entries[position] = (rate.day, rate.rate)
        else:
            entries.insert(position, (rate.day, rate.rate))

    def __iter__(self) -> Iterator[Rate]:
        for (currency, quote), entries in sorted(self._pairs.items()):
            for day, rate in entries:
                yield Rate(day, currency, quote, rate)

    def __len__(self) -> int:
        return sum(len(entries) for entries in self._pairs.values())

    def _latest(self, pair: tuple[str, str], day: dt.date) -> tuple[dt.date, Decimal] | None:
        entries = self._pairs.get(pair)
        if not entries:
            return None
        position = bisect.bisect_right(entries, (day, Decimal("Infinity")))
        if position == 0:
            return None
        found = entries[position - 1]
        return found if (day - found[0]).days <= self.max_age_days else None

    def rate(self, currency: str, quote: str, day: dt.date) -> tuple[Decimal, dt.date | None]:
        """The rate of ``currency`` in ``quote`` on ``day`` and the day it is dated.

        Raises:
            RateError: no rate for the pair dated on or before ``day`` within the age limit.
        """
        if currency == quote:
            return Decimal(1), None
        direct = self._latest((currency, quote), day)
        inverse = self._latest((quote, currency), day)
        candidates = []
        if direct is not None:
            candidates.append((direct[0], direct[1]))
        if inverse is not None:
            candidates.append((inverse[0], (Decimal(1) / inverse[1]).quantize(_PRECISION)))
        if not candidates:
            raise RateError(
                f"no {currency}->{quote} exchange rate dated on or up to {self.max_age_days} "
                f"days before {day.isoformat()}: import one (borderpost cash rates import)"
            )
        when, value = max(candidates)
        return value, when

    def convert(self, amount: Decimal, currency: str, quote: str, day: dt.date) -> Conversion:
        """``amount`` of ``currency`` in ``quote`` at the rate of ``day`` (not rounded)."""
        rate, when = self.rate(currency, quote, day)
        return Conversion(amount * rate, rate, when)


def _row(row: list[str], line: int) -> Rate:
    if len(row) != len(HEADER):
        raise RateError(f"line {line}: expected {len(HEADER)} fields (date,currency,quote,rate)")
    day_text, currency, quote, rate_text = (cell.strip() for cell in row)
    try:
        day = dt.date.fromisoformat(day_text)
    except ValueError:
        raise RateError(f"line {line}: date {day_text!r} is not an ISO date (2026-03-02)") from None
    try:
        rate = parse_amount(rate_text, what="rate")
        pair = (parse_currency(currency), parse_currency(quote))
    except ValueError as exc:
        raise RateError(f"line {line}: {exc}") from None
    if rate == 0:
        raise RateError(f"line {line}: rate must be above 0")
    if pair[0] == pair[1]:
        raise RateError(f"line {line}: a rate from {pair[0]} to itself")
    return Rate(day, pair[0], pair[1], rate)


def parse_rates(text: str | Iterable[str], *, max_age_days: int = MAX_AGE_DAYS) -> RateTable:
    """A rate table from CSV text (or lines).

    Raises:
        RateError: no header, a malformed line (the message gives its number), or no rates.
    """
    lines = io.StringIO(text, newline="") if isinstance(text, str) else text
    reader = csv.reader(lines)
    table = RateTable(max_age_days=max_age_days)
    try:
        header = next(reader, None)
        if header is None or tuple(cell.strip().lower() for cell in header) != HEADER:
            raise RateError(f"the rate file must start with the header {','.join(HEADER)}")
        for row in reader:
            if not row or not "".join(row).strip():
                continue
            table.add(_row(row, reader.line_num))
    except csv.Error as exc:
        raise RateError(f"line {reader.line_num}: not CSV ({exc})") from None
    if not len(table):
        raise RateError("the rate file has a header but no rates")
    return table
