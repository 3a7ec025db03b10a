"""Passport issuance in the console: applications (and one application with the checker's
forms: override an alert, approve or reject), the adjudication queue of duplicate identities,
the blank-booklet stock with its balance, and insider signals for auditors.

Every page calls the issuance services exactly as the API does; nothing is decided here.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Request
from starlette.responses import RedirectResponse, Response

from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import InspectionError
from borderpost.issuance.adjudication import VERDICTS, adjudicate, queue
from borderpost.issuance.decisions import decide, override_alert
from borderpost.issuance.errors import IssuanceNotFound
from borderpost.issuance.insider import officer_signals
from borderpost.issuance.ledger import STATES, TRANSITIONS
from borderpost.issuance.rules import default_rules
from borderpost.issuance.stock import balance, booklets, move
from borderpost.issuance.views import application_view, list_applications
from borderpost.store.models import IssuanceAlert, User
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import kind_of

router = APIRouter(prefix="/console/issuance", include_in_schema=False)

Lister = Annotated[User, Depends(page("applications"))]
Reader = Annotated[User, Depends(page("application"))]
Checker = Annotated[User, Depends(page("issuance_decide"))]
Adjudicator = Annotated[User, Depends(page("adjudication"))]
StockReader = Annotated[User, Depends(page("stock"))]
StockKeeper = Annotated[User, Depends(page("stock_move"))]
Auditor = Annotated[User, Depends(page("insider"))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
#: Ledger events a person may apply from the stock page (personalising is collection's).
MOVES = tuple(event for event in TRANSITIONS if event != "personalise")
STATUSES = ("draft", "submitted", "approved", "rejected", "issued", "held")


def _status(exc: Exception) -> int:
    kind = kind_of(exc)
    return 422 if kind is None else kind.status


@router.get("/applications", response_class=Response)
def applications(
    request: Request,
    user: Lister,
    state: StateDep,
    uow: UowDep,
    status: Annotated[str | None, Query(max_length=24)] = None,
) -> Response:
    """Recent applications, newest first (the listing is audited)."""
    chosen = status if status in STATUSES else None
    rows = list_applications(uow.session, actor=user, now=state.now(), status=chosen)
    uow.commit()
    return render(
        request,
        "issuance_applications.html",
        user=user,
        rows=rows,
        statuses=STATUSES,
        chosen=chosen,
    )


def _application_page(
    request: Request,
    user: User,
    state: StateDep,
    uow: UowDep,
    application_id: int,
    *,
    error: str | None = None,
    done: str | None = None,
    status: int = 200,
) -> Response:
    view = application_view(uow.session, application_id, actor=user, now=state.now())
    uow.commit()
    return render(
        request,
        "issuance_application.html",
        user=user,
        status=status,
        app=view,
        may_decide=can(user.role, Permission.APPROVE_ISSUANCE) and view["may_approve"],
        error=error,
        done=done,
    )


@router.get("/applications/{application_id}", response_class=Response)
def application(
    request: Request,
    application_id: RecordId,
    user: Reader,
    state: StateDep,
    uow: UowDep,
    done: Annotated[str | None, Query(max_length=24)] = None,
) -> Response:
    """One application: identity, evidence and EoI objectives, alerts, duplicate candidates."""
    return _application_page(request, user, state, uow, application_id, done=done)


@router.post("/applications/{application_id}/decision", response_class=Response)
def decision(
    request: Request,
    application_id: RecordId,
    user: Checker,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Approve or reject (maker-checker: refused for the officer who took the application)."""
    try:
        verdict = text_field(form, "verdict", max_length=8, required=True)
        if verdict not in ("approve", "reject"):
            raise FormError("verdict", "choose approve or reject")
        reason = text_field(form, "reason", required=True)
        decide(
            uow.session,
            application_id,
            actor=user,
            approve=verdict == "approve",
            reason=reason,
            book=default_rules(),
            now=state.now(),
        )
    except FormError as exc:
        return _application_page(
            request, user, state, uow, application_id, error=exc.message, status=422
        )
    except InspectionError as exc:
        uow.rollback()
        return _application_page(
            request, user, state, uow, application_id, error=str(exc), status=_status(exc)
        )
    uow.commit()
    return RedirectResponse(
        f"/console/issuance/applications/{application_id}?done=decided", status_code=303
    )


