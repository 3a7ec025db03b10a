"""One typed settings object, read once from the environment (prefix ``BORDERPOST_``).

Settings are built by the caller (the CLI, the web app factory, a test) and passed in;
nothing in the package reads the environment at import time.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.cwd() / "var"


class Settings(BaseSettings):
    """Borderpost's settings. Every field can be set as ``BORDERPOST_<NAME>``."""

    model_config = SettingsConfigDict(env_prefix="BORDERPOST_", extra="ignore")

    data_dir: Path = Field(
        default_factory=_default_data_dir,
        description="Folder for the embedded database and other local state.",
    )
    database_url: str | None = Field(
        default=None,
        description=(
            "SQLAlchemy URL of the database. Default: a SQLite file borderpost.db in data_dir. "
            "PostgreSQL example: postgresql+psycopg://user@host:5432/borderpost"
        ),
    )
    screening_threshold: float = Field(
        default=0.80,
        ge=0.0,
        le=1.0,
        description="Score at or above which a watchlist candidate is a hit.",
    )
    screening_list_thresholds: dict[str, float] = Field(
        default_factory=dict,
        description='Per-list thresholds as JSON, e.g. {"UN": 0.75, "OFAC SDN": 0.85}.',
    )
    reference_date: str | None = Field(
        default=None,
        description="ISO date used as 'today' for expiry checks (default: the real date).",
    )

    @field_validator("data_dir")
    @classmethod
    def _absolute(cls, value: Path) -> Path:
        return value.expanduser().resolve()

    @field_validator("screening_list_thresholds")
    @classmethod
    def _thresholds(cls, value: dict[str, float]) -> dict[str, float]:
        for name, threshold in value.items():
            if not 0.0 <= threshold <= 1.0:
                raise ValueError(f"threshold for list {name!r} is {threshold}; use 0 to 1")
        return value

    @property
    def resolved_database_url(self) -> str:
        """The database URL in force: the configured one or the embedded SQLite default."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'borderpost.db'}"

    @property
    def is_embedded_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")
