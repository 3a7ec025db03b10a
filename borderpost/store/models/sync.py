"""Synchronisation between remote posts and headquarters (see :mod:`borderpost.sync`).

At a **post**: ``sync_node`` (one row: who the post is, where HQ is, the event counter and the
highest sequence HQ acknowledged), ``sync_outbox`` (every change to a synced record, written in
the transaction that made it) and ``sync_list_state`` (which HQ version of each list the post
holds, and when it last heard from HQ).

At **HQ**: ``sync_posts`` (registered posts, their hashed keys, what they last reported),
``sync_id_map`` (a post's record ``(post, table, local id)`` and the HQ row it became, with the
post's time and HQ's receipt time) and ``sync_post_audit_events`` (each post's own audit chain,
kept as the post wrote it so that it can be verified at HQ).
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import JSON, Boolean, Float, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from borderpost.store.models.base import Base
from borderpost.store.models.timestamps import UtcDateTime


class SyncNode(Base):
    """This database is a post: its code, HQ's address and key, and the outbox counters.

    ``last_seq`` is the last sequence number given to an outbox event (never reused, also
    after acknowledged events are deleted); ``acked_seq`` the highest one HQ acknowledged.
    """

    __tablename__ = "sync_node"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    post_code: Mapped[str] = mapped_column(String(16))
    hq_url: Mapped[str] = mapped_column(String(500))
    key: Mapped[str] = mapped_column(String(200))
    last_seq: Mapped[int] = mapped_column(Integer, default=0)
    acked_seq: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    last_push_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_pull_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_error: Mapped[str | None] = mapped_column(Text)


class OutboxEvent(Base):
    """A synced record as it was after one change (``op`` ``upsert`` or ``delete``).

    ``row`` holds the record's columns as JSON; ``refs`` the natural keys of rows it points at
    in reference tables (a port's code, a user's name), which HQ numbers differently.
    """

    __tablename__ = "sync_outbox"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    table_name: Mapped[str] = mapped_column(String(64))
    op: Mapped[str] = mapped_column(String(8))
    local_id: Mapped[int] = mapped_column(Integer)
    row: Mapped[dict[str, Any]] = mapped_column(JSON)
    refs: Mapped[dict[str, Any]] = mapped_column(JSON)
    recorded_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SyncListState(Base):
    """Which HQ version of a list the post holds (``kind`` watchlist, lost_stolen, lookouts)."""

    __tablename__ = "sync_list_state"

    kind: Mapped[str] = mapped_column(String(16), primary_key=True)
    name: Mapped[str] = mapped_column(String(200), primary_key=True)
    version: Mapped[str] = mapped_column(String(100))
    pulled_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class SyncPost(Base):
    """A post registered at HQ; ``key_hash`` is SHA-256 of its key (the key is never stored).

    ``applied_seq`` is the highest outbox sequence applied from the post; ``backlog`` and
    ``list_age_seconds`` are what the post said on its last contact; ``clock_skew_seconds``
    is the post's clock minus HQ's at that contact.
    """

    __tablename__ = "sync_posts"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    code: Mapped[str] = mapped_column(String(16), unique=True)
    key_hash: Mapped[str] = mapped_column(String(64))
    active: Mapped[bool] = mapped_column(Boolean, default=True)
    applied_seq: Mapped[int] = mapped_column(Integer, default=0)
    records: Mapped[int] = mapped_column(Integer, default=0)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    last_contact_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    last_post_time: Mapped[dt.datetime | None] = mapped_column(UtcDateTime)
    clock_skew_seconds: Mapped[float | None] = mapped_column(Float)
    backlog: Mapped[int | None] = mapped_column(Integer)
    list_age_seconds: Mapped[float | None] = mapped_column(Float)


class SyncIdMap(Base):
    """A post's record and the HQ row it became; both clocks of its latest change."""

    __tablename__ = "sync_id_map"
    __table_args__ = (Index("ix_sync_id_map_table_hq_id", "table_name", "hq_id"),)

    post_id: Mapped[int] = mapped_column(ForeignKey("sync_posts.id"), primary_key=True)
    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    local_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    hq_id: Mapped[int] = mapped_column(Integer)
    seq: Mapped[int] = mapped_column(Integer)
    post_time: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


class PostAuditEvent(Base):
    """An audit event of a post's own chain, as the post hashed it, received at HQ."""

    __tablename__ = "sync_post_audit_events"

    post_id: Mapped[int] = mapped_column(ForeignKey("sync_posts.id"), primary_key=True)
    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    actor: Mapped[str] = mapped_column(String(128))
    action: Mapped[str] = mapped_column(String(64))
    subject_type: Mapped[str] = mapped_column(String(64))
    subject_id: Mapped[str | None] = mapped_column(String(128))
    details: Mapped[dict[str, Any]] = mapped_column(JSON)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
