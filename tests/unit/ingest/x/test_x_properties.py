"""Whatever arrives, the X parsers answer with a batch or a RejectedPayload, never another exception."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from services.ingest.errors import BadSignature, MissingSignature, RejectedPayload
from services.ingest.normalized import NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.x import normalize_x, verify_x
from tests.unit.ingest.x.support import FIXTURES, INGESTED_AT, POLICE

KEYS = st.sampled_from(
    [
        "for_user_id", "user_has_blocked", "tweet_create_events", "tweet_delete_events", "direct_message_events",
        "favorite_events", "user_event", "users", "id", "id_str", "text", "truncated", "extended_tweet",
        "full_text", "user", "screen_name", "created_at", "timestamp_ms", "in_reply_to_status_id_str",
        "in_reply_to_user_id_str", "retweeted_status", "quoted_status", "edit_history", "initial_tweet_id",
        "status", "user_id", "type", "message_create", "sender_id", "message_data", "attachment", "media",
        "created_timestamp", "data", "event_uuid", "filter", "event_type", "payload", "includes", "author_id",
        "referenced_tweets", "edit_history_tweet_ids", "note_tweet", "attachments", "media_keys", "meta",
        "errors", "delete", "tweet", "event_at", "username",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(
        [POLICE, "message_create", "dm.received", "dm.sent", "post.delete", "chat.received", "replied_to",
         "retweeted", "quoted", "MessageCreate", "Tue Jun 09 16:05:33 +0000 2026", "2026-06-09T16:05:33.000Z",
         "1781021133812", "true", "99999999999999999999"]
    ),
)  # fmt: skip
JSON_VALUES = st.recursive(
    SCALARS,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), children, max_size=6),
    ),
    max_leaves=40,
)
FIXTURE_PAYLOADS = [json.loads(path.read_bytes()) for path in sorted(FIXTURES.glob("*.json"))]
# The only places whose damage may reject a whole payload: the envelope fields.
ENVELOPE_PATHS = {("for_user_id",), ("data",), ("data", "event_type"), ("data", "event_uuid"), ("data", "filter")}


def run(payload: Any, account_id: str | None = None) -> NormalizedBatch | RejectedPayload:
    try:
        return normalize_x(payload, raw_sha256=None, ingested_at=INGESTED_AT, account_id=account_id)
    except RejectedPayload as exc:
        return exc


@given(st.binary(max_size=512))
def test_random_bytes_only_ever_reject(body: bytes) -> None:
    try:
        payload = parse_json_body(body)
    except RejectedPayload:
        return
    assert isinstance(run(payload), NormalizedBatch | RejectedPayload)


@given(st.dictionaries(st.one_of(KEYS, st.text(max_size=8)), JSON_VALUES, max_size=6))
def test_random_json_only_ever_rejects(value: dict[str, Any]) -> None:
    payload = parse_json_body(json.dumps(value).encode())
    assert isinstance(run(payload, account_id=POLICE), NormalizedBatch | RejectedPayload)


@given(st.lists(JSON_VALUES, max_size=4), st.sampled_from(["tweet_create_events", "direct_message_events"]))
def test_random_aaa_items_each_end_in_one_outcome(items: list[Any], key: str) -> None:
    result = run({"for_user_id": POLICE, key: items})
    assert isinstance(result, NormalizedBatch)
    assert len(result.tips) + len(result.ignored) == len(items)


@given(st.lists(JSON_VALUES, max_size=4))
def test_random_v2_posts_each_end_in_one_outcome(items: list[Any]) -> None:
    result = run({"data": items, "meta": {"result_count": len(items)}}, account_id=POLICE)
    assert isinstance(result, NormalizedBatch)
    assert len(result.tips) + len(result.ignored) == len(items)


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


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIXTURE_PAYLOADS), st.data())
def test_mutated_fixtures_only_ever_reject_at_the_envelope(payload: dict[str, Any], data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(_paths(payload)[1:]))
    result = run(_replace(payload, path, data.draw(JSON_VALUES)), account_id=POLICE)
    if isinstance(result, RejectedPayload):
        assert path in ENVELOPE_PATHS or len(path) == 1


@given(
    st.binary(max_size=256),
    st.dictionaries(
        st.sampled_from(["x-twitter-webhooks-signature", "x-twitter-webhooks-signature-oauth2", "content-type"]),
        st.text(max_size=60),
    ),
)
def test_verify_x_only_ever_rejects(body: bytes, headers: dict[str, str]) -> None:
    # Random headers never carry a valid HMAC: the answer is always one of the two rejections.
    with pytest.raises((MissingSignature, BadSignature)):
        verify_x(body, headers, "consumer", oauth2_secret="client")


def test_fixture_folder_is_not_empty() -> None:
    assert len(FIXTURE_PAYLOADS) >= 20
    assert all(isinstance(p, dict) for p in FIXTURE_PAYLOADS)
    assert Path(FIXTURES / "aaa_mention_tweet_create.json").exists()
