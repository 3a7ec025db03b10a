"""The web console: server-rendered pages for officers, supervisors, analysts and auditors.

``install_console(app)`` mounts it on the API app under ``/console`` (pages, its own static
files, error pages). The pages call the same services as the API (the inspection workflow,
the record reads, the watchlist and audit services), with the same roles: the menu shows a
role only the pages it may open, and the server refuses the others (403).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.responses import RedirectResponse

from borderpost.web.console.errors import install_console_errors
from borderpost.web.console.routers import (
    audit,
    auth,
    casework,
    cash,
    conveyances,
    dashboard,
    inspect,
    intel,
    issuance,
    lists,
    lookout_fingerprints,
    lookout_photos,
    posts,
    supervise,
    targeting,
)

__all__ = ["STATIC_PATH", "install_console"]

STATIC_PATH = "/console/static"
_STATIC = Path(__file__).with_name("static")


def install_console(app: FastAPI) -> None:
    """Mount the console's routers, static files and error pages on ``app``; ``/`` leads to
    the console."""
    app.mount(STATIC_PATH, StaticFiles(directory=_STATIC), name="console-static")
    for module in (
        auth,
        inspect,
        supervise,
        lists,
        lookout_photos,
        lookout_fingerprints,
        audit,
        dashboard,
        targeting,
        conveyances,
        casework,
        posts,
        cash,
        issuance,
        intel,
    ):
        app.include_router(module.router)
    app.add_api_route(
        "/", lambda: RedirectResponse("/console/", status_code=303), include_in_schema=False
    )
    install_console_errors(app)
