"""``borderpost serve``: run the REST API with uvicorn (HTTPS when a certificate is set)."""

from __future__ import annotations

from typing import Any

import typer

from borderpost.cli.context import fail, state

ROLES = ("single", "hq", "post")


def serve(
    ctx: typer.Context,
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on."),
    port: int = typer.Option(8000, "--port", min=1, max=65535, help="TCP port."),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64, help="Worker processes (each holds its own screener)."
    ),
    warm: bool = typer.Option(
        True, "--warm/--no-warm", help="Build the screener before taking requests."
    ),
    log_level: str = typer.Option("warning", "--log-level", help="uvicorn's log level."),
    role: str = typer.Option(
        "single",
        "--role",
        help="single (one node), hq (posts push to it) or post (syncs with HQ in the background).",
    ),
) -> None:
    """Serve the REST API (OpenAPI at /openapi.json, routes under /api/v1).

    HTTPS when BORDERPOST_TLS_CERTFILE and BORDERPOST_TLS_KEYFILE are set. ``--role post``
    pushes the outbox to HQ and pulls list deltas every BORDERPOST_SYNC_INTERVAL_SECONDS.
    """
    import uvicorn

    from borderpost.web import create_app

    if role not in ROLES:
        fail(f"--role {role!r} must be one of {', '.join(ROLES)}")
    settings = state(ctx).settings
    tls: dict[str, Any] = {}
    if (settings.tls_certfile is None) != (settings.tls_keyfile is None):
        fail("HTTPS needs both BORDERPOST_TLS_CERTFILE and BORDERPOST_TLS_KEYFILE")
    if settings.tls_certfile is not None and settings.tls_keyfile is not None:
        for path in (settings.tls_certfile, settings.tls_keyfile):
            if not path.is_file():
                fail(f"TLS file {path} does not exist")
        tls = {"ssl_certfile": str(settings.tls_certfile), "ssl_keyfile": str(settings.tls_keyfile)}
    if workers > 1:
        if role == "post":
            fail("--role post runs one worker (it owns the post's sync loop)")
        if settings.secret_key is None:
            fail("--workers > 1 needs BORDERPOST_SECRET_KEY (every worker must sign alike)")
        uvicorn.run(
            "borderpost.web.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
            **tls,
        )
        return
    store = state(ctx).store()
    app = create_app(settings, store=store, warm=warm)
    loop = None
    if role == "hq":
        from borderpost.store import UnitOfWork
        from borderpost.store.models import SyncNode

        with UnitOfWork(store) as uow:
            if uow.session.get(SyncNode, 1) is not None:
                fail("this database is a post (borderpost post init): serve it with --role post")
    if role == "post":
        from borderpost.store import UnitOfWork
        from borderpost.sync.errors import NotAPostError
        from borderpost.sync.loop import SyncLoop
        from borderpost.sync.node import node

        with UnitOfWork(store) as uow:
            try:
                node(uow.session)
            except NotAPostError as exc:
                fail(str(exc))
        loop = SyncLoop(store, settings, app.state.borderpost.screeners.invalidate)
        loop.start()
    try:
        uvicorn.run(app, host=host, port=port, log_level=log_level, **tls)
    finally:
        if loop is not None:
            loop.stop()
