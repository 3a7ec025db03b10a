"""Watchlists and lost/stolen lists: status, versions, changes, and import (administrators).

An import through the API makes the app rebuild its screener before the next inspection.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, File, Form, Path, Query, UploadFile

from borderpost.identity.roles import Permission
from borderpost.store.models import User
from borderpost.watchlists import (
    changes,
    list_summaries,
    lists_overview,
    lost_stolen_summaries,
    version_history,
)
from borderpost.watchlists.files import LIST_FORMATS
from borderpost.watchlists.uploads import import_uploads
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES
from borderpost.web.fields import NO_NUL

router = APIRouter(tags=["lists"], responses=ERROR_RESPONSES)

ListReader = Annotated[
    User,
    Depends(require(Permission.MANAGE_LISTS, Permission.SEARCH_RECORDS, Permission.READ_AUDIT)),
]
ListManager = Annotated[User, Depends(require(Permission.MANAGE_LISTS))]
ListName = Annotated[str, Path(min_length=1, max_length=200, pattern=NO_NUL)]


@router.get("/lists", summary="Every stored list with its newest version")
def summaries(_user: ListReader, uow: UowDep) -> dict[str, Any]:
    """Watchlists (versions, current and removed entries) and lost/stolen lists (records)."""
    return lists_overview(list_summaries(uow.session), lost_stolen_summaries(uow.session))


@router.get("/lists/{name}/versions", summary="Every version of a list, oldest first")
def versions(name: ListName, _user: ListReader, uow: UowDep) -> list[dict[str, Any]]:
    """What each import read and changed."""
    return [summary.to_dict(issues=20) for summary in version_history(uow.session, name)]


@router.get("/lists/{name}/changes", summary="What one version of a list changed")
def version_changes(
    name: ListName,
    _user: ListReader,
    uow: UowDep,
    version: Annotated[
        str | None,
        Query(max_length=100, pattern=NO_NUL, description="Number or label; default: newest."),
    ] = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 1000,
    offset: Annotated[int, Query(ge=0, le=10_000_000)] = 0,
) -> dict[str, Any]:
    """Added, changed and removed entries (paged with ``offset`` and ``limit``)."""
    found = changes(uow.session, name, version)
    rows = found.changes[offset : offset + limit]
    return {
        "version": found.version.to_dict(issues=20),
        "total": len(found.changes),
        "changes": [
            {"entry_id": r.entry_id, "change": r.change, "fields": list(r.fields), "name": r.name}
            for r in rows
        ],
    }


@router.post("/lists/import", status_code=201, summary="Import a list file as a new version")
def import_list(
    files: Annotated[list[UploadFile], File(description="The list file(s); OFAC: sdn.csv, ...")],
    list_format: Annotated[
        str,
        Form(
            alias="format",
            max_length=8,
            pattern=NO_NUL,
            description=f"One of {', '.join(LIST_FORMATS)}.",
        ),
    ],
    user: ListManager,
    state: StateDep,
    uow: UowDep,
    list_name: Annotated[str | None, Form(alias="list", max_length=200, pattern=NO_NUL)] = None,
    version: Annotated[str | None, Form(max_length=100, pattern=NO_NUL)] = None,
    allow_empty: Annotated[bool, Form()] = False,
) -> dict[str, Any]:
    """Store the list as its next version (added, changed, removed entries recorded)."""
    uploads = [(upload.filename or "", upload.file.read()) for upload in files]
    summary = import_uploads(
        uow,
        uploads,
        list_format=list_format,
        list_name=list_name,
        version=version,
        allow_empty=allow_empty,
        actor=user.username,
        now=state.now(),
    )
    uow.commit()
    state.screeners.invalidate()
    return summary
