"""Whatever arrives, the parser answers with a batch or a RejectedPayload, never another exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.ingest.errors import RejectedPayload
from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.facebook import normalize_facebook

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "facebook"
INGESTED_AT = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
KEYS = st.sampled_from(
    [
        "object", "entry", "id", "time", "changes", "messaging", "standby", "field", "value", "item", "verb",
        "from", "comment_id", "post_id", "parent_id", "created_time", "message", "sender", "recipient",
        "timestamp", "mid", "text", "attachments", "is_echo", "delivery", "read", "reaction", "message_edit",
        "reply_to", "payload", "url", "type", "photo", "link", "photo_id", "photos",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(["page", "feed", "comment", "post", "status", "photo", "add", "edited", "remove", "reaction"]),
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
        return normalize_facebook(payload, raw_sha256=None, ingested_at=INGESTED_AT)
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
    assert isinstance(payload, dict)
    assert isinstance(run(payload), NormalizedBatch | RejectedPayload)


@given(JSON_VALUES)
def test_random_json_only_ever_rejects(value: Any) -> None:
    body = json.dumps(value).encode()
    payload = parse(body)
    if isinstance(payload, RejectedPayload):
        text = body.decode()
        assert not isinstance(value, dict) or "NaN" in text or "Infinity" in text or "deeper" in payload.reason
        return
    assert isinstance(run(payload), NormalizedBatch | RejectedPayload)


@given(st.lists(JSON_VALUES, max_size=4))
def test_random_entries_each_end_in_one_outcome(entries: list[Any]) -> None:
    result = run({"object": "page", "entry": entries})
    assert isinstance(result, NormalizedBatch)
    assert len(result.tips) + len(result.ignored) >= len(entries)


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
    mutated = _replace(payload, path, data.draw(JSON_VALUES))
    result = run(mutated)
    if isinstance(result, RejectedPayload):
        # Only the envelope may reject the whole payload; anything deeper costs one item at most.
        assert path[0] in ("object", "entry")
        assert len(path) == 1
