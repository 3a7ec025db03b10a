"""Reading the fields of a submitted form, with messages a person can act on.

Forms are read as text and checked here and in the services, never by the framework's
validation, so that a bad value comes back as the same page with the message beside the
field (and a 422), not as a machine's error document.
"""

from __future__ import annotations

import datetime as dt

from starlette.datastructures import FormData

__all__ = ["FormError", "date_field", "int_field", "text_field"]


class FormError(Exception):
    """A field's value cannot be used; ``field`` names it, the message says why."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def text_field(form: FormData, name: str, *, max_length: int = 2000, required: bool = False) -> str:
    """The trimmed text of field ``name`` ("" when absent).

    Raises:
        FormError: not text, too long, holds a NUL character, or required and empty.
    """
    value = form.get(name, "")
    if not isinstance(value, str):
        raise FormError(name, "this field takes text, not a file")
    value = value.strip()
    if "\x00" in value:
        raise FormError(name, "the text holds a NUL character")
    if len(value) > max_length:
        raise FormError(name, f"at most {max_length} characters, please ({len(value)} given)")
    if required and not value:
        raise FormError(name, "this field is required")
    return value


def int_field(value: str | None, name: str, *, low: int = 1, high: int = 2**31 - 1) -> int | None:
    """A whole number from a query or form value ("" or ``None``: no value).

    Raises:
        FormError: not a whole number between ``low`` and ``high``.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    if not text.isascii() or not text.isdigit() or not low <= int(text) <= high:
        raise FormError(name, f"{text!r} is not a whole number from {low} to {high}")
    return int(text)


def date_field(value: str | None, name: str) -> dt.date | None:
    """A date ``YYYY-MM-DD`` ("" or ``None``: no date).

    Raises:
        FormError: not a date in that form.
    """
    if value is None or not value.strip():
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise FormError(name, f"{value.strip()!r} is not a date as YYYY-MM-DD") from None
