"""``GET /api/v1/health``: is the service up (no authentication)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

router = APIRouter(tags=["health"])


@router.get("/health", summary="Service health (no authentication)")
def health() -> dict[str, Any]:
    """``{"status": "ok"}`` while the service answers."""
    return {"status": "ok"}
