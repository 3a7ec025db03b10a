"""A TCP proxy on loopback that loses HQ's answers to pushes: the batch reaches HQ, HQ applies
it and answers, and the answer is thrown away and the connection cut (``drop`` is the share of
push connections so treated; ``dropped`` counts them). With HQ down it accepts and cuts at
once, as a dead link does."""

from __future__ import annotations

import contextlib
import random
import socket
import threading

__all__ = ["FlakyProxy"]


class FlakyProxy:
    """Forward 127.0.0.1:``port`` to 127.0.0.1:``upstream``, losing answers at random."""

    def __init__(self, upstream: int, *, drop: float = 0.0, seed: int = 0) -> None:
        self.upstream = upstream
        self.drop = drop
        self.dropped = 0
        self._rng = random.Random(seed)
        self._lock = threading.Lock()
        self._listener = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._listener.getsockname()[1])
        self._closed = False
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def close(self) -> None:
        self._closed = True
        self._listener.close()

    def _accept(self) -> None:
        while not self._closed:
            try:
                client, _ = self._listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket) -> None:
        try:
            first = client.recv(65536)
            upstream = socket.create_connection(("127.0.0.1", self.upstream), timeout=30)
            upstream.sendall(first)
        except OSError:
            client.close()
            return
        with self._lock:
            lose = first.startswith(b"POST /api/v1/sync/push") and self._rng.random() < self.drop
        forward = threading.Thread(target=self._pump, args=(client, upstream), daemon=True)
        forward.start()
        try:
            while True:
                data = upstream.recv(65536)
                if not data:
                    break
                if lose:  # HQ has answered (and committed): the answer never arrives
                    with self._lock:
                        self.dropped += 1
                    break
                client.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (client, upstream):
                with contextlib.suppress(OSError):
                    sock.shutdown(socket.SHUT_RDWR)
                sock.close()

    @staticmethod
    def _pump(source: socket.socket, target: socket.socket) -> None:
        try:
            while True:
                data = source.recv(65536)
                if not data:
                    break
                target.sendall(data)
        except OSError:
            pass
