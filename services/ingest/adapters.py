"""One adapter per platform: how its webhook is verified, answered and normalised.

The HTTP layer, ``tipline normalize`` and the tests all look platforms up here, so adding a
platform means adding its module under ``platforms/`` and one entry below.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.ingest.normalized import NormalizedBatch
from services.ingest.platforms.facebook import normalize_facebook
from services.ingest.platforms.instagram import normalize_instagram
from services.ingest.platforms.telegram import normalize_telegram, verify_telegram
from services.ingest.platforms.tiktok import normalize_tiktok, verify_tiktok
from services.ingest.platforms.whatsapp import normalize_whatsapp
from services.ingest.platforms.x import normalize_x, verify_x, x_crc_response
from services.ingest.signatures import verify_meta_signature
from shared.contracts import Source
from shared.settings import Settings

Verify = Callable[[bytes, Mapping[str, str], Settings], str]
Normalize = Callable[..., NormalizedBatch]


@dataclass(frozen=True, slots=True)
class HandshakeAnswer:
    status: int
    media_type: str
    body: str


Handshake = Callable[[Mapping[str, str], Settings], HandshakeAnswer]


@dataclass(frozen=True, slots=True)
class PlatformAdapter:
    """Everything platform-specific the webhook endpoint needs."""

    name: str
    secret_setting: str
    verify: Verify
    normalize: Normalize
    handshake: Handshake | None = None
    options: Callable[[Settings], dict[str, Any]] = lambda _: {}

    def normalized(
        self, payload: dict[str, Any], raw_sha256: str | None, ingested_at: datetime, settings: Settings
    ) -> NormalizedBatch:
        """The payload's tips, ignored items and fetches."""
        return self.normalize(
            payload, raw_sha256=raw_sha256, ingested_at=ingested_at, source=Source.WEBHOOK, **self.options(settings)
        )


class PlatformNotConfiguredError(Exception):
    """The platform's secret is not set (production refuses placeholders)."""


def require_secret(settings: Settings, name: str) -> str:
    """The secret called ``name``, or PlatformNotConfiguredError."""
    value = settings.secret(name)
    if value is None:
        raise PlatformNotConfiguredError(f"{name} is not configured")
    return value


def meta_handshake(query: Mapping[str, str], settings: Settings) -> HandshakeAnswer:
    """Meta's subscription handshake: echo ``hub.challenge`` when the verify token matches."""
    token = settings.secret("meta_verify_token")
    challenge = query.get("hub.challenge")
    if query.get("hub.mode") == "subscribe" and token and query.get("hub.verify_token") == token and challenge:
        return HandshakeAnswer(200, "text/plain", challenge)
    return HandshakeAnswer(403, "text/plain", "verification failed")


def _meta_verify(secret_setting: str) -> Verify:
    def verify(body: bytes, headers: Mapping[str, str], settings: Settings) -> str:
        own = getattr(settings, secret_setting, None)
        secret = require_secret(settings, secret_setting) if own else require_secret(settings, "meta_app_secret")
        verify_meta_signature(body, headers.get("x-hub-signature-256"), secret)
        return "x-hub-signature-256"

    return verify


def x_handshake(query: Mapping[str, str], settings: Settings) -> HandshakeAnswer:
    """X's CRC challenge: answer ``crc_token`` with its HMAC under the app's secret."""
    token = query.get("crc_token")
    if not token:
        return HandshakeAnswer(400, "text/plain", "crc_token is missing")
    # V2 webhooks sign the CRC with the OAuth2 client secret, Account Activity with the consumer secret.
    name = "x_consumer_secret" if settings.is_placeholder("x_client_secret") else "x_client_secret"
    secret = require_secret(settings, name)
    return HandshakeAnswer(200, "application/json", json.dumps(x_crc_response(token, secret)))


def _x_verify(body: bytes, headers: Mapping[str, str], settings: Settings) -> str:
    consumer = settings.secret("x_consumer_secret")
    client = None if settings.is_placeholder("x_client_secret") else settings.secret("x_client_secret")
    if consumer is None and client is None:
        raise PlatformNotConfiguredError("x_consumer_secret and x_client_secret are not configured")
    return verify_x(body, headers, consumer or client or "", oauth2_secret=client)


def _tiktok_verify(body: bytes, headers: Mapping[str, str], settings: Settings) -> str:
    secret = require_secret(settings, "tiktok_client_secret")
    return verify_tiktok(body, headers, secret, tolerance_seconds=settings.tiktok_signature_tolerance_seconds)


def _telegram_verify(body: bytes, headers: Mapping[str, str], settings: Settings) -> str:
    return verify_telegram(body, headers, require_secret(settings, "telegram_secret_token"))


ADAPTERS: dict[str, PlatformAdapter] = {
    "facebook": PlatformAdapter(
        "facebook", "meta_app_secret", _meta_verify("meta_app_secret"), normalize_facebook, meta_handshake
    ),
    "instagram": PlatformAdapter(
        "instagram", "instagram_app_secret", _meta_verify("instagram_app_secret"), normalize_instagram, meta_handshake
    ),
    "whatsapp": PlatformAdapter(
        "whatsapp", "whatsapp_app_secret", _meta_verify("whatsapp_app_secret"), normalize_whatsapp, meta_handshake
    ),
    "x": PlatformAdapter("x", "x_consumer_secret", _x_verify, normalize_x, x_handshake),
    "tiktok": PlatformAdapter("tiktok", "tiktok_client_secret", _tiktok_verify, normalize_tiktok),
    "telegram": PlatformAdapter(
        "telegram",
        "telegram_secret_token",
        _telegram_verify,
        normalize_telegram,
        options=lambda settings: {"bot_id": settings.telegram_bot_id},
    ),
}
