"""``borderpost serve``: run the REST API with uvicorn."""

from __future__ import annotations

import typer

from borderpost.cli.context import fail, state


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
) -> None:
    """Serve the REST API (OpenAPI at /openapi.json, routes under /api/v1)."""
    import uvicorn

    from borderpost.web import create_app

    settings = state(ctx).settings
    if workers > 1:
        if settings.secret_key is None:
            fail("--workers > 1 needs BORDERPOST_SECRET_KEY (every worker must sign alike)")
        uvicorn.run(
            "borderpost.web.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            log_level=log_level,
        )
        return
    app = create_app(settings, store=state(ctx).store(), warm=warm)
    uvicorn.run(app, host=host, port=port, log_level=log_level)
