"""The post's own side: become a post, say how far behind it is, how old its lists are."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlparse

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.store.models import Port, SyncListState, SyncNode
from borderpost.sync.errors import NotAPostError, SyncError
from borderpost.sync.outbox import backlog, enqueue_existing

__all__ = ["NodeStatus", "init_post", "list_age", "node", "node_status", "stale_lists"]

NODE_ID = 1


def node(session: Session) -> SyncNode:
    """This post's identity row.

    Raises:
        NotAPostError: the database is not a post.
    """
    found = session.get(SyncNode, NODE_ID)
    if found is None:
        raise NotAPostError("this database is not a post: run `borderpost post init` first")
    return found


def init_post(
    session: Session,
    *,
    code: str,
    hq_url: str,
    key: str,
    actor: str,
    now: dt.datetime,
) -> int:
    """Make this database the post ``code`` reporting to ``hq_url`` with ``key``.

    Records already stored are queued for HQ (returned: how many events). Running it again
    changes HQ's address or the key and queues nothing.

    Raises:
        SyncError: the URL is not http(s), the key is not the post's, or no such port here.
    """
    parsed = urlparse(hq_url)
    if parsed.scheme not in ("http", "https") or not parsed.netloc:
        raise SyncError(f"HQ address {hq_url!r} must be an http:// or https:// URL")
    if not key.startswith(f"bp_{code}_") or len(key) < len(code) + 20:
        raise SyncError(f"the key is not a key of post {code} (it starts bp_{code}_...)")
    if session.scalar(select(Port.id).where(Port.code == code)) is None:
        raise SyncError(f"no port {code!r} in this database: add it first (borderpost ports add)")
    existing = session.get(SyncNode, NODE_ID)
    if existing is not None:
        if existing.post_code != code:
            raise SyncError(f"this database is post {existing.post_code} already, not {code}")
        existing.hq_url, existing.key = hq_url.rstrip("/"), key
        audit.append(
            session,
            actor=actor,
            action="sync.post.reconfigure",
            subject_type="post",
            subject_id=code,
            details={"hq_url": hq_url},
            at=now,
        )
        return 0
    session.add(
        SyncNode(
            id=NODE_ID,
            post_code=code,
            hq_url=hq_url.rstrip("/"),
            key=key,
            last_seq=0,
            acked_seq=0,
            created_at=now,
        )
    )
    session.flush()
    # Queue what is stored already, then record the change (an outbox event of its own).
    queued = enqueue_existing(session)
    audit.append(
        session,
        actor=actor,
        action="sync.post.init",
        subject_type="post",
        subject_id=code,
        details={"hq_url": hq_url, "queued": queued},
        at=now,
    )
    return queued


def list_age(session: Session, now: dt.datetime) -> dt.timedelta | None:
    """Time since the post last brought its lists up to date from HQ (``None``: never)."""
    last = session.scalar(select(func.max(SyncListState.pulled_at)))
    pulled = session.scalar(select(SyncNode.last_pull_at).where(SyncNode.id == NODE_ID))
    moments = [m for m in (last, pulled) if m is not None]
    return None if not moments else now - max(moments)


def stale_lists(session: Session, now: dt.datetime, limit: dt.timedelta) -> float | None:
    """At a post whose lists are older than ``limit``: their age in hours (``inf`` when never
    brought up to date). ``None`` at a post with fresh lists, and at any other node."""
    if session.get(SyncNode, NODE_ID) is None:
        return None
    age = list_age(session, now)
    if age is None:
        return float("inf")
    return age.total_seconds() / 3600 if age > limit else None


@dataclass(frozen=True, slots=True)
class NodeStatus:
    """The post at a glance."""

    post: str
    hq_url: str
    last_seq: int
    acked_seq: int
    backlog: int
    last_push_at: dt.datetime | None
    last_pull_at: dt.datetime | None
    list_age: dt.timedelta | None
    list_age_limit: dt.timedelta
    last_error: str | None
    lists: tuple[tuple[str, str, str], ...]

    @property
    def lists_stale(self) -> bool:
        return self.list_age is None or self.list_age > self.list_age_limit

    def warning(self) -> str | None:
        """What to tell the officer about the lists, if anything."""
        if self.list_age is None:
            return "the lists have never been brought up to date from HQ"
        if self.lists_stale:
            hours = self.list_age.total_seconds() / 3600
            limit = self.list_age_limit.total_seconds() / 3600
            return (
                f"the lists are {hours:.0f} h old (limit {limit:.0f} h): "
                "screening may miss new entries"
            )
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "post": self.post,
            "hq_url": self.hq_url,
            "last_seq": self.last_seq,
            "acked_seq": self.acked_seq,
            "backlog": self.backlog,
            "last_push_at": None if self.last_push_at is None else self.last_push_at.isoformat(),
            "last_pull_at": None if self.last_pull_at is None else self.last_pull_at.isoformat(),
            "list_age_seconds": None if self.list_age is None else self.list_age.total_seconds(),
            "list_age_limit_seconds": self.list_age_limit.total_seconds(),
            "lists_stale": self.lists_stale,
            "warning": self.warning(),
            "last_error": self.last_error,
            "lists": [{"kind": k, "name": n, "version": v} for k, n, v in self.lists],
        }


def node_status(session: Session, now: dt.datetime, list_age_limit: dt.timedelta) -> NodeStatus:
    """Where the post stands.

    Raises:
        NotAPostError: the database is not a post.
    """
    me = node(session)
    lists = tuple(
        (s.kind, s.name, s.version)
        for s in session.scalars(
            select(SyncListState).order_by(SyncListState.kind, SyncListState.name)
        )
    )
    return NodeStatus(
        post=me.post_code,
        hq_url=me.hq_url,
        last_seq=me.last_seq,
        acked_seq=me.acked_seq,
        backlog=backlog(session),
        last_push_at=me.last_push_at,
        last_pull_at=me.last_pull_at,
        list_age=list_age(session, now),
        list_age_limit=list_age_limit,
        last_error=me.last_error,
        lists=lists,
    )
