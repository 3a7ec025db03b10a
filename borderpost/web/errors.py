"""Errors as RFC 9457 problem details, mapped from domain errors in one table.

Every error answer has the media type ``application/problem+json`` and the members
``type``, ``title``, ``status`` and ``detail`` (validation errors add ``errors``). A domain
error is looked up by its class, then its base classes, in :data:`PROBLEMS`; routers never
build error responses themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException

from borderpost.audit import AuditError
from borderpost.casework.ledger_files import LedgerFileError
from borderpost.cash.errors import CashError
from borderpost.cash.fiu import FiuSchemaError
from borderpost.identity import (
    DuplicateUserError,
    IdentityError,
    TokenError,
    UnknownPortError,
)
from borderpost.identity.accounts import SelfChangeError, UnknownUserError
from borderpost.inspection.errors import Conflict, Forbidden, InspectionError, Invalid, NotFound
from borderpost.inspection.ports import PortError, PortExistsError
from borderpost.intel.recording import FieldErrors, MappingError, RecordingError
from borderpost.store import StoreError
from borderpost.sync.errors import (
    NotAPostError,
    PostAuthError,
    PostForbiddenError,
    SequenceGapError,
    SyncApplyError,
    SyncError,
)
from borderpost.watchlists import (
    EmptyImportError,
    ListContentError,
    ListInputError,
    UnknownListError,
    UnknownVersionError,
    WatchlistError,
)
from borderpost.watchlists.errors import UnknownFingerprintError, UnknownPhotoError

__all__ = [
    "PROBLEMS",
    "LoginFailed",
    "PermissionDenied",
    "Problem",
    "ProblemKind",
    "Unauthenticated",
    "install_error_handlers",
    "problem_response",
]

PROBLEM_MEDIA_TYPE = "application/problem+json"
_TYPE_PREFIX = "urn:borderpost:problem:"


class Unauthenticated(Exception):
    """No bearer token, or one that is malformed, forged, expired or of a closed account."""


class LoginFailed(Exception):
    """A login was refused (wrong credentials, locked or inactive account)."""


class PermissionDenied(Exception):
    """The user's role does not hold the permission the route needs."""


class Problem(BaseModel):
    """An RFC 9457 problem details object."""

    type: str = Field(examples=["urn:borderpost:problem:forbidden"])
    title: str = Field(examples=["Forbidden"])
    status: int = Field(examples=[403])
    detail: str = Field(examples=["ana (officer) may not approve decisions"])


@dataclass(frozen=True, slots=True)
class ProblemKind:
    """How one kind of error is answered."""

    status: int
    slug: str
    title: str


def _kind(status: int, slug: str, title: str) -> ProblemKind:
    return ProblemKind(status, slug, title)


