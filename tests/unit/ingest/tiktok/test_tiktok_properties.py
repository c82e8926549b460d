"""Whatever arrives, the TikTok parsers answer with a batch or a RejectedPayload, never another exception."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.ingest.errors import BadSignature, MissingSignature, RejectedPayload
from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.tiktok import (
    TikTokApiError,
    normalize_tiktok,
    parse_tiktok_comment_list,
    parse_tiktok_dm_messages,
    verify_tiktok,
)

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "tiktok"
INGESTED_AT = datetime(2026, 8, 6, 9, 0, tzinfo=UTC)
KEYS = st.sampled_from(
    [
        "client_key", "event", "event_type", "create_time", "user_openid", "content", "comment_id", "video_id",
        "parent_comment_id", "comment_action", "unique_identifier", "timestamp", "text", "owner", "message_id",
        "conversation_id", "from", "from_user", "id", "role", "type", "body", "image", "media_id", "code", "data",
        "comments", "messages", "user_id", "username", "create_time", "message_type", "referenced_message_info",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(
        ["comment.update", "im_receive_msg", "im_receive_msg_eu", "insert", "delete", "business_account", "text"]
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
CONTENTS = st.one_of(JSON_VALUES.map(json.dumps), st.text(max_size=60), JSON_VALUES)


def run(payload: Any) -> NormalizedBatch | RejectedPayload:
    try:
        return normalize_tiktok(payload, raw_sha256=None, ingested_at=INGESTED_AT)
    except RejectedPayload as exc:
        return exc


@given(st.binary(max_size=512))
def test_random_bytes_only_ever_reject(body: bytes) -> None:
    try:
        payload = parse_json_body(body)
    except RejectedPayload:
        return
    assert isinstance(run(payload), NormalizedBatch | RejectedPayload)


@given(JSON_VALUES)
def test_random_json_only_ever_rejects(value: Any) -> None:
    if isinstance(value, dict):
        assert isinstance(run(value), NormalizedBatch | RejectedPayload)


@given(st.sampled_from(["comment.update", "im_receive_msg", "im_receive_msg_eu", "COMMENT"]), CONTENTS, SCALARS)
def test_any_content_costs_at_most_the_item(event: str, content: Any, account: Any) -> None:
    result = run({"event": event, "user_openid": account, "create_time": 1785698812, "content": content})
    assert isinstance(result, NormalizedBatch)
    assert len(result.tips) + len(result.ignored) + len(result.hydrations) >= 1


@given(JSON_VALUES, st.sampled_from(["comments", "messages"]))
def test_random_api_responses_raise_only_rejections_or_api_errors(data: Any, key: str) -> None:
    response = {"code": 0, "data": {key: data} if not isinstance(data, dict) else data}
    try:
        if key == "comments":
            parse_tiktok_comment_list(response, account="acct", ingested_at=INGESTED_AT, raw_sha256=None)
        else:
            parse_tiktok_dm_messages(
                response, account="acct", conversation_id="c", ingested_at=INGESTED_AT, raw_sha256=None
            )
    except (RejectedPayload, TikTokApiError):
        pass


@given(st.binary(max_size=256), st.dictionaries(st.just("tiktok-signature"), st.text(max_size=120)))
def test_random_signature_headers_only_ever_reject(body: bytes, headers: dict[str, str]) -> None:
    try:
        verify_tiktok(body, headers, "secret", now=INGESTED_AT)
    except (MissingSignature, BadSignature):
        return
    raise AssertionError("a random header verified")


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


def _decoded(path: Path) -> dict[str, Any]:
    payload: dict[str, Any] = json.loads(path.read_bytes())
    payload["content"] = json.loads(payload["content"])  # mutate inside the content too
    return payload


WEBHOOKS = [_decoded(p) for p in sorted(FIXTURES.glob("*.json")) if "content" in json.loads(p.read_bytes())]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(WEBHOOKS), st.data(), st.booleans())
def test_mutated_fixtures_only_ever_reject_at_the_envelope(
    payload: dict[str, Any], data: st.DataObject, encode: bool
) -> None:
    path = data.draw(st.sampled_from(_paths(payload)[1:]))
    mutated = _replace(payload, path, data.draw(JSON_VALUES))
    if encode and isinstance(mutated.get("content"), dict):
        mutated["content"] = json.dumps(mutated["content"])
    result = run(mutated)
    if isinstance(result, RejectedPayload):
        assert path in (("event",), ("content",))
