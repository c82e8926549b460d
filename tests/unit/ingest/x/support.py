"""Shared helpers for the X ingest tests."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from services.ingest.normalized import Ignored, NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.x import normalize_x

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "x"
INGESTED_AT = datetime(2026, 7, 25, 12, 0, tzinfo=UTC)
POLICE = "1587654321098765432"


def load(name: str) -> dict[str, Any]:
    """The parsed JSON of one fixture file."""
    payload: dict[str, Any] = parse_json_body((FIXTURES / name).read_bytes())
    return payload


def normalize(payload: dict[str, Any], account_id: str | None = None) -> NormalizedBatch:
    """Normalise with fixed provenance values."""
    return normalize_x(payload, raw_sha256="cd" * 32, ingested_at=INGESTED_AT, account_id=account_id)


def only_ignored(batch: NormalizedBatch) -> Ignored:
    """The single ignored item of a batch that has no tips."""
    assert batch.tips == ()
    assert len(batch.ignored) == 1
    return batch.ignored[0]
