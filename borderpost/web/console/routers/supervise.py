"""Secondary inspection and supervision: the referral queue, four-eyes approvals, and a
traveller's full record."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Request
from starlette.responses import RedirectResponse, Response

from borderpost.inspection import InspectionError, approve, reject
from borderpost.inspection.referrals import close_referral, take_referral
from borderpost.records import pending_approvals, traveller_history
from borderpost.records.referrals import referral_queue
from borderpost.store.models import User
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import kind_of

router = APIRouter(prefix="/console", include_in_schema=False)

Approver = Annotated[User, Depends(page("approvals"))]
Handler = Annotated[User, Depends(page("referrals"))]
Reader = Annotated[User, Depends(page("record"))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]


def _status(exc: Exception) -> int:
    kind = kind_of(exc)
    return 422 if kind is None else kind.status


def _approvals_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    error: tuple[int, str] | None = None,
    done: str | None = None,
    status: int = 200,
) -> Response:
    pending = pending_approvals(uow.session, user, None)
    return render(
        request, "approvals.html", user=user, status=status, pending=pending, error=error, done=done
    )


@router.get("/approvals", response_class=Response)
def approvals(request: Request, user: Approver, uow: UowDep, done: str | None = None) -> Response:
    """Decisions of the supervisor's port waiting for a second person, oldest first."""
    return _approvals_page(request, user, uow, done=(done or "")[:40] or None)


@router.post("/approvals/{decision_id}", response_class=Response)
def review(
    request: Request,
    decision_id: RecordId,
    user: Approver,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Approve, or reject with a reason (four eyes: never one's own decision)."""
    try:
        outcome = text_field(form, "outcome", max_length=8, required=True)
        if outcome == "approve":
            approve(uow, decision_id, user, state.now(), policy=state.policy)
        elif outcome == "reject":
            reason = text_field(form, "reason", max_length=2000)
            reject(uow, decision_id, user, reason, state.now())
        else:
            raise FormError("outcome", "choose approve or reject")
    except FormError as exc:
        return _approvals_page(request, user, uow, error=(decision_id, exc.message), status=422)
    except InspectionError as exc:
        uow.rollback()
        return _approvals_page(
            request, user, uow, error=(decision_id, str(exc)), status=_status(exc)
        )
    uow.commit()
    return RedirectResponse(f"/console/approvals?done={outcome}", status_code=303)


def _referrals_page(
    request: Request,
    user: User,
    state: StateDep,
    uow: UowDep,
    *,
    error: tuple[int, str] | None = None,
    status: int = 200,
) -> Response:
    queue = referral_queue(uow.session, user, now=state.now())
    uow.commit()
    return render(request, "referrals.html", user=user, status=status, queue=queue, error=error)


@router.get("/referrals", response_class=Response)
def referrals(request: Request, user: Handler, state: StateDep, uow: UowDep) -> Response:
    """Travellers referred to secondary inspection at the user's port."""
    return _referrals_page(request, user, state, uow)


@router.post("/referrals/{referral_id}", response_class=Response)
def handle_referral(
    request: Request,
    referral_id: RecordId,
    user: Handler,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Take a referral, or close it with the outcome of secondary inspection."""
    try:
        action = text_field(form, "action", max_length=8, required=True)
        if action == "take":
            take_referral(uow.session, referral_id, user, state.now())
        elif action == "close":
            outcome = text_field(form, "outcome", max_length=2000)
            close_referral(uow.session, referral_id, user, outcome, state.now())
        else:
            raise FormError("action", "choose take or close")
    except FormError as exc:
        return _referrals_page(
            request, user, state, uow, error=(referral_id, exc.message), status=422
        )
    except InspectionError as exc:
        uow.rollback()
        return _referrals_page(
            request, user, state, uow, error=(referral_id, str(exc)), status=_status(exc)
        )
    uow.commit()
    return RedirectResponse("/console/referrals", status_code=303)


@router.get("/travellers/{traveller_id}", response_class=Response)
def traveller(
    request: Request, traveller_id: RecordId, user: Reader, state: StateDep, uow: UowDep
) -> Response:
    """The traveller's record: identity, crossings and overstays (an audited read)."""
    found = traveller_history(uow.session, traveller_id, user, purpose="console", now=state.now())
    uow.commit()
    return render(request, "traveller.html", user=user, found=found)
