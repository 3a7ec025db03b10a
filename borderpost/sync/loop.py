"""A post's background synchronisation: push then pull, every few seconds, forever.

Run by ``borderpost serve --role post`` beside the post's web service, so that officers keep
working whether HQ answers or not. A failed round is recorded (``sync_node.last_error``) and
retried at the next tick; nothing is lost in between (see :mod:`borderpost.sync.client`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from borderpost.config import Settings
from borderpost.store import Store, UnitOfWork
from borderpost.sync.client import HqClient, pull, push
from borderpost.sync.errors import SyncError
from borderpost.sync.node import node

__all__ = ["SyncLoop", "client_for", "sync_once"]

log = logging.getLogger(__name__)


def client_for(store: Store, settings: Settings) -> HqClient:
    """A client for the HQ this post reports to, with the post's key.

    Raises:
        NotAPostError: the database is not a post.
    """
    with UnitOfWork(store) as uow:
        me = node(uow.session)
        url, key = me.hq_url, me.key
    return HqClient(url, key, ca_file=settings.sync_ca_file, timeout=settings.sync_timeout_seconds)


def sync_once(store: Store, settings: Settings) -> bool:
    """One round: push everything, then pull. Whether the lists changed.

    Raises:
        SyncError: HQ unreachable or refusing, or the database is not a post.
    """
    client = client_for(store, settings)
    try:
        push(store, client, batch_size=settings.sync_batch_size)
        return pull(store, client).changed
    finally:
        client.close()


class SyncLoop:
    """A daemon thread running :func:`sync_once` every ``settings.sync_interval_seconds``."""

    def __init__(
        self, store: Store, settings: Settings, on_lists_changed: Callable[[], None]
    ) -> None:
        self._store = store
        self._settings = settings
        self._on_lists_changed = on_lists_changed
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="borderpost-sync", daemon=True)

    def start(self) -> None:
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=self._settings.sync_timeout_seconds + 5)

    def _run(self) -> None:
        while not self._stop.is_set():
            try:
                if sync_once(self._store, self._settings):
                    self._on_lists_changed()
            except SyncError as exc:
                log.warning("sync with HQ failed (will retry): %s", exc)
            except Exception:  # keep the post's service up whatever one round hits
                log.exception("sync round failed (will retry)")
            self._stop.wait(self._settings.sync_interval_seconds)
