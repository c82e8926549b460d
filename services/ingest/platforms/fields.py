"""Typed getters every platform normaliser shares: read one field of untrusted JSON, or say why not.

A broken item raises :class:`ItemError`; the normaliser's per-item guard turns it into an
``Ignored(reason="malformed_item")`` so the rest of the payload still counts.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from services.ingest.errors import MalformedPayload, UnsupportedPayload


class ItemError(Exception):
    """One item lacks a key we need or has it in the wrong type; the item becomes ``Ignored``."""


def dict_of(value: object, what: str) -> dict[str, Any]:
    """``value`` as a JSON object, or ItemError."""
    if not isinstance(value, dict):
        raise ItemError(f"{what} is missing or not an object")
    return value


def id_of(value: object, what: str) -> str:
    """``value`` as an id string, or ItemError."""
    found = opt_id(value)
    if found is None:
        raise ItemError(f"{what} is missing or not an id")
    return found


def opt_id(value: object) -> str | None:
    """An id as a string; integer ids kept exact (never via float); else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str) and value.strip():
        return value
    return None


def opt_str(value: object) -> str | None:
    """A non-empty string, or None."""
    return value if isinstance(value, str) and value else None


def text_of(value: object, what: str) -> str | None:
    """A message text (None when absent or empty), or ItemError for a non-string."""
    if value is None or isinstance(value, str):
        return value or None
    raise ItemError(f"{what} is not a string")


def label(value: object) -> str:
    """A short, safe rendering of an unexpected value for an error reason (never message text)."""
    # Names from the payload go into reasons and logs: keep them short and never echo big values.
    if isinstance(value, str) and len(value) <= 40 and value.isprintable():
        return repr(value)
    return f"<{type(value).__name__}>"


def meta_entries(payload: object, expected_object: str, what: str, ingested_at: datetime) -> list[Any]:
    """The ``entry`` list of a Meta webhook envelope (``object`` must be ``expected_object``)."""
    if ingested_at.tzinfo is None:
        raise ValueError("ingested_at must be timezone-aware")  # a caller bug, not a payload problem
    if not isinstance(payload, dict):
        raise MalformedPayload("payload is not a JSON object")
    if payload.get("object") != expected_object:
        raise UnsupportedPayload(f"object {label(payload.get('object'))} is not {what}")
    entries = payload.get("entry")
    if not isinstance(entries, list):
        raise MalformedPayload("'entry' must be a list")
    return entries
