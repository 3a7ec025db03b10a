"""Who may do what in issuance: the role check every service function starts with."""

from __future__ import annotations

from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import Forbidden
from borderpost.store.models import User

__all__ = ["require"]


def require(user: User, permission: Permission, doing: str) -> None:
    """Raise Forbidden unless ``user`` is active and their role holds ``permission``."""
    if not user.active:
        raise Forbidden(f"{user.username}'s account is inactive")
    if not can(user.role, permission):
        raise Forbidden(f"{user.username} ({user.role}) may not {doing}")
