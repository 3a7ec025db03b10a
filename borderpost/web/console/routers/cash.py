"""Bulk cash in the console: the declaration form (officers and supervisors at their port),
the declarations list and one declaration (with the supervisor's detention form and the
analyst's FIU export), detentions with their release form, FIU submissions with the on-time
percentage, and courier alerts. Every page calls the cash services as the API does."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Request
from starlette.datastructures import FormData
from starlette.responses import RedirectResponse, Response

from borderpost.cash.alerts import run_detection
from borderpost.cash.detentions import DEFAULT_DAYS, detain, detentions, release
from borderpost.cash.errors import CashError
from borderpost.cash.lines import parse_line
from borderpost.cash.model import Line, Party
from borderpost.cash.money import parse_amount
from borderpost.cash.profiles import Profile, profile
from borderpost.cash.reads import declaration_detail, declarations, scope_port
from borderpost.cash.records import DeclarationIn, declare
from borderpost.cash.stored import stored_rates
from borderpost.cash.submissions import export, on_time, submissions
from borderpost.identity.roles import Permission, can
from borderpost.inspection.errors import InspectionError
from borderpost.store.models import Port, User
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, date_field, int_field, text_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep
from borderpost.web.errors import kind_of

router = APIRouter(prefix="/console/cash", include_in_schema=False)

Declarer = Annotated[User, Depends(page("cash_declare"))]
Reader = Annotated[User, Depends(page("cash_declarations"))]
DetentionReader = Annotated[User, Depends(page("cash_detentions"))]
Detainer = Annotated[User, Depends(page("cash_detain"))]
Exporter = Annotated[User, Depends(page("cash_submissions"))]
Analyst = Annotated[User, Depends(page("cash_alerts"))]
RecordId = Annotated[int, Path(ge=1, le=2**31 - 1)]
#: The form's fields, kept to show again beside an error.
FIELDS = (
    "kind", "direction", "carrier", "birth_date", "nationality", "document", "phone", "address",
    "line1", "line2", "line3", "recipient", "recipient_account", "sender", "origin",
    "destination", "route", "intended_use", "source_of_funds", "party_ref", "booking_ref",
    "inspection_id", "found", "requested_on", "disclosed_on",
)  # fmt: skip
KINDS = ("accompanied", "unaccompanied", "ex_officio")


def _status(exc: Exception) -> int:
    kind = kind_of(exc)
    return 422 if kind is None else kind.status


def _profile(request: Request) -> Profile:
    state = request.app.state.borderpost
    return profile(state.settings.cash_profile)


def _port_code(uow: UowDep, user: User) -> str | None:
    if user.port_id is None:
        return None
    port = uow.session.get(Port, user.port_id)
    return None if port is None else port.code


def _form_page(
    request: Request,
    user: User,
    uow: UowDep,
    *,
    values: dict[str, str] | None = None,
    errors: dict[str, str] | None = None,
    done: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "cash_declare.html",
        user=user,
        status=status,
        port=_port_code(uow, user),
        rule=_profile(request).rule_text(),
        kinds=KINDS,
        values=values or {"kind": "accompanied", "direction": "entry"},
        errors=errors or {},
        done=done,
    )


@router.get("/declare", response_class=Response)
def declare_form(request: Request, user: Declarer, uow: UowDep) -> Response:
    """The declaration form for the officer's port."""
    return _form_page(request, user, uow)


def _lines(form: FormData) -> list[Line]:
    found = []
    for name in ("line1", "line2", "line3"):
        text = text_field(form, name, max_length=80)
        if not text:
            continue
        try:
            found.append(parse_line(text))
        except ValueError as exc:
            raise FormError(name, str(exc)) from None
    if not found:
        raise FormError("line1", "give at least one line, e.g. currency:USD:12000")
    return found


def _optional(form: FormData, name: str, limit: int = 200) -> str | None:
    return text_field(form, name, max_length=limit) or None


