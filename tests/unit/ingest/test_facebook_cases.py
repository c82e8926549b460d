"""Facebook deliveries beyond the two shared fixtures: batches, edits, deletes, echoes, receipts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.ingest.adapters import ADAPTERS
from services.ingest.errors import MalformedPayload, UnsupportedPayload
from services.ingest.normalized import Ignored, NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.facebook import normalize_facebook
from shared.contracts import Attachment, Platform, Source, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "facebook"
INGESTED_AT = datetime(2026, 3, 20, 12, 0, tzinfo=UTC)
PAGE_A = "104857600123456"
PAGE_B = "104857600987654"
PSID = "7651234098761234"


def load(name: str) -> dict[str, Any]:
    payload: dict[str, Any] = parse_json_body((FIXTURES / name).read_bytes())
    return payload


def normalize(payload: dict[str, Any], source: Source = Source.WEBHOOK) -> NormalizedBatch:
    return normalize_facebook(payload, raw_sha256="ab" * 32, ingested_at=INGESTED_AT, source=source)


def only_ignored(batch: NormalizedBatch) -> Ignored:
    assert batch.tips == ()
    assert len(batch.ignored) == 1
    return batch.ignored[0]


def test_batch_with_two_pages_keeps_every_item_and_its_page() -> None:
    batch = normalize(load("feed_batch_two_pages.json"))
    by_id = {tip.platform_message_id: tip for tip in batch.tips}
    assert {(tip.platform_message_id, tip.received_on, tip.kind) for tip in batch.tips} == {
        ("122187645093218765_1402958374619001", PAGE_A, TipKind.COMMENT),
        (f"{PAGE_A}_122190000000000001", PAGE_A, TipKind.POST),
        ("122191111111111111_1403000000000001", PAGE_B, TipKind.COMMENT),
        (f"{PAGE_B}_122192222222222222", PAGE_B, TipKind.POST),
    }
    assert [(item.reason, item.platform_message_id) for item in batch.ignored] == [
        ("reaction", f"{PAGE_A}_122187645093218765"),
        ("own_page_reply", "122191111111111111_1403000000000002"),
    ]
    reply = by_id["122187645093218765_1402958374619001"]
    assert reply.parent_id == "122187645093218765_1402958374610293"
    assert reply.text == "Bij het café op de Markt is vannacht weer ingebroken, de ruit ligt eruit."
    assert reply.created_at == datetime.fromtimestamp(1773299990, UTC)
    photo = by_id[f"{PAGE_B}_122192222222222222"]
    assert photo.attachments == (
        Attachment(
            type="photo",
            url="https://scontent.xx.fbcdn.net/v/t39.30808-6/photo_1403000000000003.jpg",
            platform_id="1403000000000003",
        ),
    )
    assert photo.parent_id is None


def test_no_display_name_survives_a_batch() -> None:
    dumped = normalize(load("feed_batch_two_pages.json")).model_dump_json()
    for name in ("Jeroen", "Anouk", "Mehmet", "Ilse", "Piet", "Rivierstad"):
        assert name not in dumped


def test_comment_edit() -> None:
    tip = normalize(load("feed_comment_edited.json")).tips[0]
    assert tip.event is TipEvent.EDIT
    assert tip.platform_message_id == "122187645093218765_1402958374610293"
    assert tip.tip_id == tip_id_for("facebook", "122187645093218765_1402958374610293")
    assert tip.text is not None
    assert tip.text.endswith("(rond 8:15).")


def test_comment_remove_is_a_tombstone_timed_by_the_notification() -> None:
    batch = normalize(load("feed_comment_remove.json"))
    assert batch.ignored == ()
    (tip,) = batch.tips
    assert tip.event is TipEvent.DELETE
    assert tip.platform_message_id == "122187645093218765_1402958374610293"
    assert tip.text is None
    assert tip.kind is TipKind.COMMENT
    # No created_time on this remove: entry.time (epoch seconds) is the best time we have.
    assert tip.created_at == datetime.fromtimestamp(1773219600, UTC)


def test_own_page_reply_is_ignored() -> None:
    item = only_ignored(normalize(load("feed_own_page_reply.json")))
    assert item.reason == "own_page_reply"
    assert item.platform_message_id == "122187645093218765_1402958374612222"


def test_visitor_post() -> None:
    (tip,) = normalize(load("feed_visitor_post.json")).tips
    assert tip.kind is TipKind.POST
    assert tip.platform is Platform.FACEBOOK
    assert tip.platform_message_id == f"{PAGE_A}_122199999999999999"
    assert tip.author_id == "8123456789010009"
    assert tip.parent_id is None
    assert tip.created_at == datetime(2026, 3, 13, 11, 6, 30, tzinfo=UTC)


@pytest.mark.parametrize(
    ("name", "reason", "message_id"),
    [
        ("messenger_echo.json", "own_page_echo", "m_echo-aW5zdGFuY2VfZWNob18wMDAx"),
        ("messenger_delivery.json", "delivery_receipt", "m_echo-aW5zdGFuY2VfZWNob18wMDAx"),
        ("messenger_read.json", "read_receipt", None),
        ("messenger_reaction.json", "reaction", "m_echo-aW5zdGFuY2VfZWNob18wMDAx"),
    ],
)
def test_messenger_non_messages_are_ignored_with_reason(name: str, reason: str, message_id: str | None) -> None:
    item = only_ignored(normalize(load(name)))
    assert item.reason == reason
    assert item.platform_message_id == message_id


def test_attachment_only_message() -> None:
    (tip,) = normalize(load("messenger_attachment_only.json")).tips
    assert tip.text is None
    assert tip.kind is TipKind.DM
    assert tip.platform_message_id == "m_attach-aW1hZ2Vfb25seV8wMDAx"
    assert tip.attachments == (
        Attachment(type="image", url="https://scontent.xx.fbcdn.net/v/t1.15752-9/image_0001.jpg"),
    )
    assert tip.created_at == datetime(2026, 3, 14, 19, 35, 0, 123000, tzinfo=UTC)


def test_message_edit_updates_the_same_tip() -> None:
    (tip,) = normalize(load("messenger_edit.json")).tips
    original = normalize(load("messenger_text.json")).tips[0]
    assert tip.event is TipEvent.EDIT
    assert tip.tip_id == original.tip_id
    assert tip.author_id == PSID
    assert tip.text is not None
    assert "Kastanjelaan 14" in tip.text
    assert tip.created_at == datetime(2026, 3, 14, 19, 36, 40, 456000, tzinfo=UTC)


def test_malformed_items_do_not_cost_the_good_ones() -> None:
    batch = normalize(load("feed_malformed_mixed.json"))
    assert [tip.platform_message_id for tip in batch.tips] == [
        "122187645093218765_1402958374617001",
        "122187645093218765_1402958374617002",
    ]
    assert [item.reason for item in batch.ignored] == ["malformed_item"] * 5
    details = [item.detail for item in batch.ignored]
    assert "value.comment_id is missing or not an id" in details
    assert "change.value is missing or not an object" in details
    assert "timestamp is missing or not a number" in details
    assert "entry.id is missing or not an id" in details
    assert "message.mid is missing or not an id" in details
    assert batch.ignored[2].platform_message_id == "122187645093218765_1402958374617003"


def test_source_and_hash_are_carried() -> None:
    batch = normalize(load("feed_visitor_post.json"), source=Source.POLL)
    assert batch.tips[0].source is Source.POLL
    assert batch.tips[0].raw_sha256 == "ab" * 32


def envelope(*items: dict[str, Any], key: str = "messaging") -> dict[str, Any]:
    return {"object": "page", "entry": [{"id": PAGE_A, "time": 1773516800000, key: list(items)}]}


def message_event(message: dict[str, Any], sender: str = PSID) -> dict[str, Any]:
    return {"sender": {"id": sender}, "recipient": {"id": PAGE_A}, "timestamp": 1773516800000, "message": message}


def test_standby_events_are_read_like_messaging() -> None:
    batch = normalize(envelope(message_event({"mid": "m_1", "text": "Hallo"}), key="standby"))
    assert [tip.platform_message_id for tip in batch.tips] == ["m_1"]


def test_reply_to_becomes_parent_and_integer_ids_stay_exact() -> None:
    event = message_event({"mid": "m_2", "text": "En nog iets", "reply_to": {"mid": "m_1"}})
    event["sender"]["id"] = 76512340987612345678
    (tip,) = normalize(envelope(event)).tips
    assert tip.parent_id == "m_1"
    assert tip.author_id == "76512340987612345678"


def test_message_from_the_page_without_echo_flag_is_still_an_echo() -> None:
    item = only_ignored(normalize(envelope(message_event({"mid": "m_3", "text": "x"}, sender=PAGE_A))))
    assert item.reason == "own_page_echo"


def test_empty_message_and_unknown_events_are_ignored_not_dropped() -> None:
    batch = normalize(envelope(message_event({"mid": "m_4"}), {"sender": {"id": PSID}, "postback": {"title": "x"}}))
    assert [(item.reason, item.platform_message_id) for item in batch.ignored] == [
        ("empty_message", "m_4"),
        ("unsupported_item", None),
    ]
    assert batch.ignored[1].detail == "messenger event postback"


def test_unknown_feed_items_fields_and_verbs() -> None:
    changes = [
        {"field": "ratings", "value": {}},
        {"field": "feed", "value": {"item": "share", "verb": "add", "post_id": "1_2"}},
        {"field": "feed", "value": {"item": "comment", "verb": "hide", "comment_id": "2_3", "created_time": 1}},
        {"field": "feed", "value": {"item": ["comment"], "verb": {"x": 1}}},
    ]
    batch = normalize({"object": "page", "entry": [{"id": PAGE_A, "time": 1, "changes": changes}]})
    assert batch.tips == ()
    assert [(item.reason, item.platform_message_id) for item in batch.ignored] == [
        ("unsupported_item", None),
        ("unsupported_item", "1_2"),
        ("unsupported_item", "2_3"),
        ("unsupported_item", None),
    ]
    assert batch.ignored[2].detail == "feed comment verb 'hide'"


def test_entry_without_items_is_reported() -> None:
    item = only_ignored(normalize({"object": "page", "entry": [{"id": PAGE_A, "time": 1, "changed_fields": ["feed"]}]}))
    assert item.reason == "unsupported_item"


def test_other_objects_are_unsupported() -> None:
    with pytest.raises(UnsupportedPayload, match="'instagram'") as caught:
        normalize({"object": "instagram", "entry": []})
    assert caught.value.status_code == 422


def test_entry_must_be_a_list() -> None:
    with pytest.raises(MalformedPayload, match="'entry' must be a list"):
        normalize({"object": "page", "entry": {"id": PAGE_A}})


def test_naive_ingest_time_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        normalize_facebook(load("feed_visitor_post.json"), raw_sha256=None, ingested_at=datetime(2026, 1, 1))  # noqa: DTZ001


def test_registry_names_the_facebook_normalizer() -> None:
    assert ADAPTERS["facebook"].normalize is normalize_facebook


def test_fixture_files_are_valid_json_with_escaped_unicode() -> None:
    for path in FIXTURES.glob("*.json"):
        raw = path.read_bytes()
        assert raw.isascii(), path.name
        json.loads(raw)
