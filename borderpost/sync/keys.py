"""Post keys: random bearer keys, stored at HQ only as a SHA-256 hash.

A key is ``bp_<post code>_<43 random URL-safe characters>`` (256 bits). It is compared by its
hash, so a leaked copy of HQ's database gives no key. A key this long needs no slow password
hash: there is nothing to guess. Requests carry it as ``Authorization: Bearer <key>`` over
HTTPS. (HMAC-signed requests were rejected: they need agreeing clocks, and a post's clock may
be days off.)
"""

from __future__ import annotations

import hashlib
import secrets

__all__ = ["hash_key", "new_key"]


def new_key(post_code: str) -> str:
    """A fresh key for the post ``post_code``."""
    return f"bp_{post_code}_{secrets.token_urlsafe(32)}"


def hash_key(key: str) -> str:
    """The hex SHA-256 of ``key``, as HQ stores it."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()
