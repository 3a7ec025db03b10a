"""Errors on console pages are pages, not problem documents.

The API answers errors as RFC 9457 problems (:mod:`borderpost.web.errors`); this module
wraps those handlers so that under ``/console`` the same errors, with the same statuses, come
back as a readable page. An expired or missing session sends the browser to the login page.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from http import HTTPStatus
from typing import Any
from urllib.parse import quote

from fastapi import FastAPI
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from borderpost.web.console.deps import CsrfFailed, LoginRequired
from borderpost.web.console.forms import FormError
from borderpost.web.console.render import render
from borderpost.web.console.session import clear_session
from borderpost.web.errors import PROBLEMS, kind_of

__all__ = ["CONSOLE_PREFIX", "install_console_errors"]

CONSOLE_PREFIX = "/console"


def _console(request: Request) -> bool:
    return request.url.path == CONSOLE_PREFIX or request.url.path.startswith(CONSOLE_PREFIX + "/")


def _status_of(exc: Exception) -> int:
    if isinstance(exc, HTTPException):
        return exc.status_code
    if isinstance(exc, RequestValidationError | FormError):
        return 422
    kind = kind_of(exc)
    return 500 if kind is None else kind.status


def _message(exc: Exception, status: int) -> str:
    if isinstance(exc, HTTPException):
        return exc.detail if isinstance(exc.detail, str) else HTTPStatus(status).phrase
    if isinstance(exc, RequestValidationError):
        return "; ".join(str(error.get("msg", "")) for error in exc.errors()) or "invalid request"
    return str(exc)


def error_page(request: Request, exc: Exception) -> Response:
    """The console's page for an error (the user, if any, is not looked up again)."""
    status = _status_of(exc)
    if isinstance(exc, CsrfFailed):
        status = 403
    return render(
        request,
        "error.html",
        user=None,
        status=status,
        status_code=status,
        message=_message(exc, status),
        csrf_failed=isinstance(exc, CsrfFailed),
    )


async def _login_required(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, LoginRequired)
    target = "/console/login?next=" + quote(request.url.path, safe="/")
    if exc.expired:
        target += "&expired=1"
    response = RedirectResponse(target, status_code=303)
    clear_session(response)
    return response


async def _as_page(request: Request, exc: Exception) -> Response:
    return error_page(request, exc)


def _wrap(original: Callable[..., Any]) -> Callable[[Request, Exception], Awaitable[Response]]:
    async def handler(request: Request, exc: Exception) -> Response:
        if _console(request):
            return error_page(request, exc)
        answer = original(request, exc)
        if inspect.isawaitable(answer):
            answer = await answer
        assert isinstance(answer, Response)
        return answer

    return handler


def install_console_errors(app: FastAPI) -> None:
    """Answer errors under ``/console`` as pages (call after the API's handlers are set)."""
    app.add_exception_handler(LoginRequired, _login_required)
    app.add_exception_handler(CsrfFailed, _as_page)
    app.add_exception_handler(FormError, _as_page)  # a field no page shows the error of
    for cls in (*PROBLEMS, HTTPException, RequestValidationError):
        original = app.exception_handlers.get(cls)
        if original is not None:
            app.add_exception_handler(cls, _wrap(original))
