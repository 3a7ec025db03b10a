"""Post ↔ HQ synchronisation: posts push their outbox and pull list deltas (post key);
staff read every post's status (permission ``sync.read``)."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header

from borderpost.identity import TokenError, verify_token
from borderpost.identity.roles import Permission
from borderpost.store.models import User
from borderpost.sync.posts import post_statuses
from borderpost.sync.server import receive_push, serve_pull
from borderpost.sync.wire import PullRequest, PushReply, PushRequest
from borderpost.web.deps import StateDep, UowDep, require
from borderpost.web.errors import ERROR_RESPONSES, PermissionDenied

router = APIRouter(tags=["sync"], responses=ERROR_RESPONSES)

SyncReader = Annotated[User, Depends(require(Permission.READ_SYNC))]


def _post_key(state: StateDep, authorization: Annotated[str | None, Header()] = None) -> str | None:
    if authorization is None:
        return None
    scheme, _, key = authorization.partition(" ")
    if scheme.lower() != "bearer":
        return None
    token = key.strip()
    if not token.startswith("bp_"):
        try:  # a signed-in user is known, but these routes are for posts only
            verify_token(token, state.settings.token_secret(), state.now())
        except TokenError:
            return token
        raise PermissionDenied("this route is for posts (a post key), not for user accounts")
    return token


PostKey = Annotated[str | None, Depends(_post_key)]


@router.post("/sync/push", summary="A post pushes a batch of its outbox (post key)")
def push(body: PushRequest, key: PostKey, state: StateDep, uow: UowDep) -> PushReply:
    """Applied in one transaction; the answer's ``acknowledged`` is the highest sequence HQ
    holds from the post. Sending a batch again is harmless."""
    reply = receive_push(uow, key, body, state.now())
    uow.commit()
    return reply


@router.post("/sync/pull", summary="A post fetches the list deltas it lacks (post key)")
def pull(body: PullRequest, key: PostKey, state: StateDep, uow: UowDep) -> dict[str, Any]:
    """Watchlist entries changed since the versions the post holds, lost/stolen lists that
    differ, arrival lookouts for the post's port."""
    deltas = serve_pull(uow, key, body, state.now())
    uow.commit()
    return deltas


@router.get("/sync/posts", summary="Every post's last contact, backlog and list age")
def posts(_user: SyncReader, uow: UowDep) -> list[dict[str, Any]]:
    """As each post last reported it."""
    return [status.to_dict() for status in post_statuses(uow.session)]
