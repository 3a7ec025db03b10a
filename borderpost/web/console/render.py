"""Pages from Jinja2 templates, with what every page needs: the user and their menu, the
language and its direction, the CSRF token for forms, and the message function ``t``."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse

from borderpost.biometrics.fingerprint import FINGERS
from borderpost.store.models import User
from borderpost.web.console.i18n import Catalogue, catalogue, choose_language, languages
from borderpost.web.console.pages import navigation
from borderpost.web.console.session import LANG_COOKIE, csrf_basis, csrf_token
from borderpost.web.deps import WebState

__all__ = ["language_of", "render"]

_TEMPLATES = Path(__file__).with_name("templates")
#: Pages hold personal data: never cached by the browser or a proxy.
_NO_STORE = {"Cache-Control": "no-store", "X-Content-Type-Options": "nosniff"}
_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
    "form-action 'self'; frame-ancestors 'none'; base-uri 'none'"
)


@cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(_TEMPLATES),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals["fingers"] = FINGERS  # finger position codes for print fields
    env.filters["when"] = lambda value: "" if not value else str(value)[:19].replace("T", " ")
    return env


def language_of(request: Request) -> Catalogue:
    """The language of this request (cookie, else ``Accept-Language``, else English)."""
    code = choose_language(request.cookies.get(LANG_COOKIE), request.headers.get("accept-language"))
    return catalogue(code)


def _state(request: Request) -> WebState:
    state = request.app.state.borderpost
    assert isinstance(state, WebState)
    return state


def render(
    request: Request,
    template: str,
    *,
    user: User | None,
    status: int = 200,
    basis: str | None = None,
    **context: Any,
) -> HTMLResponse:
    """The page ``template`` for ``user`` (``None`` before login); ``basis`` binds the CSRF
    token to a pre-session this very response sets."""
    state = _state(request)
    lang = language_of(request)
    basis = basis or csrf_basis(request)
    page = (
        _environment()
        .get_template(template)
        .render(
            request=request,
            user=user,
            menu=[] if user is None else navigation(user.role),
            lang=lang,
            languages=[catalogue(code) for code in languages()],
            t=lang.text,
            csrf="" if basis is None else csrf_token(state.settings.token_secret(), basis),
            path=request.url.path,
            **context,
        )
    )
    headers = {**_NO_STORE, "Content-Security-Policy": _CSP}
    return HTMLResponse(page, status_code=status, headers=headers)
