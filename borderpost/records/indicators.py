"""Officer indicators for the people allowed to see them: supervisors see their own port,
auditors every port."""

from __future__ import annotations

import datetime as dt

from sqlalchemy.orm import Session

from borderpost.audit.anomalies import Indicator, officer_indicators
from borderpost.identity.roles import Permission, can
from borderpost.inspection.access import port_by_code
from borderpost.inspection.errors import Forbidden
from borderpost.store.models import User
from borderpost.store.repos.ports import PortRepo

__all__ = ["indicators_for"]


def indicators_for(
    session: Session, reader: User, *, port_code: str | None, since: dt.datetime | None
) -> list[Indicator]:
    """Indicators of ``port_code`` (every port when ``None``, for a reader across ports).

    A supervisor gets their own port's indicators, whatever ``port_code`` defaults to.

    Raises:
        NotFound: no such port.
        Forbidden: the reader may not see indicators, or not of that port.
    """
    if not reader.active or not can(reader.role, Permission.VIEW_INDICATORS):
        raise Forbidden(f"{reader.username} ({reader.role}) may not see officer indicators")
    port = None if port_code is None else port_by_code(session, port_code)
    if not can(reader.role, Permission.SEARCH_RECORDS):
        own = None if reader.port_id is None else PortRepo(session).by_id(reader.port_id)
        if own is None or (port is not None and port.id != own.id):
            raise Forbidden(f"{reader.username} may see indicators only of their own port")
        port = own
    return officer_indicators(session, port_code=None if port is None else port.code, since=since)
