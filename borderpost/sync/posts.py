"""HQ's registry of posts: register a post (its key is shown once), authenticate, report status."""

from __future__ import annotations

import datetime as dt
import hmac
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from borderpost import audit
from borderpost.store.models import Port, SyncPost
from borderpost.sync.errors import PostAuthError, SyncError
from borderpost.sync.keys import hash_key, new_key

__all__ = ["PostStatus", "authenticate", "post_statuses", "register_post", "rotate_key"]


@dataclass(frozen=True, slots=True)
class PostStatus:
    """A post as HQ last heard from it."""

    code: str
    name: str | None
    active: bool
    applied_seq: int
    records: int
    last_contact_at: dt.datetime | None
    backlog: int | None
    list_age_seconds: float | None
    clock_skew_seconds: float | None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "name": self.name,
            "active": self.active,
            "applied_seq": self.applied_seq,
            "records": self.records,
            "last_contact_at": None
            if self.last_contact_at is None
            else self.last_contact_at.isoformat(),
            "backlog": self.backlog,
            "list_age_seconds": self.list_age_seconds,
            "clock_skew_seconds": self.clock_skew_seconds,
        }


def register_post(session: Session, code: str, *, actor: str, now: dt.datetime) -> str:
    """Register the port ``code`` as a post and return its key (shown once, never stored).

    Raises:
        SyncError: no such port, or the post is registered already.
    """
    port = session.scalar(select(Port).where(Port.code == code))
    if port is None:
        raise SyncError(f"no port {code!r}: register the port first (borderpost ports add)")
    if session.scalar(select(SyncPost).where(SyncPost.code == code)) is not None:
        raise SyncError(f"post {code} is registered already (use --rotate for a new key)")
    key = new_key(code)
    session.add(SyncPost(code=code, key_hash=hash_key(key), created_at=now))
    session.flush()
    audit.append(
        session,
        actor=actor,
        action="sync.post.register",
        subject_type="post",
        subject_id=code,
        at=now,
    )
    return key


def rotate_key(session: Session, code: str, *, actor: str, now: dt.datetime) -> str:
    """Give the post ``code`` a new key; the old one stops working at once.

    Raises:
        SyncError: no such post.
    """
    post = session.scalar(select(SyncPost).where(SyncPost.code == code))
    if post is None:
        raise SyncError(f"post {code!r} is not registered")
    key = new_key(code)
    post.key_hash = hash_key(key)
    audit.append(
        session,
        actor=actor,
        action="sync.post.rotate",
        subject_type="post",
        subject_id=code,
        at=now,
    )
    return key


def authenticate(session: Session, key: str | None) -> SyncPost:
    """The active post whose key this is, locked for the request's transaction.

    Raises:
        PostAuthError: no key, an unknown key, or an inactive post.
    """
    if not key:
        raise PostAuthError("this route needs a post key (Authorization: Bearer <post key>)")
    digest = hash_key(key)
    post = session.scalar(select(SyncPost).where(SyncPost.key_hash == digest).with_for_update())
    if post is None or not hmac.compare_digest(post.key_hash, digest):
        raise PostAuthError("unknown post key")
    if not post.active:
        raise PostAuthError(f"post {post.code} is deactivated")
    return post


def post_statuses(session: Session) -> list[PostStatus]:
    """Every registered post, by code."""
    names = {row.code: row.name for row in session.execute(select(Port.code, Port.name))}
    return [
        PostStatus(
            code=post.code,
            name=names.get(post.code),
            active=post.active,
            applied_seq=post.applied_seq,
            records=post.records,
            last_contact_at=post.last_contact_at,
            backlog=post.backlog,
            list_age_seconds=post.list_age_seconds,
            clock_skew_seconds=post.clock_skew_seconds,
        )
        for post in session.scalars(select(SyncPost).order_by(SyncPost.code))
    ]