#: Domain error → answer. Looked up along the error's class hierarchy, nearest first.
PROBLEMS: dict[type[Exception], ProblemKind] = {
    # authentication and authorisation
    Unauthenticated: _kind(401, "unauthenticated", "Authentication required"),
    LoginFailed: _kind(401, "login-failed", "Login failed"),
    TokenError: _kind(401, "unauthenticated", "Authentication required"),
    PermissionDenied: _kind(403, "forbidden", "Forbidden"),
    # inspection workflow and records
    NotFound: _kind(404, "not-found", "Not found"),
    Forbidden: _kind(403, "forbidden", "Forbidden"),
    Invalid: _kind(422, "invalid", "Invalid request"),
    Conflict: _kind(409, "conflict", "Conflict"),
    InspectionError: _kind(400, "inspection-error", "Inspection refused"),
    # accounts
    UnknownUserError: _kind(404, "not-found", "Not found"),
    DuplicateUserError: _kind(409, "conflict", "Conflict"),
    SelfChangeError: _kind(409, "conflict", "Conflict"),
    UnknownPortError: _kind(422, "invalid", "Invalid request"),
    IdentityError: _kind(422, "invalid", "Invalid request"),
    # ports
    PortExistsError: _kind(409, "conflict", "Conflict"),
    PortError: _kind(422, "invalid", "Invalid request"),
    # watchlists
    UnknownListError: _kind(404, "not-found", "Not found"),
    UnknownPhotoError: _kind(404, "not-found", "Not found"),
    UnknownFingerprintError: _kind(404, "not-found", "Not found"),
    UnknownVersionError: _kind(404, "not-found", "Not found"),
    EmptyImportError: _kind(409, "conflict", "Conflict"),
    ListInputError: _kind(422, "invalid", "Invalid request"),
    ListContentError: _kind(422, "invalid-list", "List file cannot be read"),
    WatchlistError: _kind(422, "invalid", "Invalid request"),
    # casework: fields, mappings and ledgers that cannot be used
    FieldErrors: _kind(422, "invalid", "Invalid request"),
    RecordingError: _kind(422, "invalid", "Invalid request"),
    MappingError: _kind(422, "invalid-mapping", "Ledger mapping cannot be used"),
    LedgerFileError: _kind(422, "invalid-ledger", "Ledger file cannot be read"),
    # post <-> HQ synchronisation
    PostAuthError: _kind(401, "unauthenticated", "Authentication required"),
    PostForbiddenError: _kind(403, "forbidden", "Forbidden"),
    SequenceGapError: _kind(409, "sequence-gap", "Events missing"),
    NotAPostError: _kind(409, "conflict", "Conflict"),
    SyncApplyError: _kind(422, "invalid", "Invalid request"),
    SyncError: _kind(422, "invalid", "Invalid request"),
    # bulk cash: a report the FIU schema refuses, a missing rate, an unusable profile
    FiuSchemaError: _kind(422, "fiu-schema", "Report does not validate against the FIU schema"),
    CashError: _kind(422, "invalid", "Invalid request"),
    # audit log and storage
    AuditError: _kind(422, "invalid", "Invalid request"),
    StoreError: _kind(503, "store-unavailable", "Database unavailable"),
}


def kind_of(exc: Exception) -> ProblemKind | None:
    """The answer for ``exc``: its class's entry, else its nearest base class's."""
    for cls in type(exc).__mro__:
        found = PROBLEMS.get(cls)
        if found is not None:
            return found
    return None


def problem_response(
    status: int,
    slug: str,
    title: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    extra: dict[str, Any] | None = None,
) -> JSONResponse:
    """A problem-details answer."""
    body: dict[str, Any] = {
        "type": _TYPE_PREFIX + slug,
        "title": title,
        "status": status,
        "detail": detail,
        **(extra or {}),
    }
    return JSONResponse(body, status_code=status, headers=headers, media_type=PROBLEM_MEDIA_TYPE)


def _bearer(status: int) -> dict[str, str] | None:
    return {"WWW-Authenticate": "Bearer"} if status == 401 else None


async def _domain_error(_request: Request, exc: Exception) -> JSONResponse:
    kind = kind_of(exc)
    if kind is None:  # pragma: no cover - only mapped classes are registered
        raise exc
    return problem_response(
        kind.status, kind.slug, kind.title, str(exc), headers=_bearer(kind.status)
    )


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, HTTPException)
    phrase = HTTPStatus(exc.status_code).phrase
    slug = phrase.lower().replace(" ", "-").replace("'", "")
    detail = exc.detail if isinstance(exc.detail, str) else phrase
    headers = dict(exc.headers or {}) or _bearer(exc.status_code)
    return problem_response(exc.status_code, slug, phrase, detail, headers=headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors: list[dict[str, Any]] = []
    parts: list[str] = []
    for error in exc.errors():
        loc = [str(part) for part in error.get("loc", ())]
        message = str(error.get("msg", ""))
        errors.append({"loc": loc, "msg": message})
        parts.append(f"{'.'.join(loc[1:]) or 'body'}: {message}")
    return problem_response(
        422,
        "validation",
        "Request validation failed",
        "; ".join(parts) or "invalid request",
        extra={"errors": errors},
    )


def install_error_handlers(app: FastAPI) -> None:
    """Answer every mapped domain error, HTTP error and validation error as a problem."""
    for cls in PROBLEMS:
        app.add_exception_handler(cls, _domain_error)
    app.add_exception_handler(HTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)


#: The error answers every authenticated route documents in OpenAPI.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "No valid bearer token"},
    403: {"model": Problem, "description": "The role or port does not allow this"},
    422: {"model": Problem, "description": "The request cannot be used"},
}
