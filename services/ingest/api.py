"""Ingest's HTTP endpoints: platform webhooks.

Order of work on a POST, as the platforms require: size check, signature over the raw bytes
(before any parsing), parse, normalise, store durably, then answer. A rejected payload gets a
4xx with its reason and is recorded; a store that is down gets a 503 so the platform retries —
never a 200 for a message that was not kept.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Header, HTTPException, Request
from fastapi.responses import JSONResponse, Response
from starlette.concurrency import run_in_threadpool

from services.ingest.adapters import ADAPTERS, PlatformAdapter, PlatformNotConfiguredError
from services.ingest.errors import PayloadTooLarge, RejectedPayload
from services.ingest.forwards import ForwardRequest, UnknownAgentError, accept_forward, agent_for_token
from services.ingest.payloads import parse_json_body
from services.ingest.service import IngestService, RawReceipt
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
    """Verifies, stores and acknowledges every platform's webhook deliveries."""

    def __init__(self, service: IngestService, settings: Settings, on_stored: Callable[[], None]) -> None:
        self._service = service
        self._settings = settings
        self._on_stored = on_stored

    def accept(self, adapter: PlatformAdapter, body: bytes, headers: Mapping[str, str]) -> dict[str, Any]:
        """Verify, normalise and store one delivery; raises RejectedPayload or PlatformNotConfiguredError."""
        raw = RawReceipt(adapter.name, Source.WEBHOOK.value, body, datetime.now(UTC))
        try:
            scheme = adapter.verify(body, headers, self._settings)
            batch = adapter.normalized(parse_json_body(body), raw.sha256, raw.received_at, self._settings)
        except RejectedPayload as exc:
            self._service.record_rejected(raw, exc.reason, exc.status_code)
            log.warning("webhook_rejected", platform=adapter.name, status=exc.status_code, raw_sha256=raw.sha256)
            raise
        result = self._service.store(batch, raw, signature=f"valid ({scheme})")
        if result.new or result.fetches:
            self._on_stored()
        log.info("webhook_stored", platform=adapter.name, raw_sha256=raw.sha256, **result.summary)
        return result.summary


def build_forward_router(service: IngestService, settings: Settings, on_stored: Callable[[], None]) -> APIRouter:
    """``POST /forwards``: webcare agents hand in messages, with a bearer token."""
    router = APIRouter(tags=["webcare"])

    @router.post("/forwards", status_code=201)
    def forward(request: ForwardRequest, authorization: Annotated[str | None, Header()] = None) -> dict[str, Any]:
        """Hand in a message with the platform's id, the receiving account and a note."""
        token = authorization.removeprefix("Bearer ").strip() if authorization else None
        try:
            agent = agent_for_token(token, settings.webcare_tokens)
        except UnknownAgentError as exc:
            log.warning("forward_refused")
            raise HTTPException(401, str(exc), headers={"WWW-Authenticate": "Bearer"}) from exc
        result = accept_forward(service, request, agent)
        if result.new:
            on_stored()
        log.info("forward_stored", agent=agent, **result.summary)
        tip_id = (result.new or result.duplicates)[0]
        return {"tip_id": tip_id, "status": "stored" if result.new else "already_known"}

    return router


def build_router(receiver: WebhookReceiver, settings: Settings) -> APIRouter:
    """The webhook routes: ``/webhooks/<platform>`` for every adapter."""
    router = APIRouter(prefix="/webhooks", tags=["webhooks"])

    def adapter_for(platform: str) -> PlatformAdapter:
        adapter = ADAPTERS.get(platform)
        if adapter is None:
            raise HTTPException(404, f"no webhook for platform '{platform}'")
        return adapter

    @router.get("/{platform}")
    def handshake(platform: str, request: Request) -> Response:
        """The platform's subscription or challenge handshake."""
        adapter = adapter_for(platform)
        if adapter.handshake is None:
            raise HTTPException(405, f"{platform} has no handshake")
        answer = adapter.handshake(dict(request.query_params), settings)
        if answer.status != 200:
            log.warning("webhook_handshake_refused", platform=platform)
        return Response(answer.body, status_code=answer.status, media_type=answer.media_type)

    @router.post("/{platform}")
    async def delivery(platform: str, request: Request) -> Response:
        """One webhook delivery: verified over the raw bytes, stored, then acknowledged."""
        adapter = adapter_for(platform)
        try:
            body = await _read_body(request, settings.max_body_bytes)
        except PayloadTooLarge as exc:
            return _rejection(exc)
        headers = {key.lower(): value for key, value in request.headers.items()}
        return await _stored_or_error(lambda: receiver.accept(adapter, body, headers))

    return router


async def _stored_or_error(accept: Callable[[], dict[str, Any]]) -> Response:
    try:
        summary = await run_in_threadpool(accept)
    except RejectedPayload as exc:
        return _rejection(exc)
    except PlatformNotConfiguredError as exc:
        log.error("webhook_platform_not_configured", reason=str(exc))
        return JSONResponse({"error": "not_configured", "reason": str(exc)}, status_code=503)
    except Exception as exc:
        if not is_retryable(exc):
            raise
        log.error("webhook_store_unavailable", error_type=type(exc).__name__)
        return JSONResponse({"error": "unavailable", "reason": "storage unavailable, retry"}, status_code=503)
    return JSONResponse({"status": "stored", **summary})
