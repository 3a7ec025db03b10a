"""Log in, log out, choose the language; the home address sends each role to its first page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from starlette.responses import RedirectResponse, Response

from borderpost import audit
from borderpost.identity import authenticate
from borderpost.web.console.deps import ConsoleUser, CsrfForm
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.i18n import languages
from borderpost.web.console.pages import navigation
from borderpost.web.console.render import language_of, render
from borderpost.web.console.session import (
    LANG_COOKIE,
    clear_session,
    csrf_basis,
    new_pre_session,
    set_pre_session,
    set_session,
)
from borderpost.web.deps import StateDep, UowDep

router = APIRouter(prefix="/console", include_in_schema=False)

_YEAR = 365 * 24 * 60 * 60


def _local(path: str | None, default: str = "/console/") -> str:
    """``path`` if it is an address inside the console (never another site)."""
    if path and path.startswith("/console") and not path.startswith("//") and "\\" not in path:
        return path
    return default


@router.get("", response_class=Response)
@router.get("/", response_class=Response)
def home(user: ConsoleUser) -> Response:
    """Each role starts on the first page of its menu."""
    menu = navigation(user.role)
    return RedirectResponse(menu[0].path if menu else "/console/login", status_code=303)


@router.get("/login", response_class=Response)
def login_page(
    request: Request,
    next_page: Annotated[str | None, Query(alias="next", max_length=200)] = None,
    expired: Annotated[bool, Query()] = False,
    out: Annotated[bool, Query()] = False,
) -> Response:
    """The login form (a session that expired says so)."""
    fresh = None if csrf_basis(request) else new_pre_session()
    t = language_of(request).text
    notice = t("login.expired") if expired else t("login.logged_out") if out else None
    page = render(
        request,
        "login.html",
        user=None,
        basis=fresh,
        next_page=_local(next_page),
        notice=notice,
        error=None,
        username="",
    )
    if fresh is not None:
        set_pre_session(request, page, fresh)
    return page


@router.post("/login", response_class=Response)
def login(request: Request, form: CsrfForm, state: StateDep, uow: UowDep) -> Response:
    """Check the password (failures count towards a lock-out, all audited)."""
    t = language_of(request).text
    next_page = _local(text_field(form, "next", max_length=200))
    try:
        username = text_field(form, "username", max_length=128, required=True)
        password = text_field(form, "password", max_length=1024, required=True)
    except FormError as exc:
        return render(
            request,
            "login.html",
            user=None,
            status=422,
            next_page=next_page,
            notice=None,
            error=t(f"login.missing_{exc.field}"),
            username=str(form.get("username", ""))[:128],
        )
    now = state.now()
    result = authenticate(
        uow.session, username=username, password=password, now=now, settings=state.settings
    )
    uow.commit()
    if not result.ok or result.token is None or result.expires_at is None:
        return render(
            request,
            "login.html",
            user=None,
            status=401,
            next_page=next_page,
            notice=None,
            error=t(f"login.refused_{result.reason}"),
            username=username,
        )
    response = RedirectResponse(next_page, status_code=303)
    set_session(request, response, result.token, int((result.expires_at - now).total_seconds()))
    return response


@router.post("/logout", response_class=Response)
def logout(user: ConsoleUser, form: CsrfForm, state: StateDep, uow: UowDep) -> Response:
    """End the session: the cookie is cleared (audited as ``user.logout``)."""
    audit.append(
        uow.session,
        actor=user.username,
        action="user.logout",
        subject_type="user",
        subject_id=user.username,
        at=state.now(),
    )
    uow.commit()
    response = RedirectResponse("/console/login?out=1", status_code=303)
    clear_session(response)
    return response


@router.post("/language", response_class=Response)
def choose_language(request: Request, form: CsrfForm) -> Response:
    """Remember the chosen language in a cookie (a preference, not a secret)."""
    code = text_field(form, "lang", max_length=8)
    back = _local(text_field(form, "back", max_length=200))
    response = RedirectResponse(back, status_code=303)
    if code in languages():
        response.set_cookie(
            LANG_COOKIE, code, max_age=_YEAR, path="/console", samesite="strict", httponly=True
        )
    return response
