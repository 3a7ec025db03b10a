"""Repositories: add and query within the caller's unit of work; they never commit."""
