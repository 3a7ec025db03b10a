"""The one error of recording: a value that cannot be used, naming its field and why."""

from __future__ import annotations

__all__ = ["RecordingError"]


class RecordingError(ValueError):
    """``field`` holds a value that cannot be recorded; the message says why."""

    def __init__(self, field: str, reason: str) -> None:
        super().__init__(f"{field}: {reason}")
        self.field = field
        self.reason = reason
