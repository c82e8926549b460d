"""Whatever arrives, the Telegram parser answers with a batch or a RejectedPayload, never another exception."""

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
from services.ingest.platforms.telegram import normalize_telegram, verify_telegram

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "telegram"
INGESTED_AT = datetime(2026, 9, 14, 7, 0, tzinfo=UTC)
KEYS = st.sampled_from(
    [
        "update_id", "ok", "result", "description", "message", "edited_message", "business_message",
        "deleted_business_messages", "channel_post", "callback_query", "message_reaction", "message_id", "from",
        "chat", "id", "type", "is_bot", "username", "date", "edit_date", "text", "caption", "photo", "file_id",
        "voice", "document", "animation", "location", "latitude", "longitude", "reply_to_message", "sender_chat",
        "new_chat_members", "message_ids", "sender_business_bot",
    ]
)  # fmt: skip
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
    st.sampled_from(["private", "group", "supergroup", "channel"]),
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
        return normalize_telegram(payload, raw_sha256=None, ingested_at=INGESTED_AT)
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


@given(st.lists(JSON_VALUES, max_size=4))
def test_random_updates_each_end_in_an_outcome(updates: list[Any]) -> None:
    result = run({"ok": True, "result": updates})
    assert isinstance(result, NormalizedBatch)
    assert len(result.tips) + len(result.ignored) >= len(updates)


@given(st.dictionaries(st.just("x-telegram-bot-api-secret-token"), st.text(max_size=40)))
def test_random_tokens_only_ever_reject(headers: dict[str, str]) -> None:
    try:
        verify_telegram(b"{}", headers, "tg-secret-token-Voorstad_2026")
    except (MissingSignature, BadSignature):
        return
    raise AssertionError("a random token verified")


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


UPDATES = [
    json.loads(p.read_bytes()) for p in sorted(FIXTURES.glob("*.json")) if "update_id" in json.loads(p.read_bytes())
]


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(UPDATES), st.data())
def test_mutated_updates_cost_at_most_themselves(update: dict[str, Any], data: st.DataObject) -> None:
    path = data.draw(st.sampled_from(_paths(update)[1:]))
    mutated = _replace(update, path, data.draw(JSON_VALUES))
    result = run({"ok": True, "result": [mutated]})
    assert isinstance(result, NormalizedBatch)
    assert len(result.tips) + len(result.ignored) >= 1
