"""Rules every text input of the API follows, declared in OpenAPI.

PostgreSQL cannot store the NUL character in text, and no field of ours has a use for it:
every string parameter and body field carries ``pattern=NO_NUL``, so such input is a 422
validation problem on both databases rather than a database error on one.
"""

from __future__ import annotations

__all__ = ["NO_NUL"]

NO_NUL = r"^[^\x00]*$"
