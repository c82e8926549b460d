"""Instagram deliveries beyond the shared fixtures: both envelopes, batches, own replies, mentions, DM events."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from services.ingest.errors import MalformedPayload, UnsupportedPayload
from services.ingest.normalized import Hydration, Ignored, NormalizedBatch
from services.ingest.payloads import parse_json_body
from services.ingest.platforms.instagram import normalize_instagram
from shared.contracts import Attachment, Platform, Source, TipEvent, TipKind, tip_id_for

FIXTURES = Path(__file__).resolve().parents[3] / "fixtures" / "instagram"
INGESTED_AT = datetime(2026, 4, 6, 12, 0, tzinfo=UTC)
ACCOUNT = "17841400000012345"
ACCOUNT_B = "17841400000067890"
IGSID = "6789012345678901"
DM_MID = (
    "aWdfbWVzc2FnZV9pdGVtOjE6SUdNZXNzYWdlVGhyZWFkOjE3ODQxNDAwMDAwMDEyMzQ1Ojk2NTU1NDIwMDI2MjgyODYy"
    "MzMwODEwNjAzNTM1NDYxNzM1NTU1"
)


def mid(n: int) -> str:
    return f"aWdfbWVzc2FnZV9pdGVtOjE6SUdNZXNzYWdlVGhyZWFkOjE3ODQxNDAwMDAwMDEyMzQ1Ojk2NTU1NDIwMDI2MjgyODYyMzMwODEwNjAzNTM1NDYxNzM1{n:05d}"


def load(name: str) -> dict[str, Any]:
    payload: dict[str, Any] = parse_json_body((FIXTURES / name).read_bytes())
    return payload


def normalize(payload: dict[str, Any], source: Source = Source.WEBHOOK) -> NormalizedBatch:
    return normalize_instagram(payload, raw_sha256="ab" * 32, ingested_at=INGESTED_AT, source=source)


def only_ignored(batch: NormalizedBatch) -> Ignored:
    assert batch.tips == ()
    assert batch.hydrations == ()
    assert len(batch.ignored) == 1
    return batch.ignored[0]


def test_flat_envelope_reply_keeps_its_parent_comment() -> None:
    (tip,) = normalize(load("comment_flat_reply.json")).tips
    assert tip.platform_message_id == "17912345678909999"
    assert tip.kind is TipKind.COMMENT
    assert tip.parent_id == "17912345678901234"
    assert tip.author_id == "1789001234567891"
    assert tip.author_handle == "ruud.bakker_"
    assert tip.text == "Klopt, ik zie ze ook elke avond bij het café. Ze rijden zonder licht."
    assert tip.created_at == datetime.fromtimestamp(1775154373, UTC)
    assert tip.received_on == ACCOUNT


def test_batch_keeps_every_item_and_its_account() -> None:
    batch = normalize(load("comments_batch.json"))
    assert {(t.platform_message_id, t.received_on, t.parent_id) for t in batch.tips} == {
        ("17912345678900001", ACCOUNT, "18072345678905555"),
        ("17912345678900004", ACCOUNT_B, "18072345678906666"),  # a live_comments item
    }
    assert [(i.platform_message_id, i.reason) for i in batch.ignored] == [
        ("17912345678900002", "own_account_comment"),  # from.id == entry.id
        ("17912345678900003", "own_account_comment"),  # self_ig_scoped_id
        (None, "unsupported_item"),
    ]
    assert all(t.kind is TipKind.COMMENT for t in batch.tips)


def test_comment_mention_asks_for_a_fetch() -> None:
    batch = normalize(load("mention_comment.json"))
    assert batch.tips == ()
    assert batch.ignored == ()
    assert batch.hydrations == (
        Hydration(
            platform="instagram",
            kind="instagram_mention",
            tip_id=tip_id_for("instagram", "17912345678908888"),
            params={
                "account_id": ACCOUNT,
                "media_id": "18072345678907777",
                "comment_id": "17912345678908888",
                "tip_kind": "post",
                "notified_at": "2026-04-02T18:27:13+00:00",
            },
        ),
    )


def test_caption_mention_is_keyed_on_the_media() -> None:
    (hydration,) = normalize(load("mention_caption.json")).hydrations
    assert hydration.tip_id == tip_id_for("instagram", "18072345678907778")
    assert "comment_id" not in hydration.params
    assert hydration.params["media_id"] == "18072345678907778"


def test_mention_with_text_is_a_post_tip() -> None:
    payload = load("mention_comment.json")
    payload["entry"][0]["changes"][0]["value"]["text"] = "@politie_voorstad hier wordt weer hard gereden"
    batch = normalize(payload)
    assert batch.hydrations == ()
    (tip,) = batch.tips
    assert tip.kind is TipKind.POST
    assert tip.platform_message_id == "17912345678908888"
    assert tip.parent_id == "18072345678907777"


def test_attachment_only_messages_are_tips_without_text() -> None:
    batch = normalize(load("dm_attachments.json"))
    assert batch.ignored == ()
    by_id = {t.platform_message_id: t for t in batch.tips}
    assert by_id[mid(1)].text is None
    assert [a.type for a in by_id[mid(1)].attachments] == ["image", "video"]
    assert by_id[mid(2)].attachments == (
        Attachment(
            type="story_mention",
            url="https://lookaside.fbsbx.com/ig_messaging_cdn/?asset_id=1800000000000003&signature=ghi",
        ),
    )
    assert by_id[mid(3)].text == "Kijk, dit is de auto waar ik het over had."
    assert by_id[mid(3)].attachments[0].type == "share"
    assert by_id[mid(4)].attachments[0].platform_id == "1800000000000005"
    assert all(t.kind is TipKind.DM and t.author_id == IGSID for t in batch.tips)


def test_echo_is_ignored() -> None:
    item = only_ignored(normalize(load("dm_echo.json")))
    assert (item.platform_message_id, item.reason) == (mid(10), "own_account_echo")


def test_unsent_message_is_a_tombstone() -> None:
    batch = normalize(load("dm_deleted.json"))
    assert batch.ignored == ()
    (tip,) = batch.tips
    assert tip.event is TipEvent.DELETE
    assert tip.platform_message_id == DM_MID
    assert tip.tip_id == tip_id_for(Platform.INSTAGRAM, DM_MID)
    assert tip.text is None
    assert tip.created_at == datetime.fromtimestamp(1775426600, UTC)


def test_unsupported_message_is_ignored() -> None:
    item = only_ignored(normalize(load("dm_unsupported.json")))
    assert (item.platform_message_id, item.reason) == (mid(11), "unsupported_message")


def test_edit_updates_the_original_message() -> None:
    (tip,) = normalize(load("dm_edit.json")).tips
    assert tip.event is TipEvent.EDIT
    assert tip.platform_message_id == DM_MID
    assert tip.text is not None
    assert "nummer 24" in tip.text


def test_replies_name_their_parent() -> None:
    by_id = {t.platform_message_id: t for t in normalize(load("dm_reply_to.json")).tips}
    assert by_id[mid(12)].parent_id == DM_MID
    assert by_id[mid(13)].parent_id == "18000000000000009"  # a reply to the account's story


def test_reactions_receipts_postbacks_and_referrals_are_ignored() -> None:
    batch = normalize(load("dm_not_messages.json"))
    assert batch.tips == ()
    assert [(i.reason, i.platform_message_id) for i in batch.ignored] == [
        ("reaction", DM_MID),
        ("read_receipt", mid(10)),
        ("postback", mid(14)),
        ("referral", None),
    ]


def test_messaging_event_inside_changes() -> None:
    (tip,) = normalize(load("dm_as_change.json")).tips
    assert tip.kind is TipKind.DM
    assert tip.platform_message_id == mid(15)
    assert tip.created_at == datetime(2026, 4, 5, 22, 11, 40, tzinfo=UTC)


def test_standby_is_read_like_messaging() -> None:
    payload = load("dm_text.json")
    payload["entry"][0]["standby"] = payload["entry"][0].pop("messaging")
    (tip,) = normalize(payload).tips
    assert tip.platform_message_id == DM_MID


def test_one_bad_item_never_costs_the_others() -> None:
    batch = normalize(load("malformed_mixed.json"))
    assert [t.platform_message_id for t in batch.tips] == ["17912345678900010"]
    assert [i.reason for i in batch.ignored] == ["malformed_item"] * 6
    assert batch.ignored[-1].platform_message_id == mid(16)


def test_poll_source_is_kept() -> None:
    (tip,) = normalize(load("comment.json"), source=Source.POLL).tips
    assert tip.source is Source.POLL


def test_no_comment_text_is_ignored() -> None:
    payload = load("comment.json")
    del payload["entry"][0]["changes"][0]["value"]["text"]
    item = only_ignored(normalize(payload))
    assert item.reason == "empty_message"


def test_comment_without_from_keeps_the_comment() -> None:
    payload = load("comment.json")
    del payload["entry"][0]["changes"][0]["value"]["from"]
    (tip,) = normalize(payload).tips
    assert tip.author_id is None
    assert tip.author_handle is None


@pytest.mark.parametrize("obj", ["page", "whatsapp_business_account", None, 3])
def test_other_objects_are_unsupported(obj: object) -> None:
    with pytest.raises(UnsupportedPayload):
        normalize({"object": obj, "entry": []})


def test_entry_must_be_a_list() -> None:
    with pytest.raises(MalformedPayload):
        normalize({"object": "instagram", "entry": {}})


def test_naive_ingested_at_is_a_caller_bug() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        normalize_instagram(load("comment.json"), raw_sha256=None, ingested_at=datetime(2026, 4, 6))  # noqa: DTZ001
