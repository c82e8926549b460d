"""Ingest's HTTP endpoints: platform webhooks.

Order of work on a POST, as the platforms require: size check, signature over the raw bytes
(before any parsing), parse, normalise, store durably, then answer. A rejected payload gets a
4xx with its reason and is recorded; a store that is down gets a 503 so the platform retries —
never a 200 for a message that was not kept.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from services.ingest.errors import PayloadTooLarge, RejectedPayload
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.facebook import normalize_facebook
from services.ingest.service import IngestService, RawReceipt
from services.ingest.signatures import verify_meta_signature
from shared.contracts import Source
from shared.errors import is_retryable
from shared.logging import get_logger
from shared.settings import Settings

log = get_logger(__name__)


def _rejection(exc: RejectedPayload) -> JSONResponse:
    return JSONResponse({"error": type(exc).__name__, "reason": exc.reason}, status_code=exc.status_code)


async def _read_body(request: Request, limit: int) -> bytes:
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > limit:
        raise PayloadTooLarge(f"body of {declared} bytes exceeds the limit of {limit}")
    body = bytearray()
    async for chunk in request.stream():
        body.extend(chunk)
        if len(body) > limit:
            raise PayloadTooLarge(f"body exceeds the limit of {limit} bytes")
    return bytes(body)


class WebhookReceiver:
    """Verifies, stores and acknowledges one platform's webhook deliveries."""

    def __init__(self, service: IngestService, settings: Settings, on_stored: Callable[[], None]) -> None:
        self._service = service
        self._settings = settings
        self._on_stored = on_stored

    def accept_facebook(self, body: bytes, signature: str | None) -> dict[str, Any]:
        """Verify, normalise and store one Facebook delivery; raises RejectedPayload."""
        raw = RawReceipt("facebook", Source.WEBHOOK.value, body, datetime.now(UTC))
        try:
            verify_meta_signature(body, signature, self._settings.meta_app_secret)
            payload = parse_json_body(body)
            batch = normalize_facebook(payload, raw_sha256=raw.sha256, ingested_at=raw.received_at)
        except RejectedPayload as exc:
            self._service.record_rejected(raw, exc.reason, exc.status_code)
            log.warning("webhook_rejected", platform="facebook", status=exc.status_code, raw_sha256=raw.sha256)
            raise
        result = self._service.store(batch, raw, signature="valid")
        if result.new:
            self._on_stored()
        log.info("webhook_stored", platform="facebook", raw_sha256=raw.sha256, **result.summary)
        return result.summary


def build_router(receiver: WebhookReceiver, settings: Settings) -> APIRouter:
    """The webhook routes bound to ``receiver``."""
    router = APIRouter(prefix="/webhooks", tags=["webhooks"])

    @router.get("/facebook", response_class=PlainTextResponse)
    def facebook_handshake(
        mode: Annotated[str | None, Query(alias="hub.mode")] = None,
        token: Annotated[str | None, Query(alias="hub.verify_token")] = None,
        challenge: Annotated[str | None, Query(alias="hub.challenge")] = None,
    ) -> Response:
        """Meta's subscription handshake: echo the challenge when the verify token matches."""
        if mode == "subscribe" and token == settings.meta_verify_token and challenge is not None:
            return PlainTextResponse(challenge)
        log.warning("webhook_handshake_refused", platform="facebook")
        return PlainTextResponse("verification failed", status_code=403)

    @router.post("/facebook")
    async def facebook_delivery(request: Request) -> Response:
        """A Page webhook delivery (feed changes and Messenger events, batched)."""
        try:
            body = await _read_body(request, settings.max_body_bytes)
        except PayloadTooLarge as exc:
            return _rejection(exc)
        signature = request.headers.get("x-hub-signature-256")
        return await _stored_or_error(lambda: receiver.accept_facebook(body, signature))

    return router


async def _stored_or_error(accept: Callable[[], dict[str, Any]]) -> Response:
    try:
        summary = await run_in_threadpool(accept)
    except RejectedPayload as exc:
        return _rejection(exc)
    except Exception as exc:
        if not is_retryable(exc):
            raise
        log.error("webhook_store_unavailable", error_type=type(exc).__name__)  # noqa: TRY400 - no traceback: it may quote data
        return JSONResponse({"error": "unavailable", "reason": "storage unavailable, retry"}, status_code=503)
    return JSONResponse({"status": "stored", **summary})
