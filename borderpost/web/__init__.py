"""The REST API (FastAPI): an app factory, one router per area, one error table."""

from borderpost.web.app import API_PREFIX, create_app

__all__ = ["API_PREFIX", "create_app"]
