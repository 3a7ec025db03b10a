"""HQ's side of synchronisation: take a post's batch, answer a post's pull.

Both run in the caller's unit of work; the caller commits. Every batch is recorded in HQ's
audit chain (``sync.batch``: the post, the sequence range, how many applied and skipped, the
post's clock and HQ's), in the same transaction as the records it applied.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from borderpost import audit
from borderpost.store import UnitOfWork
from borderpost.sync.apply import IncomingEvent, apply_events
from borderpost.sync.deltas import list_deltas
from borderpost.sync.errors import PostForbiddenError
from borderpost.sync.posts import authenticate
from borderpost.sync.wire import PullRequest, PushReply, PushRequest

__all__ = ["receive_push", "serve_pull"]


def receive_push(
    uow: UnitOfWork, key: str | None, batch: PushRequest, now: dt.datetime
) -> PushReply:
    """Apply a post's batch and say up to which sequence HQ now holds its events.

    Raises:
        PostAuthError: no key or an unknown one.
        PostForbiddenError: the batch names another post than the key's.
        SequenceGapError, SyncApplyError: see :func:`borderpost.sync.apply.apply_events`.
    """
    session = uow.session
    post = authenticate(session, key)
    if batch.post != post.code:
        raise PostForbiddenError(f"the key is post {post.code}'s; it cannot push for {batch.post}")
    events = [
        IncomingEvent(
            seq=e.seq,
            table=e.table,
            op=e.op,
            local_id=e.local_id,
            row=e.row,
            refs=e.refs,
            recorded_at=e.recorded_at,
        )
        for e in batch.events
    ]
    first = min((e.seq for e in events), default=None)
    last = max((e.seq for e in events), default=None)
    result = apply_events(session, post, events, now)
    post.last_contact_at = now
    post.last_post_time = batch.sent_at
    post.clock_skew_seconds = (batch.sent_at - now).total_seconds()
    post.backlog = max(0, batch.backlog - result.applied - result.duplicates)
    post.list_age_seconds = batch.list_age_seconds
    if events:
        audit.append(
            session,
            actor=f"post:{post.code}",
            action="sync.batch",
            subject_type="post",
            subject_id=post.code,
            details={
                "first_seq": first,
                "last_seq": last,
                "events": len(events),
                "applied": result.applied,
                "duplicates": result.duplicates,
                "acknowledged": result.acknowledged,
                "tables": dict(sorted(result.tables.items())),
                "post_time": batch.sent_at.isoformat(),
                "received_at": now.isoformat(),
            },
            at=now,
        )
    return PushReply(
        acknowledged=result.acknowledged,
        applied=result.applied,
        duplicates=result.duplicates,
        received_at=now,
    )


def serve_pull(
    uow: UnitOfWork, key: str | None, request: PullRequest, now: dt.datetime
) -> dict[str, Any]:
    """The list deltas the post lacks (recorded as a contact; no audit event: nothing changes).

    Raises:
        PostAuthError: no key or an unknown one.
        PostForbiddenError: the request names another post than the key's.
    """
    post = authenticate(uow.session, key)
    if request.post != post.code:
        raise PostForbiddenError(
            f"the key is post {post.code}'s; it cannot pull for {request.post}"
        )
    post.last_contact_at = now
    return list_deltas(
        uow.session,
        port=post.code,
        watchlists=request.watchlists,
        lost_stolen=request.lost_stolen,
        lookouts_after=request.lookouts_after,
        now=now,
    )
