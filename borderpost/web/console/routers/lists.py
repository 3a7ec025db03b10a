"""Lists: what is loaded, each list's versions and what the last import changed, a name
search against the lists, and the two single-entry forms (national lookout, lost/stolen)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from starlette.responses import Response

from borderpost.store.models import User
from borderpost.watchlists import (
    WatchlistError,
    changes,
    list_summaries,
    lost_stolen_summaries,
    version_history,
)
from borderpost.watchlists.lookouts import (
    DOCUMENT_STATUSES,
    LOOKOUT_LIST,
    LOST_STOLEN_REPORTS,
    EntryInputError,
    add_lookout,
    report_document,
)
from borderpost.watchlists.name_search import search_name
from borderpost.web.console.deps import CsrfForm, page
from borderpost.web.console.forms import FormError, text_field
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep

router = APIRouter(prefix="/console/lists", include_in_schema=False)

ListReader = Annotated[User, Depends(page("lists"))]
Searcher = Annotated[User, Depends(page("search"))]
LookoutAdder = Annotated[User, Depends(page("lookout"))]
Reporter = Annotated[User, Depends(page("lost_stolen"))]
Text = Annotated[str | None, Query(max_length=200)]
_SHOWN_CHANGES = 200
_LOOKOUT_FIELDS = (
    "name",
    "dob",
    "nationality",
    "gender",
    "document_number",
    "document_country",
    "reason",
)
_REPORT_FIELDS = ("country", "number", "document_type", "status", "reference")


@router.get("", response_class=Response)
def lists(request: Request, user: ListReader, uow: UowDep) -> Response:
    """Every list: its newest version, entries, and lost/stolen record counts."""
    return render(
        request,
        "lists.html",
        user=user,
        watchlists=list_summaries(uow.session),
        lost_stolen=lost_stolen_summaries(uow.session),
    )


@router.get("/versions", response_class=Response)
def versions(
    request: Request,
    user: ListReader,
    uow: UowDep,
    name: Annotated[str, Query(alias="list", min_length=1, max_length=200)],
    version: Text = None,
) -> Response:
    """A list's versions, and what one of them (default: the newest) changed."""
    history = version_history(uow.session, name)
    found = changes(uow.session, name, version or None)
    return render(
        request,
        "list_versions.html",
        user=user,
        name=name,
        history=list(reversed(history)),
        found=found,
        shown=found.changes[:_SHOWN_CHANGES],
    )


@router.get("/search", response_class=Response)
def search(
    request: Request,
    user: Searcher,
    state: StateDep,
    uow: UowDep,
    name: Text = None,
    dob: Annotated[str | None, Query(max_length=10)] = None,
    nationality: Annotated[str | None, Query(max_length=64)] = None,
) -> Response:
    """Screen a name against every list (near misses included); each search is audited."""
    hits = None
    errors: dict[str, str] = {}
    status = 200
    if name is not None:
        try:
            hits = search_name(
                uow.session,
                state.screeners.get(),
                name=name,
                dob=dob,
                nationality=nationality,
                actor=user.username,
                now=state.now(),
            )
            uow.commit()
        except EntryInputError as exc:
            errors[exc.field], status = str(exc), 422
    values = {"name": name or "", "dob": dob or "", "nationality": nationality or ""}
    return render(
        request, "search.html", user=user, status=status, hits=hits, values=values, errors=errors
    )


def _values(form: CsrfForm, names: tuple[str, ...]) -> dict[str, str]:
    return {name: str(form.get(name, ""))[:2000] for name in names}


@router.get("/lookout", response_class=Response)
def lookout_form(request: Request, user: LookoutAdder) -> Response:
    """The form for one national lookout."""
    return render(
        request, "lookout.html", user=user, values={}, errors={}, done=None, list=LOOKOUT_LIST
    )


@router.post("/lookout", response_class=Response)
def lookout(
    request: Request, user: LookoutAdder, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Add the person to the national lookout list; the next inspection screens against it."""
    values = _values(form, _LOOKOUT_FIELDS)
    try:
        fields = {name: text_field(form, name, max_length=2000) for name in _LOOKOUT_FIELDS}
        entry, summary = add_lookout(
            uow,
            name=fields["name"],
            reason=fields["reason"],
            dob=fields["dob"],
            nationality=fields["nationality"],
            gender=fields["gender"],
            document_number=fields["document_number"],
            document_country=fields["document_country"],
            actor=user.username,
            now=state.now(),
        )
    except (FormError, WatchlistError) as exc:
        uow.rollback()
        field = exc.field if isinstance(exc, FormError | EntryInputError) else "name"
        return render(
            request,
            "lookout.html",
            user=user,
            status=422,
            values=values,
            errors={field: str(exc)},
            done=None,
            list=LOOKOUT_LIST,
        )
    uow.commit()
    state.screeners.invalidate()
    done = f"{entry.entry_id} ({entry.name}), version {summary.version}"
    return render(
        request,
        "lookout.html",
        user=user,
        values={},
        errors={},
        done=done,
        done_entry=entry.entry_id,
        list=LOOKOUT_LIST,
    )


def _report_page(
    request: Request,
    user: User,
    *,
    values: dict[str, str],
    errors: dict[str, str],
    done: str | None,
    status: int = 200,
) -> Response:
    return render(
        request,
        "lost_stolen.html",
        user=user,
        status=status,
        values=values,
        errors=errors,
        done=done,
        statuses=DOCUMENT_STATUSES,
        list=LOST_STOLEN_REPORTS,
    )


@router.get("/lost-stolen", response_class=Response)
def report_form(request: Request, user: Reporter) -> Response:
    """The form for one lost or stolen document."""
    return _report_page(request, user, values={}, errors={}, done=None)


@router.post("/lost-stolen", response_class=Response)
def report(
    request: Request, user: Reporter, form: CsrfForm, state: StateDep, uow: UowDep
) -> Response:
    """Add the document to the national lost/stolen list."""
    values = _values(form, _REPORT_FIELDS)
    try:
        fields = {name: text_field(form, name, max_length=200) for name in _REPORT_FIELDS}
        summary = report_document(
            uow,
            country=fields["country"],
            number=fields["number"],
            status=fields["status"],
            document_type=fields["document_type"],
            reference=fields["reference"],
            actor=user.username,
            now=state.now(),
        )
    except (FormError, EntryInputError) as exc:
        uow.rollback()
        return _report_page(
            request, user, values=values, errors={exc.field: str(exc)}, done=None, status=422
        )
    except WatchlistError as exc:
        uow.rollback()
        return _report_page(
            request, user, values=values, errors={"number": str(exc)}, done=None, status=422
        )
    uow.commit()
    state.screeners.invalidate()
    done = f"{values['country'].upper()} {values['number'].upper()}: {summary.stored}"
    return _report_page(request, user, values={}, errors={}, done=done)
