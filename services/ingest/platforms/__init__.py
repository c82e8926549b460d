"""Platform normalisers: one module per platform, each a pure function from parsed JSON to a batch."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from services.ingest.normalized import NormalizedBatch
from services.ingest.platforms.facebook import normalize_facebook
from shared.contracts import Source


class Normalizer(Protocol):
    """The signature every platform normaliser has."""

    def __call__(
        self, payload: dict[str, Any], *, raw_sha256: str | None, ingested_at: datetime, source: Source = ...
    ) -> NormalizedBatch: ...


NORMALIZERS: dict[str, Normalizer] = {"facebook": normalize_facebook}
"""Normalisers by the name used on the command line and in webhook paths."""

__all__ = ["NORMALIZERS", "Normalizer", "normalize_facebook"]
