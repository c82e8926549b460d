"""TikTok deliveries beyond the shared fixtures: replies, deletes, visibility, EU DMs, echoes, API errors."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.ingest.errors import MalformedPayload, UnsupportedPayload
from services.ingest.normalized import Hydration, Ignored, NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.tiktok import (
    TikTokApiError,
    normalize_tiktok,
    parse_tiktok_comment_list,
    parse_tiktok_dm_messages,
    sign_tiktok,
    verify_tiktok,
)
from shared.contracts import Attachment, Source, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "tiktok"
INGESTED_AT = datetime(2026, 8, 6, 9, 0, tzinfo=UTC)
ACCOUNT = "-000PvL7tVoorstadBizAcct01Xq"


def load(name: str) -> dict[str, Any]:
    payload: dict[str, Any] = parse_json_body((FIXTURES / name).read_bytes())
    return payload


def normalize(payload: dict[str, Any]) -> NormalizedBatch:
    return normalize_tiktok(payload, raw_sha256="ab" * 32, ingested_at=INGESTED_AT)


def only_ignored(batch: NormalizedBatch) -> Ignored:
    assert batch.tips == ()
    assert batch.hydrations == ()
    assert len(batch.ignored) == 1
    return batch.ignored[0]


def with_content(name: str, **changes: Any) -> dict[str, Any]:
    payload = load(name)
    content = json.loads(payload["content"]) | changes
    return payload | {"content": json.dumps(content)}


def test_reply_with_text_uses_the_text_and_still_hydrates() -> None:
    batch = normalize(load("comment_update_reply_with_text.json"))
    (tip,) = batch.tips
    assert tip.platform_message_id == "7669600000000000777"
    assert tip.text == "Klopt, ik zag het ook. Ze staan er elke avond vanaf een uur of negen."
    assert tip.parent_id == "7669517996328858162"
    assert tip.created_at == datetime(2026, 8, 2, 19, 46, 40, 456000, tzinfo=UTC)
    assert [h.kind for h in batch.hydrations] == ["tiktok_comment"]
    assert batch.hydrations[0].tip_id == tip.tip_id


def test_comment_delete_is_a_tombstone_of_the_original() -> None:
    batch = normalize(load("comment_update_delete.json"))
    (tip,) = batch.tips
    assert tip.event is TipEvent.DELETE
    assert tip.platform_message_id == "7669517996328858162"
    assert tip.tip_id == tip_id_for("tiktok", "7669517996328858162")
    assert tip.text is None
    assert batch.hydrations == ()  # nothing left to fetch
    assert batch.ignored == ()


@pytest.mark.parametrize("action", ["set_to_hidden", "set_to_friends_only", "set_to_public"])
def test_visibility_changes_are_ignored(action: str) -> None:
    item = only_ignored(normalize(with_content("comment_update_set_to_hidden.json", comment_action=action)))
    assert item.reason == "visibility_change"
    assert item.platform_message_id == "7669517996328858162"
    assert action in item.detail


def test_unknown_comment_action_is_ignored() -> None:
    item = only_ignored(normalize(with_content("comment_update_set_to_hidden.json", comment_action="pin")))
    assert item.reason == "unsupported_item"


def test_own_comment_in_a_webhook_is_ignored() -> None:
    item = only_ignored(normalize(with_content("comment_update_reply_with_text.json", owner=True)))
    assert item.reason == "own_account_comment"


def test_insert_without_video_id_is_malformed_not_fatal() -> None:
    payload = load("business_comment_update_insert.json")
    content = json.loads(payload["content"])
    del content["video_id"]
    item = only_ignored(normalize(payload | {"content": json.dumps(content)}))
    assert item.reason == "malformed_item"
    assert item.platform_message_id == "7669517996328858162"


def test_eu_dm_gives_no_tip_only_a_fetch() -> None:
    batch = normalize(load("dm_receive_eu.json"))
    assert batch.tips == ()
    assert batch.ignored == ()
    (fetch,) = batch.hydrations
    assert fetch.kind == "tiktok_dm_sync"
    assert fetch.params == {"account": ACCOUNT, "since": "2026-08-05T17:13:20.123000+00:00"}
    # Redelivery of the same notice collapses onto the same key.
    assert normalize(load("dm_receive_eu.json")).hydrations == batch.hydrations


def test_eu_dm_with_ids_targets_the_tip_the_fetch_will_produce() -> None:
    payload = with_content("dm_receive_eu.json", conversation_id="conv_7400000000000000009", message_id="msg_9")
    (fetch,) = normalize(payload).hydrations
    assert fetch == Hydration(
        platform="tiktok",
        kind="tiktok_dm",
        tip_id=tip_id_for("tiktok", "msg_9"),
        params={
            "account": ACCOUNT,
            "since": "2026-08-05T17:13:20.123000+00:00",
            "conversation_id": "conv_7400000000000000009",
            "message_id": "msg_9",
        },
    )


def test_echo_of_our_own_message_is_ignored() -> None:
    item = only_ignored(normalize(load("dm_send_echo.json")))
    assert item.reason == "own_account_message"
    assert item.platform_message_id == "msg_7400000000000000124"


def test_receive_event_sent_by_the_business_is_ignored() -> None:
    payload = load("dm_send_echo.json") | {"event": "im_receive_msg"}
    assert only_ignored(normalize(payload)).reason == "own_account_message"


def test_read_receipt_is_ignored() -> None:
    assert only_ignored(normalize(load("dm_mark_read.json"))).reason == "read_receipt"


def test_image_dm_without_text_keeps_the_media_and_the_quote() -> None:
    (tip,) = normalize(load("dm_receive_image.json")).tips
    assert tip.text is None
    assert tip.attachments == (Attachment(type="image", platform_id="v0a1b2c3d4e5f6media"),)
    assert tip.parent_id == "msg_7400000000000000123"
    assert tip.kind is TipKind.DM


def test_dm_reaction_is_ignored() -> None:
    payload = with_content("dm_receive_image.json", type="reaction", image=None)
    assert only_ignored(normalize(payload)).reason == "reaction"


def test_dm_of_unknown_type_without_content_is_ignored() -> None:
    payload = with_content("dm_receive_image.json", type="hologram", image=None)
    assert only_ignored(normalize(payload)).reason == "unsupported_content"


@pytest.mark.parametrize(
    ("event", "reason"),
    [
        ("im_referral_msg", "referral"),
        ("im_receive_high_intent_comment", "high_intent_comment"),
        ("authorization.removed", "account_event"),
        ("something.new", "unsupported_item"),
    ],
)
def test_other_events_are_ignored_with_a_reason(event: str, reason: str) -> None:
    assert only_ignored(normalize(load("dm_mark_read.json") | {"event": event})).reason == reason


def test_event_type_is_accepted_for_event() -> None:
    payload = load("business_comment_update_insert.json")
    payload["event_type"] = payload.pop("event")
    assert len(normalize(payload).tips) == 1


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"comment_id": NaN}', 42, None])
def test_a_bad_content_string_costs_only_the_item(content: object) -> None:
    item = only_ignored(normalize(load("business_comment_update_insert.json") | {"content": content}))
    assert item.reason == "malformed_item"


def test_float_ids_are_refused_because_they_lost_digits() -> None:
    payload = load("business_comment_update_insert.json")
    payload["content"] = payload["content"].replace("7669517996328858162", "7.669517996328858e18", 1)
    assert only_ignored(normalize(payload)).reason == "malformed_item"


def test_missing_account_is_malformed_item() -> None:
    payload = load("business_comment_update_insert.json")
    del payload["user_openid"]
    item = only_ignored(normalize(payload))
    assert (item.reason, item.platform_message_id) == ("malformed_item", "7669517996328858162")


@pytest.mark.parametrize("payload", [{"object": "page", "entry": []}, {"event": "comment.update"}, {"content": "{}"}])
def test_unknown_top_level_shape_is_unsupported(payload: dict[str, Any]) -> None:
    with pytest.raises(UnsupportedPayload):
        normalize(payload)


def test_naive_ingested_at_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        normalize_tiktok(load("dm_mark_read.json"), raw_sha256=None, ingested_at=datetime(2026, 8, 6))  # noqa: DTZ001


def test_own_fixtures_verify_with_the_documented_scheme() -> None:
    body = (FIXTURES / "dm_receive_eu.json").read_bytes()
    header = sign_tiktok(body, "s3cret", 1785950001)
    now = datetime.fromtimestamp(1785950001, UTC)
    assert verify_tiktok(body, {"tiktok-signature": header}, "s3cret", now=now) == "tiktok-hmac-sha256"


# --- comment list ---------------------------------------------------------------------------


def test_comment_list_hidden_own_and_broken_items() -> None:
    response = load("comment_list_mixed_response.json")
    batch = parse_tiktok_comment_list(response, account=ACCOUNT, ingested_at=INGESTED_AT, raw_sha256=None)
    (hidden,) = batch.tips
    assert hidden.platform_message_id == "7669600000000000777"
    assert hidden.author_id == "4b6d8f0a1c3e5a7b9d1f3a5c7e9b1d3f"
    assert hidden.author_handle is None  # no username; the display name is not a handle
    assert hidden.parent_id == "7669517996328858162"
    assert hidden.created_at == datetime(2026, 8, 2, 19, 46, 40, tzinfo=UTC)
    assert hidden.source is Source.POLL
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        ("7669600000000000888", "own_account_comment"),
        ("7669600000000000999", "malformed_item"),
    ]
    assert "Ruud" not in batch.model_dump_json()


def test_rate_limit_code_is_retryable() -> None:
    with pytest.raises(TikTokApiError) as caught:
        parse_tiktok_comment_list(
            load("comment_list_rate_limited.json"), account=ACCOUNT, ingested_at=INGESTED_AT, raw_sha256=None
        )
    assert caught.value.code == 40100
    assert caught.value.retryable is True
    assert caught.value.request_id == "2026080220000001234567890ABCDEF00"


@pytest.mark.parametrize(("code", "retryable"), [(40001, False), (40002, False), (40105, False), (51065, True)])
def test_other_codes(code: int, retryable: bool) -> None:
    response = load("comment_list_rate_limited.json") | {"code": code}
    with pytest.raises(TikTokApiError) as caught:
        parse_tiktok_comment_list(response, account=ACCOUNT, ingested_at=INGESTED_AT, raw_sha256=None)
    assert caught.value.retryable is retryable


@pytest.mark.parametrize(
    ("response", "error"),
    [
        ({"message": "OK"}, UnsupportedPayload),
        ({"code": "0", "data": {}}, UnsupportedPayload),
        ({"code": 0, "data": {"comments": {}}}, MalformedPayload),
        ({"code": 0}, MalformedPayload),
    ],
)
def test_comment_list_shape_errors(response: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        parse_tiktok_comment_list(response, account=ACCOUNT, ingested_at=INGESTED_AT, raw_sha256=None)


# --- DM message list (EU hydration) ----------------------------------------------------------


def test_dm_message_list() -> None:
    response = load("message_content_list_response.json")
    batch = parse_tiktok_dm_messages(
        response, account=ACCOUNT, conversation_id="conv_eu_1", ingested_at=INGESTED_AT, raw_sha256=None
    )
    text, image = batch.tips
    assert text.platform_message_id == "msg_7400000000000000200"
    assert text.tip_id == tip_id_for("tiktok", "msg_7400000000000000200")
    assert text.text is not None
    assert text.text.startswith("Goedenavond, achter de sporthal")
    assert text.author_id == "e1f3a5c7e9b1d3f5a7c9e1b3d5f7a9c1"
    assert text.author_handle is None
    assert text.created_at == datetime(2026, 8, 5, 17, 13, 20, 123000, tzinfo=UTC)
    assert text.parent_id == "conv_eu_1"
    assert text.kind is TipKind.DM
    assert text.source is Source.POLL
    assert image.attachments == (Attachment(type="image", platform_id="v0f9e8d7c6b5a4media"),)
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        ("msg_7400000000000000202", "own_account_message")
    ]
    assert "Iris" not in batch.model_dump_json()


def test_dm_message_without_timestamp_falls_back_to_the_fetch_time() -> None:
    response = load("message_content_list_response.json")
    del response["data"]["messages"][0]["timestamp"]
    batch = parse_tiktok_dm_messages(
        response, account=ACCOUNT, conversation_id="c", ingested_at=INGESTED_AT, raw_sha256=None
    )
    assert batch.tips[0].created_at == INGESTED_AT
