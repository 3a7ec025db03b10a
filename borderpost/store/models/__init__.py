"""SQLAlchemy models. Every table belongs to ``metadata``, so migrations are checked against it."""

from borderpost.store.models.base import Base, metadata
from borderpost.store.models.documents import DocumentCheck

__all__ = ["Base", "DocumentCheck", "metadata"]
