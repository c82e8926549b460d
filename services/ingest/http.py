"""Calling platform APIs: one place that turns HTTP answers into the project's error tree.

429 and 5xx are retryable (with the wait the platform asks for: ``Retry-After`` or X's
``x-rate-limit-reset``); other 4xx are permanent. Clients are injected, so tests run against a
fake platform through ``httpx.MockTransport``.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import httpx

from shared.errors import PermanentError, RetryableError

DEFAULT_WAIT_SECONDS = 60.0


class RateLimitedError(RetryableError):
    """The platform asked us to slow down; ``retry_after`` says for how long."""

    def __init__(self, message: str, retry_after: float) -> None:
        super().__init__(message)
        self.retry_after = retry_after


class PlatformApiError(PermanentError):
    """The platform refused the request for a reason retrying will not change."""


def retry_after_seconds(response: httpx.Response, now: float | None = None) -> float:
    """How long the platform wants us to wait, from ``Retry-After`` or ``x-rate-limit-reset``."""
    header = response.headers.get("retry-after")
    if header and header.isdigit():
        return float(header)
    reset = response.headers.get("x-rate-limit-reset")
    if reset and reset.isdigit():
        return max(1.0, float(reset) - (now if now is not None else time.time()))
    return DEFAULT_WAIT_SECONDS


@dataclass(frozen=True, slots=True)
class ApiResponse:
    """A platform API's JSON answer and the exact bytes it came in (kept as provenance)."""

    body: dict[str, Any]
    raw: bytes


def get_json(client: httpx.Client, url: str, *, params: Mapping[str, Any], headers: Mapping[str, str]) -> ApiResponse:
    """GET ``url`` and return its JSON object, or raise RateLimitedError / RetryableError / PlatformApiError."""
    try:
        response = client.get(url, params=dict(params), headers=dict(headers))
    except httpx.TransportError as exc:
        raise RetryableError(f"{type(exc).__name__} calling {httpx.URL(url).host}") from exc
    if response.status_code == 429:
        raise RateLimitedError(f"rate limited by {response.url.host}", retry_after_seconds(response))
    if response.status_code >= 500:
        raise RetryableError(f"{response.url.host} answered {response.status_code}")
    if response.status_code >= 400:
        raise PlatformApiError(f"{response.url.host} refused the request: {response.status_code}")
    try:
        body = response.json()
    except ValueError as exc:
        raise RetryableError(f"{response.url.host} sent a body that is not JSON") from exc
    if not isinstance(body, dict):
        raise PlatformApiError(f"{response.url.host} sent JSON that is not an object")
    return ApiResponse(body, response.content)
