"""Who may act where: the permission table of :mod:`borderpost.identity.roles`, applied to a
user at a port. Officers and supervisors act only at the port they are attached to."""

from __future__ import annotations

from sqlalchemy.orm import Session

from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import Forbidden, NotFound
from borderpost.store.models import Port, User
from borderpost.store.repos.ports import PortRepo
from borderpost.store.repos.users import UserRepo

__all__ = ["check_at_port", "port_by_code", "user_by_name"]


def user_by_name(session: Session, username: str) -> User:
    """The user called ``username``.

    Raises:
        NotFound: no such user.
    """
    user = UserRepo(session).by_username(username.strip())
    if user is None:
        raise NotFound(f"user {username!r} does not exist (see `borderpost users list`)")
    return user


def port_by_code(session: Session, code: str) -> Port:
    """The port with this code.

    Raises:
        NotFound: no such port.
    """
    port = PortRepo(session).by_code(code.strip())
    if port is None:
        raise NotFound(f"port {code!r} is not registered (see `borderpost ports list`)")
    return port


def check_at_port(user: User, port_id: int, permission: Permission, doing: str) -> None:
    """Allow ``user`` to do ``doing`` at the port ``port_id``.

    Raises:
        Forbidden: inactive account, a role without ``permission``, or another port.
    """
    if not user.active:
        raise Forbidden(f"{user.username}'s account is inactive")
    if not can(user.role, permission):
        raise Forbidden(f"{user.username} ({user.role}) may not {doing}")
    if user.port_id != port_id:
        raise Forbidden(f"{user.username} may {doing} only at their own port")
