"""One request at a time against an embedded SQLite database.

SQLite lets one connection write at a time; the others wait in its busy handler, which polls
with growing sleeps (up to 100 ms each), so under load a few unlucky requests wait far longer
than the queue in front of them. Almost every API request writes (if only its audit event),
so on SQLite the app queues requests in order in the event loop instead: waiting costs no
thread, and each request starts the moment the one before it ends. PostgreSQL needs no gate.
"""

from __future__ import annotations

import asyncio
import weakref

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["SerialRequests"]

#: Paths that touch no database and pass the gate.
_FREE = frozenset({"/api/v1/health", "/openapi.json", "/docs", "/redoc"})


class SerialRequests:
    """ASGI middleware: HTTP requests run one after another, first come first served."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        self._locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
            weakref.WeakKeyDictionary()
        )

    def _lock(self) -> asyncio.Lock:
        loop = asyncio.get_running_loop()
        lock = self._locks.get(loop)
        if lock is None:
            lock = self._locks[loop] = asyncio.Lock()
        return lock

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in _FREE:
            await self.app(scope, receive, send)
            return
        async with self._lock():
            await self.app(scope, receive, send)
