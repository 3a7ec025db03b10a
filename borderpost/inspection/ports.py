"""Register and list ports of entry (in the caller's unit of work; audited as ``port.add``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.documents.countries import lookup
from borderpost.store.models import Port
from borderpost.store.models.ports import PORT_KINDS
from borderpost.store.repos.ports import PortRepo

__all__ = ["PortError", "PortExistsError", "add_port", "parse_shift", "port_dict"]

_CODE = re.compile(r"[A-Z0-9][A-Z0-9-]{1,15}")
_SHIFT = re.compile(r"(\d{1,2}):(\d{2})-(\d{1,2}):(\d{2})")


class PortError(Exception):
    """A port cannot be registered as given (the message says why)."""


class PortExistsError(PortError):
    """The port code is already registered."""


def parse_shift(text: str) -> tuple[dt.time, dt.time]:
    """``06:00-22:00`` (or ``22:00-06:00`` across midnight) as two times.

    Raises:
        PortError: not ``HH:MM-HH:MM``, an impossible time, or an empty shift.
    """
    match = _SHIFT.fullmatch(text.strip())
    if match is None:
        raise PortError(f"shift {text!r} is not HH:MM-HH:MM (e.g. 06:00-22:00)")
    h1, m1, h2, m2 = (int(group) for group in match.groups())
    try:
        start, end = dt.time(h1, m1), dt.time(h2, m2)
    except ValueError as exc:
        raise PortError(f"shift {text!r}: {exc}") from None
    if start == end:
        raise PortError(f"shift {text!r} starts when it ends (omit --shift for 24 hours)")
    return start, end


def add_port(
    session: Session,
    *,
    code: str,
    name: str,
    kind: str,
    country: str | None = None,
    remote: bool = False,
    timezone: str = "UTC",
    shift: str | None = None,
    actor: str,
    now: dt.datetime,
) -> Port:
    """Register a port of entry (flushed, audited).

    Raises:
        PortError: a bad code, kind, country, time zone or shift, or a code already taken.
    """
    code = code.strip().upper()
    if not _CODE.fullmatch(code):
        raise PortError(f"port code {code!r} must be 2-16 letters, digits or '-'")
    if kind not in PORT_KINDS:
        raise PortError(f"port kind {kind!r} is not one of {', '.join(PORT_KINDS)}")
    if not name.strip():
        raise PortError("a port needs a name")
    if country is not None:
        country = country.strip().upper()
        if lookup(country) is None:
            raise PortError(f"country {country!r} is not an ICAO 9303 country code (e.g. GBR)")
    try:
        ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise PortError(f"time zone {timezone!r} is not an IANA time zone") from None
    start, end = (None, None) if shift is None else parse_shift(shift)
    ports = PortRepo(session)
    if ports.by_code(code) is not None:
        raise PortExistsError(f"port {code!r} already exists")
    port = ports.add(
        Port(
            code=code,
            name=name.strip(),
            kind=kind,
            country=country,
            remote=remote,
            timezone=timezone,
            shift_start=start,
            shift_end=end,
            created_at=now,
        )
    )
    audit.append(
        session,
        actor=actor,
        action="port.add",
        subject_type="port",
        subject_id=code,
        details={
            "name": port.name,
            "kind": kind,
            "country": country,
            "remote": remote,
            "timezone": timezone,
            "shift": shift,
        },
        at=now,
    )
    return port


def port_dict(port: Port) -> dict[str, Any]:
    """The JSON shape of a port (``ports list --json``, ``GET /ports``); ``shift`` is
    ``HH:MM-HH:MM`` or None for around the clock."""
    shift = None
    if port.shift_start is not None and port.shift_end is not None:
        shift = f"{port.shift_start:%H:%M}-{port.shift_end:%H:%M}"
    return {
        "code": port.code,
        "name": port.name,
        "kind": port.kind,
        "country": port.country,
        "remote": port.remote,
        "timezone": port.timezone,
        "shift": shift,
    }
