"""Whatever arrives, the WhatsApp parser answers with a batch or a RejectedPayload, never another exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.ingest.errors import RejectedPayload
from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.whatsapp import normalize_whatsapp, verify_whatsapp

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "whatsapp"
INGESTED_AT = datetime(2026, 4, 6, 12, 0, tzinfo=UTC)
KEYS = st.sampled_from(
    [
        "object", "entry", "id", "changes", "field", "value", "messaging_product", "metadata", "phone_number_id",
        "display_phone_number", "contacts", "profile", "username", "wa_id", "user_id", "messages", "statuses",
        "errors", "from", "from_user_id", "timestamp", "type", "text", "body", "image", "caption", "location",
        "latitude", "longitude", "name", "address", "interactive", "button_reply", "title", "button", "context",
        "reaction", "edit", "revoke", "original_message_id", "message", "unsupported", "status", "message_echoes",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        ["whatsapp_business_account", "messages", "text", "image", "location", "edit", "revoke", "1778069692", ""]
    ),
)
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), children, max_size=6),
    ),
    max_leaves=40,
)


def run(payload: Any) -> NormalizedBatch | RejectedPayload:
    try:
        return normalize_whatsapp(payload, raw_sha256=None, ingested_at=INGESTED_AT)
    except RejectedPayload as exc:
        return exc


def parse(body: bytes) -> Any:
    try:
        return parse_json_body(body)
    except RejectedPayload as exc:
        return exc


@given(st.binary(max_size=512))
def test_random_bytes_only_ever_reject(body: bytes) -> None:
    payload = parse(body)
    if isinstance(payload, RejectedPayload):
        assert payload.status_code == 400
        return
    assert isinstance(run(payload), NormalizedBatch | RejectedPayload)


@given(JSON_VALUES)
def test_random_json_only_ever_rejects(value: Any) -> None:
    payload = parse(json.dumps(value).encode())
    if not isinstance(payload, RejectedPayload):
        assert isinstance(run(payload), NormalizedBatch | RejectedPayload)


@given(st.lists(JSON_VALUES, max_size=4))
def test_random_entries_each_end_in_one_outcome(entries: list[Any]) -> None:
    result = run({"object": "whatsapp_business_account", "entry": entries})
    assert isinstance(result, NormalizedBatch)
    assert len(result.tips) + len(result.ignored) >= len(entries)


@given(st.binary(max_size=256), st.dictionaries(st.text(max_size=24), st.text(max_size=80), max_size=3))
def test_random_signature_headers_only_ever_reject(body: bytes, headers: dict[str, str]) -> None:
    with pytest.raises(RejectedPayload) as caught:
        verify_whatsapp(body, headers, "test-meta-app-secret-not-real")
    assert caught.value.status_code in (401, 403)


def _paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [prefix]
    children = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else []
    for key, child in children:
        found.extend(_paths(child, (*prefix, key)))
    return found


def _replace(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    copy = dict(value) if isinstance(value, dict) else list(value)
    copy[path[0]] = _replace(copy[path[0]], path[1:], new)
    return copy


FIXTURE_PAYLOADS = [json.loads(path.read_bytes()) for path in sorted(FIXTURES.glob("*.json"))]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIXTURE_PAYLOADS), st.data())
def test_mutated_fixtures_only_ever_reject(payload: dict[str, Any], data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(_paths(payload)[1:]))
    result = run(_replace(payload, path, data.draw(JSON_VALUES)))
    if isinstance(result, RejectedPayload):
        # Only the envelope may reject the whole payload; anything deeper costs one item at most.
        assert path in (("object",), ("entry",))