def _parties(form: FormData) -> list[Party]:
    carrier = Party(
        "carrier",
        text_field(form, "carrier", max_length=200, required=True),
        date_field(text_field(form, "birth_date", max_length=10), "birth_date"),
        _optional(form, "nationality", 3),
        _optional(form, "document", 40),
        _optional(form, "phone", 40),
        _optional(form, "address", 500),
    )
    parties = [carrier]
    recipient = _optional(form, "recipient")
    if recipient:
        parties.append(
            Party("recipient", recipient, account=_optional(form, "recipient_account", 64))
        )
    sender = _optional(form, "sender")
    if sender:
        parties.append(Party("sender", sender))
    return parties


def _amount(form: FormData, name: str) -> Decimal | None:
    text = text_field(form, name, max_length=40)
    if not text:
        return None
    try:
        return parse_amount(text, what=name)
    except ValueError as exc:
        raise FormError(name, str(exc)) from None


@router.post("/declare", response_class=Response)
def declare_submit(
    request: Request, user: Declarer, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Assess and record the declaration; the page shows the assessment and any offence."""
    values = {name: str(form.get(name, ""))[:500] for name in FIELDS}
    port = _port_code(uow, user)
    try:
        if port is None:
            raise FormError("carrier", "your account is not attached to a port")
        kind = text_field(form, "kind", max_length=16)
        if kind not in KINDS:
            raise FormError("kind", "choose one of the kinds")
        direction = text_field(form, "direction", max_length=5)
        if direction not in ("entry", "exit"):
            raise FormError("direction", "choose entry or exit")
        data = DeclarationIn(
            port=port,
            kind=kind,
            direction=direction,
            occurred_at=state.now(),
            lines=_lines(form),
            parties=_parties(form),
            origin=text_field(form, "origin", max_length=500),
            destination=text_field(form, "destination", max_length=500),
            route=text_field(form, "route", max_length=500),
            intended_use=text_field(form, "intended_use", max_length=500),
            source_of_funds=text_field(form, "source_of_funds", max_length=500),
            party_ref=_optional(form, "party_ref", 64),
            booking_ref=_optional(form, "booking_ref", 16),
            inspection_id=int_field(str(form.get("inspection_id", "")), "inspection_id"),
            found=_amount(form, "found"),
            disclosure_requested_on=date_field(str(form.get("requested_on", "")), "requested_on"),
            disclosed_on=date_field(str(form.get("disclosed_on", "")), "disclosed_on"),
        )
        done = declare(
            uow.session, data, officer=user, profile=_profile(request),
            rates=stored_rates(uow.session), now=state.now(),
        )  # fmt: skip
    except FormError as exc:
        return _form_page(
            request, user, uow, values=values, errors={exc.field: exc.message}, status=422
        )
    except (InspectionError, CashError) as exc:
        uow.rollback()
        return _form_page(
            request, user, uow, values=values, errors={"line1": str(exc)}, status=_status(exc)
        )
    uow.commit()
    result = {
        "id": done.row.id,
        "ref": done.row.ref,
        "reason": done.assessment.reason,
        "required": done.row.required,
        "lines": [v.reason for v in done.assessment.lines],
        "fiu_due_on": done.row.fiu_due_on.isoformat(),
        "offences": [o.reason for o in done.offences],
    }
    return _form_page(request, user, uow, done=result)


@router.get("/declarations", response_class=Response)
def declaration_list(request: Request, user: Reader, state: StateDep, uow: UowDep) -> Response:
    """Recent declarations (the officer's port for port staff); the read is audited."""
    found = declarations(uow.session, user, now=state.now())
    uow.commit()
    return render(request, "cash_declarations.html", user=user, declarations=found)


def _detail_page(
    request: Request,
    user: User,
    uow: UowDep,
    state: StateDep,
    declaration_id: int,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    found = declaration_detail(uow.session, declaration_id, user, now=state.now())
    uow.commit()
    return render(
        request,
        "cash_declaration.html",
        user=user,
        status=status,
        d=found,
        may_detain=can(user.role, Permission.DETAIN_CASH),
        may_export=can(user.role, Permission.EXPORT_FIU),
        default_days=DEFAULT_DAYS,
        error=error,
    )


@router.get("/declarations/{declaration_id}", response_class=Response)
def declaration(
    request: Request, declaration_id: RecordId, user: Reader, state: StateDep, uow: UowDep
) -> Response:
    """One declaration in full: lines with rates, parties, offences, detentions, reports."""
    return _detail_page(request, user, uow, state, declaration_id)


@router.post("/declarations/{declaration_id}/detention", response_class=Response)
def detain_submit(
    request: Request,
    declaration_id: RecordId,
    user: Detainer,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Detain the declaration's cash on the stated legal basis."""
    try:
        days = int_field(str(form.get("days", "")), "days", low=1, high=90) or DEFAULT_DAYS
        detain(
            uow.session,
            declaration_id,
            legal_basis=text_field(form, "legal_basis", required=True),
            reason=text_field(form, "reason", required=True),
            supervisor=user,
            now=state.now(),
            days=days,
        )
    except (FormError, InspectionError) as exc:
        uow.rollback()
        status = 422 if isinstance(exc, FormError) else _status(exc)
        return _detail_page(
            request, user, uow, state, declaration_id, error=str(exc), status=status
        )
    uow.commit()
    return RedirectResponse(f"/console/cash/declarations/{declaration_id}", status_code=303)


@router.post("/declarations/{declaration_id}/fiu", response_class=Response)
def fiu_export(
    request: Request,
    declaration_id: RecordId,
    user: Exporter,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """The FIU report as a download, validated and recorded as submitted now."""
    try:
        sent = export(
            uow.session,
            declaration_id,
            user=user,
            entity_id=state.settings.cash_fiu_entity,
            now=state.now(),
            schema_path=state.settings.cash_fiu_xsd,
        )
    except CashError as exc:
        uow.rollback()
        return _detail_page(request, user, uow, state, declaration_id, error=str(exc), status=422)
    uow.commit()
    return Response(
        sent.xml,
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="fiu-{declaration_id}.xml"'},
    )


def _detentions_page(
    request: Request,
    user: User,
    uow: UowDep,
    state: StateDep,
    *,
    error: str | None = None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "cash_detentions.html",
        user=user,
        status=status,
        detentions=detentions(uow.session, today=state.now().date(), port_id=scope_port(user)),
        may_release=can(user.role, Permission.DETAIN_CASH),
        error=error,
    )


@router.get("/detentions", response_class=Response)
def detention_list(
    request: Request, user: DetentionReader, state: StateDep, uow: UowDep
) -> Response:
    """Detentions with their expiry and state; supervisors release from here."""
    return _detentions_page(request, user, uow, state)


@router.post("/detentions/{detention_id}/release", response_class=Response)
def release_submit(
    request: Request,
    detention_id: RecordId,
    user: Detainer,
    form: CsrfForm,
    state: StateDep,
    uow: UowDep,
) -> Response:
    """Release detained cash with the reason."""
    try:
        release(
            uow.session,
            detention_id,
            reason=text_field(form, "reason", required=True),
            supervisor=user,
            now=state.now(),
        )
    except (FormError, InspectionError) as exc:
        uow.rollback()
        status = 422 if isinstance(exc, FormError) else _status(exc)
        return _detentions_page(request, user, uow, state, error=str(exc), status=status)
    uow.commit()
    return RedirectResponse("/console/cash/detentions", status_code=303)


@router.get("/submissions", response_class=Response)
def submission_list(request: Request, user: Exporter, uow: UowDep) -> Response:
    """Reports sent to the FIU and the share sent within the deadline."""
    return render(
        request,
        "cash_submissions.html",
        user=user,
        figures=on_time(uow.session),
        submissions=submissions(uow.session),
    )


@router.get("/alerts", response_class=Response)
def alert_list(request: Request, user: Analyst, state: StateDep, uow: UowDep) -> Response:
    """Courier alerts over the last year of declarations, each with its reason and figures."""
    found = run_detection(uow.session, _profile(request), user=user, now=state.now())
    uow.commit()
    return render(request, "cash_alerts.html", user=user, detection=found)
