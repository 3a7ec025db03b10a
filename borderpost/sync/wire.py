"""What posts and HQ send each other, as pydantic models (validated on arrival)."""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from pydantic import AwareDatetime, BaseModel, Field

__all__ = ["EventIn", "PullRequest", "PushReply", "PushRequest"]

#: Most events HQ takes in one batch.
MAX_BATCH = 5000


class EventIn(BaseModel):
    """One outbox event."""

    seq: int = Field(ge=1)
    table: str = Field(min_length=1, max_length=64)
    op: Literal["upsert", "delete"]
    local_id: int
    row: dict[str, Any]
    refs: dict[str, Any] = Field(default_factory=dict)
    recorded_at: AwareDatetime


class PushRequest(BaseModel):
    """A batch of the post's outbox, oldest first, with the post's state."""

    post: str = Field(min_length=1, max_length=16)
    sent_at: AwareDatetime = Field(description="The post's clock when it sent the batch.")
    backlog: int = Field(ge=0, description="Events queued at the post, this batch included.")
    list_age_seconds: float | None = Field(
        default=None, description="Seconds since the post last brought its lists up to date."
    )
    events: list[EventIn] = Field(max_length=MAX_BATCH)


class PushReply(BaseModel):
    """HQ holds every event of the post up to ``acknowledged``."""

    acknowledged: int
    applied: int
    duplicates: int
    received_at: dt.datetime


class PullRequest(BaseModel):
    """The versions the post holds."""

    post: str = Field(min_length=1, max_length=16)
    watchlists: dict[str, int] = Field(default_factory=dict)
    lost_stolen: dict[str, str] = Field(default_factory=dict)
    lookouts_after: int = 0
