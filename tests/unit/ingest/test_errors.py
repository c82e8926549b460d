"""The error tree tells callers what to answer."""

from __future__ import annotations

import pytest

from services.ingest.errors import (
    BadSignature,
    IngestError,
    MalformedPayload,
    MissingSignature,
    PayloadTooLarge,
    RejectedPayload,
    UnsupportedPayload,
)


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (MalformedPayload, 400),
        (MissingSignature, 401),
        (BadSignature, 403),
        (PayloadTooLarge, 413),
        (UnsupportedPayload, 422),
    ],
)
def test_status_codes_and_reason(error: type[RejectedPayload], status: int) -> None:
    exc = error("the reason")
    assert exc.status_code == status
    assert exc.reason == "the reason"
    assert str(exc) == "the reason"
    assert isinstance(exc, RejectedPayload)
    assert isinstance(exc, IngestError)
