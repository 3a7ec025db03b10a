"""Who may read which port's records (see :mod:`borderpost.records`)."""

from __future__ import annotations

from collections.abc import Collection

from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import Forbidden
from borderpost.store.models import User

__all__ = ["check_reader"]


def check_reader(user: User, port_ids: Collection[int], what: str) -> None:
    """Allow ``user`` to read ``what``, a record of the ports ``port_ids``.

    Raises:
        Forbidden: inactive account; a role that reads no personal data; or a port-bound
            role and none of ``port_ids`` is the user's port.
    """
    if not user.active:
        raise Forbidden(f"{user.username}'s account is inactive")
    if can(user.role, Permission.SEARCH_RECORDS):
        return
    if not can(user.role, Permission.READ_TRAVELLER):
        raise Forbidden(f"{user.username} ({user.role}) may not read {what}")
    if user.port_id is None or user.port_id not in port_ids:
        raise Forbidden(f"{user.username} may read {what} only of their own port")
