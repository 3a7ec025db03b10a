"""The post's side of the link: push the outbox, pull list deltas, over HTTP(S).

:func:`push` sends the outbox oldest first in batches and deletes only what HQ acknowledged,
each acknowledgement committed before the next batch is read. Anything can fail at any point
(HQ down or killed mid-batch, an answer lost, the post stopped): the events stay in the
outbox and go again; HQ skips those it holds. Nothing is lost, nothing is applied twice.
"""

from __future__ import annotations

import datetime as dt
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

from borderpost.store import Store, UnitOfWork
from borderpost.sync.deltas import AppliedDeltas, apply_deltas, held_versions
from borderpost.sync.errors import SyncTransportError
from borderpost.sync.node import list_age, node
from borderpost.sync.outbox import acknowledge, backlog, pending
from borderpost.sync.wire import PushReply

__all__ = ["HqClient", "PushReport", "pull", "push"]

PUSH_PATH = "/api/v1/sync/push"
PULL_PATH = "/api/v1/sync/pull"
Clock = Callable[[], dt.datetime]


def _utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class HqClient:
    """HTTP(S) to HQ with the post's key; ``ca_file`` trusts HQ's own certificate."""

    def __init__(
        self,
        base_url: str,
        key: str,
        *,
        ca_file: Path | None = None,
        timeout: float = 30.0,
        transport: httpx.BaseTransport | None = None,
    ) -> None:
        verify: ssl.SSLContext | bool = True
        if ca_file is not None:
            verify = ssl.create_default_context(cafile=str(ca_file))
        self._http = httpx.Client(
            base_url=base_url,
            headers={"Authorization": f"Bearer {key}"},
            timeout=timeout,
            verify=verify,
            transport=transport,
        )

    def close(self) -> None:
        self._http.close()

    def post_json(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        """POST ``body`` and read HQ's JSON answer.

        Raises:
            SyncTransportError: HQ unreachable, or an error answer (its detail quoted).
        """
        try:
            response = self._http.post(path, json=body)
        except httpx.HTTPError as exc:
            raise SyncTransportError(f"HQ unreachable: {exc}") from exc
        if response.status_code != 200:
            try:
                detail = response.json().get("detail", response.text)
            except ValueError:
                detail = response.text
            raise SyncTransportError(f"HQ answered {response.status_code}: {detail}")
        try:
            data = response.json()
        except ValueError as exc:
            raise SyncTransportError(f"HQ's answer is not JSON: {exc}") from exc
        if not isinstance(data, dict):
            raise SyncTransportError("HQ's answer is not a JSON object")
        return data


@dataclass
class PushReport:
    """What a push did."""

    batches: int = 0
    sent: int = 0
    acknowledged: int = 0
    duplicates: int = 0
    backlog: int = 0
    errors: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "batches": self.batches,
            "sent": self.sent,
            "acknowledged": self.acknowledged,
            "duplicates": self.duplicates,
            "backlog": self.backlog,
            "errors": self.errors,
        }


def push(
    store: Store,
    client: HqClient,
    *,
    batch_size: int = 500,
    max_batches: int | None = None,
    clock: Clock = _utc_now,
    on_batch: Callable[[int, int], None] | None = None,
) -> PushReport:
    """Send the outbox until it is empty (or ``max_batches`` were sent).

    ``on_batch(acknowledged, backlog)`` is told after each acknowledged batch.

    Raises:
        NotAPostError: the database is not a post.
        SyncTransportError: HQ unreachable or refusing (what was acknowledged stays so).
    """
    report = PushReport()
    while max_batches is None or report.batches < max_batches:
        with UnitOfWork(store) as uow:
            me = node(uow.session)
            code = me.post_code
            events = pending(uow.session, batch_size)
            queued = backlog(uow.session)
            age = list_age(uow.session, clock())
            body = {
                "post": code,
                "sent_at": clock().isoformat(),
                "backlog": queued,
                "list_age_seconds": None if age is None else age.total_seconds(),
                "events": events,
            }
        report.backlog = queued
        if not events:
            break
        last_sent = int(events[-1]["seq"])
        try:
            reply = PushReply.model_validate(client.post_json(PUSH_PATH, body))
        except SyncTransportError as exc:
            _note_error(store, str(exc))
            raise
        with UnitOfWork(store) as uow:
            acknowledge(uow.session, reply.acknowledged)
            me = node(uow.session)
            me.last_push_at, me.last_error = clock(), None
            report.backlog = backlog(uow.session)
            uow.commit()
        report.batches += 1
        report.sent += len(events)
        report.duplicates += reply.duplicates
        report.acknowledged = reply.acknowledged
        if on_batch is not None:
            on_batch(reply.acknowledged, report.backlog)
        if reply.acknowledged < last_sent:
            raise SyncTransportError(
                f"HQ acknowledged seq {reply.acknowledged} of a batch up to {last_sent}"
            )
    return report


def pull(store: Store, client: HqClient, *, clock: Clock = _utc_now) -> AppliedDeltas:
    """Bring the post's lists up to HQ's newest, in one transaction.

    Raises:
        NotAPostError: the database is not a post.
        SyncTransportError: HQ unreachable or refusing.
        SyncApplyError: HQ sent something that cannot be stored (nothing is stored).
    """
    with UnitOfWork(store) as uow:
        code = node(uow.session).post_code
        held = held_versions(uow.session)
    try:
        deltas = client.post_json(PULL_PATH, {"post": code, **held})
    except SyncTransportError as exc:
        _note_error(store, str(exc))
        raise
    with UnitOfWork(store) as uow:
        now = clock()
        applied = apply_deltas(uow, deltas, now)
        me = node(uow.session)
        me.last_pull_at, me.last_error = now, None
        uow.commit()
    return applied


def _note_error(store: Store, message: str) -> None:
    with UnitOfWork(store) as uow:
        node(uow.session).last_error = message[:2000]
        uow.commit()
