"""User accounts (within the caller's unit of work; never commits)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.store.models import Port, User

__all__ = ["UserRepo"]


class UserRepo:
    """Add and find users; the identity service applies the rules."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, user: User) -> User:
        """Add ``user`` and flush, so that it has an id."""
        self._session.add(user)
        self._session.flush()
        return user

    def by_username(self, username: str) -> User | None:
        return self._session.scalar(select(User).where(User.username == username))

    def by_id(self, user_id: int) -> User | None:
        return self._session.get(User, user_id)

    def all_with_ports(self) -> list[tuple[User, Port | None]]:
        """Every user with their port (if any), by username."""
        query = select(User, Port).outerjoin(Port, User.port_id == Port.id).order_by(User.username)
        return [(user, port) for user, port in self._session.execute(query)]
