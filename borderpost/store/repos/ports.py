"""Ports of entry (within the caller's unit of work; never commits)."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost.store.models import Port

__all__ = ["PortRepo"]


class PortRepo:
    """Add and find ports of entry."""

    def __init__(self, session: Session) -> None:
        self._session = session

    def add(self, port: Port) -> Port:
        """Add ``port`` and flush, so that it has an id."""
        self._session.add(port)
        self._session.flush()
        return port

    def by_code(self, code: str) -> Port | None:
        """The port with this code (codes are stored upper case)."""
        return self._session.scalar(select(Port).where(Port.code == code.upper()))

    def by_id(self, port_id: int) -> Port | None:
        return self._session.get(Port, port_id)

    def all(self) -> list[Port]:
        """Every port, by code."""
        return list(self._session.scalars(select(Port).order_by(Port.code)))
