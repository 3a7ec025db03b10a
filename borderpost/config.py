"""One typed settings object, read once from the environment (prefix ``BORDERPOST_``).

Settings are built by the caller (the CLI, the web app factory, a test) and passed in;
nothing in the package reads the environment at import time.
"""

from __future__ import annotations

import secrets
import warnings
from pathlib import Path
from typing import Literal

from pydantic import Field, PrivateAttr, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _default_data_dir() -> Path:
    return Path.cwd() / "var"


#: Placeholder secrets found in examples and templates; never accepted in production.
PLACEHOLDER_SECRETS = frozenset({"", "changethis", "change-me", "secret", "dev", "development"})
MIN_SECRET_LENGTH = 32


class DevelopmentSecretWarning(UserWarning):
    """No secret key is configured; a throw-away development key is in use."""


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
    high_risk_threshold: float = Field(
        default=0.90,
        ge=0.0,
        le=1.0,
        description=(
            "Hit score at or above which a hit is high-risk: clearing it needs a supervisor's "
            "approval (a second person)."
        ),
    )
    traveller_match_threshold: float = Field(
        default=0.90,
        ge=0.0,
        le=1.0,
        description=(
            "Name similarity at or above which a traveller with the same birth date is taken "
            "for an earlier record of the same person (spelling variants, transliterations)."
        ),
    )
    face_match_threshold: float = Field(
        default=0.6,
        gt=0.0,
        le=2.0,
        description=(
            "Euclidean distance of face templates at or below which the live face is taken "
            "for the chip portrait's (dlib's documented 0.6; not validated against EES/NIST "
            "targets). A mismatch suggests referral to an officer, never a refusal."
        ),
    )
    face_search_min_score: float = Field(
        default=0.5,
        gt=0.0,
        le=1.0,
        description=(
            "Score (1 - Euclidean distance of face templates) at or above which a lookout photo "
            "is a candidate in the 1:N search at inspection (0.5 is a distance of 0.5, stricter "
            "than the 1:1 threshold because a gallery gives more chances of a false match; not "
            "validated against EES/NIST targets). A candidate suggests referral, never refusal."
        ),
    )
    finger_match_threshold: int = Field(
        default=40,
        ge=1,
        le=1000,
        description=(
            "bozorth3 score at or above which a lookout fingerprint is a candidate in the 1:N "
            "search at inspection (NBIS's rule of thumb 40; not validated against EES/NIST "
            "targets). A candidate suggests referral, never refusal."
        ),
    )
    face_upload_max_bytes: int = Field(
        default=8 * 1024 * 1024,
        ge=64 * 1024,
        le=8 * 1024 * 1024,
        description=(
            "Largest face image accepted from a form or upload: the console's live capture and "
            "lookout photos (at most 8 MB, the face decoder's own limit)."
        ),
    )
    api_retention_hours: int = Field(
        default=24,
        ge=1,
        description=(
            "Hours after which advance passenger (API) data is deleted unless a traveller is "
            "linked to a hit or case (EU API/PNR default: 24)."
        ),
    )
    pnr_mask_after_days: int = Field(
        default=183,
        ge=1,
        description="Days after which PNR data is depersonalised by masking (EU PNR: 6 months).",
    )
    pnr_delete_after_days: int = Field(
        default=1826,
        ge=1,
        description="Days after which PNR data is deleted (EU PNR: 5 years).",
    )
    live_face_retention_days: int = Field(
        default=2,
        ge=1,
        description=(
            "Days after which a kept live face capture (an inspection whose live face did not "
            "verify against the chip portrait) is deleted, unless a referral of the inspection "
            "is open or closed within that period. Matching captures and templates are never "
            "kept at the border."
        ),
    )
    reference_date: str | None = Field(
        default=None,
        description="ISO date used as 'today' for expiry checks (default: the real date).",
    )

    sync_batch_size: int = Field(
        default=500, ge=1, le=5000, description="Outbox events a post sends to HQ per request."
    )
    sync_interval_seconds: float = Field(
        default=60.0,
        gt=0,
        description="Seconds between a post's attempts to reach HQ (`serve --role post`).",
    )
    sync_timeout_seconds: float = Field(
        default=30.0, gt=0, description="Seconds a post waits for HQ's answer to one request."
    )
    list_age_limit_hours: float = Field(
        default=72.0,
        gt=0,
        description="A post warns its officers when its lists are older than this (hours).",
    )
    sync_ca_file: Path | None = Field(
        default=None,
        description=(
            "At a post: the CA certificate (PEM) to trust for HQ's HTTPS instead of the system's."
        ),
    )
    tls_certfile: Path | None = Field(
        default=None, description="`borderpost serve`: certificate chain (PEM) to serve HTTPS."
    )
    tls_keyfile: Path | None = Field(
        default=None, description="`borderpost serve`: private key (PEM) of tls_certfile."
    )
    cash_profile: str = Field(
        default="EU",
        description=(
            "Cash-control profile: a shipped code (EU, US) or the path of a national profile "
            "made from borderpost/cash/data/profiles/template.toml."
        ),
    )
    cash_fiu_xsd: Path | None = Field(
        default=None,
        description="The FIU's own XML schema for cash reports (default: Borderpost's own).",
    )
    cash_fiu_entity: str = Field(
        default="BORDERPOST",
        min_length=1,
        max_length=255,
        description="The reporting authority's identifier at the FIU (goAML rentity_id).",
    )

    mode: Literal["development", "production"] = Field(
        default="development",
        description="production refuses a missing or placeholder secret_key.",
    )
    secret_key: SecretStr | None = Field(
        default=None,
        description=(
            f"Key that signs bearer tokens (at least {MIN_SECRET_LENGTH} characters, e.g. "
            "`python -c 'import secrets; print(secrets.token_urlsafe(48))'`)."
        ),
    )
    token_minutes: int = Field(
        default=60, ge=1, le=24 * 60, description="Lifetime of a bearer token, in minutes."
    )
    login_max_failures: int = Field(
        default=5, ge=1, description="Failed logins in a row that lock an account."
    )
    login_lockout_minutes: int = Field(
        default=15, ge=1, description="How long a locked account stays locked, in minutes."
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

    _dev_secret: bytes | None = PrivateAttr(default=None)

    @model_validator(mode="after")
    def _production_secret(self) -> Settings:
        if self.mode != "production":
            return self
        key = None if self.secret_key is None else self.secret_key.get_secret_value()
        if key is None or key.strip().lower() in PLACEHOLDER_SECRETS:
            raise ValueError(
                "BORDERPOST_SECRET_KEY must be set in production mode (a random value of at "
                f"least {MIN_SECRET_LENGTH} characters)"
            )
        if len(key) < MIN_SECRET_LENGTH:
            raise ValueError(
                f"BORDERPOST_SECRET_KEY is {len(key)} characters; production needs at least "
                f"{MIN_SECRET_LENGTH}"
            )
        return self

    def token_secret(self) -> bytes:
        """The key that signs tokens.

        Development without a configured key gets a random key for this process only (tokens
        die with it), with a :class:`DevelopmentSecretWarning`. Production always has one:
        the validator refuses to build production settings without it.
        """
        if self.secret_key is not None and self.secret_key.get_secret_value():
            return self.secret_key.get_secret_value().encode("utf-8")
        if self._dev_secret is None:
            warnings.warn(
                "BORDERPOST_SECRET_KEY is not set: using a throw-away development key "
                "(tokens stop working when the process ends; never do this in production)",
                DevelopmentSecretWarning,
                stacklevel=2,
            )
            self._dev_secret = secrets.token_bytes(32)
        return self._dev_secret

    @property
    def resolved_database_url(self) -> str:
        """The database URL in force: the configured one or the embedded SQLite default."""
        if self.database_url:
            return self.database_url
        return f"sqlite:///{self.data_dir / 'borderpost.db'}"

    @property
    def is_embedded_sqlite(self) -> bool:
        return self.resolved_database_url.startswith("sqlite")
