"""Telegram updates beyond the shared fixture: edits, media, groups, ignores, getUpdates, business chats."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.ingest.errors import MalformedPayload, UnsupportedPayload
from services.ingest.normalized import Ignored, NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.telegram import normalize_telegram
from shared.contracts import Attachment, Source, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "telegram"
INGESTED_AT = datetime(2026, 9, 14, 7, 0, tzinfo=UTC)
BOT = "7012345678"


def load(name: str) -> dict[str, Any]:
    payload: dict[str, Any] = parse_json_body((FIXTURES / name).read_bytes())
    return payload


def normalize(payload: dict[str, Any], source: Source = Source.WEBHOOK) -> NormalizedBatch:
    return normalize_telegram(payload, raw_sha256="cd" * 32, ingested_at=INGESTED_AT, source=source, bot_id=BOT)


def only_ignored(batch: NormalizedBatch) -> Ignored:
    assert batch.tips == ()
    assert len(batch.ignored) == 1
    return batch.ignored[0]


def test_edit_updates_the_original_message() -> None:
    (tip,) = normalize(load("edited_message.json")).tips
    assert tip.event is TipEvent.EDIT
    assert tip.platform_message_id == "612345789:52"
    assert tip.tip_id == tip_id_for("telegram", "612345789:52")
    assert tip.created_at == datetime.fromtimestamp(1789368610, UTC)  # edit_date, not date
    assert tip.text is not None
    assert "VNL" in tip.text


def test_group_photo_with_caption_and_reply() -> None:
    (tip,) = normalize(load("group_photo_caption_reply.json")).tips
    assert tip.platform_message_id == "-1001987654321:1207"
    assert tip.kind is TipKind.COMMENT
    assert tip.author_id == "734561234"
    assert tip.author_handle == "@karim_vo"
    assert tip.text == "Deze scooter staat sinds gisteren zonder kenteken in de bosjes bij het Vijverpark."
    assert tip.attachments == (Attachment(type="photo", platform_id="AgACAgQAAxkBAAIEt2large"),)
    assert tip.parent_id == "-1001987654321:1201"


def test_voice_without_caption_has_no_text() -> None:
    (tip,) = normalize(load("voice_without_caption.json")).tips
    assert tip.text is None
    assert tip.attachments == (Attachment(type="voice", platform_id="AwACAgQAAxkBAAIEvoice"),)
    assert tip.kind is TipKind.DM


def test_location_becomes_a_geo_uri() -> None:
    (tip,) = normalize(load("location.json")).tips
    assert tip.attachments == (Attachment(type="location", url="geo:52.091234,5.121987"),)


def test_author_without_username_has_no_handle() -> None:
    payload = load("message_text.json")
    del payload["message"]["from"]["username"]
    (tip,) = normalize(payload).tips
    assert tip.author_handle is None
    assert tip.author_id == "612345789"


def test_animation_is_one_attachment_not_two() -> None:
    payload = load("voice_without_caption.json")
    message = payload["message"]
    del message["voice"]
    message["animation"] = {"file_id": "CgACAgQanim", "file_unique_id": "a", "width": 1, "height": 1, "duration": 1}
    message["document"] = {"file_id": "CgACAgQanim", "file_unique_id": "a"}
    (tip,) = normalize(payload).tips
    assert tip.attachments == (Attachment(type="animation", platform_id="CgACAgQanim"),)


@pytest.mark.parametrize(
    ("name", "reason", "message_id"),
    [
        ("bot_message.json", "bot_message", "-1001987654321:1210"),
        ("service_new_members.json", "service_message", "-1001987654321:1211"),
        ("callback_query.json", "callback_query", "612345789:60"),
        ("my_chat_member.json", "membership_change", None),
        ("message_reaction.json", "reaction", "-1001987654321:1207"),
        ("channel_post.json", "channel_post", "-1001122334455:310"),
        ("business_message_own_reply.json", "own_account_message", "956781234:4002"),
    ],
)
def test_non_citizen_updates_are_ignored_with_a_reason(name: str, reason: str, message_id: str | None) -> None:
    item = only_ignored(normalize(load(name)))
    assert (item.reason, item.platform_message_id) == (reason, message_id)


def test_message_sent_as_a_chat_is_ignored() -> None:
    payload = load("group_photo_caption_reply.json")
    payload["message"]["sender_chat"] = {"id": -1001122334455, "type": "channel", "title": "x"}
    assert only_ignored(normalize(payload)).reason == "sent_as_chat"


def test_contact_card_is_not_copied() -> None:
    payload = load("message_text.json")
    message = payload["message"]
    del message["text"]
    message["contact"] = {"phone_number": "+31612345678", "first_name": "Piet", "user_id": 1}
    item = only_ignored(normalize(payload))
    assert item.reason == "unsupported_content"
    assert "31612345678" not in item.model_dump_json()


def test_unknown_update_kind_is_ignored() -> None:
    item = only_ignored(normalize({"update_id": 1, "something_new": {"x": 1}}))
    assert (item.reason, item.detail) == ("unsupported_item", "update something_new")


def test_get_updates_response_keeps_every_update() -> None:
    batch = normalize(load("get_updates.json"), source=Source.POLL)
    text, document = batch.tips
    assert text.platform_message_id == "612345789:55"
    assert text.source is Source.POLL
    assert document.text == "Dashcambeelen van vanochtend"
    assert document.attachments == (Attachment(type="document", platform_id="BQACAgQAAxkBAAIEdoc"),)
    assert [(i.reason, i.platform_message_id) for i in batch.ignored] == [
        ("reaction", "612345789:61"),
        ("malformed_item", None),  # message_id "57" is a string: Telegram ids are integers
    ]


def test_get_updates_error_is_unsupported_with_the_description() -> None:
    with pytest.raises(UnsupportedPayload, match="Conflict: can't use getUpdates"):
        normalize(load("get_updates_error.json"))


@pytest.mark.parametrize(
    ("payload", "error"),
    [
        ({"ok": True, "result": {}}, MalformedPayload),
        ({"ok": "yes", "result": []}, MalformedPayload),
        ({"object": "page"}, UnsupportedPayload),
        ({}, UnsupportedPayload),
    ],
)
def test_envelope_errors(payload: dict[str, Any], error: type[Exception]) -> None:
    with pytest.raises(error):
        normalize(payload)


def test_empty_get_updates_is_an_empty_batch() -> None:
    assert normalize({"ok": True, "result": []}) == NormalizedBatch()


def test_business_message_from_a_citizen() -> None:
    (tip,) = normalize(load("business_message.json")).tips
    assert tip.platform_message_id == "956781234:4001"
    assert tip.kind is TipKind.DM
    assert tip.author_id == "956781234"
    assert tip.author_handle == "@lotte_vw"
    assert tip.received_on == BOT


def test_business_edit_is_an_edit() -> None:
    payload = load("business_message.json")
    message = payload.pop("business_message") | {"edit_date": 1789372500}
    (tip,) = normalize(payload | {"edited_business_message": message}).tips
    assert tip.event is TipEvent.EDIT
    assert tip.created_at == datetime.fromtimestamp(1789372500, UTC)


def test_deleted_business_messages_are_tombstones() -> None:
    batch = normalize(load("deleted_business_messages.json"))
    assert [(t.platform_message_id, t.event, t.text, t.kind) for t in batch.tips] == [
        ("956781234:4001", TipEvent.DELETE, None, TipKind.DM),
        ("956781234:4003", TipEvent.DELETE, None, TipKind.DM),
    ]
    assert batch.tips[0].tip_id == tip_id_for("telegram", "956781234:4001")
    assert batch.tips[0].created_at == INGESTED_AT


@pytest.mark.parametrize(
    "mutation",
    [
        {"chat": None},
        {"chat": {"id": "612345789", "type": "private"}},
        {"message_id": 52.0},
        {"date": "1789368492"},
        {"text": 42},
        {"from": None},
        {"photo": [{"file_id": 7}]},
        {"location": {"latitude": "52", "longitude": 5}},
    ],
)
def test_a_broken_message_costs_only_itself(mutation: dict[str, Any]) -> None:
    good = load("message_text.json")
    broken = {"update_id": 2, "message": good["message"] | mutation}
    batch = normalize({"ok": True, "result": [broken, good]})
    assert [t.platform_message_id for t in batch.tips] == ["612345789:52"]
    assert [i.reason for i in batch.ignored] == ["malformed_item"]


def test_naive_ingested_at_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        normalize_telegram(load("message_text.json"), raw_sha256=None, ingested_at=datetime(2026, 9, 14))  # noqa: DTZ001