@router.post("/alerts/{alert_id}/override", response_class=Response)
def override(
    request: Request,
    alert_id: RecordId,
    user: Checker,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Override an integrity alert with a written reason (recorded; an insider signal)."""
    found = uow.session.get(IssuanceAlert, alert_id)
    if found is None:
        raise IssuanceNotFound(f"no integrity alert #{alert_id}")
    application_id = found.application_id
    try:
        reason = text_field(form, "reason", required=True)
        override_alert(uow.session, alert_id, actor=user, reason=reason, now=state.now())
    except FormError as exc:
        return _application_page(
            request, user, state, uow, application_id, error=exc.message, status=422
        )
    except InspectionError as exc:
        uow.rollback()
        return _application_page(
            request, user, state, uow, application_id, error=str(exc), status=_status(exc)
        )
    uow.commit()
    return RedirectResponse(
        f"/console/issuance/applications/{application_id}?done=overridden", status_code=303
    )


def _queue_page(
    request: Request,
    user: User,
    state: StateDep,
    uow: UowDep,
    *,
    error: tuple[int, str] | None = None,
    status: int = 200,
    done: str | None = None,
) -> Response:
    candidates = queue(uow.session, actor=user, now=state.now())
    uow.commit()
    return render(
        request,
        "issuance_adjudication.html",
        user=user,
        status=status,
        candidates=candidates,
        verdicts=VERDICTS,
        error=error,
        done=done,
    )


@router.get("/adjudication", response_class=Response)
def adjudication(
    request: Request,
    user: Adjudicator,
    state: StateDep,
    uow: UowDep,
    done: Annotated[str | None, Query(max_length=12)] = None,
) -> Response:
    """Open duplicate-identity candidates, both records side by side, with a decision form."""
    return _queue_page(request, user, state, uow, done=done)


@router.post("/adjudication/{candidate_id}", response_class=Response)
def adjudication_decide(
    request: Request,
    candidate_id: RecordId,
    user: Adjudicator,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Decide a candidate: the same person or not, with a recorded reason."""
    try:
        verdict = text_field(form, "verdict", max_length=20, required=True)
        reason = text_field(form, "reason", required=True)
        adjudicate(
            uow.session, candidate_id, actor=user, verdict=verdict, reason=reason, now=state.now()
        )
    except (FormError, InspectionError) as exc:
        uow.rollback()
        message = exc.message if isinstance(exc, FormError) else str(exc)
        code = 422 if isinstance(exc, FormError) else _status(exc)
        return _queue_page(request, user, state, uow, error=(candidate_id, message), status=code)
    uow.commit()
    return RedirectResponse(f"/console/issuance/adjudication?done={candidate_id}", status_code=303)


def _stock_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    state_filter: str | None = None,
    error: str | None = None,
    status: int = 200,
    done: str | None = None,
) -> Response:
    context: dict[str, Any] = {
        "balance": balance(uow.session).to_dict(),
        "booklets": booklets(uow.session, state=state_filter),
        "states": STATES,
        "chosen": state_filter,
        "moves": MOVES,
        "may_move": can(user.role, Permission.MANAGE_STOCK),
        "error": error,
        "done": done,
    }
    return render(request, "issuance_stock.html", user=user, status=status, **context)


@router.get("/stock", response_class=Response)
def stock(
    request: Request,
    user: StockReader,
    uow: UowDep,
    state_filter: Annotated[str | None, Query(alias="state", max_length=16)] = None,
    done: Annotated[str | None, Query(max_length=32)] = None,
) -> Response:
    """The ledger's balance (the invariant, checked) and the booklets, by state."""
    chosen = state_filter if state_filter in STATES else None
    return _stock_page(request, user, uow, state_filter=chosen, done=done)


@router.post("/stock", response_class=Response)
def stock_move(
    request: Request, user: StockKeeper, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Move one booklet (dispatch, return, spoil, destroy with a witness, report missing)."""
    try:
        serial = text_field(form, "serial", max_length=32, required=True)
        event = text_field(form, "event", max_length=16, required=True)
        if event not in MOVES:
            raise FormError("event", f"choose one of {', '.join(MOVES)}")
        row = move(
            uow.session,
            serial,
            event,
            actor=user,
            now=state.now(),
            location=text_field(form, "location", max_length=64) or None,
            witness=text_field(form, "witness", max_length=128) or None,
            reason=text_field(form, "reason") or None,
        )
    except (FormError, InspectionError) as exc:
        uow.rollback()
        message = exc.message if isinstance(exc, FormError) else str(exc)
        code = 422 if isinstance(exc, FormError) else _status(exc)
        return _stock_page(request, user, uow, error=message, status=code)
    uow.commit()
    if event == "missing":
        state.screeners.invalidate()
    return RedirectResponse(f"/console/issuance/stock?done={row.serial}", status_code=303)


@router.get("/signals", response_class=Response)
def signals(request: Request, user: Auditor, state: StateDep, uow: UowDep) -> Response:
    """Insider signals on issuance staff, each with the figures behind it."""
    found = officer_signals(uow.session, actor=user, book=default_rules(), now=state.now())
    uow.commit()
    return render(request, "issuance_signals.html", user=user, signals=[s.to_dict() for s in found])
