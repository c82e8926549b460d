"""Typed settings read from ``TIPLINE_*`` environment variables.

Nothing reads the environment at import time: call :func:`get_settings` (cached) or build a
:class:`Settings` yourself and pass it in. Placeholder secrets are refused outside development.
"""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from pathlib import Path
from typing import Self

from pydantic import BaseModel, Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

PLACEHOLDER_PREFIX = "dev-only-"
DEV_AUDIT_KEY = "ZGV2LW9ubHktdGlwbGluZS1hdWRpdC1rZXktMzJiISE="


class Environment(StrEnum):
    DEVELOPMENT = "development"
    TEST = "test"
    PRODUCTION = "production"


class RawPayloadPolicy(StrEnum):
    """What ingest keeps of a webhook body: the bytes themselves, or only their SHA-256."""

    STORE = "store"
    HASH = "hash"


class DeskToken(BaseModel):
    """Who a desk API token belongs to and the one desk it opens (None: an auditor, read-only)."""

    actor: str
    desk: str | None = None


class Settings(BaseSettings):
    """Every setting of every service, with safe development defaults."""

    model_config = SettingsConfigDict(env_prefix="TIPLINE_", env_file=None, extra="ignore")

    environment: Environment = Environment.DEVELOPMENT
    database_url: str = "sqlite:///tipline.db"
    broker_url: str = "memory://localhost/"
    log_format: str = Field(default="auto", pattern="^(auto|json|console)$")
    log_level: str = "INFO"

    # ingest: one secret per platform; a platform whose secret is a placeholder is refused in
    # production (its endpoint answers 503) rather than verified with a publicly known key.
    meta_app_secret: str = PLACEHOLDER_PREFIX + "meta-app-secret"
    meta_verify_token: str = PLACEHOLDER_PREFIX + "meta-verify-token"
    instagram_app_secret: str | None = None  # None: the Meta app secret
    whatsapp_app_secret: str | None = None  # None: the Meta app secret
    x_consumer_secret: str = PLACEHOLDER_PREFIX + "x-consumer-secret"
    x_client_secret: str = PLACEHOLDER_PREFIX + "x-client-secret"
    x_bearer_token: str = PLACEHOLDER_PREFIX + "x-bearer-token"
    x_api_base: str = "https://api.x.com"
    tiktok_client_secret: str = PLACEHOLDER_PREFIX + "tiktok-client-secret"
    tiktok_access_token: str = PLACEHOLDER_PREFIX + "tiktok-access-token"
    tiktok_api_base: str = "https://business-api.tiktok.com/open_api/v1.3"
    tiktok_signature_tolerance_seconds: int = Field(default=300, ge=1)
    telegram_secret_token: str = PLACEHOLDER_PREFIX + "telegram-secret-token"
    telegram_bot_id: str = "telegram"
    webcare_tokens: dict[str, str] = Field(default_factory=dict)  # agent -> bearer token
    raw_payload_policy: RawPayloadPolicy = RawPayloadPolicy.STORE
    max_body_bytes: int = 3 * 1024 * 1024
    relay_batch_size: int = Field(default=200, ge=1, le=5000)
    relay_interval_seconds: float = Field(default=0.05, gt=0)

    # classify
    classify_batch_size: int = Field(default=200, ge=1)

    # referral
    registry_path: Path | None = None
    review_threshold_low: float = Field(default=0.25, ge=0, le=1)  # bench/review_band.py
    review_threshold_high: float = Field(default=0.55, ge=0, le=1)
    pseudonym_key: str = PLACEHOLDER_PREFIX + "pseudonym-key"
    desk_tokens: dict[str, DeskToken] = Field(default_factory=dict)  # token -> holder and desk

    # audit and privacy
    # base64 Ed25519 seed; the development default is a fixed, public, throw-away key
    audit_signing_key: str = DEV_AUDIT_KEY
    audit_checkpoint_file: Path | None = None  # where the scheduler appends signed checkpoints
    audit_checkpoint_interval_seconds: float = Field(default=3600.0, gt=0)
    retention_raw_payload_days: int = Field(default=30, ge=0)
    retention_unreportable_text_days: int = Field(default=30, ge=0)
    retention_handle_days: int = Field(default=180, ge=0)
    escalation_interval_seconds: float = Field(default=60.0, gt=0)

    # messaging reliability
    task_max_retries: int = Field(default=5, ge=0)
    task_retry_backoff_max: int = Field(default=300, ge=1)
    queue_delivery_limit: int = Field(default=10, ge=1)

    @model_validator(mode="after")
    def _refuse_placeholders_outside_development(self) -> Self:
        if self.environment is Environment.PRODUCTION:
            for name in ("meta_app_secret", "meta_verify_token", "pseudonym_key"):
                if str(getattr(self, name)).startswith(PLACEHOLDER_PREFIX):
                    raise ValueError(f"TIPLINE_{name.upper()} must be set in production")
            if self.audit_signing_key == DEV_AUDIT_KEY:
                raise ValueError("TIPLINE_AUDIT_SIGNING_KEY must be set in production")
            if self.database_url.startswith("sqlite") or self.broker_url.startswith("memory"):
                raise ValueError("production needs PostgreSQL and RabbitMQ URLs")
        return self

    def secret(self, name: str) -> str | None:
        """A platform secret, or None where production must not use its placeholder."""
        value = str(getattr(self, name))
        if self.environment is Environment.PRODUCTION and value.startswith(PLACEHOLDER_PREFIX):
            return None
        return value

    def is_placeholder(self, name: str) -> bool:
        """Whether the secret ``name`` still has its development placeholder."""
        return str(getattr(self, name)).startswith(PLACEHOLDER_PREFIX)

    @property
    def uses_embedded_broker(self) -> bool:
        return self.broker_url.startswith("memory://")


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The process's settings, built on first use."""
    return Settings()
