"""A unit of work: one session, one commit boundary, owned by the caller."""

from __future__ import annotations

from types import TracebackType

from sqlalchemy.orm import Session

from borderpost.store.db import Store


class UnitOfWork:
    """Give several repositories the same transaction.

    ``with UnitOfWork(store) as uow: ...; uow.commit()``. Leaving the block without
    ``commit()`` (or with an exception) rolls everything back, so nothing is half-written.
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._session: Session | None = None

    @property
    def session(self) -> Session:
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use it in a `with` block")
        return self._session

    def __enter__(self) -> UnitOfWork:
        self._session = self._store.sessions()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session = self.session
        try:
            session.rollback()
        finally:
            session.close()
            self._session = None

    def commit(self) -> None:
        self.session.commit()

    def rollback(self) -> None:
        self.session.rollback()
