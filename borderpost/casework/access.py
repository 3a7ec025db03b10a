"""Who may record and read casework: the permissions of :mod:`borderpost.identity.roles`,
with officers and supervisors recording only at the port they are attached to."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import Forbidden, Invalid
from borderpost.store.models import Port, User

__all__ = ["check_may", "check_may_record", "port_code"]


def check_may(user: User, permission: Permission, doing: str) -> None:
    """Allow an active ``user`` whose role holds ``permission``.

    Raises:
        Forbidden: an inactive account or a role without the permission.
    """
    if not user.active:
        raise Forbidden(f"{user.username}'s account is inactive")
    if not can(user.role, permission):
        raise Forbidden(f"{user.username} ({user.role}) may not {doing}")


def port_code(session: Session, port_id: int | None) -> str | None:
    """The code of the port ``port_id`` (None for staff attached to no port)."""
    if port_id is None:
        return None
    return session.scalar(select(Port.code).where(Port.id == port_id))


def check_may_record(session: Session, user: User, port: str | None) -> None:
    """Allow ``user`` to record a seizure or an arrest at ``port``.

    Analysts record anywhere (also without a port: an inland seizure); officers and
    supervisors only at their own port.

    Raises:
        Forbidden: no permission, or another port than the user's.
        Invalid: ``port`` is not a registered port.
    """
    check_may(user, Permission.RECORD_CASE, "record seizures or arrests")
    if port is not None and session.scalar(select(Port.id).where(Port.code == port)) is None:
        raise Invalid(f"port {port!r} is not registered (see `borderpost ports list`)")
    if can(user.role, Permission.READ_CASEWORK):
        return
    own = port_code(session, user.port_id)
    if own is None or port != own:
        where = port or "no port"
        raise Forbidden(f"{user.username} may record only at their own port ({own}), not {where}")
