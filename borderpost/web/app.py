"""The REST API: ``create_app(settings)`` builds it (OpenAPI at ``/openapi.json``).

The store is opened once per app and the screener is built from the stored lists on first
use (and again after a list import through the API). Every route lives under ``/api/v1``.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import anyio.to_thread
from fastapi import FastAPI

from borderpost.config import Settings
from borderpost.inspection.policy import InspectionPolicy
from borderpost.store import Store, open_store
from borderpost.watchlists.screener import ScreenerCache
from borderpost.web.console import install_console
from borderpost.web.deps import WebState
from borderpost.web.errors import install_error_handlers
from borderpost.web.gate import SerialRequests
from borderpost.web.routers import (
    audit,
    auth,
    casework,
    cash,
    conveyances,
    health,
    inspections,
    intel,
    issuance,
    lists,
    lookout_fingerprints,
    lookout_photos,
    lost_stolen,
    ports,
    sync,
    targeting,
    travellers,
    users,
)

__all__ = ["API_PREFIX", "create_app"]

API_PREFIX = "/api/v1"
_DESCRIPTION = """\
Borderpost's REST API. Log in with `POST /api/v1/auth/token` (form fields `username` and
`password`) and send the token as `Authorization: Bearer <token>`. Every route but health and
login needs a token; each role may call only what the permissions table allows, officers and
supervisors only for their own port. Errors are RFC 9457 problem details.
"""


def create_app(settings: Settings, *, store: Store | None = None, warm: bool = False) -> FastAPI:
    """Build the API over the configured database (or ``store``, owned by the caller).

    A store opened here is disposed of when the app shuts down. ``warm`` builds the screener
    (and prepares every list name) at start-up rather than on the first inspection.
    """
    owned = store is None
    opened = open_store(settings) if store is None else store

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        if warm:
            state: WebState = app.state.borderpost
            await anyio.to_thread.run_sync(lambda: state.screeners.get().warm())
        yield
        if owned:
            opened.dispose()

    app = FastAPI(
        title="Borderpost",
        version="1",
        description=_DESCRIPTION,
        openapi_url="/openapi.json",
        lifespan=lifespan,
    )
    app.state.borderpost = WebState(
        settings=settings,
        store=opened,
        screeners=ScreenerCache(opened, settings),
        policy=InspectionPolicy.from_settings(settings),
    )
    install_error_handlers(app)
    if opened.engine.dialect.name == "sqlite":
        app.add_middleware(SerialRequests)
    for module in (health, auth, inspections, travellers, lists, lost_stolen, users, ports, audit):
        app.include_router(module.router, prefix=API_PREFIX)
    # Face photos of lookouts, searched 1:N at primary inspection.
    app.include_router(lookout_photos.router, prefix=API_PREFIX)
    app.include_router(lookout_fingerprints.router, prefix=API_PREFIX)
    # Pre-arrival targeting: manifests, assessments, hit review, lookouts.
    app.include_router(targeting.router, prefix=API_PREFIX)
    # Vehicles at land posts and cargo targeting.
    app.include_router(conveyances.router, prefix=API_PREFIX)
    # Casework: seizures, arrests, their entities and links, ledger imports.
    app.include_router(casework.router, prefix=API_PREFIX)
    # Remote posts push their records and pull list deltas (post keys, not user tokens).
    app.include_router(sync.router, prefix=API_PREFIX)
    # Bulk cash: declarations, detentions, FIU reports, courier alerts.
    app.include_router(cash.router, prefix=API_PREFIX)
    # Passport issuance integrity: applications, adjudication, booklet stock, insider signals.
    app.include_router(issuance.router, prefix=API_PREFIX)
    # Intelligence: leads and their review, the network of records.
    app.include_router(intel.router, prefix=API_PREFIX)
    # The officers' web console (server-rendered pages under /console).
    install_console(app)
    return app


def create_app_from_env() -> FastAPI:
    """The app configured from ``BORDERPOST_*`` variables, warmed (for ``uvicorn --factory``
    with several workers)."""
    return create_app(Settings(), warm=True)
