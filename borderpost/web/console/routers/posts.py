"""HQ's page of remote posts: last contact, records received, backlog, list age, clock skew."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from starlette.responses import Response

from borderpost.store.models import User
from borderpost.sync.posts import post_statuses
from borderpost.web.console.deps import page
from borderpost.web.console.render import render
from borderpost.web.deps import StateDep, UowDep

router = APIRouter(prefix="/console/posts", include_in_schema=False)

PostReader = Annotated[User, Depends(page("posts"))]


@router.get("", response_class=Response)
def posts(request: Request, user: PostReader, state: StateDep, uow: UowDep) -> Response:
    """Every registered post as it last reported; stale lists and silent posts stand out."""
    limit_seconds = state.settings.list_age_limit_hours * 3600
    now = state.now()
    rows = [
        {
            "status": status,
            "silent_hours": None
            if status.last_contact_at is None
            else (now - status.last_contact_at).total_seconds() / 3600,
            "list_age_hours": None
            if status.list_age_seconds is None
            else status.list_age_seconds / 3600,
            "stale": status.list_age_seconds is None or status.list_age_seconds > limit_seconds,
        }
        for status in post_statuses(uow.session)
    ]
    return render(
        request, "posts.html", user=user, rows=rows, limit=state.settings.list_age_limit_hours
    )
