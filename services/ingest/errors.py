"""Ingest errors, arranged by what the caller must do.

``IngestError``
    ``RejectedPayload``: permanent. Answer with ``status_code``, record the reason, never retry.
        ``MalformedPayload`` (400), ``MissingSignature`` (401), ``BadSignature`` (403),
        ``PayloadTooLarge`` (413), ``UnsupportedPayload`` (422).
"""

from __future__ import annotations

from typing import ClassVar


class IngestError(Exception):
    """Base of every error the ingest service raises on purpose."""


class RejectedPayload(IngestError):  # noqa: N818 - the subclass names read as HTTP outcomes on purpose
    """A payload that can never be accepted: retrying the same bytes gives the same answer."""

    status_code: ClassVar[int] = 400

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class MalformedPayload(RejectedPayload):
    """The bytes are not the JSON shape we can read at all."""

    status_code: ClassVar[int] = 400


class MissingSignature(RejectedPayload):
    """The request carries no signature header."""

    status_code: ClassVar[int] = 401


class BadSignature(RejectedPayload):
    """The signature header is malformed or does not match the body."""

    status_code: ClassVar[int] = 403


class PayloadTooLarge(RejectedPayload):
    """The body is larger than the configured limit."""

    status_code: ClassVar[int] = 413


class UnsupportedPayload(RejectedPayload):
    """Well-formed JSON of a shape this service does not handle (for example another object type)."""

    status_code: ClassVar[int] = 422
